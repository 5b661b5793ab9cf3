//! The web app in a real browser, headless, driven over WebDriver: Debian's
//! Chromium (through chromium-driver) or, with `--firefox`, Debian's Firefox
//! ESR (through geckodriver). Run by `.ci/check-clients`, never by `cargo
//! test`:
//!
//! ```sh
//! cargo run --example browser -- [--firefox] [SCREENSHOT_DIR]
//! ```
//!
//! It starts `vanban serve` in-process on a free loopback port, then: opens
//! the page, chooses a kind, types a trích yếu and sees it in the preview;
//! downloads the PDF and the DOCX and reads them back; drops a DOCX draft
//! and sees its fields filled; runs the sample batch and reads its ZIP; and
//! takes a screenshot of each page at 1366×768.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The browsers the test drives.
#[derive(Clone, Copy, PartialEq)]
enum Browser {
    Chromium,
    Firefox,
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let browser = match args.iter().position(|a| a == "--firefox") {
        Some(i) => {
            args.remove(i);
            Browser::Firefox
        }
        None => Browser::Chromium,
    };
    let name = match browser {
        Browser::Chromium => "Chromium",
        Browser::Firefox => "Firefox",
    };
    let shots = args.first().map(PathBuf::from);
    match run(browser, shots.as_deref()) {
        Ok(()) => println!("browser: every step passed in {name}"),
        Err(e) => {
            eprintln!("browser: FAIL in {name}: {e}");
            std::process::exit(1);
        }
    }
}

type R<T> = Result<T, String>;

fn run(browser: Browser, shots: Option<&Path>) -> R<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().map_err(|e| e.to_string())?;
    let downloads = work.path().join("downloads");
    std::fs::create_dir(&downloads).map_err(|e| e.to_string())?;
    if let Some(dir) = shots {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let base = start_server()?;
    let driver = Driver::start(browser, work.path())?;
    let b = driver.session(&downloads, &work.path().join("profile"))?;
    let result = steps(&b, &base, &root, &downloads, shots);
    let _ = b.delete();
    result
}

fn steps(b: &Session, base: &str, root: &Path, downloads: &Path, shots: Option<&Path>) -> R<()> {
    // 1. The page, a kind, a trích yếu typed into the form: in the preview.
    b.go(&format!("{base}/"))?;
    b.wait("the starter's preview", |b| {
        b.eval("return document.querySelectorAll('#preview img').length > 0")
    })?;
    b.select("#kind", "ke-hoach")?;
    b.wait("the plan's starter", |b| {
        b.eval("return document.getElementById('yaml').value.includes('kind: ke-hoach')")
    })?;
    let summary = "tổ chức Ngày hội chuyển đổi số năm 2027 trên địa bàn xã";
    b.wait("the form", |b| {
        b.eval("return !!document.querySelector('[data-path=\"summary\"]')")
    })?;
    b.clear_and_type("[data-path=\"summary\"]", summary)?;
    b.wait("the trích yếu in the preview", |b| {
        b.eval(&format!(
            "return [...document.querySelectorAll('#preview img')].some(i => i.alt.replace(/\\s+/g,' ').includes({}))",
            json!(summary)
        ))
    })?;
    b.wait("the trích yếu in the YAML", |b| {
        b.eval(&format!(
            "return document.getElementById('yaml').value.includes({})",
            json!(summary)
        ))
    })?;
    // Every page drawn, those kept from the last preview as well as the new.
    b.wait("every page of the preview drawn", |b| {
        b.eval("const pages = [...document.querySelectorAll('#preview img')]; return pages.length > 0 && pages.every(i => i.complete && i.naturalWidth > 0)")
    })?;
    println!("ok   compose: the typed trích yếu is in the preview and the YAML");
    if let Some(dir) = shots {
        b.screenshot(&dir.join("serve-soan.png"))?;
    }
    // 2. Downloads, read back.
    b.click("#dl-pdf")?;
    let pdf = wait_file(downloads, "ke-hoach.pdf")?;
    let text = pdf_text(&pdf)?;
    if !squash(&text).contains(summary) {
        return Err(format!("the downloaded PDF lacks the trích yếu: {text}"));
    }
    b.click("#dl-docx")?;
    let docx = wait_file(downloads, "ke-hoach.docx")?;
    let xml = docx_document(&docx)?;
    if !xml.contains("chuyển đổi số năm 2027") {
        return Err("the downloaded DOCX lacks the trích yếu".into());
    }
    println!(
        "ok   downloads: PDF ({} bytes) and DOCX ({} bytes) hold the trích yếu",
        pdf.len(),
        docx.len()
    );
    kept_pages(b, root)?;
    // 3. A DOCX draft dropped on the page: its fields filled.
    let draft = vanban::render::Format::Docx
        .write(
            &vanban::api::load(
                &root.join("samples/state-quyet-dinh.yaml"),
                &vanban::compose::Templates::load(None).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
    drop_file(b, "#drop-soan", "quyet-dinh-du-thao.docx", &draft)?;
    b.wait("the draft's fields", |b| {
        b.eval("const f = document.querySelector('[data-path=\"issuer.abbr\"]'); return !!f && f.value === 'UBND' && document.getElementById('yaml').value.includes('kind: quyet-dinh')")
    })?;
    b.wait("the draft's preview", |b| {
        b.eval("return document.querySelectorAll('#preview img').length > 0")
    })?;
    println!("ok   drop: the DOCX draft filled the form (issuer UBND, kind quyet-dinh)");
    // The English switch.
    b.click("#lang")?;
    b.wait("English", |b| {
        b.eval("return document.querySelector('nav a').textContent === 'Compose'")
    })?;
    b.click("#lang")?;
    // 4. The sample batch.
    b.go(&format!("{base}/bao-cao"))?;
    let units = root.join("samples/units");
    let mut files: Vec<String> = std::fs::read_dir(&units)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    b.send_keys("#batch-files", &files.join("\n"))?;
    b.click("#batch-run")?;
    b.wait("the batch's end", |b| {
        b.eval("return !document.getElementById('batch-zip').hidden")
    })
    .map_err(|e| {
        let status = b.eval("return document.getElementById('batch-status').textContent");
        format!("{e} ({status:?})")
    })?;
    let failed = b.eval("return document.querySelectorAll('#batch-table tr.failed').length")?;
    let located =
        b.eval("return document.querySelector('#batch-table tr.failed .located').textContent")?;
    if failed != json!(1)
        || !located
            .as_str()
            .unwrap_or("")
            .contains("chi-bo-thon-phu-my.yaml:")
    {
        return Err(format!(
            "expected one failed unit with its place, got {failed} {located}"
        ));
    }
    if let Some(dir) = shots {
        b.screenshot(&dir.join("serve-bao-cao.png"))?;
    }
    b.click("#batch-zip")?;
    let zip = wait_file(downloads, "vanban-bao-cao.zip")?;
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|e| e.to_string())?;
    let names = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<Vec<String>, _>>()
        .map_err(|e| e.to_string())?;
    let pdfs = names.iter().filter(|n| n.ends_with(".pdf")).count();
    if pdfs != 21 || !names.iter().any(|n| n == "manifest.csv") {
        return Err(format!("the ZIP holds {pdfs} PDFs: {names:?}"));
    }
    println!(
        "ok   batch: 20 units and the consolidated report in the ZIP, the broken unit located"
    );
    // 5. Checking a DOCX made elsewhere.
    b.go(&format!("{base}/kiem-tra"))?;
    let bad = docx_without_motto(&docx)?;
    let path = downloads.join("van-ban-noi-khac.docx");
    std::fs::write(&path, bad).map_err(|e| e.to_string())?;
    b.send_keys("#check-files", &path.display().to_string())?;
    b.wait("the findings", |b| {
        b.eval("return document.querySelectorAll('#check-results li.error').length > 0")
    })?;
    println!("ok   check: the DOCX without its motto is flagged");
    if let Some(dir) = shots {
        b.screenshot(&dir.join("serve-kiem-tra.png"))?;
    }
    Ok(())
}

/// Starts the server on a free loopback port, on its own thread.
/// A 4-page document in the YAML pane, then its trích yếu changed: page 1
/// is drawn anew and the pages after it keep the drawing they had.
fn kept_pages(b: &Session, root: &Path) -> R<()> {
    let guidance = std::fs::read_to_string(root.join("samples/huong-dan-44-HD-BTGHU.yaml"))
        .map_err(|e| e.to_string())?;
    b.eval_args(
        "const y = document.getElementById('yaml'); y.value = arguments[0]; y.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([guidance]),
    )?;
    let drawn = "const p = [...document.querySelectorAll('#preview img')]; return p.length >= 4 && p.every(i => i.complete && i.naturalWidth > 0)";
    b.wait("the guidance's pages", |b| b.eval(drawn))?;
    let sources = "return [...document.querySelectorAll('#preview img')].map(i => i.src)";
    let before = b.eval(sources)?;
    b.clear_and_type("[data-path=\"summary\"]", "công tác khoa giáp năm 2023")?;
    b.wait("the changed trích yếu in the preview", |b| {
        b.eval("return document.querySelector('#preview img').alt.includes('khoa giáp')")
    })?;
    b.wait("the guidance's pages", |b| b.eval(drawn))?;
    let after = b.eval(sources)?;
    let (Some(before), Some(after)) = (before.as_array(), after.as_array()) else {
        return Err("no pages".into());
    };
    if after.len() != before.len() || after[0] == before[0] || after[1..] != before[1..] {
        return Err(format!(
            "page 1 not redrawn or the others not kept: {before:?} → {after:?}"
        ));
    }
    println!(
        "ok   preview: a change on page 1 of {} redraws page 1 and keeps the others",
        after.len()
    );
    Ok(())
}

fn start_server() -> R<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let config = vanban::serve::Config::local(0);
        let result = vanban::serve::run(config, |address, _| {
            let _ = tx.send(address);
        });
        if let Err(e) = result {
            eprintln!("server: {e}");
        }
    });
    let address = rx
        .recv_timeout(Duration::from_secs(30))
        .map_err(|e| e.to_string())?;
    Ok(format!("http://127.0.0.1:{}", address.port()))
}

/// Drops a file on an element, as a browser's drag and drop does.
fn drop_file(b: &Session, target: &str, name: &str, bytes: &[u8]) -> R<()> {
    let script = "const [sel, name, b64] = arguments;
        const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        const zone = document.querySelector(sel);
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        return true;";
    b.eval_args(script, json!([target, name, base64(bytes)]))?;
    Ok(())
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn unbase64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::new();
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, c)| n | (value(*c) as u32) << (18 - 6 * i));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// Waits for a finished download: the file there and not empty, with no
/// partial file beside it (Chromium writes `NAME.crdownload` first, Firefox
/// an empty `NAME` and `NAME.part`).
fn wait_file(dir: &Path, name: &str) -> R<Vec<u8>> {
    let path = dir.join(name);
    let partial = |ext: &str| dir.join(format!("{name}.{ext}")).exists();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > 0 && !partial("part") && !partial("crdownload") {
            std::thread::sleep(Duration::from_millis(300));
            return std::fs::read(&path).map_err(|e| e.to_string());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let seen: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    Err(format!("no download {name} (have {seen:?})"))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_text(pdf: &[u8]) -> R<String> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).map_err(|e| e.to_string())
}

fn docx_document(docx: &[u8]) -> R<String> {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    Ok(xml)
}

/// The same DOCX with the national motto's text taken out.
fn docx_without_motto(docx: &[u8]) -> R<Vec<u8>> {
    use std::io::{Read, Write};
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if name == "word/document.xml" {
            let xml = String::from_utf8_lossy(&bytes).replace("ĐẢNG CỘNG SẢN VIỆT NAM", "");
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

// ---- A small WebDriver client --------------------------------------------

/// chromedriver or geckodriver, on a free port, ended when dropped.
struct Driver {
    child: std::process::Child,
    url: String,
    browser: Browser,
}

impl Driver {
    fn start(browser: Browser, work: &Path) -> R<Driver> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let mut command = match browser {
            Browser::Chromium => {
                let mut c = std::process::Command::new("chromedriver");
                let log = work.join("chromedriver.log");
                c.arg(format!("--port={port}"))
                    .arg(format!("--log-path={}", log.display()));
                c
            }
            Browser::Firefox => {
                let program = std::env::var("GECKODRIVER").unwrap_or("geckodriver".into());
                let mut c = std::process::Command::new(program);
                c.args(["--port", &port.to_string(), "--log", "warn"]);
                c
            }
        };
        // The browser's own chatter goes to a log of the run's, not the
        // terminal.
        let log = std::fs::File::create(work.join("browser.log")).map_err(|e| e.to_string())?;
        let child = command
            .stdout(std::process::Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("the WebDriver server: {e} (.ci/check-clients installs it)"))?;
        let url = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while ureq::get(&format!("{url}/status")).call().is_err() {
            if start.elapsed() > Duration::from_secs(30) {
                return Err("the WebDriver server did not start".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Driver {
            child,
            url,
            browser,
        })
    }

    fn session(&self, downloads: &Path, profile: &Path) -> R<Session> {
        let caps = match self.browser {
            Browser::Chromium => chromium_options(downloads, profile),
            Browser::Firefox => firefox_options(downloads),
        };
        let caps = json!({ "capabilities": { "alwaysMatch": caps } });
        let value = request(&format!("{}/session", self.url), Some(caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or(format!("no session: {value}"))?;
        let session = Session {
            url: format!("{}/session/{id}", self.url),
        };
        if self.browser == Browser::Chromium {
            // Downloads allowed into the folder, headless or not.
            session.post(
                "/goog/cdp/execute",
                json!({ "cmd": "Browser.setDownloadBehavior",
                "params": { "behavior": "allow", "downloadPath": downloads.display().to_string() } }),
            )?;
            // The page area, not the window, at 1366×768.
            session.post(
                "/goog/cdp/execute",
                json!({ "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": false } }),
            )?;
        }
        Ok(session)
    }
}

fn chromium_options(downloads: &Path, profile: &Path) -> Value {
    json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--window-size=1366,768", "--lang=vi", format!("--user-data-dir={}", profile.display())],
            "prefs": { "download.default_directory": downloads.display().to_string(),
                       "download.prompt_for_download": false }
        }
    })
}

/// Headless Firefox ESR, its window (which is all page when headless) at
/// 1366×768, downloads saved into the folder without asking.
fn firefox_options(downloads: &Path) -> Value {
    json!({
        "browserName": "firefox",
        "moz:firefoxOptions": {
            "binary": "/usr/bin/firefox-esr",
            "args": ["-headless", "--width=1366", "--height=768"],
            "prefs": {
                "browser.download.folderList": 2,
                "browser.download.dir": downloads.display().to_string(),
                "browser.download.useDownloadDir": true,
                "browser.download.always_ask_before_handling_new_types": false,
                "browser.download.manager.showWhenStarting": false,
                "browser.helperApps.neverAsk.saveToDisk":
                    "application/pdf,application/zip,application/x-yaml,application/octet-stream,\
                     application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "pdfjs.disabled": true,
                "intl.accept_languages": "vi",
                "datareporting.policy.dataSubmissionEnabled": false,
                "app.update.enabled": false
            }
        }
    })
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn request(url: &str, body: Option<Value>) -> R<Value> {
    let response = match body {
        Some(body) => ureq::post(url)
            .header("content-type", "application/json")
            .send(body.to_string().as_bytes()),
        None => ureq::get(url).call(),
    };
    let text = match response {
        Ok(mut r) => r.body_mut().read_to_string().map_err(|e| e.to_string())?,
        Err(ureq::Error::StatusCode(code)) => {
            return Err(format!("WebDriver answered {code} to {url}"));
        }
        Err(e) => return Err(e.to_string()),
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
    Ok(value["value"].clone())
}

struct Session {
    url: String,
}

impl Session {
    fn post(&self, path: &str, body: Value) -> R<Value> {
        let value = request(&format!("{}{path}", self.url), Some(body))?;
        if let Some(error) = value.get("error") {
            return Err(format!("{path}: {error} {}", value["message"]));
        }
        Ok(value)
    }

    fn go(&self, url: &str) -> R<()> {
        self.post("/url", json!({ "url": url })).map(|_| ())
    }

    fn eval(&self, script: &str) -> R<Value> {
        self.eval_args(script, json!([]))
    }

    fn eval_args(&self, script: &str, args: Value) -> R<Value> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
    }

    fn element(&self, css: &str) -> R<String> {
        let value = self.post("/element", json!({ "using": "css selector", "value": css }))?;
        value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or(format!("no element {css}"))
    }

    fn click(&self, css: &str) -> R<()> {
        let id = self.element(css)?;
        self.post(&format!("/element/{id}/click"), json!({}))
            .map(|_| ())
    }

    fn send_keys(&self, css: &str, text: &str) -> R<()> {
        let id = self.element(css)?;
        self.post(&format!("/element/{id}/value"), json!({ "text": text }))
            .map(|_| ())
    }

    fn clear_and_type(&self, css: &str, text: &str) -> R<()> {
        let id = self.element(css)?;
        self.post(&format!("/element/{id}/clear"), json!({}))?;
        self.send_keys(css, text)
    }

    fn select(&self, css: &str, value: &str) -> R<()> {
        self.eval_args(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true })); return s.value;",
            json!([css, value]),
        )
        .and_then(|v| if v == json!(value) { Ok(()) } else { Err(format!("{css} has no option {value}")) })
    }

    /// Polls `check` until it returns true (at most 60 s).
    fn wait(&self, what: &str, check: impl Fn(&Session) -> R<Value>) -> R<()> {
        let start = Instant::now();
        loop {
            if check(self)? == json!(true) {
                return Ok(());
            }
            if start.elapsed() > Duration::from_secs(60) {
                return Err(format!("timed out waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn screenshot(&self, path: &Path) -> R<()> {
        std::thread::sleep(Duration::from_millis(300));
        let value = request(&format!("{}/screenshot", self.url), None)?;
        let png = unbase64(value.as_str().ok_or("no screenshot")?);
        std::fs::write(path, png).map_err(|e| e.to_string())?;
        println!("     screenshot {}", path.display());
        Ok(())
    }

    fn delete(&self) -> R<()> {
        ureq::delete(&self.url)
            .call()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
