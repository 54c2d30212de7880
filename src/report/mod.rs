//! Stage 5: render the report from the metric table through minijinja templates.
//!
//! `context` holds everything a template may see; `render` loads the templates and the UI
//! strings of the report language and runs them; `format` is the locale formatting that the
//! templates reach through filters (templates never format a number by hand).

pub mod charts;
pub mod context;
pub mod csv_tables;
pub mod deliver;
pub mod figures;
pub mod format;
pub mod listening;
pub mod narrative;
mod render;
pub mod safety;
pub mod sections;
pub mod table_builder;
pub mod tables;
pub mod xlsx;

pub(crate) use render::load_strings_layers;
pub use render::{render, render_layers, Format};

use std::path::PathBuf;

#[cfg(feature = "pdf")]
pub mod pdf;

/// Everything a template may read: the context built from the metric table, with its charts
/// drawn and its narrative written.
pub fn prepare(
    pipeline: &crate::pipeline::Pipeline,
    table: &crate::metrics::MetricTable,
    manifest: &crate::store::manifest::Manifest,
    listening: Option<&crate::intelligence::Analysis>,
) -> Result<context::ReportContext, ReportError> {
    let lang = pipeline.lang;
    let mut ctx = context::ReportContext::build(pipeline, table, manifest, listening);
    let strings = load_strings_layers(&pipeline.template_layers(), lang)?;
    ctx.charts = figures::charts(&ctx, &table.content, &strings, lang)?;
    let facts = sections::content_facts(&table.content, &ctx.content, lang);
    ctx.narrative = narrative::narrate(&ctx, &facts, lang);
    Ok(ctx)
}

/// Whether this build can write `report.pdf` (the cargo feature `pdf`).
pub const PDF_AVAILABLE: bool = cfg!(feature = "pdf");

/// Renders the report as PDF: `report.typ.j2` through the same context and filters as the
/// other formats, then typst. `files` are the files the typst source reads
/// (`charts/<id>.svg`, the logo). The PDF's dates come from `ctx.generated_on`.
#[cfg(feature = "pdf")]
pub fn render_pdf(
    ctx: &context::ReportContext,
    layers: &[&std::path::Path],
    files: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, ReportError> {
    let source = render_layers(ctx, layers, Format::Typst)?;
    let created = pdf::generated_date(&ctx.generated_on)?;
    Ok(pdf::compile(&source, files, created)?)
}

/// Without the `pdf` feature there is no typst in the binary: always `PdfNotBuilt`.
#[cfg(not(feature = "pdf"))]
pub fn render_pdf(
    _ctx: &context::ReportContext,
    _layers: &[&std::path::Path],
    _files: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::PdfNotBuilt)
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("template error in `{name}`")]
    Template {
        name: String,
        #[source]
        source: minijinja::Error,
    },
    #[error("unknown report language `{lang}`: expected `id` or `en`")]
    UnknownLanguage { lang: String },
    #[error("could not read the report's UI strings `{path}`")]
    ReadStrings {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid UI strings in `{path}`: every entry must be `key = \"text\"`")]
    ParseStrings {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("the report's UI strings lack {keys} (add them to every `i18n/<lang>.toml`)")]
    MissingStrings { keys: String },
    #[error("could not draw a chart (this is a bug in tolok, please report it)")]
    Chart {
        #[source]
        source: charts::ChartError,
    },
    #[error("could not write the workbook")]
    Xlsx {
        #[source]
        source: xlsx::XlsxError,
    },
    #[error("could not write `{path}`")]
    Write {
        path: PathBuf,
        #[source]
        source: crate::store::StoreError,
    },
    #[error("could not remove the stale table `{path}`")]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("a report table is malformed (this is a bug in tolok, please report it): {message}")]
    Table { message: String },
    #[error("could not hand the report context to the templates (this is a bug in tolok, please report it)")]
    Context {
        #[source]
        source: serde_json::Error,
    },
    #[cfg(feature = "pdf")]
    #[error("could not make report.pdf")]
    Pdf {
        #[from]
        source: pdf::PdfError,
    },
    #[error("this tolok was built without the `pdf` feature: build with `cargo build --features pdf` or `make build`")]
    PdfNotBuilt,
}
