//! Command-line arguments (clap derive). The doc comments are the `--help` text: the first
//! line is the short help, the rest is the long help. No stage module imports this file;
//! `run` turns these into stage calls.

use crate::i18n::Lang;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// tolok: turn social-media platform exports into an evaluation report.
///
/// Reads the files platforms give their users (X analytics, Meta Business Suite for
/// Facebook and Instagram, listening CSVs), stores them as Parquet, computes each
/// objective's metrics and writes a Markdown and HTML report in Indonesian or English.
///
/// Exit codes: 0 success; 1 runtime failure (I/O, data, rendering); 2 invalid invocation or
/// pipeline file; 3 inputs rejected (more rows quarantined than the pipeline allows).
#[derive(Debug, Parser)]
#[command(
    name = "tolok",
    version,
    max_term_width = 100,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print only errors on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more on stderr (-v: debug, -vv: trace). TOLOK_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Progress bars on stderr: `auto` shows them when stderr is a terminal.
    #[arg(long, global = true, value_enum, default_value_t = Progress::Auto, env = "TOLOK_PROGRESS")]
    pub progress: Progress,
    /// Worker threads for queries and parallel work (default: all cores). 1 disables
    /// parallelism; results are identical at any setting.
    #[arg(long, global = true, env = "TOLOK_THREADS")]
    pub threads: Option<usize>,
    /// Report language; overrides the pipeline's `lang`.
    // A string, not `Lang`: `sentiment` declares its own `--lang` (with `auto`) under the
    // same id, which clap only allows when both hold the same type. Read it with
    // `report_lang`.
    #[arg(long, global = true, value_name = "LANG", value_parser = report_languages())]
    pub lang: Option<String>,
    /// Replace author identifiers with salted hashes before they are stored (as
    /// `[privacy] pseudonymise = true`); the salt comes from TOLOK_SALT, else `[privacy] salt`.
    #[arg(long, global = true)]
    pub pseudonymise: bool,
}

/// The values of the global `--lang`, described as `Lang`'s own help would describe them.
fn report_languages() -> PossibleValuesParser {
    PossibleValuesParser::new([
        PossibleValue::new("id").help("Bahasa Indonesia (default)"),
        PossibleValue::new("en").help("English"),
    ])
}

/// The values of `sentiment --lang`.
fn text_languages() -> PossibleValuesParser {
    PossibleValuesParser::new([
        PossibleValue::new("id").help("Indonesian: tolok's Indonesian language pack"),
        PossibleValue::new("en").help("English: VADER 3.3.2"),
        PossibleValue::new("auto")
            .help("Decided per line; lines in neither language go to VADER (default)"),
    ])
}

impl GlobalArgs {
    /// The report language given with `--lang`, if any.
    pub fn report_lang(&self) -> Option<Lang> {
        match self.lang.as_deref() {
            Some("id") => Some(Lang::Id),
            Some("en") => Some(Lang::En),
            // `sentiment --lang auto` reaches here too; it is not a report language.
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Progress {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every stage for one or more pipelines: ingest, metrics, report.
    ///
    /// Each pipeline writes into its own folder `<output>/<period>/`; nothing is shared
    /// between pipelines except what their `store` settings name.
    Run(RunArgs),
    /// Read export files (files, folders or globs) into the Parquet store.
    ///
    /// Each file is identified by its header, mapped onto the canonical schema and written
    /// as `<store>/<table>/platform=<p>/month=<yyyy-mm>/`. Rows that cannot be typed go to
    /// `<store>/quarantine/` with file, row, column, value and reason; the rest are stored.
    /// A file already ingested (same SHA-256) is skipped. Prints a per-file summary table.
    Ingest(IngestArgs),
    /// Say which adapter would read each file, and why (or why none fits).
    Detect(DetectArgs),
    /// Check pipeline files and the catalogue without reading any data; all errors at once.
    Validate(ValidateArgs),
    /// Compute a pipeline's metrics from the store and print the tidy metric table.
    Metrics(MetricsArgs),
    /// Compute metrics and render the report (Markdown and HTML) without ingesting.
    Report(ReportArgs),
    /// List the metric catalogue and the objectives with their definitions.
    Catalogue(CatalogueArgs),
    /// Write deterministic synthetic exports (X, Facebook, Instagram, mentions) for a
    /// fictional Indonesian zakat foundation.
    Sample(SampleArgs),
    /// Score the sentiment of texts, one per line: prints `score<TAB>label` per line.
    ///
    /// English texts are scored with VADER 3.3.2 (the score is its compound), Indonesian
    /// texts with tolok's Indonesian language pack; both scores lie in [-1, 1]. A score of
    /// 0.05 or more is positive, -0.05 or less negative, anything between neutral. Output
    /// lines follow input lines, whatever the thread count.
    Sentiment(SentimentArgs),
    /// Print the SQL that computes a pipeline's metrics over the Parquet store, for DuckDB,
    /// Spark, Trino or DataFusion.
    ///
    /// One statement per group of metrics that share a table, row filter and aggregation
    /// (as tolok groups them), and one per derived metric; each returns rows `metric, scope,
    /// period, value, numerator, denominator` for the period and the comparison period,
    /// overall and per platform, like `tolok metrics --format csv`, with the same snapshot,
    /// time zone, listening and "not available" rules. Aggregations tolok computes outside
    /// SQL (care first-response times, negative spikes) are listed in a comment.
    ///
    /// Run it elsewhere on a copy of the store, e.g. `tolok sql pipelines/example.toml
    /// --store /data/store > metrics.sql`, then `duckdb < metrics.sql`, `spark-sql -f
    /// metrics.sql`, `datafusion-cli -f metrics.sql`, or for Trino create the tables the
    /// comments show and run `trino -f metrics.sql`. Only the DuckDB dialect is executed by
    /// tolok's tests (against tolok's own figures); the others are checked as text only.
    /// docs/sql.md has more.
    Sql(SqlArgs),
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// Pipeline file (TOML); or give it with `--pipeline`.
    #[arg(
        required_unless_present = "pipeline_file",
        conflicts_with = "pipeline_file"
    )]
    pub pipeline: Option<PathBuf>,
    /// Pipeline file (TOML), as an option.
    #[arg(long = "pipeline", id = "pipeline_file", value_name = "FILE")]
    pub pipeline_file: Option<PathBuf>,
    /// Engine to write SQL for.
    #[arg(long, default_value = "duckdb", value_parser = sql_dialects())]
    pub dialect: String,
    /// Store folder as the engine will read it (a path or URL); default: the pipeline's
    /// store. Which tables hold rows is read from it when it is a local store.
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// Period, overriding the pipeline.
    #[arg(long)]
    pub period: Option<String>,
}

/// The values of `sql --dialect`, described by the dialect table.
fn sql_dialects() -> PossibleValuesParser {
    use crate::metrics::sql::Dialect;
    PossibleValuesParser::new(Dialect::ALL.map(|d| PossibleValue::new(d.name()).help(d.about())))
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Pipeline files (TOML), e.g. `pipelines/example.toml`.
    #[arg(required = true)]
    pub pipelines: Vec<PathBuf>,
    /// Period to report on, overriding the pipeline: `2026-10`, `2026-Q3`,
    /// `2026-10-01..2026-10-15` or `last-month`.
    #[arg(long)]
    pub period: Option<String>,
    /// Report folder, overriding the pipeline's `output` (the period is added below it).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Export files, folders (read recursively) or glob patterns.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Store folder; default: the `--pipeline`'s store, else `./store`.
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// Time zone of the accounts, for exports that write local times (Meta Business
    /// Suite); default: the `--pipeline`'s, else Asia/Jakarta.
    #[arg(long)]
    pub timezone: Option<String>,
    /// Pipeline file whose `[[input]]` column mappings (generic CSVs) to use.
    #[arg(long)]
    pub pipeline: Option<PathBuf>,
    /// Platform of files that do not say it (Meta daily series such as `Reach.csv`).
    #[arg(long)]
    pub platform: Option<String>,
    /// Account of files that do not say it (Meta daily series); default `main`.
    #[arg(long)]
    pub account: Option<String>,
    /// When the exports were taken (`2026-11-01` or `2026-11-01T08:00:00+07:00`), for
    /// files whose name and rows do not say it (Meta's `Audience.csv`, TikTok's legacy
    /// overview, whose dates have no year).
    #[arg(long, value_name = "TIME")]
    pub snapshot_at: Option<String>,
}

#[derive(Debug, Args)]
pub struct DetectArgs {
    /// Export files, folders or glob patterns.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Pipeline file whose generic-CSV mappings should be considered too.
    #[arg(long)]
    pub pipeline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Pipeline files (TOML).
    #[arg(required = true)]
    pub pipelines: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Pipeline file (TOML).
    pub pipeline: PathBuf,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Period, overriding the pipeline.
    #[arg(long)]
    pub period: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Pipeline file (TOML).
    pub pipeline: PathBuf,
    /// Period, overriding the pipeline.
    #[arg(long)]
    pub period: Option<String>,
    /// Report folder, overriding the pipeline's `output` (the period is added below it).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CatalogueArgs {
    /// Catalogue folder holding `metrics.toml` and `objectives.toml`.
    #[arg(long, default_value = "pipelines/catalogue")]
    pub catalogue: PathBuf,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Folder to write into (created if missing).
    #[arg(long, default_value = "sample_data")]
    pub out: PathBuf,
    /// First month, `yyyy-mm`.
    #[arg(long, default_value = "2026-08")]
    pub first_month: String,
    /// Number of months.
    #[arg(long, default_value_t = 3)]
    pub months: u32,
    /// Random seed; the same seed writes the same bytes.
    #[arg(long, default_value_t = 20261001)]
    pub seed: u64,
    /// Instead of the small example, write N generated mentions (and N/100 posts, the
    /// Meta daily series and a `pipeline.toml` ingesting them) for benchmarks, over 3 to 12
    /// months from `--first-month`. `--out` must be a new or empty folder.
    #[arg(long, value_name = "N", conflicts_with = "months")]
    pub rows: Option<u64>,
    /// With `--rows`: the tolok project folder whose `pipelines/catalogue` and
    /// `report_templates` the generated pipeline uses [default: the current folder].
    #[arg(long, value_name = "DIR", requires = "rows")]
    pub project: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SentimentArgs {
    /// Language of the texts.
    // Shares the global `--lang`'s id; see `GlobalArgs::lang`.
    #[arg(long = "lang", id = "lang", value_name = "LANG", default_value = "auto",
          value_parser = text_languages())]
    pub text_lang: String,
    /// Indonesian lexicon (`word<TAB>weight` lines, the InSet layout) used instead of the
    /// built-in one, with the built-in negators, boosters and other rules. Only with
    /// `--lang id` or `auto`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Labelled CSV with `text` and `label` (positive, negative, neutral) columns, such as
    /// NusaX's `id,text,label`: score every text and print accuracy, macro-F1, per-class
    /// precision, recall and F1, and the confusion matrix instead of scores.
    #[arg(long, value_name = "CSV", conflicts_with = "input")]
    pub evaluate: Option<PathBuf>,
    /// Text file, UTF-8, one text per line; stdin when absent.
    pub input: Option<PathBuf>,
}
