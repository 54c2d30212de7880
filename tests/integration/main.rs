//! The integration tests: one binary, one module per feature. Each test runs the real
//! `tolok` binary on fixtures written in the platforms' exact export formats.

mod util;

/// One conformance test per adapter, on fixtures in the export's exact format.
mod adapters;
/// Legacy Facebook Page Insights workbooks (XML Spreadsheet 2003 `.xls`).
mod adapters_fb_insights;
/// LinkedIn Page analytics workbooks (XLSX and BIFF XLS), sheet by sheet.
mod adapters_linkedin;
/// Listening collections (4CAT, Facepager → mentions) and customer-care logs mapped in the
/// pipeline (generic_care → care).
mod adapters_listening;
/// Meta's video and audience exports, spreadsheet-damaged re-saves, TikTok's legacy
/// overview.
mod adapters_meta;
/// The TikTok Studio adapters, on CSV and XLSX workbooks.
mod adapters_tiktok;
/// The X adapters (twarc2 collections, the X data archive, the analytics exports by day and
/// of 2024+) and the archive's JS reader.
mod adapters_x;
/// YouTube Studio's advanced-mode export, as a folder and as a zip read in place; the
/// limits on zip archives.
mod adapters_youtube;
/// Customer-care first-response times and pseudonymised authors.
mod care;
/// Command line: help, exit codes, pipeline validation.
mod cli;
/// The delivered report: every output file, run.json, branding, commentary, batches.
mod deliver;
/// The example pipeline end to end: reproducibility, threads, sample data.
mod end_to_end;
/// Encodings (UTF-16 without BOM, Windows-1252) and number styles (`1.234,5`) of real files.
mod formats;
/// Ingest: detection, typing, quarantine, duplicates, snapshots.
mod ingest;
/// Crisis spikes, themes, share of voice and findings in the report's listening sections.
mod intelligence;
/// Listening queries, sentiment filled at ingest, share of voice and net sentiment.
mod listening;
/// Metric values against hand-computed expectations.
mod metrics;
/// Outcome files mapped in the pipeline (`generic_outcomes`) and the outcome metrics.
mod outcomes;
/// The real export files in ../shared/data/exports.
mod real_exports;
/// The rendered report: snapshot, escaping, languages.
mod report;
/// `tolok sample --rows`: a generated dataset at scale, ingested by its own pipeline.
mod sample_scale;
/// Sentiment: VADER parity on the oracle, the `tolok sentiment` command.
mod sentiment;
/// Indonesian sentiment measured on NusaX (`make eval-sentiment`).
mod sentiment_id;
/// `tolok sql`: DuckDB runs the printed SQL to tolok's own figures; golden SQL per dialect.
mod sql_parity;
