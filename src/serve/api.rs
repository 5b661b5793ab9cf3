//! The document endpoints: rule sets and starting files, the live preview
//! with `check`'s findings, DOCX and PDF downloads, importing a draft, and
//! checking a DOCX made elsewhere.

use super::engine::{self, Finding};
use super::upload;
use super::{Config, Shared};
use crate::lang::Lang;
use crate::render::Format;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// What a request may say in its address.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// `vi` or `en`.
    pub lang: Option<String>,
    /// The file's name, for messages and downloads.
    pub name: Option<String>,
    pub regime: Option<String>,
    pub kind: Option<String>,
}

impl Params {
    pub fn lang(&self, config: &Config) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            Some("vi") => Lang::Vi,
            _ => config.lang,
        }
    }

    /// The file's name if it is a plain one, else `fallback`.
    fn name(&self, fallback: &str) -> String {
        self.name
            .as_deref()
            .and_then(upload::plain_name)
            .unwrap_or(fallback)
            .to_string()
    }
}

pub async fn rules() -> Response {
    Json(engine::rule_sets()).into_response()
}

pub async fn schema() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        engine::schema(),
    )
        .into_response()
}

pub async fn starter(State(shared): State<Arc<Shared>>, Query(params): Query<Params>) -> Response {
    let lang = params.lang(&shared.config);
    let regime = params.regime.as_deref().unwrap_or("party");
    let kind = params.kind.as_deref().unwrap_or("cong-van");
    match engine::starter(regime, kind, lang) {
        Ok(yaml) => ([(header::CONTENT_TYPE, "text/yaml; charset=utf-8")], yaml).into_response(),
        Err(e) => findings(StatusCode::BAD_REQUEST, vec![Finding::new(&e, None)]),
    }
}

/// The body as text, or the refusal of a body that is not.
fn text(body: &Bytes) -> Result<String, Box<Response>> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Err(Box::new(refusal(
            StatusCode::BAD_REQUEST,
            "Nội dung không phải văn bản UTF-8\nThe body is not UTF-8 text",
        ))),
    }
}

/// Runs blocking library work, at most a few documents at once.
async fn blocking<T: Send + 'static>(
    shared: &Shared,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let _permit = shared
        .documents
        .acquire()
        .await
        .map_err(|_| refusal(StatusCode::SERVICE_UNAVAILABLE, "closing"))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| refusal(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))
}

/// The header in which the page lists the ids of the pages it shows.
pub const SHOWN: &str = "x-vanban-shown";

/// The page ids a preview request says it shows: at most a few hundred,
/// each 32 hex digits; anything else in the header is ignored.
fn shown(headers: &HeaderMap) -> Vec<String> {
    let list = headers.get(SHOWN).and_then(|v| v.to_str().ok());
    list.unwrap_or_default()
        .split_ascii_whitespace()
        .filter(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .take(500)
        .map(str::to_string)
        .collect()
}

pub async fn preview(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<Params>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = params.lang(&shared.config);
    let name = params.name("van-ban.yaml");
    let yaml = match text(&body) {
        Ok(t) => t,
        Err(r) => return *r,
    };
    let shown = shown(&headers);
    match blocking(&shared, move || engine::preview(&name, &yaml, lang, &shown)).await {
        Ok(preview) => Json(preview).into_response(),
        Err(r) => r,
    }
}

pub async fn render(
    State(shared): State<Arc<Shared>>,
    Path(format): Path<String>,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    let (format, mime) = match format.as_str() {
        "pdf" => (Format::Pdf, "application/pdf"),
        "docx" => (
            Format::Docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        _ => return refusal(StatusCode::NOT_FOUND, "DOCX, PDF"),
    };
    let lang = params.lang(&shared.config);
    let name = params.name("van-ban.yaml");
    let yaml = match text(&body) {
        Ok(t) => t,
        Err(r) => return *r,
    };
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(s, _)| s)
        .to_string();
    match blocking(&shared, move || engine::render(&name, &yaml, format, lang)).await {
        Ok(Ok(bytes)) => download(&format!("{stem}.{}", format.extension()), mime, bytes),
        Ok(Err(e)) => findings(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![Finding::new(&e, None)],
        ),
        Err(r) => r,
    }
}

/// A file to save, under its name (UTF-8 names as RFC 5987 says).
pub fn download(name: &str, mime: &'static str, bytes: Vec<u8>) -> Response {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

pub async fn import(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    let lang = params.lang(&shared.config);
    let name = params.name("du-thao.txt");
    if !engine::DRAFTS.contains(&upload::extension(&name).as_str()) {
        let message = crate::lang::with(lang, || {
            crate::tr!(
                "{name}: chỉ nhập được dự thảo .docx, .pdf, .txt hoặc .md",
                "{name}: only .docx, .pdf, .txt or .md drafts can be imported"
            )
        });
        return refusal(StatusCode::BAD_REQUEST, &message);
    }
    let work = move || engine::import(&name, &body, lang);
    match blocking(&shared, work).await {
        Ok(Ok((yaml, warnings))) => {
            Json(json!({ "yaml": yaml, "warnings": warnings })).into_response()
        }
        Ok(Err(e)) => findings(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![Finding::new(&e, None)],
        ),
        Err(r) => r,
    }
}

pub async fn inspect(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    let lang = params.lang(&shared.config);
    let name = params.name("van-ban.docx");
    if upload::extension(&name) != "docx" {
        let message = crate::lang::with(lang, || {
            crate::tr!(
                "{name}: chỉ kiểm tra được tệp .docx",
                "{name}: only .docx files can be checked"
            )
        });
        return refusal(StatusCode::BAD_REQUEST, &message);
    }
    let work = move || engine::check_docx(&name, &body, lang);
    match blocking(&shared, work).await {
        Ok(Ok(found)) => Json(json!({ "findings": found })).into_response(),
        Ok(Err(e)) => findings(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![Finding::new(&e, None)],
        ),
        Err(r) => r,
    }
}

/// A request's own temporary folder, removed when dropped.
pub fn temp_folder(root: &std::path::Path) -> crate::error::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("vanban-")
        .tempdir_in(root)
        .map_err(|e| crate::error::Error::io("create the folder", root, &e))
}

pub fn findings(status: StatusCode, found: Vec<Finding>) -> Response {
    (status, Json(json!({ "findings": found }))).into_response()
}

pub fn refusal(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}
