//! Batches in the web app: the upload checked and written to its own
//! temporary folder, the batch run on its own thread, its progress sent as
//! server-sent events, its files kept as one ZIP until fetched or replaced.

use super::Shared;
use super::api::{Params, download, refusal, temp_folder};
use super::engine::{self, BatchReport, Finding};
use super::upload::{self, File, Refusal};
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// How many finished batches are kept for download.
const KEPT: usize = 4;

/// A batch's state as its events tell it.
#[derive(Clone, Default)]
pub struct JobState {
    pub done: usize,
    pub total: usize,
    pub finished: Option<Arc<Result<BatchReport, Finding>>>,
}

/// One batch: its key (the id the page is given), its state, and the flag
/// that stops it.
struct Job {
    key: String,
    state: watch::Sender<JobState>,
    cancel: Arc<AtomicBool>,
}

/// The batches of this server, by id, oldest first.
#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<BTreeMap<u64, Job>>,
    next: std::sync::atomic::AtomicU64,
}

impl Jobs {
    fn find(&self, id: &str) -> Option<watch::Receiver<JobState>> {
        self.with(id, |job| job.state.subscribe())
    }

    fn with<T>(&self, id: &str, f: impl FnOnce(&Job) -> T) -> Option<T> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.values().find(|job| job.key == id).map(f)
    }

    /// Whether a batch is running (one at a time: each uses every core).
    fn busy(&self) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.values()
            .any(|job| job.state.borrow().finished.is_none())
    }

    fn add(&self, total: usize) -> (String, watch::Sender<JobState>, Arc<AtomicBool>) {
        let seq = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Unguessable, so another user of a shared machine cannot fetch it.
        let key = super::new_token().unwrap_or_else(|_| format!("{seq}"));
        let (tx, _) = watch::channel(JobState {
            total,
            ..JobState::default()
        });
        let cancel = Arc::new(AtomicBool::new(false));
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let job = Job {
            key: key.clone(),
            state: tx.clone(),
            cancel: cancel.clone(),
        };
        jobs.insert(seq, job);
        while jobs.len() > KEPT {
            let oldest = jobs
                .iter()
                .find(|(_, job)| job.state.borrow().finished.is_some())
                .map(|(k, _)| *k);
            match oldest {
                Some(k) => jobs.remove(&k),
                None => break,
            };
        }
        (key, tx, cancel)
    }
}

/// Reads the multipart upload's files, each with a plain name.
async fn files(mut multipart: Multipart, lang: crate::lang::Lang) -> Result<Vec<File>, Refusal> {
    let tr = |f: &dyn Fn() -> String| crate::lang::with(lang, f);
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(multipart_refusal)? {
        let given = field.file_name().unwrap_or_default().to_string();
        let name = upload::plain_name(&given)
            .ok_or_else(|| {
                Refusal::Bad(tr(&|| {
                    crate::tr!(
                        "tên tệp `{given}` không dùng được",
                        "the file name `{given}` cannot be used"
                    )
                }))
            })?
            .to_string();
        let bytes = field.bytes().await.map_err(multipart_refusal)?;
        if bytes.len() as u64 > upload::MAX_FILE_BYTES && upload::extension(&name) != "zip" {
            return Err(Refusal::TooLarge(tr(&|| {
                crate::tr!(
                    "{name}: tệp quá lớn (tối đa {} MB)",
                    "{name}: the file is too large (at most {} MB)",
                    upload::MAX_FILE_BYTES / (1024 * 1024)
                )
            })));
        }
        files.push(File {
            name,
            bytes: bytes.to_vec(),
        });
        if files.len() > upload::MAX_FILES {
            return Err(Refusal::TooLarge(tr(&|| {
                crate::tr!("quá nhiều tệp", "too many files")
            })));
        }
    }
    Ok(files)
}

fn multipart_refusal(e: axum::extract::multipart::MultipartError) -> Refusal {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Refusal::TooLarge(e.body_text())
    } else {
        Refusal::Bad(e.body_text())
    }
}

pub async fn start(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<Params>,
    multipart: Multipart,
) -> Response {
    let lang = params.lang(&shared.config);
    // Every check before anything is written.
    let checked = async {
        let uploads = files(multipart, lang).await?;
        crate::lang::with(lang, || upload::batch_files(uploads))
    };
    let files = match checked.await {
        Ok(files) => files,
        Err(Refusal::TooLarge(m)) => return refusal(StatusCode::PAYLOAD_TOO_LARGE, &m),
        Err(Refusal::Bad(m)) => return refusal(StatusCode::BAD_REQUEST, &m),
    };
    let units = files
        .iter()
        .filter(|f| f.name != "batch.yaml" && !f.name.starts_with('_'))
        .count();
    if units == 0 {
        let m = crate::lang::with(lang, || {
            crate::tr!("không có tệp đơn vị nào (.yaml)", "no unit files (.yaml)")
        });
        return refusal(StatusCode::BAD_REQUEST, &m);
    }
    if shared.jobs.busy() {
        let m = crate::lang::with(lang, || {
            crate::tr!(
                "đang chạy một lượt khác; xin chờ nó xong",
                "another batch is running; wait for it to finish"
            )
        });
        return refusal(StatusCode::TOO_MANY_REQUESTS, &m);
    }
    let tmp = match temp_folder(&shared.config.temp_root) {
        Ok(t) => t,
        Err(e) => return refusal(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    for file in &files {
        if let Err(e) = std::fs::write(tmp.path().join(&file.name), &file.bytes) {
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
        }
    }
    let (key, tx, cancel) = shared.jobs.add(units);
    std::thread::spawn(move || {
        let tick = |done: usize, total: usize| {
            tx.send_modify(|s| {
                s.done = done;
                s.total = total;
            })
        };
        let result = engine::batch(tmp.path(), lang, &tick, &cancel)
            .map_err(|e| Finding::new(&e, Some(tmp.path())));
        // The folder goes before the batch is announced finished.
        drop(tmp);
        tx.send_modify(|s| s.finished = Some(Arc::new(result)));
    });
    Json(json!({ "id": key, "total": units })).into_response()
}

/// What the page is told when a batch ends.
fn summary(id: &str, state: &JobState, result: &Result<BatchReport, Finding>) -> serde_json::Value {
    let (done, total) = (state.done, state.total);
    match result {
        Ok(report) => json!({
            "done": done,
            "total": total,
            "units": report.units,
            "notes": report.notes,
            "consolidated_error": report.consolidated_error,
            "consolidated_warnings": report.consolidated_warnings,
            "zip": format!("/api/batch/{id}/zip"),
        }),
        Err(finding) => json!({ "done": done, "total": total, "error": finding }),
    }
}

pub async fn events(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(rx) = shared.jobs.find(&id) else {
        return refusal(StatusCode::NOT_FOUND, "no such batch");
    };
    let stream = futures_util::stream::unfold((rx, true, false), move |(mut rx, first, over)| {
        let id = id.clone();
        async move {
            if over {
                return None;
            }
            if !first && rx.changed().await.is_err() && rx.borrow().finished.is_none() {
                return None;
            }
            let state = rx.borrow_and_update().clone();
            let (event, over) = match &state.finished {
                Some(result) => (
                    Event::default()
                        .event("done")
                        .data(summary(&id, &state, result).to_string()),
                    true,
                ),
                None => (
                    Event::default()
                        .event("progress")
                        .data(json!({ "done": state.done, "total": state.total }).to_string()),
                    false,
                ),
            };
            Some((Ok::<_, Infallible>(event), (rx, false, over)))
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The batch's state now, without events (for scripts and tests).
pub async fn report(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(rx) = shared.jobs.find(&id) else {
        return refusal(StatusCode::NOT_FOUND, "no such batch");
    };
    let state = rx.borrow().clone();
    match &state.finished {
        Some(result) => Json(summary(&id, &state, result)).into_response(),
        None => Json(json!({ "done": state.done, "total": state.total })).into_response(),
    }
}

pub async fn zip(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(rx) = shared.jobs.find(&id) else {
        return refusal(StatusCode::NOT_FOUND, "no such batch");
    };
    let finished = rx.borrow().finished.clone();
    match finished.as_deref() {
        Some(Ok(report)) => download("vanban-bao-cao.zip", "application/zip", report.zip.clone()),
        _ => refusal(StatusCode::CONFLICT, "the batch has no files (yet)"),
    }
}

/// Stops a running batch: no unit starts after this; the ones being
/// rendered finish, then the batch ends with an error and its folder is
/// removed. A batch already finished is left as it is.
pub async fn cancel(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let running = shared.jobs.with(&id, |job| {
        let running = job.state.borrow().finished.is_none();
        if running {
            job.cancel.store(true, Ordering::Relaxed);
        }
        running
    });
    match running {
        None => refusal(StatusCode::NOT_FOUND, "no such batch"),
        Some(false) => refusal(StatusCode::CONFLICT, "the batch has finished"),
        Some(true) => (StatusCode::ACCEPTED, Json(json!({ "cancelling": true }))).into_response(),
    }
}
