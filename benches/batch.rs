//! The batch benchmark: N generated units (sơ kết reports of 4 pages, or
//! of 3 with `-short`), rendered to DOCX and PDF as `vanban batch` does, for
//! N = 1, 100, 1000, and 1000 of 3 pages; the PDF is PDF/A-2b, and the same
//! documents as plain PDF are timed beside it. Each run is a fresh process, so
//! that its peak RSS is its own. `N-table` reads the N units from the rows
//! of one `.xlsx` table instead of N YAML files. `--write N[-table] DIR`
//! only writes the units, for `vanban batch` under callgrind (the cost of
//! reading a table, in docs/batch.md).
//!
//! `cargo bench --bench batch` (or `-- 1 100 1000-short 1000-table` for other runs).

use std::path::Path;
use std::time::Instant;
use vanban::batch::{self, Options};
use vanban::compose::Templates;
use vanban::render::{Format, docx, pdf};

/// The allocator the `vanban` binary uses (src/main.rs), so the figures are
/// the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--bench"))
        .collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let run = args.get(i + 1).and_then(|r| parse_run(r));
        let dir = args.get(i + 2);
        let (Some((n, short, table)), Some(dir)) = (run, dir) else {
            panic!("usage: --one N[-short|-table] FOLDER")
        };
        run_one(n, short, table, Path::new(dir));
        return;
    }
    // `--write N DIR`: only writes the N units (YAML files, or a table with
    // `N-table`) and their settings into DIR/units, for runs under callgrind.
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let run = args.get(i + 1).and_then(|r| parse_run(r));
        let (Some((n, short, table)), Some(dir)) = (run, args.get(i + 2)) else {
            panic!("usage: --write N[-short|-table] FOLDER")
        };
        write_units(n, short, table, &Path::new(dir).join("units"));
        return;
    }
    let runs: Vec<&String> = args.iter().filter(|a| parse_run(a).is_some()).collect();
    let defaults = ["1", "100", "1000", "1000-short"].map(String::from);
    let runs: Vec<&String> = if runs.is_empty() {
        defaults.iter().collect()
    } else {
        runs
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("vanban batch benchmark, {cores} cores; DOCX + PDF per unit\n");
    println!(
        "| units | wall (s) | documents/s | CPU ms/doc | cores busy | DOCX ms/doc | PDF ms/doc | plain PDF ms/doc | of which layout | bare Typst ms/doc | PDF / bare | pages/doc | peak RSS (MB) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let exe = std::env::current_exe().expect("the bench binary");
    // Every run's files are deleted only after the last run: ext4 scans past
    // inodes deleted in the last 30 seconds when it creates a file, which
    // made the run after a cleanup up to 15% slower.
    let root = tempfile::tempdir().expect("a temporary folder");
    for run in runs {
        let dir = root.path().join(run);
        let out = std::process::Command::new(&exe)
            .args(["--one", run])
            .arg(&dir)
            .output()
            .expect("a run");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

/// `N` units of 4 pages, `N-short` units of 3, `N-table` units of 4 pages
/// as the rows of one `.xlsx` table.
fn parse_run(run: &str) -> Option<(usize, bool, bool)> {
    if let Some(n) = run.strip_suffix("-table") {
        return Some((n.parse().ok()?, false, true));
    }
    match run.strip_suffix("-short") {
        Some(n) => Some((n.parse().ok()?, true, false)),
        None => Some((run.parse().ok()?, false, false)),
    }
}

fn run_one(n: usize, short: bool, table: bool, dir: &Path) {
    let units = dir.join("units");
    write_units(n, short, table, &units);
    let templates = Templates::load(None).expect("templates");
    let loaded = batch::load(&[units], None, &templates).expect("the units");
    // Every core, unless VANBAN_BENCH_JOBS says otherwise (for experiments).
    let jobs = std::env::var("VANBAN_BENCH_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let tick = |_: usize, _: usize| {};
    let options = Options {
        out: dir.join("out"),
        formats: vec![Format::Docx, Format::Pdf],
        templates: &templates,
        settings: &loaded.settings,
        jobs,
        skip_existing: false,
        include_flagged: false,
        separate_appendices: false,
        progress: &tick,
        cancel: None,
        sign: None,
    };
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let outcome = batch::run(&loaded.units, &options).expect("the batch");
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    let failed = outcome
        .entries
        .iter()
        .filter(|e| e.status == batch::Status::Failed)
        .count();
    assert_eq!(failed, 0, "every generated unit renders");

    // Each writer alone, one thread, on up to 30 of the same documents.
    let sample: Vec<_> = loaded
        .units
        .iter()
        .take(30)
        .map(|u| batch::compose_unit(u, options.settings, &templates).expect("a document"))
        .collect();
    let time = |f: &dyn Fn(&vanban::model::Document)| {
        let start = Instant::now();
        for doc in &sample {
            f(doc);
        }
        start.elapsed().as_secs_f64() * 1000.0 / sample.len() as f64
    };
    let docx_ms = time(&|d| drop(docx::write(d).expect("docx")));
    let pdf_ms = time(&|d| drop(pdf::write(d).expect("pdf")));
    let plain_ms = time(&|d| drop(pdf::write_as(d, pdf::Standard::Plain).expect("plain pdf")));
    let layout_ms = time(&|d| drop(pdf::layout(d).expect("layout")));
    let data: Vec<Vec<u8>> = sample.iter().map(|d| pdf::data(d).expect("data")).collect();
    let bare = pdf::Export {
        ident: "bench".into(),
        date: sample[0].meta.date,
        standard: pdf::Standard::default(),
    };
    let start = Instant::now();
    for d in &data {
        drop(pdf::write_data(d.clone(), &bare).expect("bare"));
    }
    let bare_ms = start.elapsed().as_secs_f64() * 1000.0 / data.len() as f64;
    let pages = pdf::layout(&sample[0]).expect("layout").pages().len();
    let kind = if table {
        " (a table)"
    } else if short {
        " (3 pages)"
    } else {
        ""
    };
    println!(
        "| {n}{kind} | {wall:.2} | {:.0} | {:.1} | {:.2} | {docx_ms:.2} | {pdf_ms:.2} | {plain_ms:.2} | {layout_ms:.2} | {bare_ms:.2} | {:.2} | {pages} | {:.0} |",
        n as f64 / wall,
        cpu * 1000.0 / n as f64,
        cpu / wall,
        pdf_ms / bare_ms,
        peak_rss_mb()
    );
}

/// User and system CPU time of this process so far, in seconds, from /proc
/// (Linux; clock ticks of 10 ms).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are the 14th and 15th fields of the line, the 12th and
    // 13th after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Writes `n` units into `units` with their settings: YAML files, or the
/// rows of one `.xlsx` table.
fn write_units(n: usize, short: bool, table: bool, units: &Path) {
    std::fs::create_dir_all(units).expect("units folder");
    write_settings(&units.join("batch.yaml"));
    if table {
        let templates = Templates::load(None).expect("templates");
        let settings = batch::Settings::load(&units.join("batch.yaml")).expect("settings");
        let rows: Vec<(String, serde_json::Value)> = (0..n)
            .map(|i| {
                (
                    format!("u{i}"),
                    serde_saphyr::from_str(&unit(i, short)).expect("a unit"),
                )
            })
            .collect();
        let bytes = batch::form::write_filled(&settings, &templates, &rows).expect("the table");
        std::fs::write(units.join("don-vi.xlsx"), bytes).expect("the table file");
    } else {
        for i in 0..n {
            std::fs::write(units.join(format!("u{i:05}.yaml")), unit(i, short))
                .expect("a unit file");
        }
    }
}

/// Peak resident memory of this process, from /proc (Linux).
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn write_settings(path: &Path) {
    let tasks = "      - { name: \"Học tập, quán triệt Nghị quyết\", numerator: hoc_tap, denominator: dang_vien, target: 95, unit: đảng viên, notes: [\"Chi bộ tổ chức học tập tập trung kết hợp tự nghiên cứu, có kiểm tra nhận thức sau học tập.\"] }\n      - { name: Sổ tay đảng viên điện tử, numerator: so_tay, denominator: dang_vien, target: 90, unit: đảng viên }\n      - { name: Thanh toán không dùng tiền mặt, numerator: ho_thanh_toan, denominator: ho_dan, target: 50, unit: hộ }\n      - { name: Mô hình chuyển đổi số, value: mo_hinh, target: 1, unit: mô hình }\n";
    let text = format!(
        "defaults:\n  rules: party-hd36-2018\n  kind: bao-cao\n  template: bao-cao-so-ket\n  place: Bình An\n  summary: sơ kết 01 năm thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia\n  recipients:\n    items: [{{ to: Đảng ủy xã Bình An, purpose: b/c }}, Các đồng chí đảng viên]\n    archive: Chi bộ\n  data:\n    instruction: \"Thực hiện Hướng dẫn số 12-HD/ĐU ngày 05/11/2025 của Ban Thường vụ Đảng ủy xã Bình An, Chi bộ báo cáo như sau:\"\n    tasks:\n{tasks}indicators:\n  - {{ id: dang_vien, name: Đảng viên }}\n  - {{ id: hoc_tap, name: Học tập, part_of: dang_vien }}\n  - {{ id: so_tay, name: Sổ tay, part_of: dang_vien }}\n  - {{ id: ho_dan, name: Hộ dân }}\n  - {{ id: ho_thanh_toan, name: Hộ thanh toán số, part_of: ho_dan }}\n  - {{ id: mo_hinh, name: Mô hình }}\n"
    );
    std::fs::write(path, text).expect("settings");
}

/// A unit with seeded figures and four pages of text (three if `short`).
fn unit(i: usize, short: bool) -> String {
    let seed = (i * 7919 + 13) % 1000;
    let dv = 20 + seed % 50;
    let para = |topic: &str, k: usize| {
        format!(
            "    - Về {topic} (ý {k}), Chi bộ thôn số {i} đã chủ động lãnh đạo, phân công đảng viên phụ trách từng nhóm hộ, kịp thời nắm bắt tâm tư của nhân dân, phối hợp với các đoàn thể tổ chức thực hiện, định kỳ kiểm tra, đánh giá và rút kinh nghiệm trong sinh hoạt chi bộ hằng tháng.\n"
        )
    };
    let section = |key: &str, topic: &str, n: usize| {
        // One paragraph fewer in each section makes a page fewer.
        let n = if short { n - 1 } else { n };
        let body: String = (1..=n).map(|k| para(topic, k)).collect();
        format!("  {key}:\n{body}")
    };
    format!(
        "unit: Chi bộ thôn số {i}\nissuer: {{ superior: ĐẢNG BỘ XÃ BÌNH AN, name: CHI BỘ THÔN SỐ {i}, abbr: CB }}\nnumber: {}\ndate: 2025-11-{:02}\ndata:\n  figures: {{ dang_vien: {dv}, hoc_tap: {}, so_tay: {}, ho_dan: {}, ho_thanh_toan: {}, mo_hinh: {} }}\n{}{}{}{}{}{}{}{}\nsignature: {{ prefix: T/M, on_behalf: CHI BỘ, position: BÍ THƯ, name: Nguyễn Văn {} }}\n",
        1 + i % 30,
        // The working days of November 2025: no unit signs on a Sunday.
        [
            3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28
        ][i % 20],
        dv - seed % 3,
        dv - seed % 7,
        150 + seed,
        60 + seed / 2,
        seed % 3,
        section("situation", "đặc điểm tình hình", 3),
        section("leadership", "lãnh đạo, chỉ đạo", 3),
        section("inspection", "kiểm tra, giám sát", 2),
        section("strengths", "ưu điểm", 3),
        section("weaknesses", "hạn chế", 2),
        section("causes", "nguyên nhân", 2),
        section("lessons", "bài học", 2),
        section("directions", "phương hướng", 3).trim_end(),
        i
    )
}
