//! The PDF report: typst markup (rendered from `report.typ.j2`) compiled in memory.
//!
//! Typst runs against a closed, minimal world: the one main source, the files the caller
//! hands over (charts as `charts/<id>.svg`, a logo), the fonts embedded in the binary, and
//! the report's own date as "today". Nothing is read from disk or the network (no `@preview`
//! packages) and no clock is consulted, so the same report gives the same PDF bytes.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// The virtual name of the main source; diagnostics are reported against it.
const MAIN_PATH: &str = "report.typ";

/// At most this many typst errors are kept in a `PdfError::Compile` (the first one is the
/// one to fix; later ones often follow from it).
const MAX_DIAGNOSTICS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("typst could not lay out the report: {}", describe(diagnostics))]
    Compile { diagnostics: Vec<PdfDiagnostic> },
    #[error("typst could not write the PDF: {}", describe(diagnostics))]
    Export { diagnostics: Vec<PdfDiagnostic> },
    #[error("the report's generated date `{value}` is not an ISO date (yyyy-mm-dd)")]
    GeneratedDate { value: String },
}

/// One typst error, located in the typst source when typst gives a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfDiagnostic {
    /// 1-based line in the main typst source, if the error points into it.
    pub line: Option<usize>,
    /// That line of the typst source, trimmed and shortened, to recognise the template
    /// line it came from.
    pub code: Option<String>,
    pub message: String,
    pub hints: Vec<String>,
}

impl std::fmt::Display for PdfDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(code) = &self.code {
            write!(f, " (in `{code}`)")?;
        }
        for hint in &self.hints {
            write!(f, "; hint: {hint}")?;
        }
        Ok(())
    }
}

fn describe(diagnostics: &[PdfDiagnostic]) -> String {
    match diagnostics {
        [] => "no reason given".to_string(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

/// Compiles typst `source` to PDF bytes. `files` are the other files the source may read
/// (`image("charts/reach.svg")` reads `files["charts/reach.svg"]`); `created` is the date
/// typst's `datetime.today()` returns and the PDF's creation date.
pub fn compile(
    source: &str,
    files: &BTreeMap<String, Vec<u8>>,
    created: NaiveDate,
) -> Result<Vec<u8>, PdfError> {
    let document = layout(source, files, created)?;
    export(&document, created)
}

/// Parses the report's `generated_on` (ISO date) for `compile`.
pub fn generated_date(value: &str) -> Result<NaiveDate, PdfError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| PdfError::GeneratedDate {
        value: value.to_string(),
    })
}

fn layout(
    source: &str,
    files: &BTreeMap<String, Vec<u8>>,
    created: NaiveDate,
) -> Result<PagedDocument, PdfError> {
    let world = ReportWorld::new(source, files, created);
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    for warning in &warnings {
        tracing::debug!("typst: {}", diagnostic(&world, warning));
    }
    // typst memoises across compiles; a report is compiled once, so keep nothing.
    typst::comemo::evict(0);
    output.map_err(|errors| PdfError::Compile {
        diagnostics: diagnostics(&world, &errors),
    })
}

fn export(document: &PagedDocument, created: NaiveDate) -> Result<Vec<u8>, PdfError> {
    let options = typst_pdf::PdfOptions {
        // The document ID is hashed from the document's title and author (set by the
        // template), which are stable across reruns of the same report.
        ident: Smart::Auto,
        // No `/Creator`: a white-label report must not name tolok (the provenance section
        // states the version when the pipeline allows it).
        creator: Smart::Custom(None),
        // Midnight UTC of the report's date instead of the time of the run.
        timestamp: typst_date(created).map(typst_pdf::Timestamp::new_utc),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| PdfError::Export {
        diagnostics: errors.iter().map(plain_diagnostic).collect(),
    })
}

fn typst_date(date: NaiveDate) -> Option<Datetime> {
    Datetime::from_ymd(
        date.year(),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

fn diagnostics(world: &ReportWorld, errors: &[SourceDiagnostic]) -> Vec<PdfDiagnostic> {
    errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(MAX_DIAGNOSTICS)
        .map(|d| diagnostic(world, d))
        .collect()
}

/// Locates a diagnostic in the main source: its line number and the line's text.
fn diagnostic(world: &ReportWorld, diag: &SourceDiagnostic) -> PdfDiagnostic {
    let mut out = plain_diagnostic(diag);
    let in_main = diag.span.id() == Some(world.main.id());
    if let Some(start) = world.range(diag.span).filter(|_| in_main).map(|r| r.start) {
        let lines = world.main.lines();
        if let Some(index) = lines.byte_to_line(start) {
            out.line = Some(index + 1);
            out.code = lines
                .line_to_range(index)
                .map(|range| shorten(world.main.text()[range].trim(), 100));
        }
    }
    out
}

fn plain_diagnostic(diag: &SourceDiagnostic) -> PdfDiagnostic {
    PdfDiagnostic {
        line: None,
        code: None,
        message: diag.message.to_string(),
        hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The world typst compiles in

/// Fonts embedded in the binary by `typst-assets` (Libertinus Serif, New Computer Modern,
/// DejaVu Sans Mono), parsed once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The standard library with default settings: no `sys.inputs`, no unstable features.
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

struct ReportWorld {
    main: Source,
    files: BTreeMap<String, Bytes>,
    today: Option<Datetime>,
}

impl ReportWorld {
    fn new(source: &str, files: &BTreeMap<String, Vec<u8>>, today: NaiveDate) -> ReportWorld {
        ReportWorld {
            main: Source::new(project_file(MAIN_PATH), source.to_string()),
            files: files
                .iter()
                .map(|(name, bytes)| (name.clone(), Bytes::new(bytes.clone())))
                .collect(),
            today: typst_date(today),
        }
    }

    /// The bytes of a project file other than the main source.
    fn project_file(&self, id: FileId) -> FileResult<&Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("the PDF report cannot import typst packages ({spec}): it works offline")
                    .into(),
            ))));
        }
        let name = id.vpath().get_without_slash();
        self.files
            .get(name)
            .ok_or_else(|| FileError::NotFound(name.into()))
    }
}

fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant, valid typst path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.project_file(id)?;
        let text = std::str::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.project_file(id).cloned()
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// The report's date, whatever offset is asked for: the report describes one day.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every piece of text typst laid out, in page order, without the spaces typst turns
    /// into gaps (a line break leaves no character behind).
    fn laid_out_text(document: &PagedDocument) -> String {
        fn walk(frame: &typst::layout::Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                    typst::layout::FrameItem::Text(text) => out.push_str(&text.text),
                    _ => {}
                }
            }
        }
        let mut out = String::new();
        for page in document.pages() {
            walk(&page.frame, &mut out);
        }
        out.split_whitespace().collect()
    }

    #[test]
    fn compiles_to_a_pdf() {
        let pdf = compile("= Hello\n\nWorld.\n", &BTreeMap::new(), day(2026, 10, 31)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{:?}", &pdf[..8]);
    }

    #[test]
    fn two_compiles_give_the_same_bytes() {
        let source = "#set document(title: [T], author: \"A\")\n= Hello\n\n#lorem(400)\n";
        let first = compile(source, &BTreeMap::new(), day(2026, 10, 31)).unwrap();
        let second = compile(source, &BTreeMap::new(), day(2026, 10, 31)).unwrap();
        assert!(first == second, "two compiles differ");
        // The creation date is the report's date, not the clock's.
        let text = String::from_utf8_lossy(&first);
        assert!(
            text.contains("D:20261031000000"),
            "no report date in the PDF"
        );
    }

    #[test]
    fn today_is_the_report_date() {
        let document = layout(
            "#datetime.today().display(\"[year]/[month]/[day]\")",
            &BTreeMap::new(),
            day(2024, 2, 29),
        )
        .unwrap();
        assert_eq!(laid_out_text(&document), "2024/02/29");
    }

    #[test]
    fn reads_virtual_files_only() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;
        let files = BTreeMap::from([("charts/box.svg".to_string(), svg.to_vec())]);
        let document = layout(
            "#image(\"charts/box.svg\", width: 2cm)\n",
            &files,
            day(2026, 1, 1),
        )
        .unwrap();
        assert_eq!(document.pages().len(), 1);

        let err = layout("#image(\"/etc/hostname\")\n", &files, day(2026, 1, 1)).unwrap_err();
        assert!(err.to_string().contains("not found"), "{err}");
        let err = layout("#import \"@preview/cetz:0.3.0\"\n", &files, day(2026, 1, 1)).unwrap_err();
        assert!(err.to_string().contains("offline"), "{err}");
    }

    #[test]
    fn errors_name_the_typst_line_and_message() {
        let source = "= Fine\n\nStill fine.\n#table(columns: 2, [a], [b]\n";
        let err = compile(source, &BTreeMap::new(), day(2026, 1, 1)).unwrap_err();
        let PdfError::Compile { diagnostics } = &err else {
            panic!("expected a compile error, got {err:?}");
        };
        assert_eq!(diagnostics[0].line, Some(4), "{diagnostics:?}");
        assert_eq!(
            diagnostics[0].code.as_deref(),
            Some("#table(columns: 2, [a], [b]")
        );
        let text = err.to_string();
        assert!(
            text.starts_with("typst could not lay out the report: line 4: "),
            "{text}"
        );
        assert!(text.contains("unclosed delimiter"), "{text}");
    }

    #[test]
    fn generated_date_must_be_iso() {
        assert_eq!(generated_date("2026-10-31").unwrap(), day(2026, 10, 31));
        let err = generated_date("31/10/2026").unwrap_err();
        assert!(matches!(err, PdfError::GeneratedDate { ref value } if value == "31/10/2026"));
    }

    fn templates_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report_templates")
    }

    /// The sample report of the render tests, as typst markup and laid out.
    fn sample_report(
        lang: &str,
        edit: impl FnOnce(&mut crate::report::context::ReportContext),
    ) -> (String, PagedDocument) {
        let mut ctx = crate::report::render::tests::sample_context(lang);
        edit(&mut ctx);
        let source = crate::report::render(&ctx, &templates_dir(), crate::report::Format::Typst)
            .unwrap_or_else(|err| panic!("{err:?}"));
        let document = layout(&source, &BTreeMap::new(), day(2026, 10, 31))
            .unwrap_or_else(|err| panic!("{err}\n{source}"));
        (source, document)
    }

    #[test]
    fn sample_report_has_cover_contents_sections_and_page_numbers() {
        for (lang, expected) in [
            (
                "id",
                [
                    "Isilaporan",
                    "1Ringkasan",
                    "Halaman2dari",
                    "11Asal-usuldata",
                ],
            ),
            (
                "en",
                ["Contents", "1Summary", "Page2of", "11Dataprovenance"],
            ),
        ] {
            let (_, document) = sample_report(lang, |_| {});
            let pages = document.pages().len();
            // Cover, contents, then each of the eleven sections on a page of its own at least.
            assert!(pages >= 13, "{lang}: {pages} pages");
            let text = laid_out_text(&document);
            for needle in expected {
                assert!(text.contains(needle), "{lang}: no {needle:?} in {text}");
            }
            let last = if lang == "id" { "dari" } else { "of" };
            assert!(
                text.ends_with(&format!("{pages}{last}{pages}")),
                "{lang}: {text}"
            );
        }
    }

    #[test]
    fn user_text_is_printed_literally() {
        let hostile = r#"#eval("1+1") <script> *bold* $x$ \ "q""#;
        let (_, document) = sample_report("en", |ctx| {
            ctx.top_posts.posts[0].excerpt = hostile.to_string();
        });
        let text = laid_out_text(&document);
        let literal: String = hostile.split_whitespace().collect();
        assert!(text.contains(&literal), "{literal} not in {text}");
        assert!(text.contains("Yayasan<Contoh>&Mitra"), "{text}");
        assert!(!text.contains("Yayasan<Contoh>&Mitra2"), "evaluated?");
    }

    #[test]
    fn sample_report_pdf_is_deterministic() {
        let ctx = crate::report::render::tests::sample_context("id");
        let files = BTreeMap::new();
        let first = crate::report::render_pdf(&ctx, &[templates_dir().as_path()], &files).unwrap();
        let second = crate::report::render_pdf(&ctx, &[templates_dir().as_path()], &files).unwrap();
        assert!(first.starts_with(b"%PDF-"));
        assert!(first == second, "two renders of the same report differ");
    }

    /// The example pipeline's reports as PDF, to look at: `make report` first, then
    /// `cargo test --features pdf --lib report::pdf -- --ignored`; writes
    /// `target/pdf-example/report-<lang>.pdf`.
    #[test]
    #[ignore = "needs the example store (make report)"]
    fn example_pipeline_as_pdf() {
        use crate::i18n::Lang;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = root.join("target/pdf-example");
        std::fs::create_dir_all(&out).unwrap();
        for lang in [Lang::Id, Lang::En] {
            let pipeline = crate::pipeline::Pipeline::load(
                &root.join("pipelines/example.toml"),
                None,
                Some(lang),
                crate::run::today(),
            )
            .unwrap();
            let store = crate::store::Store::open(&pipeline.store_dir);
            let table = crate::metrics::compute(&pipeline, &store).unwrap();
            let manifest = store.manifest().unwrap();
            let listening = crate::intelligence::analyse_store(&pipeline, &store).unwrap();
            let ctx = crate::report::context::ReportContext::build(
                &pipeline,
                &table,
                &manifest,
                listening.as_ref(),
            );
            let pdf =
                crate::report::render_pdf(&ctx, &pipeline.template_layers(), &BTreeMap::new())
                    .unwrap_or_else(|err| panic!("{err}: {:?}", std::error::Error::source(&err)));
            let path = out.join(format!("report-{}.pdf", lang.code()));
            std::fs::write(&path, pdf).unwrap();
            eprintln!("wrote {}", path.display());
        }
    }

    #[test]
    fn shorten_cuts_at_characters() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("äbcd", 2), "äb…");
    }
}
