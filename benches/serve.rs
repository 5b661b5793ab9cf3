//! `vanban serve` under load (a benchmark, not a test: `cargo bench --bench
//! serve`). Two measurements:
//!
//! 1. The preview of a 4-page document, server side (the router called
//!    in-process), as a clerk types: the trích yếu changed per request, and
//!    the ids of the pages shown sent back, as the page does (the pages it
//!    shows come without their SVG). Reports p50 and p95; the target is
//!    p95 ≤ 50 ms. Then the same with every page's SVG in the answer, and
//!    with every page new each time (a word changed in every paragraph).
//! 2. A load test on loopback: a 1,000-unit batch uploaded as a ZIP, and
//!    while it runs 20 clients asking for previews at once, each a bounded
//!    number of times. Reports failures (the target is none), the previews'
//!    p95 under load, and the process's peak memory sampled every 100 ms.
//!
//! Everything is bounded in count and time and stops by itself; only
//! 127.0.0.1 is contacted.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CLIENTS: usize = 20;
const PREVIEWS_PER_CLIENT: usize = 15;
const UNITS: usize = 1_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A 4-page document: the reference guidance, Hướng dẫn 44-HD/BTGHU.
fn four_pages() -> String {
    std::fs::read_to_string(root().join("samples/huong-dan-44-HD-BTGHU.yaml")).unwrap()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut ms: Vec<f64>) -> f64 {
    ms.sort_by(|a, b| a.total_cmp(b));
    let p95 = percentile(&ms, 0.95);
    println!(
        "{name}: {} requests, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms.len(),
        percentile(&ms, 0.5),
        p95,
        ms[ms.len() - 1]
    );
    p95
}

fn rss_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The same document with the `n`th edit: the trích yếu changed at its end,
/// differently each time, as a clerk types.
fn edited(base: &str, n: usize) -> String {
    let line = base.lines().find(|l| l.starts_with("summary:")).unwrap();
    base.replace(line, &format!("{line} {n}"))
}

/// The same document with every page new: a word changed in every
/// paragraph, differently each time (a draft just opened).
fn renewed(base: &str, n: usize) -> String {
    base.replace(" các ", &format!(" các {n} "))
}

/// One preview request as the page makes it, `shown` the ids of the pages
/// it shows; the milliseconds to the whole answer, and the answer.
fn ask(
    runtime: &tokio::runtime::Runtime,
    app: &axum::Router,
    yaml: String,
    shown: &str,
) -> (f64, serde_json::Value) {
    let request = Request::post("/api/preview")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header("x-vanban-shown", shown)
        .body(Body::from(yaml))
        .unwrap();
    let start = Instant::now();
    let body = runtime.block_on(async {
        let response = app.clone().oneshot(request).await.unwrap();
        assert!(response.status().is_success());
        response.into_body().collect().await.unwrap().to_bytes()
    });
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    (elapsed, serde_json::from_slice(&body).unwrap())
}

/// The ids of an answer's pages, as the page sends them back.
fn ids(answer: &serde_json::Value) -> String {
    let pages = answer["pages"].as_array().unwrap();
    let ids: Vec<&str> = pages.iter().map(|p| p["id"].as_str().unwrap()).collect();
    ids.join(" ")
}

/// 120 previews of `yaml(n)`, the first 20 left out (they warm Typst's
/// caches); `keep` says whether the page sends the ids it shows.
fn previews(
    runtime: &tokio::runtime::Runtime,
    app: &axum::Router,
    name: &str,
    yaml: impl Fn(usize) -> String,
    keep: bool,
) -> f64 {
    let (mut ms, mut shown, mut drawn) = (Vec::new(), String::new(), 0);
    for n in 0..120 {
        let (elapsed, answer) = ask(runtime, app, yaml(n), &shown);
        let pages = answer["pages"].as_array().unwrap();
        assert_eq!(pages.len(), 4, "the document is not 4 pages long");
        if n >= 20 {
            ms.push(elapsed);
            drawn += pages.iter().filter(|p| p.get("svg").is_some()).count();
        }
        if keep {
            shown = ids(&answer);
        }
    }
    println!("{name}: {:.2} pages sent a request", drawn as f64 / 100.0);
    report(name, ms)
}

fn preview_in_process(runtime: &tokio::runtime::Runtime) {
    let tmp = tempfile::tempdir().unwrap();
    let mut config = vanban::serve::Config::local(8080);
    config.temp_root = tmp.path().to_path_buf();
    let app = vanban::serve::router(config);
    let base = four_pages();
    let typing = previews(runtime, &app, "preview, typing", |n| edited(&base, n), true);
    println!(
        "target p95 ≤ 50 ms: {}",
        if typing <= 50.0 { "met" } else { "NOT met" }
    );
    let name = "preview, typing, every page sent";
    previews(runtime, &app, name, |n| edited(&base, n), false);
    let name = "preview, every page new";
    previews(runtime, &app, name, |n| renewed(&base, n), false);
}

/// 1,000 units: the sample units renamed over and over, in one ZIP.
fn units_zip() -> Vec<u8> {
    let dir = root().join("samples/units");
    let mut units: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".yaml")
                && name != "batch.yaml"
                && !name.starts_with('_')
                && !name.contains("phu-my")
        })
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    units.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("batch.yaml", options).unwrap();
    zip.write_all(&std::fs::read(dir.join("batch.yaml")).unwrap())
        .unwrap();
    for i in 0..UNITS {
        let (stem, text) = &units[i % units.len()];
        let name = text.lines().find(|l| l.starts_with("unit:")).unwrap();
        let renamed = text.replace(name, &format!("{name} {}", i / units.len() + 1));
        zip.start_file(format!("{stem}-{i:04}.yaml"), options)
            .unwrap();
        zip.write_all(renamed.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn start_server(tmp: PathBuf) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut config = vanban::serve::Config::local(0);
        config.temp_root = tmp;
        vanban::serve::run(config, |address, _| tx.send(address).unwrap()).unwrap();
    });
    let address = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    format!("http://127.0.0.1:{}", address.port())
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "vanban-bench-4e1a";
    let mut body = Vec::new();
    write!(body, "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/zip\r\n\r\n").unwrap();
    body.extend_from_slice(bytes);
    write!(body, "\r\n--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn load_test() {
    let tmp = tempfile::tempdir().unwrap();
    let base = start_server(tmp.path().to_path_buf());
    let origin = base.clone();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .http_status_as_error(false)
        .build()
        .into();
    let before = rss_kb("VmRSS:");
    let (content_type, body) = multipart("units.zip", &units_zip());
    let started = Instant::now();
    let mut response = agent
        .post(&format!("{base}/api/batch"))
        .header("origin", &origin)
        .header("content-type", &content_type)
        .send(&body[..])
        .unwrap();
    let text = response.body_mut().read_to_string().unwrap();
    assert!(response.status().is_success(), "{text}");
    let started_json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let id = started_json["id"].as_str().unwrap().to_string();
    println!("batch: {} units started", started_json["total"]);
    let running = AtomicBool::new(true);
    let failures = AtomicUsize::new(0);
    let peak = AtomicUsize::new(0);
    let document = four_pages();
    let (latencies, batch_time) = std::thread::scope(|scope| {
        scope.spawn(|| {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kb("VmRSS:") as usize, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (agent, base, origin, document, failures) =
                    (&agent, &base, &origin, &document, &failures);
                scope.spawn(move || {
                    let mut ms = Vec::new();
                    for n in 0..PREVIEWS_PER_CLIENT {
                        let start = Instant::now();
                        let result = agent
                            .post(&format!("{base}/api/preview"))
                            .header("origin", origin)
                            .send(edited(document, c * 31 + n).as_bytes());
                        let answered = result.is_ok_and(|mut r| {
                            r.status().is_success()
                                && r.body_mut()
                                    .read_to_string()
                                    .is_ok_and(|b| b.contains("<svg"))
                        });
                        if answered {
                            ms.push(start.elapsed().as_secs_f64() * 1000.0)
                        } else {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    ms
                })
            })
            .collect();
        let latencies: Vec<f64> = clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect();
        // Then wait for the batch (bounded: ten minutes).
        let mut batch_time = None;
        while started.elapsed() < Duration::from_secs(600) {
            let mut r = agent.get(&format!("{base}/api/batch/{id}")).call().unwrap();
            let state: serde_json::Value =
                serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
            if let Some(units) = state["units"].as_array() {
                let failed = units.iter().filter(|u| u["status"] == "failed").count();
                println!("batch: {} units, {failed} failed", units.len());
                batch_time = Some(started.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        running.store(false, Ordering::Relaxed);
        (latencies, batch_time)
    });
    let failures = failures.load(Ordering::Relaxed);
    println!(
        "previews during the batch: {} answered, {failures} failed",
        latencies.len()
    );
    if !latencies.is_empty() {
        report("preview over loopback while the batch runs", latencies);
    }
    match batch_time {
        Some(t) => println!("batch of {UNITS} units: {:.1} s", t.as_secs_f64()),
        None => println!("batch: NOT finished in ten minutes"),
    }
    println!(
        "memory: {} MB before, peak {} MB sampled, high-water {} MB",
        before / 1024,
        peak.load(Ordering::Relaxed) / 1024,
        rss_kb("VmHWM:") / 1024
    );
    let left = std::fs::read_dir(tmp.path()).unwrap().count();
    println!("temporary folders left: {left}");
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // and should not run a load test.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    preview_in_process(&runtime);
    // `cargo bench --bench serve -- preview` measures the preview alone.
    if !std::env::args().any(|a| a == "preview") {
        load_test();
    }
}
