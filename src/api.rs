//! The library's one API, for the command line and the web app: a document
//! from text in memory to DOCX and PDF bytes with check's warnings, its
//! pages as SVG, the checks, the rule sets, a batch's consolidated report.
//! A batch itself runs over units in memory with progress and cancellation
//! through [`crate::batch::run`] ([`crate::batch::load`] reads them from
//! files). Nothing here prints, and only [`write_consolidated`] writes
//! files (into the folder it is given).
//!
//! ```
//! let yaml = std::fs::read_to_string("samples/party-cong-van.yaml").unwrap();
//! let rendered = vanban::api::render("party-cong-van.yaml", &yaml, &[vanban::render::Format::Pdf]).unwrap();
//! assert!(rendered.files[0].1.starts_with(b"%PDF"));
//! ```

use crate::check::Checked;
use crate::compose::Templates;
use crate::error::{Error, Result};
use crate::input::Source;
use crate::model::Document;
use crate::render::Format;
use chrono::NaiveDate;
use std::path::Path;

/// The built-in body templates, loaded once for the process.
pub fn templates() -> Result<&'static Templates> {
    static LOADED: std::sync::OnceLock<Result<Templates>> = std::sync::OnceLock::new();
    LOADED
        .get_or_init(|| Templates::load(None))
        .as_ref()
        .map_err(Clone::clone)
}

/// Composes the document in `yaml` (`name` is the file it came from, for
/// messages), with the warnings `vanban check` has for it, as `vanban
/// render` does. The first error of the parser or of compose stops it; a
/// text rule's error (VB210, a legacy encoding) is `check`'s to report.
///
/// ```
/// let templates = vanban::api::templates().unwrap();
/// let yaml = std::fs::read_to_string("samples/party-cong-van.yaml").unwrap();
/// let checked = vanban::api::compose("a.yaml", &yaml, templates).unwrap();
/// assert!(checked.warnings.iter().all(|w| w.warning));
/// assert!(vanban::api::compose("a.yaml", "kind: [", templates).is_err());
/// ```
pub fn compose(name: impl AsRef<Path>, yaml: &str, templates: &Templates) -> Result<Checked> {
    let today = crate::check::today();
    crate::check::compose_checked(name.as_ref(), yaml.to_string(), templates, today)
}

/// Reads, checks and composes one document file, without the warnings:
/// the model both writers take.
///
/// ```
/// let templates = vanban::api::templates().unwrap();
/// let doc = vanban::api::load("samples/party-cong-van.yaml".as_ref(), templates).unwrap();
/// assert!(doc.number().is_some_and(|n| n.contains("-CV/")));
/// ```
pub fn load(path: &Path, templates: &Templates) -> Result<Document> {
    load_source(&Source::read(path)?, templates)
}

/// Composes a document from source text already in memory, without the
/// warnings.
///
/// ```
/// use vanban::input::Source;
/// let text = std::fs::read_to_string("samples/state-cong-van.yaml").unwrap();
/// let source = Source::new("a.yaml".as_ref(), &text);
/// let doc = vanban::api::load_source(&source, vanban::api::templates().unwrap()).unwrap();
/// assert!(!doc.body.is_empty());
/// ```
pub fn load_source(source: &Source, templates: &Templates) -> Result<Document> {
    let input = source.parse()?;
    crate::compose::compose(source, &input, templates)
}

/// A document written in memory, one file per format asked for, and the
/// warnings of `vanban check` on it.
pub struct Rendered {
    pub files: Vec<(Format, Vec<u8>)>,
    pub warnings: Vec<Error>,
}

/// Renders the document in `yaml` (built-in templates) as each of
/// `formats`, in memory; every format is written before any is returned.
///
/// ```
/// use vanban::render::Format;
/// let yaml = std::fs::read_to_string("samples/state-cong-van.yaml").unwrap();
/// let rendered = vanban::api::render("a.yaml", &yaml, &[Format::Docx, Format::Pdf]).unwrap();
/// assert_eq!(rendered.files.len(), 2);
/// assert!(rendered.files[0].1.starts_with(b"PK"));
/// ```
pub fn render(name: impl AsRef<Path>, yaml: &str, formats: &[Format]) -> Result<Rendered> {
    let checked = compose(name, yaml, templates()?)?;
    let files = formats
        .iter()
        .map(|f| Ok((*f, f.write(&checked.document)?)))
        .collect::<Result<_>>()?;
    Ok(Rendered {
        files,
        warnings: checked.warnings,
    })
}

/// A document's pages laid out by Typst, as the PDF has them: each page as
/// SVG with its identity, and the text of each page (its runs joined by
/// spaces).
pub struct Pages {
    /// A hash of what each page draws (32 hex digits): a page laid out the
    /// same again has the same id, so a viewer may keep what it shows.
    pub ids: Vec<String>,
    pub svgs: Vec<std::sync::Arc<str>>,
    pub texts: Vec<String>,
}

/// Lays the document out as its PDF would be and draws its pages as SVG
/// (a panic in Typst becomes this document's error).
///
/// ```
/// let yaml = std::fs::read_to_string("samples/party-cong-van.yaml").unwrap();
/// let checked = vanban::api::compose("a.yaml", &yaml, vanban::api::templates().unwrap()).unwrap();
/// let pages = vanban::api::pages(&checked.document).unwrap();
/// assert!(pages.svgs[0].starts_with("<svg"));
/// assert!(pages.texts[0].contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
/// // The same layout again: the same pages, by their ids.
/// assert_eq!(vanban::api::pages(&checked.document).unwrap().ids, pages.ids);
/// ```
pub fn pages(doc: &crate::model::Document) -> Result<Pages> {
    crate::render::guarded(|| {
        let (drawn, runs) = crate::render::pdf::svg_pages(doc)?;
        let (ids, svgs) = drawn.into_iter().map(|p| (p.id, p.svg)).unzip();
        let texts = runs
            .iter()
            .map(|page| {
                let runs: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
                runs.join(" ")
            })
            .collect();
        Ok(Pages { ids, svgs, texts })
    })
}

/// `vanban check` of a document file's bytes (built-in templates): its text
/// rules, then the first error that stops it, then the warnings.
///
/// ```
/// let found = vanban::api::check("a.yaml", b"rules: party-hd36-2018\nkind: [".to_vec());
/// assert!(found.iter().any(|f| !f.warning));
/// ```
pub fn check(name: impl AsRef<Path>, bytes: Vec<u8>) -> Vec<Error> {
    match templates() {
        Ok(templates) => crate::check::file(name.as_ref(), bytes, templates, crate::check::today()),
        Err(e) => vec![e.clone()],
    }
}

/// `vanban check` of a file on disk, with the given templates and date: a
/// DOCX made elsewhere (its findings, paragraph by paragraph), a batch's
/// settings, a unit of a batch (checked with the batch's defaults, as the
/// batch reads it) or a document file. `Err` only when the file cannot be
/// read at all.
///
/// ```
/// let templates = vanban::api::templates().unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
/// let path = std::path::Path::new("samples/party-cong-van.yaml");
/// let found = vanban::api::check_path(path, templates, today).unwrap();
/// assert!(found.iter().all(|f| f.warning));
/// ```
pub fn check_path(path: &Path, templates: &Templates, today: NaiveDate) -> Result<Vec<Error>> {
    use crate::batch::{Settings, check};
    let is = |ext: &str| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    };
    if is("docx") {
        let bytes = crate::input::limits::read_file(path)?;
        return check_docx(path, &bytes);
    }
    if check::is_settings(path) {
        let refused = Settings::load(path).err().map(crate::check::unparsed);
        return Ok(refused.into_iter().collect());
    }
    if let Some(settings) = check::settings_of(path) {
        return Ok(check::unit(path, &settings, templates, today));
    }
    let bytes = crate::input::limits::read_file(path)?;
    Ok(crate::check::file(path, bytes, templates, today))
}

/// Imports a draft (`.docx`, `.pdf`, `.txt`, `.md`, known by `name`'s
/// extension) from its bytes into vanban's YAML, with the importer's
/// warnings.
///
/// ```
/// let draft = "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN\nSố: 12/UBND-VP\nV/v họp\nKính gửi: Các thôn\nNội dung.\nCHỦ TỊCH\nNguyễn Văn A\n";
/// let imported = vanban::api::import("cv.txt", draft.as_bytes(), false).unwrap();
/// assert!(imported.yaml.contains("kind:"));
/// ```
pub fn import(
    name: impl AsRef<Path>,
    bytes: &[u8],
    fix_encoding: bool,
) -> Result<crate::import::Imported> {
    crate::import::import_bytes(name.as_ref(), bytes, fix_encoding)
}

/// `vanban check` of a DOCX made elsewhere, from its bytes: its findings,
/// paragraph by paragraph, each naming `name`.
///
/// ```
/// let yaml = std::fs::read_to_string("samples/party-cong-van.yaml").unwrap();
/// let docx = &vanban::api::render("a.yaml", &yaml, &[vanban::render::Format::Docx]).unwrap().files[0].1;
/// let found = vanban::api::check_docx("a.docx", docx).unwrap();
/// assert!(found.iter().all(|f| f.warning));
/// ```
pub fn check_docx(name: impl AsRef<Path>, bytes: &[u8]) -> Result<Vec<Error>> {
    crate::check::docx::check_bytes(name.as_ref(), bytes)
}

/// The starting YAML of a kind of document (`regime`: `party` or `state`),
/// as `vanban new` writes it.
///
/// ```
/// let yaml = vanban::api::starter("ke-hoach", Some("party")).unwrap();
/// assert!(yaml.contains("kind: ke-hoach"));
/// ```
pub fn starter(kind: &str, regime: Option<&str>) -> Result<String> {
    crate::import::starter(kind, regime)
}

/// The JSON Schema of vanban's YAML.
///
/// ```
/// assert!(vanban::api::schema().contains("\"summary\""));
/// ```
pub fn schema() -> String {
    crate::input::schema_json()
}

/// Writes a batch's consolidated report (in `formats`) and its workbook
/// (`.xlsx`, totals as formulas) into `out`, under the report's name unless
/// a unit's files took it, its PDF signed when `sign` says so; returns the
/// report and the paths written, the workbook last.
///
/// ```
/// use vanban::render::Format;
/// let templates = vanban::api::templates().unwrap();
/// let loaded = vanban::batch::load(&["samples/units".into()], None, templates).unwrap();
/// let out = tempfile::tempdir().unwrap();
/// let options = vanban::batch::Options {
///     out: out.path().to_path_buf(),
///     formats: vec![Format::Docx],
///     templates,
///     settings: &loaded.settings,
///     jobs: 2,
///     skip_existing: false,
///     include_flagged: false,
///     separate_appendices: false,
///     progress: &|_, _| {},
///     cancel: None,
///     sign: None,
/// };
/// let outcome = vanban::batch::run(&loaded.units, &options).unwrap();
/// let (report, written) = vanban::api::write_consolidated(
///     &loaded.settings, &outcome, templates, out.path(), &[Format::Docx], None,
/// ).unwrap();
/// assert!(written.last().unwrap().ends_with("tong-hop.xlsx"));
/// assert!(!report.document.appendices.is_empty());
/// ```
pub fn write_consolidated(
    settings: &crate::batch::Settings,
    outcome: &crate::batch::Outcome,
    templates: &Templates,
    out: &Path,
    formats: &[Format],
    sign: Option<&crate::sign::Signing>,
) -> Result<(
    crate::batch::consolidate::Consolidated,
    Vec<std::path::PathBuf>,
)> {
    use crate::batch::{slug, unused};
    let report = crate::batch::consolidate::document(settings, outcome, templates)?;
    let base = slug(
        &report
            .source
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy(),
    );
    // A unit named like the report (`Tổng hợp`) keeps its files.
    let mut taken = outcome
        .entries
        .iter()
        .flat_map(|e| &e.files)
        .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let stem = unused(&base, &mut taken);
    let mut paths = crate::output::write_files(&report.document, out, &stem, formats, sign)?;
    let workbook = out.join(format!("{stem}.xlsx"));
    crate::output::write_atomic(&workbook, &report.workbook)?;
    paths.push(workbook);
    Ok((report, paths))
}
