//! Writes a report's files into `<output>/<period>/`: report.md and report.html always,
//! report.pdf, report.xlsx and `tables/*.csv` as the pipeline's `formats` ask, the tidy
//! `metrics.csv`, and `run.json` last, with the provenance and the SHA-256 of every file
//! written, so a reader can check a deliverable against its run.
//!
//! Every file is rendered in memory first and only then written, each atomically: a failure
//! in one format leaves the previous run's files as they were.

use super::context::ReportContext;
use super::{Format, ReportError};
use crate::i18n::Lang;
use crate::pipeline::branding::OutputFormat;
use crate::pipeline::Pipeline;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file the run wrote, for `run.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// Relative to the report folder (`report.pdf`, `tables/headline.csv`).
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
struct RunRecord<'a> {
    tool: &'static str,
    tool_version: &'a str,
    pipeline: &'a str,
    pipeline_file: &'a str,
    pipeline_sha256: &'a str,
    catalogue_sha256: &'a str,
    schema_version: u32,
    lang: &'a str,
    period: &'a str,
    previous_period: &'a str,
    time_zone: &'a str,
    generated_on: &'a str,
    inputs: &'a [super::context::InputView],
    quarantined_total: u64,
    /// Formats the pipeline asked for that this build could not write.
    skipped: Vec<Skipped>,
    outputs: Vec<Written>,
}

#[derive(Debug, Serialize)]
struct Skipped {
    format: &'static str,
    reason: &'static str,
}

/// Renders every output of `ctx` and writes them. `metrics_csv` is the tidy metric table.
/// Returns the folder written to.
pub fn write_all(
    pipeline: &Pipeline,
    ctx: &ReportContext,
    lang: Lang,
    metrics_csv: String,
) -> Result<PathBuf, ReportError> {
    let dir = pipeline.output_dir.join(&pipeline.period.id);
    let formats = &pipeline.file.formats;
    let wants = |f: OutputFormat| formats.contains(&f);
    let templates = &pipeline.template_layers();

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert(
        "report.md".into(),
        super::render_layers(ctx, templates, Format::Markdown)?.into_bytes(),
    );
    files.insert(
        "report.html".into(),
        super::render_layers(ctx, templates, Format::Html)?.into_bytes(),
    );
    files.insert("metrics.csv".into(), metrics_csv.into_bytes());

    let mut skipped = Vec::new();
    if wants(OutputFormat::Pdf) {
        if super::PDF_AVAILABLE {
            files.insert(
                "report.pdf".into(),
                super::render_pdf(ctx, templates, &pdf_files(ctx, pipeline))?,
            );
        } else {
            tracing::warn!(
                "report.pdf not written: this tolok was built without the `pdf` feature \
                 (build with `make build` or `cargo build --features pdf`)"
            );
            skipped.push(Skipped {
                format: "pdf",
                reason: "built without the `pdf` feature",
            });
        }
    }
    if wants(OutputFormat::Xlsx) || wants(OutputFormat::Csv) {
        let strings = super::load_strings_layers(templates, lang)?;
        let tables = super::table_builder::report_tables(ctx, &strings, lang)?;
        if wants(OutputFormat::Xlsx) {
            let meta = super::xlsx::WorkbookMeta {
                title: ctx.title.clone(),
                author: ctx.organisation.clone(),
                created: ctx.generated_on.clone(),
            };
            let bytes = super::xlsx::workbook(&tables, lang, &meta)
                .map_err(|source| ReportError::Xlsx { source })?;
            files.insert("report.xlsx".into(), bytes);
        }
        if wants(OutputFormat::Csv) {
            for table in &tables {
                files.insert(
                    format!("tables/{}.csv", table.name),
                    super::csv_tables::table_csv(table).into_bytes(),
                );
            }
        }
    }

    let mut written: Vec<Written> = files
        .iter()
        .map(|(name, bytes)| Written {
            file: name.clone(),
            bytes: bytes.len() as u64,
            sha256: crate::pipeline::hex_sha256(bytes),
        })
        .collect();
    for (name, bytes) in &files {
        write(&dir.join(name), bytes)?;
    }
    // Tables a previous run wrote that this one did not (an objective removed) would be
    // mistaken for this run's: remove them.
    remove_stale_tables(&dir, &files)?;

    let record = RunRecord {
        tool: "tolok",
        tool_version: &ctx.provenance.tool_version,
        pipeline: &pipeline.name,
        pipeline_file: &ctx.provenance.pipeline_file,
        pipeline_sha256: &ctx.provenance.pipeline_sha256,
        catalogue_sha256: &ctx.provenance.catalogue_sha256,
        schema_version: ctx.provenance.schema_version,
        lang: &ctx.lang,
        period: &pipeline.period.id,
        previous_period: &pipeline.previous.id,
        time_zone: &ctx.time_zone,
        generated_on: &ctx.generated_on,
        inputs: &ctx.provenance.inputs,
        quarantined_total: ctx.provenance.quarantined_total,
        skipped,
        outputs: std::mem::take(&mut written),
    };
    let mut json =
        serde_json::to_string_pretty(&record).map_err(|source| ReportError::Context { source })?;
    json.push('\n');
    write(&dir.join("run.json"), json.as_bytes())?;
    for name in files.keys().chain(std::iter::once(&"run.json".to_string())) {
        tracing::info!("wrote {}", dir.join(name).display());
    }
    Ok(dir)
}

/// The files the typst source reads: each chart's SVG and the logo.
fn pdf_files(ctx: &ReportContext, pipeline: &Pipeline) -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> = ctx
        .charts
        .iter()
        .map(|(id, chart)| (format!("charts/{id}.svg"), chart.svg.clone().into_bytes()))
        .collect();
    if let (Some(logo), Some(name)) = (&pipeline.branding.logo, &ctx.branding.logo_file) {
        files.insert(name.clone(), logo.bytes.clone());
    }
    files
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    crate::store::write_atomically(path, bytes).map_err(|source| ReportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn remove_stale_tables(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), ReportError> {
    let tables = dir.join("tables");
    let Ok(entries) = std::fs::read_dir(&tables) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = format!("tables/{}", entry.file_name().to_string_lossy());
        if name.ends_with(".csv") && !files.contains_key(&name) {
            std::fs::remove_file(entry.path()).map_err(|source| ReportError::Remove {
                path: entry.path(),
                source,
            })?;
        }
    }
    Ok(())
}
