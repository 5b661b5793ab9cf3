//! `vanban serve`: the address, the token beyond loopback, opening a browser.

use super::out::{errln, outln};
use super::{EXIT_IO, EXIT_OK};
use std::net::IpAddr;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on. Anything but loopback (127.0.0.1, ::1)
    /// requires the access token printed at start on every request.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
}

pub fn run(args: ServeArgs) -> i32 {
    let mut config = crate::serve::Config::local(args.port);
    config.host = args.host;
    if !args.host.is_loopback() {
        match crate::serve::new_token() {
            Ok(token) => config.token = Some(token),
            Err(e) => {
                errln!(
                    "{}",
                    crate::tr!(
                        "lỗi: không tạo được mã truy cập ({e})",
                        "error: could not make an access token ({e})"
                    )
                );
                return EXIT_IO;
            }
        }
    }
    let open = args.open;
    let ready = |address: std::net::SocketAddr, link: &str| {
        outln!(
            "{}",
            crate::tr!("vanban đang chạy tại {link}", "vanban is serving at {link}")
        );
        if !address.ip().is_loopback() {
            outln!(
                "{}",
                crate::tr!(
                    "máy khác trong mạng mở bằng địa chỉ IP của máy này, kèm ?token= như trên; ai có mã này đều dùng được",
                    "other machines open it with this machine's IP address and the same ?token=; anyone with the token can use it"
                )
            );
        }
        outln!(
            "{}",
            crate::tr!("Nhấn Ctrl+C để dừng.", "Press Ctrl+C to stop.")
        );
        if open {
            open_browser(link);
        }
    };
    match crate::serve::run(config, ready) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            errln!(
                "{}",
                crate::tr!(
                    "lỗi: không mở được máy chủ web ({e})",
                    "error: could not start the web server ({e})"
                )
            );
            errln!(
                "{}",
                crate::tr!(
                    "gợi ý: cổng đã có chương trình khác dùng? thử --port 8090",
                    "hint: is the port taken? try --port 8090"
                )
            );
            EXIT_IO
        }
    }
}

/// Asks the desktop to open `link`; a failure only prints the link again.
fn open_browser(link: &str) {
    let opener = if cfg!(target_os = "windows") {
        std::process::Command::new("explorer").arg(link).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(link).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(link).spawn()
    };
    if opener.is_err() {
        errln!(
            "{}",
            crate::tr!(
                "không mở được trình duyệt; hãy mở {link}",
                "could not open a browser; open {link}"
            )
        );
    }
}
