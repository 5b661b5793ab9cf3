//! `vanban serve`: the whole product as a web app on the clerk's own
//! machine. axum on tokio; the page, its script and style are built into the
//! binary; every call into the library goes through [`engine`].

mod api;
mod assets;
pub mod engine;
mod guard;
mod jobs;
pub mod upload;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on: loopback unless asked otherwise.
    pub host: IpAddr,
    pub port: u16,
    /// Required on every request when set (always, beyond loopback).
    pub token: Option<String>,
    /// Where each request's temporary folder is made (and removed).
    pub temp_root: PathBuf,
    /// The language of messages when a request does not ask for one.
    pub lang: crate::lang::Lang,
}

impl Config {
    /// Loopback, the system's temporary folder, no token.
    pub fn local(port: u16) -> Config {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port,
            token: None,
            temp_root: std::env::temp_dir(),
            lang: crate::lang::get(),
        }
    }
}

/// What every handler shares.
pub struct Shared {
    pub config: Config,
    pub jobs: jobs::Jobs,
    /// At most this many documents are laid out at once; the others wait.
    pub documents: tokio::sync::Semaphore,
}

/// The whole app: pages, API, and the guard in front of them.
pub fn router(config: Config) -> Router {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let shared = Arc::new(Shared {
        config,
        jobs: jobs::Jobs::default(),
        documents: tokio::sync::Semaphore::new(cores * 2),
    });
    let documents = Router::new()
        .route("/api/preview", post(api::preview))
        .route("/api/render/{format}", post(api::render))
        .route("/api/import", post(api::import))
        .route("/api/inspect", post(api::inspect))
        .layer(DefaultBodyLimit::max(upload::MAX_DOCUMENT_BYTES));
    let batches = Router::new()
        .route("/api/batch", post(jobs::start))
        .layer(DefaultBodyLimit::max(upload::MAX_BATCH_BYTES));
    Router::new()
        .route("/", get(assets::page))
        .route("/bao-cao", get(assets::page))
        .route("/kiem-tra", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/rules", get(api::rules))
        .route("/api/schema", get(api::schema))
        .route("/api/starter", get(api::starter))
        .route("/api/batch/{id}", get(jobs::report))
        .route("/api/batch/{id}/events", get(jobs::events))
        .route("/api/batch/{id}/zip", get(jobs::zip))
        .route("/api/batch/{id}/cancel", post(jobs::cancel))
        .merge(documents)
        .merge(batches)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::guard,
        ))
        .with_state(shared)
}

/// A fresh access token: 128 random bits in hex.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Listens and serves until the process is stopped. `ready` gets the
/// address (with the port chosen, when 0 was asked for) and the link to open.
pub fn run(mut config: Config, ready: impl FnOnce(SocketAddr, &str)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.host, config.port)).await?;
        let address = listener.local_addr()?;
        config.port = address.port();
        let shown = if config.host.is_unspecified() {
            "127.0.0.1".to_string()
        } else if config.host.is_ipv6() {
            format!("[{}]", config.host)
        } else {
            config.host.to_string()
        };
        let link = match &config.token {
            Some(token) => format!("http://{shown}:{}/?token={token}", config.port),
            None => format!("http://{shown}:{}/", config.port),
        };
        ready(address, &link);
        axum::serve(listener, router(config)).await
    })
}
