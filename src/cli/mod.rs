//! The command line: clap stays here; the library sees plain options.

use crate::compose::Templates;
use crate::error::{Error, ErrorKind};
use crate::output::write_files;
use crate::render::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// Exit codes: 0 success; 1 a document has an error (input, rules, template);
/// 2 usage or I/O errors.
pub const EXIT_OK: i32 = 0;
pub const EXIT_INPUT: i32 = 1;
pub const EXIT_IO: i32 = 2;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Văn bản Đảng và Nhà nước: YAML → DOCX và PDF, đúng thể thức"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages: vi (default) or en; without it, a locale
    /// (LC_ALL, LC_MESSAGES, LANG) starting with `en` means English.
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Render documents to DOCX and PDF.
    #[command(
        after_help = "Examples:\n  vanban render samples/huong-dan-44-HD-BTGHU.yaml -o out/\n  vanban render a.yaml b.yaml --format pdf\n  vanban render don-vi.yaml --templates my-templates/"
    )]
    Render(RenderArgs),
    /// Render every unit of a batch (YAML files, .xlsx/.csv unit tables, or
    /// folders of them with their `batch.yaml`) in parallel, write a
    /// manifest, and optionally the consolidated report.
    #[command(
        after_help = "Examples:\n  vanban batch samples/units -o out/\n  vanban batch samples/units -o out/ --consolidate\n  vanban batch don-vi/*.yaml --settings batch.yaml -o out/ --jobs 2\n  vanban batch samples/units -o out/ --skip-existing    (resume a stopped run)\n  vanban batch don-vi.xlsx --settings batch.yaml -o out/ --consolidate\n\nIn a folder, batch.yaml holds the settings: `defaults` (keys every unit inherits),\n`expected` (the units that must report), `indicators` (figures to sum and check)\nand `consolidated` (the consolidated report's document)."
    )]
    Batch(BatchArgs),
    /// Write the form (.xlsx) an office sends its units: a row per expected
    /// unit, a column per key, with notes and checks; `vanban batch` reads
    /// it back filled in.
    #[command(
        after_help = "Examples:\n  vanban form samples/units/batch.yaml -o mau-bao-cao.xlsx\n  vanban batch mau-bao-cao.xlsx --settings samples/units/batch.yaml -o out/ --consolidate"
    )]
    Form {
        /// The batch's settings (`batch.yaml`).
        settings: PathBuf,
        /// Where to write the form.
        #[arg(short, long)]
        output: PathBuf,
        /// A folder of body templates, as for `render`.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Turn a draft (.txt, .md, .docx, .pdf) into vanban's YAML, its parts recognised.
    #[command(
        after_help = "Examples:\n  vanban import du-thao.docx -o du-thao.yaml\n  vanban import van-ban.txt -o van-ban.yaml --fix-encoding\n  vanban import nam-truoc.pdf -o van-ban.yaml    (last year's signed PDF)\n  vanban render du-thao.docx -o out/    (imports in memory, then renders)"
    )]
    Import(ImportArgs),
    /// Check documents against their rule set without writing anything:
    /// errors and warnings, each with its rule id, place, fix and source.
    #[command(
        after_help = "Examples:\n  vanban check samples/*.yaml\n  vanban check don-vi.yaml --today 2026-11-25\n  vanban check samples/units    (a folder: each unit with its batch.yaml defaults)\n\nExit codes: 0 nothing found; 1 errors or warnings; 2 a file could not be read."
    )]
    Check {
        /// YAML or DOCX files, or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The date to check dates against (default: today).
        #[arg(long)]
        today: Option<String>,
        /// A folder of body templates, as for `render`.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Sign PDFs with a software certificate (PKCS#12): a PAdES signature
    /// added after the file's bytes, invisible or with the signature image.
    #[command(
        after_help = "Examples:\n  vanban sign out/qd-05.pdf --p12 chu-ky.p12\n  vanban sign out/qd-05.pdf --p12 chu-ky.p12 --image chu-ky.png -o out/qd-05-da-ky.pdf\n  VANBAN_P12_PASSWORD=… vanban sign out/*.pdf --p12 chu-ky.p12\n\nThe password is asked for, or read from VANBAN_P12_PASSWORD; never give it on the command line."
    )]
    Sign(sign::SignArgs),
    /// Print the JSON Schema of the input (for editors: completion and checks).
    Schema,
    /// List the kinds of document of each rule set, with their abbreviations.
    #[command(after_help = "Examples:\n  vanban kinds\n  vanban kinds --rules state-nd30-2020")]
    Kinds {
        /// Only this rule set.
        #[arg(long)]
        rules: Option<String>,
    },
    /// Write a commented starting YAML for a kind of document.
    #[command(
        after_help = "Examples:\n  vanban new huong-dan -o huong-dan.yaml\n  vanban new quyet-dinh --regime state -o qd.yaml"
    )]
    New {
        /// The kind (see `vanban kinds`).
        kind: String,
        /// party (default) or state.
        #[arg(long)]
        regime: Option<String>,
        /// Where to write it (default: the standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Serve the web app on this machine: compose with a live preview,
    /// batches of units, and checks of DOCX files, in a browser.
    #[command(
        after_help = "Examples:\n  vanban serve --open\n  vanban serve --port 8090\n  vanban serve --host 0.0.0.0    (a shared office machine: prints an access token)"
    )]
    Serve(serve::ServeArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Example:\n  vanban completions bash > /etc/bash_completion.d/vanban")]
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The draft: plain text, Markdown or DOCX.
    draft: PathBuf,
    /// Where to write the YAML (default: the standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Convert text typed in TCVN3 (ABC) to Unicode instead of refusing it.
    #[arg(long)]
    fix_encoding: bool,
}

#[derive(clap::Args)]
struct BatchArgs {
    /// Unit files, or folders of them.
    #[arg(required = true)]
    units: Vec<PathBuf>,
    /// Output folder (created if missing); files are named after each unit.
    #[arg(short, long)]
    output: PathBuf,
    /// The settings file (default: `batch.yaml` in a units folder).
    #[arg(long)]
    settings: Option<PathBuf>,
    /// Also write the consolidated report (tổng hợp).
    #[arg(long)]
    consolidate: bool,
    /// Worker threads (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Resume a stopped batch: keep a unit's files when they are all there
    /// and newer than its YAML and the settings file.
    #[arg(long)]
    skip_existing: bool,
    /// Sum the figures of units whose figures contradict themselves too
    /// (by default they stay out of the consolidated totals).
    #[arg(long)]
    include_flagged: bool,
    #[command(flatten)]
    write: WriteFlags,
}

/// What `render` and `batch` write, and with what.
#[derive(clap::Args)]
pub(crate) struct WriteFlags {
    /// Formats to write.
    #[arg(long, value_delimiter = ',', default_value = "docx,pdf")]
    format: Vec<FormatArg>,
    /// A folder of body templates (`NAME.md`) that add to or replace the built-in ones.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// A folder with the regular, bold, italic and bold italic faces of
    /// Times New Roman (or of a family with its widths) for the PDF to
    /// embed; without it the PDF embeds Liberation Serif, built in.
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Issue every appendix as a file of its own (NAME-phu-luc-1.pdf, …),
    /// with the organisation's signature box at the top right of its first
    /// page, as electronic documents are signed.
    #[arg(long)]
    separate_appendices: bool,
    #[command(flatten)]
    sign: SignFlags,
}

/// `--sign CERT.p12 [--sign-image IMAGE.png]` of `render` and `batch`.
#[derive(clap::Args)]
pub(crate) struct SignFlags {
    /// Sign every PDF with this certificate (PKCS#12; the password from
    /// VANBAN_P12_PASSWORD, or asked for).
    #[arg(long, value_name = "CERT.p12")]
    sign: Option<PathBuf>,
    /// With --sign: the signature image shown in the room to sign (ô 7c).
    #[arg(long, value_name = "IMAGE.png", requires = "sign")]
    sign_image: Option<PathBuf>,
}

impl SignFlags {
    /// The certificate to sign with, if asked for.
    pub(crate) fn load(&self) -> Result<Option<crate::sign::Signing>, Error> {
        self.sign
            .as_deref()
            .map(|p12| sign::signing(p12, self.sign_image.as_deref()))
            .transpose()
    }
}

#[derive(clap::Args)]
struct RenderArgs {
    /// The documents (YAML).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output folder (created if missing); files are named after the input.
    #[arg(short, long, default_value = ".")]
    output: PathBuf,
    #[command(flatten)]
    write: WriteFlags,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    Docx,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Docx => Format::Docx,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    // A panic inside a template or a writer is caught and reported as that
    // document's error; only a panic elsewhere is printed as Rust prints it.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::guard::in_guarded() {
            default_hook(info);
        }
    }));
    let flag = cli.lang.map(|l| match l {
        LangArg::Vi => crate::lang::Lang::Vi,
        LangArg::En => crate::lang::Lang::En,
    });
    crate::lang::set(crate::lang::choose(flag, |k| std::env::var(k).ok()));
    let code = run(cli.command);
    match out::failure() {
        Some(e) => code.max(report(&Error::new(
            ErrorKind::Io,
            crate::tr!(
                "không in được ra đầu ra chuẩn",
                "could not write to the standard output"
            ),
            crate::error::io_cause(&e),
        ))),
        None => code,
    }
}

fn run(command: Command) -> i32 {
    match command {
        Command::Render(args) => render(args),
        Command::Batch(args) => batch::run(args),
        Command::Form {
            settings,
            output,
            templates,
        } => batch::form(&settings, &output, templates.as_deref()),
        Command::Import(args) => import(args),
        Command::Sign(args) => sign::run(args),
        Command::Check {
            files,
            today,
            templates,
        } => tools::check(&files, today.as_deref(), templates.as_deref()),
        Command::Schema => {
            out!("{}", crate::api::schema());
            EXIT_OK
        }
        Command::Kinds { rules } => tools::kinds(rules.as_deref()),
        Command::New {
            kind,
            regime,
            output,
        } => tools::new_command(&kind, regime.as_deref(), output.as_deref()),
        Command::Serve(args) => serve::run(args),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "vanban", &mut out::stdout());
            EXIT_OK
        }
    }
}

mod batch;
pub mod out;
mod serve;
mod sign;
pub mod tools;

use out::{errln, out, outln};

fn import(args: ImportArgs) -> i32 {
    let imported = crate::input::limits::read_file(&args.draft)
        .and_then(|bytes| crate::api::import(&args.draft, &bytes, args.fix_encoding));
    match imported {
        Ok(imported) => {
            print_warnings(&args.draft, &imported.warnings);
            match &args.output {
                Some(path) => match crate::output::write_atomic(path, imported.yaml.as_bytes()) {
                    Ok(()) => {
                        outln!("{}", path.display());
                        EXIT_OK
                    }
                    Err(e) => report(&e),
                },
                None => {
                    out!("{}", imported.yaml);
                    EXIT_OK
                }
            }
        }
        Err(e) => report(&e),
    }
}

fn print_warnings(path: &Path, warnings: &[crate::import::Warning]) {
    for w in warnings {
        errln!(
            "{}",
            crate::tr!(
                "cảnh báo: {}:{}: {}",
                "warning: {}:{}: {}",
                path.display(),
                w.line,
                w.message
            )
        );
    }
}

/// The formats asked for, each once, in a fixed order.
pub(crate) fn formats(args: &[FormatArg]) -> Vec<Format> {
    let mut formats: Vec<Format> = args.iter().map(|f| Format::from(*f)).collect();
    formats.sort();
    formats.dedup();
    formats
}

/// Makes the fonts of `dir` the PDF's, if a folder is given.
pub(crate) fn select_fonts(dir: Option<&Path>) -> Result<(), Error> {
    if let Some(dir) = dir {
        crate::fonts::select(crate::fonts::dir::load(dir)?);
    }
    Ok(())
}

fn render(args: RenderArgs) -> i32 {
    let w = &args.write;
    if let Err(e) = select_fonts(w.fonts.as_deref()) {
        return report(&e);
    }
    let formats = formats(&w.format);
    let templates = match Templates::load(w.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let signing = match w.sign.load() {
        Ok(s) => s,
        Err(e) => return report(&e),
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        return report(&Error::io("create the folder", &args.output, &e));
    }
    let mut code = EXIT_OK;
    for file in &args.files {
        let out = Out {
            dir: &args.output,
            formats: &formats,
            signing: signing.as_ref(),
            separate: w.separate_appendices,
        };
        if let Err(e) = render_one(file, &out, &templates) {
            code = code.max(report(&e));
        }
    }
    code
}

/// Where and how `render` writes each document.
struct Out<'a> {
    dir: &'a Path,
    formats: &'a [Format],
    signing: Option<&'a crate::sign::Signing>,
    /// Every appendix a file of its own.
    separate: bool,
}

/// Renders one file; every output is built in memory before any is
/// written. The warnings of `vanban check` are printed, as a compiler
/// prints its warnings.
fn render_one(file: &Path, out: &Out, templates: &Templates) -> Result<(), Error> {
    let checked = if crate::import::is_draft(file) {
        let bytes = crate::input::limits::read_file(file)?;
        let imported = crate::api::import(file, &bytes, false)?;
        print_warnings(file, &imported.warnings);
        crate::api::compose(file.with_extension("yaml"), &imported.yaml, templates)?
    } else {
        let bytes = crate::input::limits::read_file(file)?;
        let raw = crate::input::Source::decode(file, bytes)?;
        crate::api::compose(file, &raw, templates)?
    };
    for warning in &checked.warnings {
        errln!("{warning}\n");
    }
    let stem = file
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut doc = checked.document;
    if out.separate {
        doc.separate_appendices();
    }
    for path in write_files(&doc, out.dir, &stem, out.formats, out.signing)? {
        outln!("{}", path.display());
    }
    Ok(())
}

pub(crate) fn report(err: &Error) -> i32 {
    errln!("{err}");
    match err.kind {
        ErrorKind::Io => EXIT_IO,
        _ => EXIT_INPUT,
    }
}
