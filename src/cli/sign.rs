//! `vanban sign`, and the certificate for `render --sign` and `batch --sign`:
//! the PKCS#12 file, its password (from `VANBAN_P12_PASSWORD` or asked on
//! the terminal, never on the command line), the signature image.

use super::{EXIT_OK, report};
use crate::error::{Error, ErrorKind, Result};
use crate::sign::{SignatureImage, Signer, Signing};
use std::path::{Path, PathBuf};

/// The environment variable that may hold the PKCS#12 file's password.
pub const PASSWORD_VAR: &str = "VANBAN_P12_PASSWORD";

#[derive(clap::Args)]
pub struct SignArgs {
    /// The PDF files to sign.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The certificate and its key: a PKCS#12 file (.p12, .pfx). Its
    /// password comes from VANBAN_P12_PASSWORD, or is asked for.
    #[arg(long, value_name = "CERT.p12")]
    p12: PathBuf,
    /// The signer's signature image (PNG, transparent background), shown in
    /// the room to sign (ô 7c); without it the signature is invisible.
    #[arg(long, value_name = "IMAGE.png")]
    image: Option<PathBuf>,
    /// Where to write the signed file (one input only; default:
    /// NAME.signed.pdf beside it).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: SignArgs) -> i32 {
    if args.output.is_some() && args.files.len() > 1 {
        return report(&Error::new(
            ErrorKind::Input,
            crate::tr!("không ký được", "could not sign"),
            crate::tr!(
                "-o chỉ dùng khi ký một tệp",
                "-o takes a single file to sign"
            ),
        ));
    }
    let signing = match signing(&args.p12, args.image.as_deref()) {
        Ok(s) => s,
        Err(e) => return report(&e),
    };
    let mut code = EXIT_OK;
    for file in &args.files {
        let out = args.output.clone().unwrap_or_else(|| signed_name(file));
        let result = std::fs::read(file)
            .map_err(|e| Error::io("read", file, &e))
            .and_then(|pdf| signing.sign_now(&pdf))
            .and_then(|signed| crate::output::write_atomic(&out, &signed));
        match result {
            Ok(()) => println!("{}", out.display()),
            Err(e) => code = code.max(report(&e)),
        }
    }
    code
}

/// `a/b.pdf` → `a/b.signed.pdf`.
fn signed_name(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    file.with_file_name(format!("{stem}.signed.pdf"))
}

/// The certificate of `p12` (and the image), ready to sign.
pub fn signing(p12: &Path, image: Option<&Path>) -> Result<Signing> {
    let bytes = std::fs::read(p12).map_err(|e| Error::io("read", p12, &e))?;
    let image = match image {
        Some(path) => {
            let png = std::fs::read(path).map_err(|e| Error::io("read", path, &e))?;
            Some(SignatureImage::from_png(&png, path)?)
        }
        None => None,
    };
    let signer = Signer::from_pkcs12(&bytes, &password(p12)?, p12)?;
    Ok(Signing { signer, image })
}

fn password(p12: &Path) -> Result<String> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(password);
    }
    let prompt = crate::tr!("Mật khẩu của {}: ", "Password of {}: ", p12.display());
    rpassword::prompt_password(prompt).map_err(|e| {
        Error::new(
            ErrorKind::Input,
            crate::tr!(
                "không hỏi được mật khẩu của {}",
                "could not ask for the password of {}",
                p12.display()
            ),
            e.to_string(),
        )
        .hint(crate::tr!(
            "đặt mật khẩu vào biến môi trường {PASSWORD_VAR}",
            "put the password in the environment variable {PASSWORD_VAR}"
        ))
    })
}
