//! `vanban schema`, `kinds`, `new` and `completions`: what helps a clerk
//! start a file and an editor check it.

use super::out::{errln, out, outln};
use super::{EXIT_INPUT, EXIT_OK, report};
use crate::error::{Error, ErrorKind};
use crate::input::InputDoc;
use crate::rules::{Kind, Regime, RuleSet};

/// The JSON Schema of the input, from the Rust types, descriptions in Vietnamese.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(InputDoc);
    schema.insert(
        "$id".into(),
        "https://vanban.invalid/vanban.schema.json".into(),
    );
    schema.insert("title".into(), "Văn bản vanban (YAML)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every kind of every rule set, with its abbreviation and parts.
pub fn kinds(rules: Option<&str>) -> i32 {
    for id in RuleSet::ids() {
        if rules.is_some_and(|r| r != id) {
            continue;
        }
        let Some(set) = RuleSet::get(id) else {
            continue;
        };
        outln!("{id} — {}", set.name);
        for k in &set.kinds {
            let mut parts = Vec::new();
            if k.addressees {
                parts.push("Kính gửi");
            }
            if k.decision.is_some() {
                parts.push("căn cứ");
            }
            if k.subject_in_header {
                parts.push("V/v");
            }
            let note = k
                .note
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            outln!(
                "  {:<24} {:<6} {:<24} {}{note}",
                k.id,
                k.abbr.as_deref().unwrap_or("—"),
                k.name.as_deref().unwrap_or("(công văn)"),
                parts.join(", ")
            );
        }
        outln!();
    }
    EXIT_OK
}

/// A commented starting file for a kind.
pub fn new(kind: &str, regime: Option<&str>) -> Result<String, Error> {
    let id = match regime {
        Some("state") => "state-nd30-2020",
        Some("party") | None => "party-hd36-2018",
        Some(other) => {
            return Err(Error::new(
                ErrorKind::Input,
                crate::tr!("không tạo được văn bản mới", "could not start a document"),
                crate::tr!("không có hệ văn bản `{other}`", "no regime `{other}`"),
            )
            .hint(crate::tr!(
                "ghi --regime party (văn bản của Đảng) hoặc --regime state (văn bản của Nhà nước)",
                "write --regime party or --regime state"
            )));
        }
    };
    let rules = RuleSet::get(id).expect("built-in rule sets");
    let kind = rules.kind(kind).ok_or_else(|| {
        let known: Vec<&str> = rules.kinds.iter().map(|k| k.id.as_str()).collect();
        Error::new(
            ErrorKind::Input,
            crate::tr!("không tạo được văn bản mới", "could not start a document"),
            crate::tr!(
                "`{kind}` không phải là loại văn bản của bộ quy tắc {id}",
                "`{kind}` is not a kind of {id}"
            ),
        )
        .hint(crate::tr!(
            "các loại văn bản: {}",
            "the kinds are: {}",
            known.join(", ")
        ))
    })?;
    Ok(starter(rules, kind))
}

fn starter(rules: &RuleSet, kind: &Kind) -> String {
    let party = rules.regime == Regime::Party;
    let mut y = String::new();
    let mut line = |s: &str| {
        y.push_str(s);
        y.push('\n');
    };
    line("# yaml-language-server: $schema=vanban.schema.json");
    line("# (tạo tệp lược đồ bên cạnh: vanban schema > vanban.schema.json)");
    line(&format!(
        "# {} — {}. Sửa các giá trị rồi chạy: vanban render TỆP.yaml -o out/",
        kind.name.as_deref().unwrap_or("CÔNG VĂN"),
        rules.name
    ));
    line(&format!("rules: {}", rules.id));
    line(&format!("kind: {}", kind.id));
    line("issuer:");
    if party {
        line("  superior: ĐẢNG BỘ TỈNH GIA LAI     # cơ quan cấp trên trực tiếp");
        line("  name: ĐẢNG ỦY XÃ BÌNH AN          # cơ quan ban hành");
        line("  abbr: ĐU                         # viết tắt trong số, ký hiệu");
    } else {
        line("  name: \"ỦY BAN NHÂN DÂN\\nXÃ BÌNH AN\"  # \\n để xuống dòng");
        line("  abbr: UBND");
        if kind.abbr.is_none() {
            line("  unit: VP                         # đơn vị soạn thảo: Số: 12/UBND-VP");
        }
    }
    line("number: 1                          # bỏ dòng này nếu là dự thảo chưa có số");
    line("date: 2026-01-15                   # YYYY-MM-DD; dự thảo chưa có ngày: 2026-01");
    line("place: Bình An");
    let summary = if party {
        "về việc …"
    } else {
        "Về việc …"
    };
    match kind.subject_in_header {
        true => line(
            "summary: triển khai …              # trích yếu, in sau V/v: không ghi lại V/v hay về việc",
        ),
        false => line(&format!("summary: {summary}")),
    }
    if kind.addressees {
        line("addressees:                        # Kính gửi");
        line("  - Ban Thường vụ …");
    }
    if kind.decision.is_some() {
        let authority = if party {
            "BAN CHẤP HÀNH ĐẢNG BỘ XÃ BÌNH AN"
        } else {
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN"
        };
        line(&format!("authority: {authority}"));
        line("bases:                             # căn cứ, không cần dấu câu cuối dòng");
        line("  - Căn cứ …");
    }
    line(
        "body: |                            # mỗi dòng một đoạn; # I., ## 1., ### a); - gạch đầu dòng",
    );
    if kind.decision.is_some() && !party {
        line("  § Nội dung điều 1.");
        line("  § Quyết định này có hiệu lực kể từ ngày ký.");
    } else {
        line("  Mở đầu …");
        line("  # Mục đích, yêu cầu");
        line("  ## Nội dung thứ nhất …");
        line("  - Ý thứ nhất …");
    }
    line("recipients:");
    line("  items:");
    line("    - { to: Cơ quan cấp trên, purpose: b/c }");
    line(&format!(
        "  archive: {}",
        if party {
            "Văn phòng Đảng ủy"
        } else {
            "VP"
        }
    ));
    line("signature:");
    match party {
        true => {
            line("  prefix: T/M                      # T/M, K/T, T/L");
            line("  on_behalf: BAN THƯỜNG VỤ");
            line("  position: BÍ THƯ");
        }
        false => {
            line("  prefix: TM.                      # TM., KT., TL., TUQ., Q.");
            line("  on_behalf: ỦY BAN NHÂN DÂN");
            line("  position: CHỦ TỊCH");
        }
    }
    line("  name: Nguyễn Văn A");
    y
}

pub fn new_command(kind: &str, regime: Option<&str>, output: Option<&std::path::Path>) -> i32 {
    match new(kind, regime) {
        Ok(text) => match output {
            Some(path) => match crate::output::write_atomic(path, text.as_bytes()) {
                Ok(()) => {
                    outln!("{}", path.display());
                    EXIT_OK
                }
                Err(e) => report(&e),
            },
            None => {
                out!("{text}");
                EXIT_OK
            }
        },
        Err(e) => report(&e).max(EXIT_INPUT),
    }
}

/// `vanban check`: every finding of every file; nothing is written.
pub fn check(
    files: &[std::path::PathBuf],
    today: Option<&str>,
    templates: Option<&std::path::Path>,
) -> i32 {
    let today = match today.map(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")) {
        None => crate::check::today(),
        Some(Ok(date)) => date,
        Some(Err(_)) => {
            return report(&Error::new(
                ErrorKind::Input,
                crate::tr!("không kiểm tra được", "could not check"),
                crate::tr!(
                    "--today không phải là ngày (YYYY-MM-DD)",
                    "--today is not a date (YYYY-MM-DD)"
                ),
            ));
        }
    };
    let templates = match crate::compose::Templates::load(templates) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let (mut errors, mut warnings, mut code) = (0, 0, EXIT_OK);
    let files = match expand(files) {
        Ok(f) => f,
        Err(e) => return report(&e),
    };
    for path in &files {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            match crate::check::docx::check(path) {
                Ok(found) => {
                    for finding in &found {
                        errln!("{finding}\n");
                    }
                    errors += found.len();
                    if !found.is_empty() {
                        code = code.max(EXIT_INPUT);
                    }
                }
                Err(e) => code = code.max(report(&e)),
            }
            continue;
        }
        let found = match check_yaml(path, &templates, today) {
            Ok(found) => found,
            Err(e) => {
                code = code.max(report(&e));
                continue;
            }
        };
        for finding in &found {
            errln!("{finding}\n");
            if finding.warning {
                warnings += 1;
            } else {
                errors += 1;
            }
        }
        if !found.is_empty() {
            code = code.max(EXIT_INPUT);
        }
    }
    errln!(
        "{}",
        crate::tr!(
            "Đã kiểm tra {} tệp: {errors} lỗi, {warnings} cảnh báo",
            "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
            files.len()
        )
    );
    code
}

/// The files to check: files as given, a folder's YAML and DOCX files
/// (not its subfolders), sorted.
fn expand(inputs: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(input).map_err(|e| Error::io("read the folder", input, &e))?;
        let mut found: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|e| {
                        ["yaml", "yml", "docx"]
                            .iter()
                            .any(|x| e.eq_ignore_ascii_case(x))
                    })
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// The findings of one YAML file: a batch's settings, a unit of a batch
/// (checked with the batch's defaults, as the batch reads it), or a
/// document.
fn check_yaml(
    path: &std::path::Path,
    templates: &crate::compose::Templates,
    today: chrono::NaiveDate,
) -> Result<Vec<Error>, Error> {
    use crate::batch::{Settings, check};
    if check::is_settings(path) {
        return Ok(Settings::load(path)
            .err()
            .map(crate::check::unparsed)
            .into_iter()
            .collect());
    }
    if let Some(settings) = check::settings_of(path) {
        return Ok(check::unit(path, &settings, templates, today));
    }
    let bytes = crate::input::limits::read_file(path)?;
    Ok(crate::check::file(path, bytes, templates, today))
}
