//! `vanban serve`, called in-process (no socket): every page and endpoint
//! answers with what the library makes, and every refusal refuses — and
//! writes nothing.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use common::*;
use http_body_util::BodyExt;
use std::io::Write;
use std::path::Path;
use tower::ServiceExt;
use vanban::serve::{Config, router};

const HOST: &str = "127.0.0.1:8080";
const ORIGIN: &str = "http://127.0.0.1:8080";

/// The app with its temporary folders made in `tmp`, in Vietnamese.
fn app(tmp: &Path) -> Router {
    let mut config = Config::local(8080);
    config.temp_root = tmp.to_path_buf();
    config.lang = vanban::lang::Lang::Vi;
    router(config)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

fn post(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .body(body.into())
        .unwrap()
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, Response<()>, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, Response::from_parts(parts, ()), bytes)
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

/// Nothing left in the temporary root: every request's folder was removed
/// (or never made).
fn nothing_written(tmp: &Path) {
    let left: Vec<_> = std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(sample(name)).unwrap()
}

/// A ZIP of (name, bytes) entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A multipart body of files, and its content type.
fn multipart(files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "vanban-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn batch_request(files: &[(String, Vec<u8>)]) -> Request<Body> {
    let (content_type, body) = multipart(files);
    Request::post("/api/batch")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn the_three_pages_and_their_assets_are_served_with_a_strict_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    for path in ["/", "/bao-cao", "/kiem-tra"] {
        let (status, response, body) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains(r#"<script src="/assets/app.js" defer></script>"#));
        for section in [r#"id="soan""#, r#"id="bao-cao""#, r#"id="kiem-tra""#] {
            assert!(html.contains(section), "{path}: {section}");
        }
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
    }
    for (name, mime) in [
        ("app.js", "text/javascript"),
        ("i18n.js", "text/javascript"),
        ("app.css", "text/css"),
    ] {
        let (status, response, body) = send(&app, get(&format!("/assets/{name}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(mime)
        );
        assert!(body.len() > 1000, "{name}");
    }
    let script = String::from_utf8(send(&app, get("/assets/app.js")).await.2).unwrap();
    // User text reaches the page as text only.
    assert!(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML"));
    assert!(
        !script.contains("http://") && !script.contains("https://"),
        "no CDN"
    );
    let (status, _, _) = send(&app, get("/assets/../Cargo.toml")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = send(&app, get("/assets/secret.txt")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    nothing_written(tmp.path());
}

#[tokio::test]
async fn rules_schema_and_starters_come_from_the_rule_sets() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let (status, _, body) = send(&app, get("/api/rules")).await;
    assert_eq!(status, StatusCode::OK);
    let rules = json(&body);
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["party-hd36-2018", "state-nd30-2020"]);
    let party = &rules[0];
    assert!(
        party["prefixes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "T/M")
    );
    let guidance = party["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "huong-dan")
        .unwrap();
    assert_eq!(guidance["name"], "HƯỚNG DẪN");
    let (status, _, body) = send(&app, get("/api/schema")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(json(&body)["properties"]["summary"].is_object());
    let (status, _, body) = send(&app, get("/api/starter?regime=state&kind=quyet-dinh")).await;
    assert_eq!(status, StatusCode::OK);
    let yaml = String::from_utf8(body).unwrap();
    assert!(
        yaml.contains("rules: state-nd30-2020") && yaml.contains("kind: quyet-dinh"),
        "{yaml}"
    );
    let (status, _, body) = send(
        &app,
        get("/api/starter?regime=state&kind=no-such-kind&lang=en"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json(&body)["findings"][0]["cause"]
            .as_str()
            .unwrap()
            .contains("is not a kind")
    );
}

#[tokio::test]
async fn the_preview_is_the_pdf_layout_as_svg_with_the_checks_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let yaml = sample_text("huong-dan-44-HD-BTGHU.yaml");
    let (status, _, body) = send(&app, post("/api/preview?lang=en", yaml.clone())).await;
    assert_eq!(status, StatusCode::OK);
    let preview = json(&body);
    let pages = preview["pages"].as_array().unwrap();
    let texts = preview["texts"].as_array().unwrap();
    // As many pages as the PDF the same YAML makes.
    let doc = model(&sample("huong-dan-44-HD-BTGHU.yaml"));
    let pdf = vanban::render::Format::Pdf.write(&doc).unwrap();
    assert_eq!(pages.len(), pdf_pages(&pdf).len());
    for page in pages {
        let svg = page["svg"].as_str().unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("viewBox"),
            "{}",
            &svg[..80]
        );
    }
    assert!(squash(texts[0].as_str().unwrap()).contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert_eq!(preview["value"]["kind"], "huong-dan");
    assert!(preview["findings"].is_array());
}

/// A preview request that says which pages the page shows.
fn post_shown(uri: &str, body: String, shown: &str) -> Request<Body> {
    let mut request = post(uri, body);
    let value = header::HeaderValue::from_str(shown).unwrap();
    request.headers_mut().insert("x-vanban-shown", value);
    request
}

/// Each page of a preview: its id, and whether its SVG came with it.
fn sent_pages(preview: &serde_json::Value) -> Vec<(String, bool)> {
    let pages = preview["pages"].as_array().unwrap();
    let page =
        |p: &serde_json::Value| (p["id"].as_str().unwrap().to_string(), p["svg"].is_string());
    pages.iter().map(page).collect()
}

#[tokio::test]
async fn the_preview_sends_only_the_pages_the_page_does_not_show() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let yaml = sample_text("huong-dan-44-HD-BTGHU.yaml");
    let first = json(&send(&app, post("/api/preview", yaml.clone())).await.2);
    let pages = sent_pages(&first);
    assert!(
        pages.len() >= 3 && pages.iter().all(|(_, sent)| *sent),
        "{pages:?}"
    );
    let ids: Vec<String> = pages.iter().map(|(id, _)| id.clone()).collect();
    let all = ids.join(" ");
    // Shown already: the same ids, no SVG.
    let again = json(
        &send(&app, post_shown("/api/preview", yaml.clone(), &all))
            .await
            .2,
    );
    assert_eq!(
        sent_pages(&again),
        ids.iter().map(|id| (id.clone(), false)).collect::<Vec<_>>()
    );
    // A letter of the trích yếu changed: page 1 is new and sent, drawn with
    // the new text; the pages after it are as they were, and not sent.
    let edited = yaml.replacen(
        "summary: công tác khoa giáo",
        "summary: công tác khoa giáp",
        1,
    );
    assert_ne!(edited, yaml);
    let answer = json(&send(&app, post_shown("/api/preview", edited, &all)).await.2);
    let pages = sent_pages(&answer);
    assert!(pages[0].0 != ids[0] && pages[0].1, "{pages:?}");
    assert!(squash(answer["texts"][0].as_str().unwrap()).contains("khoa giáp"));
    assert_ne!(answer["pages"][0]["svg"], first["pages"][0]["svg"]);
    for (page, id) in pages.iter().zip(&ids).skip(1) {
        assert_eq!(page, &(id.clone(), false));
    }
    // Ids the server never gave, or a header that is not ids, change
    // nothing: every page comes with its SVG.
    let shown = format!("{} ../x {}", "0".repeat(32), "f".repeat(40));
    let answer = json(&send(&app, post_shown("/api/preview", yaml, &shown)).await.2);
    assert!(sent_pages(&answer).iter().all(|(_, sent)| *sent));
}

#[tokio::test]
async fn a_bad_field_is_found_at_its_line_and_field_and_nothing_is_laid_out() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let yaml = std::fs::read_to_string(root().join("tests/bad/bad-date.yaml")).unwrap();
    let line = yaml.lines().position(|l| l.starts_with("date:")).unwrap() + 1;
    let (status, _, body) = send(&app, post("/api/preview?lang=en", yaml)).await;
    assert_eq!(status, StatusCode::OK);
    let preview = json(&body);
    assert!(preview["pages"].as_array().unwrap().is_empty());
    let findings = preview["findings"].as_array().unwrap();
    let date = findings
        .iter()
        .find(|f| f["field"] == "date")
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!(date["warning"], false);
    assert_eq!(date["line"], line);
    // The same in Vietnamese, when the page asks for it.
    let yaml = std::fs::read_to_string(root().join("tests/bad/bad-date.yaml")).unwrap();
    let vi = json(&send(&app, post("/api/preview?lang=vi", yaml)).await.2);
    assert_ne!(vi["findings"][0]["message"], findings[0]["message"]);
    // A warning of check (the trích yếu's case) comes with its rule's code.
    let yaml = std::fs::read_to_string(root().join("tests/check/vb207-summary-case.yaml")).unwrap();
    let found = json(&send(&app, post("/api/preview", yaml)).await.2);
    let codes: Vec<&str> = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"VB207"), "{codes:?}");
}

#[tokio::test]
async fn user_text_stays_text_in_the_preview_and_the_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let hostile = r#"<script>alert(1)</script> #read("/etc/passwd") {{ x }}"#;
    let yaml = sample_text("party-bao-cao.yaml");
    let summary_line = yaml.lines().find(|l| l.starts_with("summary:")).unwrap();
    let yaml = yaml.replace(summary_line, &format!("summary: '{hostile}'"));
    let preview = json(&send(&app, post("/api/preview", yaml.clone())).await.2);
    let all: String = preview["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    // Compared without spaces: the line may break anywhere in it.
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    assert!(bare(all.as_str()).contains(&bare(hostile)), "{all}");
    for page in preview["pages"].as_array().unwrap() {
        assert!(!page["svg"].as_str().unwrap().contains("<script"));
    }
    let (status, _, pdf) = send(&app, post("/api/render/pdf", yaml)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bare(pdf_text(&pdf).as_str()).contains(&bare(hostile)));
}

#[tokio::test]
async fn downloads_are_the_documents_the_command_line_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let name = "huong-dan-44-HD-BTGHU.yaml";
    let doc = model(&sample(name));
    for (format, writer, mime) in [
        ("pdf", vanban::render::Format::Pdf, "application/pdf"),
        (
            "docx",
            vanban::render::Format::Docx,
            "application/vnd.openxmlformats",
        ),
    ] {
        let uri = format!("/api/render/{format}?name=H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.yaml");
        let (status, response, body) = send(&app, post(&uri, sample_text(name))).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let headers = response.headers();
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(mime)
        );
        let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(
            disposition.contains(&format!(
                "filename*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.{format}"
            )),
            "{disposition}"
        );
        // Byte for byte what `vanban render` writes (the Source's name is not in the output).
        assert_eq!(body, writer.write(&doc).unwrap(), "{format}");
    }
    let (status, _, body) = send(&app, post("/api/render/pdf?lang=en", "rules: nothing\n")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["findings"][0]["cause"].is_string());
    let (status, _, _) = send(&app, post("/api/render/odt", sample_text(name))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    nothing_written(tmp.path());
}

#[tokio::test]
async fn a_docx_draft_is_imported_and_its_folder_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let doc = model(&sample("state-cong-van.yaml"));
    let docx = vanban::render::Format::Docx.write(&doc).unwrap();
    let (status, _, body) = send(&app, post("/api/import?name=du-thao.docx", docx)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let imported = json(&body);
    let yaml = imported["yaml"].as_str().unwrap();
    assert!(
        yaml.contains("rules: state-nd30-2020") && yaml.contains("kind: cong-van"),
        "{yaml}"
    );
    assert!(
        yaml.contains(&doc.meta.title.chars().take(20).collect::<String>())
            || yaml.contains("summary:")
    );
    // It reads back as a document.
    let preview = json(&send(&app, post("/api/preview", yaml.to_string())).await.2);
    assert!(
        !preview["pages"].as_array().unwrap().is_empty(),
        "{preview}"
    );
    let text = std::fs::read(root().join("tests/drafts/state-cong-van.txt")).unwrap();
    let (status, _, body) = send(&app, post("/api/import?name=cv.txt", text)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        json(&body)["yaml"]
            .as_str()
            .unwrap()
            .contains("kind: cong-van")
    );
    // Last year's signed PDF: our own PDF of the sample, read back.
    let pdf = vanban::render::Format::Pdf.write(&doc).unwrap();
    let (status, _, body) = send(&app, post("/api/import?name=nam-truoc.pdf", pdf)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let yaml = json(&body)["yaml"].as_str().unwrap().to_string();
    assert!(
        yaml.contains("rules: state-nd30-2020") && yaml.contains("kind: cong-van"),
        "{yaml}"
    );
    let (status, _, body) = send(&app, post("/api/import?name=hong.pdf", "%PDF-1.7 no")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let (status, _, body) = send(&app, post("/api/import?name=x.exe", "MZ")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&body).contains(".pdf"));
    // A name that tries to leave the folder is not used as a name.
    let (status, _, _) = send(&app, post("/api/import?name=../../x.txt", "Kính gửi: A")).await;
    assert!(!status.is_server_error(), "{status}");
    assert!(!tmp.path().parent().unwrap().join("x.txt").exists());
    nothing_written(tmp.path());
}

#[tokio::test]
async fn a_docx_made_elsewhere_is_checked_paragraph_by_paragraph() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let ours = vanban::render::Format::Docx
        .write(&model(&sample("state-cong-van.yaml")))
        .unwrap();
    let (status, _, body) = send(&app, post("/api/inspect?name=ours.docx", ours.clone())).await;
    assert_eq!(status, StatusCode::OK);
    let findings = json(&body)["findings"].as_array().unwrap().clone();
    assert!(
        !findings.iter().any(|f| f["code"] == "VB304"),
        "{findings:?}"
    );
    // The national motto removed: found, at its paragraph.
    let xml =
        docx_part(&ours, "word/document.xml").replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&ours)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = xml.clone().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let broken = out.finish().unwrap().into_inner();
    let (status, _, body) = send(&app, post("/api/inspect?name=theirs.docx&lang=en", broken)).await;
    assert_eq!(status, StatusCode::OK);
    let findings = json(&body)["findings"].as_array().unwrap().clone();
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "VB304" && f["line"].is_number()),
        "{findings:?}"
    );
    let (status, _, body) = send(&app, post("/api/inspect?name=x.docx&lang=en", "not a zip")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let cause = json(&body)["findings"][0].to_string();
    assert!(
        !cause.contains(tmp.path().to_str().unwrap()),
        "the temporary folder is not shown: {cause}"
    );
    let (status, _, _) = send(&app, post("/api/inspect?name=x.pdf", "%PDF")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    nothing_written(tmp.path());
}

fn sample_units() -> Vec<(String, Vec<u8>)> {
    let dir = root().join("samples/units");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Waits for a batch to finish (bounded: at most two minutes).
async fn finished(app: &Router, id: &str) -> serde_json::Value {
    for _ in 0..1200 {
        let report = json(&send(app, get(&format!("/api/batch/{id}"))).await.2);
        if report.get("units").is_some() || report.get("error").is_some() {
            return report;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the batch did not finish");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_batch_runs_from_a_zip_with_progress_and_one_zip_of_results() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let mut units = sample_units();
    // The consolidated report dated on a Sunday: a warning of `check`.
    let report_file = units
        .iter_mut()
        .find(|(n, _)| n == "_tong-hop.yaml")
        .unwrap();
    let sunday = String::from_utf8(report_file.1.clone())
        .unwrap()
        .replace("date: 2025-12-08", "date: 2025-12-07");
    report_file.1 = sunday.into_bytes();
    let entries: Vec<(String, &[u8])> = units
        .iter()
        .map(|(n, b)| (format!("units/{n}"), b.as_slice()))
        .collect();
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let zip = zip_of(&entries);
    let (status, _, body) = send(&app, batch_request(&[("units.zip".into(), zip)])).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let started = json(&body);
    assert_eq!(started["total"], 21);
    let id = started["id"].as_str().unwrap().to_string();
    let report = finished(&app, &id).await;
    let list = report["units"].as_array().unwrap();
    assert_eq!(list.len(), 21);
    let failed: Vec<_> = list.iter().filter(|u| u["status"] == "failed").collect();
    assert_eq!(failed.len(), 1, "{list:?}");
    assert_eq!(failed[0]["file"], "chi-bo-thon-phu-my.yaml");
    assert!(
        failed[0]["error"]["line"].is_number() && failed[0]["error"]["field"] == "date",
        "{:?}",
        failed[0]
    );
    assert!(list.iter().any(|u| u["status"] == "flagged"));
    let warned = &report["consolidated_warnings"];
    assert_eq!(warned[0]["code"], "VB204", "{warned}");
    assert!(warned[0]["line"].is_number() && report["consolidated_error"].is_null());
    // The events tell the same end.
    let (status, response, body) = send(&app, get(&format!("/api/batch/{id}/events"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let events = String::from_utf8(body).unwrap();
    assert!(
        events.contains("event: done") && events.contains("chi-bo-thon-phu-my.yaml"),
        "{events}"
    );
    // One ZIP: every unit's DOCX and PDF, the manifest, the consolidated report.
    let (status, _, zip) = send(&app, get(report["zip"].as_str().unwrap())).await;
    assert_eq!(status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".pdf")).count(),
        21,
        "{names:?}"
    );
    assert_eq!(names.iter().filter(|n| n.ends_with(".docx")).count(), 21);
    assert!(names.iter().any(|n| n == "manifest.csv"));
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("manifest.csv").unwrap(), &mut manifest)
        .unwrap();
    assert!(
        manifest.contains(",chi-bo-thon-phu-my.yaml:7:7: "),
        "{manifest}"
    );
    assert!(!manifest.contains(tmp.path().to_str().unwrap()));
    let mut pdf = Vec::new();
    let consolidated = names
        .iter()
        .find(|n| n.starts_with("tong-hop") && n.ends_with(".pdf"))
        .unwrap()
        .clone();
    std::io::Read::read_to_end(&mut archive.by_name(&consolidated).unwrap(), &mut pdf).unwrap();
    assert!(squash(&pdf_text(&pdf)).contains("Chi bộ thôn Cát Tiên"));
    nothing_written(tmp.path());
}

#[tokio::test]
async fn a_foreign_host_is_refused_before_anything_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    for host in [
        "evil.example:8080",
        "127.0.0.1:9999",
        "vanban.localhost.evil:8080",
        "10.0.0.5:8080",
        "localhost",
    ] {
        let request = Request::post("/api/import?name=a.txt")
            .header(header::HOST, host)
            .header(header::ORIGIN, format!("http://{host}"))
            .body(Body::from("Kính gửi: A"))
            .unwrap();
        let (status, _, _) = send(&app, request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{host}");
        let (status, _, _) = send(
            &app,
            Request::get("/")
                .header(header::HOST, host)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{host}");
    }
    let (status, _, _) = send(&app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no Host at all");
    for host in ["localhost:8080", "[::1]:8080", "127.0.0.1:8080"] {
        let (status, _, _) = send(
            &app,
            Request::get("/")
                .header(header::HOST, host)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{host}");
    }
    nothing_written(tmp.path());
}

#[tokio::test]
async fn a_change_without_our_origin_is_refused_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let units = sample_units();
    for origin in [
        None,
        Some("http://evil.example"),
        Some("null"),
        Some("http://127.0.0.1:9999"),
    ] {
        for uri in [
            "/api/import?name=a.txt",
            "/api/preview",
            "/api/render/pdf",
            "/api/inspect?name=a.docx",
            "/api/batch/any/cancel",
        ] {
            let mut request = Request::post(uri).header(header::HOST, HOST);
            if let Some(origin) = origin {
                request = request.header(header::ORIGIN, origin);
            }
            let (status, _, _) = send(&app, request.body(Body::from("Kính gửi: A")).unwrap()).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{uri} from {origin:?}");
        }
        let mut request = batch_request(&units);
        request.headers_mut().remove(header::ORIGIN);
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert(header::ORIGIN, origin.parse().unwrap());
        }
        let (status, _, _) = send(&app, request).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    nothing_written(tmp.path());
}

#[tokio::test]
async fn too_large_uploads_are_refused_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let big = vec![b'a'; vanban::serve::upload::MAX_DOCUMENT_BYTES + 1];
    for uri in [
        "/api/preview",
        "/api/import?name=a.txt",
        "/api/inspect?name=a.docx",
        "/api/render/pdf",
    ] {
        let (status, _, _) = send(&app, post(uri, big.clone())).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
    }
    let huge = vec![b'#'; vanban::serve::upload::MAX_BATCH_BYTES + 1];
    let (status, _, _) = send(&app, batch_request(&[("a.yaml".into(), huge)])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // One unit over the file limit, inside a batch under its limit.
    let unit = vec![b'#'; vanban::serve::upload::MAX_FILE_BYTES as usize + 1];
    let (status, _, _) = send(&app, batch_request(&[("a.yaml".into(), unit)])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Too many files, as files and as ZIP entries.
    let many: Vec<(String, Vec<u8>)> = (0..=vanban::serve::upload::MAX_FILES)
        .map(|i| (format!("u{i}.yaml"), b"x: 1\n".to_vec()))
        .collect();
    let (status, _, _) = send(&app, batch_request(&many)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let names: Vec<String> = (0..=vanban::serve::upload::MAX_ZIP_ENTRIES)
        .map(|i| format!("d/{i}.txt"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let (status, _, body) = send(
        &app,
        batch_request(&[("many.zip".into(), zip_of(&entries))]),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        String::from_utf8_lossy(&body)
    );
    nothing_written(tmp.path());
}

#[tokio::test]
async fn zip_entries_that_reach_outside_are_refused_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("root");
    std::fs::create_dir(&work).unwrap();
    let app = app(&work);
    let unit = sample_text("party-bao-cao.yaml");
    for evil in [
        "../evil.yaml",
        "a/../../evil.yaml",
        "/tmp/evil.yaml",
        "..\\evil.yaml",
        "C:/evil.yaml",
        "C:\\evil.yaml",
    ] {
        let zip = zip_of(&[("ok.yaml", unit.as_bytes()), (evil, unit.as_bytes())]);
        let (status, _, body) = send(&app, batch_request(&[("units.zip".into(), zip)])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{evil}");
        assert!(
            String::from_utf8_lossy(&body).contains("evil.yaml"),
            "the entry is named"
        );
        nothing_written(&work);
        assert!(!tmp.path().join("evil.yaml").exists());
    }
    // A browser's file name is never a path either.
    let (status, _, _) = send(
        &app,
        batch_request(&[("../evil.yaml".into(), unit.into_bytes())]),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    nothing_written(&work);
    assert!(!tmp.path().join("evil.yaml").exists());
}

#[tokio::test]
async fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    // One entry of 64 MiB of zeros (about 64 KB packed).
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let bomb = zip_of(&[("bomb.yaml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024);
    let (status, _, body) = send(&app, batch_request(&[("bomb.zip".into(), bomb)])).await;
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        String::from_utf8_lossy(&body)
    );
    // Many entries, each under the file limit, over the total together.
    let chunk = vec![b'#'; 7 * 1024 * 1024];
    let names: Vec<String> = (0..20).map(|i| format!("u{i}.yaml")).collect();
    let entries: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), chunk.as_slice()))
        .collect();
    let (status, _, _) = send(
        &app,
        batch_request(&[("many.zip".into(), zip_of(&entries))]),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // An entry whose header lies about its size.
    let honest = zip_of(&[("a.yaml", &vec![b'#'; 9 * 1024 * 1024])]);
    let liar = lie_about_size(honest, 100);
    let (status, _, _) = send(&app, batch_request(&[("liar.zip".into(), liar)])).await;
    assert!(
        status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::BAD_REQUEST,
        "{status}"
    );
    nothing_written(tmp.path());
}

/// Writes `size` as the uncompressed size in every header of a one-entry ZIP.
fn lie_about_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let find = |zip: &[u8], sig: &[u8]| zip.windows(4).position(|w| w == sig).unwrap();
    let local = find(&zip, b"PK\x03\x04");
    zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    let central = find(&zip, b"PK\x01\x02");
    zip[central + 24..central + 28].copy_from_slice(&size.to_le_bytes());
    zip
}

#[tokio::test]
async fn beyond_loopback_every_request_needs_the_token() {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = Config::local(8080);
    config.host = "0.0.0.0".parse().unwrap();
    config.token = Some("0123456789abcdef0123456789abcdef".into());
    config.temp_root = tmp.path().to_path_buf();
    let app = router(config);
    let host = "192.168.1.20:8080";
    let request = |uri: &str| Request::get(uri).header(header::HOST, host);
    let (status, _, _) = send(&app, request("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = send(
        &app,
        request("/api/rules?token=wrong")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, response, _) = send(
        &app,
        request("/?token=0123456789abcdef0123456789abcdef")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let cookie = cookie.split(';').next().unwrap().to_string();
    let (status, _, _) = send(
        &app,
        request("/")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(
        &app,
        request("/api/rules")
            .header("x-vanban-token", "0123456789abcdef0123456789abcdef")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // A change still needs our Origin, token or not; a DNS name is refused.
    let change = |origin: &str| {
        Request::post("/api/preview")
            .header(header::HOST, host)
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, origin)
            .body(Body::from("rules: x\n"))
            .unwrap()
    };
    assert_eq!(
        send(&app, change("http://192.168.1.20:8080")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, change("http://evil.example")).await.0,
        StatusCode::FORBIDDEN
    );
    let named = Request::get("/")
        .header(header::HOST, "office-pc.example:8080")
        .header(header::COOKIE, &cookie);
    assert_eq!(
        send(&app, named.body(Body::empty()).unwrap()).await.0,
        StatusCode::FORBIDDEN
    );
    nothing_written(tmp.path());
}

/// `n` copies of one sample unit, each its own chi bộ, with the batch's
/// settings.
fn many_units(n: usize) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("samples/units");
    let text = std::fs::read_to_string(dir.join("chi-bo-thon-an-hoa.yaml")).unwrap();
    let name = text.lines().find(|l| l.starts_with("unit:")).unwrap();
    let mut files = vec![(
        "batch.yaml".to_string(),
        std::fs::read(dir.join("batch.yaml")).unwrap(),
    )];
    files.extend((0..n).map(|i| {
        let renamed = text.replace(name, &format!("{name} {i}"));
        (format!("u{i:04}.yaml"), renamed.into_bytes())
    }));
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_batch_stops_when_asked_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let units = many_units(200);
    let (status, _, body) = send(&app, batch_request(&units)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let id = json(&body)["id"].as_str().unwrap().to_string();
    let cancel = format!("/api/batch/{id}/cancel");
    // Stopping needs our Origin, as every change does.
    let foreign = Request::post(cancel.as_str())
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, foreign).await.0, StatusCode::FORBIDDEN);
    let (status, _, body) = send(&app, post(&cancel, "")).await;
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let report = finished(&app, &id).await;
    let error = &report["error"];
    assert!(error["cause"].is_string(), "{report}");
    assert!(report.get("units").is_none(), "{report}");
    let (status, _, _) = send(&app, get(&format!("/api/batch/{id}/zip"))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Stopped long before the end: the units after the flag never started.
    let done = report["done"].as_u64().unwrap();
    assert!(done < 100, "{done} of 200 units rendered");
    let (status, _, _) = send(&app, post(&cancel, "")).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a finished batch stays as it is"
    );
    let (status, _, _) = send(&app, post("/api/batch/no-such-id/cancel", "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    nothing_written(tmp.path());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_of_units_runs_as_its_rows_with_the_consolidated_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(tmp.path());
    let units = root().join("samples/units");
    let files: Vec<(String, Vec<u8>)> = [
        ("chi-bo.xlsx", root().join("samples/units-xlsx/chi-bo.xlsx")),
        ("batch.yaml", units.join("batch.yaml")),
        ("_tong-hop.yaml", units.join("_tong-hop.yaml")),
    ]
    .into_iter()
    .map(|(name, path)| (name.to_string(), std::fs::read(path).unwrap()))
    .collect();
    let (status, _, body) = send(&app, batch_request(&files)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let id = json(&body)["id"].as_str().unwrap().to_string();
    let report = finished(&app, &id).await;
    let list = report["units"].as_array().expect("a report");
    assert!(list.len() >= 20, "{report}");
    // Each unit is a row of the table, named as a clerk finds it.
    for unit in list {
        let file = unit["file"].as_str().unwrap();
        assert!(
            file.starts_with("chi-bo.xlsx, ") && (file.contains("dòng ") || file.contains("row ")),
            "{file}"
        );
    }
    let written = list.iter().filter(|u| u["status"] != "failed").count();
    assert!(written >= 20, "{list:?}");
    let (status, _, zip) = send(&app, get(report["zip"].as_str().unwrap())).await;
    assert_eq!(status, StatusCode::OK);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    // Every written unit's PDF, and the consolidated report's with its workbook.
    let pdfs = names.iter().filter(|n| n.ends_with(".pdf")).count();
    assert_eq!(pdfs, written + 1, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(".xlsx")), "{names:?}");
    assert!(names.iter().any(|n| n == "manifest.csv"));
    nothing_written(tmp.path());
}
