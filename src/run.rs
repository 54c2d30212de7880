//! The one module that knows the stage order: ingest → normalise → store → metrics →
//! report. Each subcommand runs the stages it needs; `run` runs them all.

use crate::cli::{Cli, Command, GlobalArgs, TableFormat};
use crate::error::{Error, Result};
use crate::ingest::{self, Detection};
use crate::metrics::{self, MetricTable};
use crate::normalise::{self, adapters, FileContext};
use crate::pipeline::{hex_sha256, normalise_path, Pipeline};
use crate::store::manifest::FileRecord;
use crate::store::Store;
use crate::tabular;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a finished command asks `main` to exit with: 0, or 3 when inputs were rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    InputsRejected,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let global = &cli.global;
    match cli.command {
        Command::Run(args) => {
            let pipelines = load_batch(
                &args.pipelines,
                args.period.as_deref(),
                args.output.as_deref(),
                global,
            )?;
            run_batch(pipelines, global)
        }
        Command::Ingest(args) => {
            let pipeline = match &args.pipeline {
                Some(p) => Some(Pipeline::load(p, None, global.report_lang(), today())?),
                None => None,
            };
            let tz = match (&args.timezone, &pipeline) {
                (Some(text), _) => parse_tz(text)?,
                (None, Some(p)) => p.tz,
                (None, None) => chrono_tz::Asia::Jakarta,
            };
            let inputs = vec![InputGroup {
                patterns: args.paths.clone(),
                forced: None,
                snapshot_at: args.snapshot_at.clone(),
                facts: adapters::InputFacts {
                    platform: args.platform.clone(),
                    account: args.account.clone(),
                },
                headers: Default::default(),
                mentions: mention_scorer(pipeline.as_ref())?,
            }];
            let candidates = candidate_adapters(pipeline.as_ref())?;
            let store_dir = match (&args.store, &pipeline) {
                (Some(dir), _) => dir.clone(),
                (None, Some(p)) => p.store_dir.clone(),
                (None, None) => PathBuf::from("store"),
            };
            let store = Store::open(&store_dir);
            let privacy = pipeline.as_ref().map(|p| &p.file.privacy);
            let summary = ingest_inputs(&inputs, &candidates, &store, tz, global, privacy)?;
            emit(&summary.table())?;
            Ok(summary.outcome(None))
        }
        Command::Detect(args) => {
            let pipeline = match &args.pipeline {
                Some(p) => Some(Pipeline::load(p, None, global.report_lang(), today())?),
                None => None,
            };
            let candidates = candidate_adapters(pipeline.as_ref())?;
            let mut rows = Vec::new();
            let mut unknown = false;
            for file in ingest::discover(&args.paths)? {
                // A zip archive lists each of its members.
                for input in ingest::archive::expand(&file, read(&file)?) {
                    // A workbook holding several exports lists each of its sheets.
                    let sheets = input.bytes.as_ref().ok().and_then(|bytes| {
                        ingest::detect::detect_sheets(bytes, &candidates, None, &Default::default())
                    });
                    if let Some(sheets) = sheets {
                        for (sheet, d) in sheets {
                            rows.push(vec![
                                format!("{}!/{sheet}", input.path.display()),
                                d.label(),
                                d.explanation(),
                            ]);
                        }
                        continue;
                    }
                    let (label, why) = match input.bytes {
                        Ok(bytes) => {
                            let d = ingest::detect(&bytes, &candidates, None);
                            unknown |= !matches!(d, Detection::Adapter { .. });
                            (d.label(), d.explanation())
                        }
                        Err(why) => {
                            unknown = true;
                            ("(none)".to_string(), why)
                        }
                    };
                    rows.push(vec![input.path.display().to_string(), label, why]);
                }
            }
            emit(&tabular::render(&["file", "adapter", "why"], &rows))?;
            Ok(if unknown {
                Outcome::InputsRejected
            } else {
                Outcome::Success
            })
        }
        Command::Validate(args) => {
            let mut problems = Vec::new();
            for path in &args.pipelines {
                match Pipeline::load(path, None, global.report_lang(), today()) {
                    Ok(p) => emit(&format!(
                        "{}: ok ({} objectives, period {})\n",
                        path.display(),
                        p.file.objectives.len(),
                        p.period
                    ))?,
                    Err(e) => problems.push(e),
                }
            }
            // Every file's problems are shown; the last one is the error `main` prints.
            let last = problems.pop();
            for e in problems {
                eprintln!("error: {e}");
            }
            match last {
                Some(e) => Err(e.into()),
                None => Ok(Outcome::Success),
            }
        }
        Command::Metrics(args) => {
            let pipeline = Pipeline::load(
                &args.pipeline,
                args.period.as_deref(),
                global.report_lang(),
                today(),
            )?;
            let table = metrics::compute(&pipeline, &Store::open(&pipeline.store_dir))?;
            let rows = crate::metrics::tidy::rows(&pipeline, &table);
            let out = match args.format {
                TableFormat::Table => tabular::render(crate::metrics::tidy::HEADERS, &rows),
                TableFormat::Csv => tabular::csv(crate::metrics::tidy::HEADERS, &rows),
                TableFormat::Json => crate::metrics::tidy::json(&rows),
            };
            emit(&out)?;
            Ok(Outcome::Success)
        }
        Command::Report(args) => {
            let mut pipeline = Pipeline::load(
                &args.pipeline,
                args.period.as_deref(),
                global.report_lang(),
                today(),
            )?;
            if let Some(output) = &args.output {
                pipeline.output_dir = output.clone();
            }
            let store = Store::open(&pipeline.store_dir);
            let table = metrics::compute(&pipeline, &store)?;
            write_report(&pipeline, &store, &table)?;
            Ok(Outcome::Success)
        }
        Command::Catalogue(args) => {
            let catalogue =
                crate::metrics::catalogue::Catalogue::load(&args.catalogue).map_err(|errors| {
                    crate::pipeline::PipelineError::Invalid(
                        errors
                            .into_iter()
                            .map(|message| crate::pipeline::Problem {
                                file: args.catalogue.clone(),
                                key: "catalogue".into(),
                                message,
                            })
                            .collect(),
                    )
                })?;
            emit(&crate::metrics::tidy::catalogue_listing(
                &catalogue,
                global.report_lang().unwrap_or_default(),
            ))?;
            Ok(Outcome::Success)
        }
        Command::Sample(args) => {
            let first_month = parse_month(&args.first_month)?;
            if let Some(rows) = args.rows {
                let options = crate::sample::scale::ScaleOptions {
                    rows,
                    first_month,
                    seed: args.seed,
                    project: args.project.clone().unwrap_or_else(|| PathBuf::from(".")),
                };
                let summary = crate::sample::scale::write_scale_sample(&args.out, &options)?;
                for f in &summary.files {
                    emit(&format!("{}\n", f.display()))?;
                }
                tracing::info!(
                    "wrote {} mentions and {} posts over {} months into {}",
                    summary.mentions,
                    summary.posts,
                    summary.months,
                    args.out.display()
                );
                return Ok(Outcome::Success);
            }
            let options = crate::sample::SampleOptions {
                first_month,
                months: args.months,
                seed: args.seed,
            };
            let files = crate::sample::write_sample(&args.out, &options)?;
            for f in &files {
                emit(&format!("{}\n", f.display()))?;
            }
            tracing::info!(
                "wrote {} sample files into {}",
                files.len(),
                args.out.display()
            );
            Ok(Outcome::Success)
        }
        Command::Sentiment(args) => {
            score_sentiment(&args)?;
            Ok(Outcome::Success)
        }
        Command::Sql(args) => {
            emit(&catalogue_sql(&args, global)?)?;
            Ok(Outcome::Success)
        }
    }
}

/// `tolok sql`: the pipeline's metrics as SQL for another engine.
fn catalogue_sql(args: &crate::cli::SqlArgs, global: &GlobalArgs) -> Result<String> {
    use crate::metrics::sql;
    let path = args
        .pipeline
        .as_ref()
        .or(args.pipeline_file.as_ref())
        .ok_or_else(|| Error::Usage("give a pipeline file".into()))?;
    let pipeline = Pipeline::load(path, args.period.as_deref(), global.report_lang(), today())?;
    let dialect = sql::Dialect::parse(&args.dialect)
        .ok_or_else(|| Error::Usage(format!("unknown dialect `{}`", args.dialect)))?;
    let store_dir = args.store.clone().unwrap_or(pipeline.store_dir.clone());
    let present = sql::tables_in_store(&Store::open(&store_dir))?;
    let store = store_dir.display().to_string().replace('\\', "/");
    Ok(sql::render(&pipeline, &store, present.as_ref(), dialect))
}

/// `tolok sentiment`: scores one text per line, or evaluates against a labelled CSV.
fn score_sentiment(args: &crate::cli::SentimentArgs) -> Result<()> {
    use crate::sentiment::{self, LangChoice, Scorer};
    let choice = match args.text_lang.as_str() {
        "id" => LangChoice::Indonesian,
        "en" => LangChoice::English,
        _ => LangChoice::Auto,
    };
    let scorer = Scorer::new(choice, args.lexicon.as_deref()).map_err(Error::Usage)?;
    if let Some(path) = &args.evaluate {
        let labelled = sentiment::read_labelled_csv(path).map_err(|message| Error::Read {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        })?;
        let texts: Vec<String> = labelled.iter().map(|(text, _)| text.clone()).collect();
        let pairs: Vec<(String, String)> = labelled
            .into_iter()
            .zip(scorer.score_all(&texts))
            .map(|((_, gold), score)| (gold, sentiment::label(score).to_string()))
            .collect();
        return emit(&format!("{}\n", sentiment::evaluate::evaluate(&pairs)));
    }
    let (bytes, shown) = match &args.input {
        Some(path) => (
            std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?,
            path.display().to_string(),
        ),
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(
                |source| Error::Read {
                    path: PathBuf::from("<stdin>"),
                    source,
                },
            )?;
            (bytes, "<stdin>".to_string())
        }
    };
    let texts = sentiment_lines(&bytes).map_err(|source| Error::Read {
        path: PathBuf::from(&shown),
        source,
    })?;
    let mut out = String::new();
    for score in scorer.score_all(&texts) {
        out.push_str(&sentiment::score_line(score));
        out.push('\n');
    }
    emit(&out)
}

/// The input's lines (LF or CRLF); a line that is not UTF-8 is an error naming it, since a
/// skipped line would shift every later score onto the wrong text.
fn sentiment_lines(bytes: &[u8]) -> std::io::Result<Vec<String>> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .map(|(index, line)| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            String::from_utf8(line.to_vec()).map_err(|e| {
                let reason = format!("line {}: not UTF-8 text ({e})", index + 1);
                std::io::Error::new(std::io::ErrorKind::InvalidData, reason)
            })
        })
        .collect()
}

/// Loads and checks every pipeline of a batch before any work starts: all problems of all
/// files are reported at once (exit 2). With `--output` and several pipelines, each gets
/// `<output>/<name>`; two pipelines writing into the same folder are refused, since one would
/// overwrite the other's report.
fn load_batch(
    paths: &[PathBuf],
    period: Option<&str>,
    output: Option<&Path>,
    global: &GlobalArgs,
) -> Result<Vec<Pipeline>> {
    let mut pipelines = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match Pipeline::load(path, period, global.report_lang(), today()) {
            Ok(mut pipeline) => {
                if let Some(output) = output {
                    pipeline.output_dir = match paths.len() {
                        1 => output.to_path_buf(),
                        _ => output.join(&pipeline.name),
                    };
                }
                pipelines.push(pipeline);
            }
            Err(crate::pipeline::PipelineError::Invalid(list)) => problems.extend(list),
            Err(other) => return Err(other.into()),
        }
    }
    for (i, a) in pipelines.iter().enumerate() {
        if let Some(b) = pipelines[..i].iter().find(|b| b.output_dir == a.output_dir) {
            problems.push(crate::pipeline::Problem {
                file: a.path.clone(),
                key: "output".into(),
                message: format!(
                    "`{}` is also the report folder of `{}`: give each pipeline its own `output`",
                    a.output_dir.display(),
                    b.path.display()
                ),
            });
        }
    }
    if !problems.is_empty() {
        return Err(crate::pipeline::PipelineError::Invalid(problems).into());
    }
    Ok(pipelines)
}

/// Runs each pipeline in turn. One pipeline's failure does not stop the others: it is
/// reported, and the batch ends with the worst outcome (a failure, else rejected inputs).
fn run_batch(pipelines: Vec<Pipeline>, global: &GlobalArgs) -> Result<Outcome> {
    let single = pipelines.len() == 1;
    let mut outcome = Outcome::Success;
    let mut failed: Vec<String> = Vec::new();
    let mut rejected: Option<Error> = None;
    for pipeline in pipelines {
        let name = pipeline.path.display().to_string();
        match run_pipeline(pipeline, global) {
            Ok(Outcome::InputsRejected) => outcome = Outcome::InputsRejected,
            Ok(_) => {}
            Err(err) if single => return Err(err),
            Err(err @ Error::TooManyRejected { .. }) => {
                tracing::error!("pipeline `{name}`: {}", crate::error::chain(&err));
                rejected = Some(err);
            }
            Err(err) => {
                tracing::error!("pipeline `{name}` failed: {}", crate::error::chain(&err));
                failed.push(name);
            }
        }
    }
    if !failed.is_empty() {
        return Err(Error::BatchFailed { failed });
    }
    match rejected {
        Some(err) => Err(err),
        None => Ok(outcome),
    }
}

/// All stages for one pipeline.
fn run_pipeline(pipeline: Pipeline, global: &GlobalArgs) -> Result<Outcome> {
    tracing::info!(
        "pipeline `{}`: period {}, compared with {}",
        pipeline.name,
        pipeline.period,
        pipeline.previous
    );
    let store = Store::open(&pipeline.store_dir);
    let groups = pipeline_inputs(&pipeline)?;
    let summary = ingest_inputs(
        &groups,
        &adapters::builtin(),
        &store,
        pipeline.tz,
        global,
        Some(&pipeline.file.privacy),
    )?;
    if !global.quiet {
        eprint!("{}", summary.table());
    }
    let table = metrics::compute(&pipeline, &store)?;
    write_report(&pipeline, &store, &table)?;
    let outcome = summary.outcome(pipeline.file.max_quarantined);
    if let (Outcome::InputsRejected, Some(allowed)) = (outcome, pipeline.file.max_quarantined) {
        let quarantined = summary.quarantined();
        if quarantined > allowed {
            return Err(Error::TooManyRejected {
                quarantined,
                allowed,
            });
        }
    }
    Ok(outcome)
}

/// Renders the report in every format the pipeline asks for into `<output>/<period>/`
/// (see `report::deliver`).
fn write_report(pipeline: &Pipeline, store: &Store, table: &MetricTable) -> Result<()> {
    let manifest = store.manifest()?;
    let listening = crate::intelligence::analyse_store(pipeline, store)?;
    let ctx = crate::report::prepare(pipeline, table, &manifest, listening.as_ref())?;
    let rows = crate::metrics::tidy::rows(pipeline, table);
    let metrics_csv = tabular::csv(crate::metrics::tidy::HEADERS, &rows);
    crate::report::deliver::write_all(pipeline, &ctx, pipeline.lang, metrics_csv)?;
    Ok(())
}

/// Files to ingest with, optionally, an adapter the pipeline forces on them.
struct InputGroup {
    patterns: Vec<String>,
    forced: Option<adapters::Adapter>,
    /// `snapshot-at` from the pipeline, as written.
    snapshot_at: Option<String>,
    /// Platform and account the pipeline states for files that do not say them.
    facts: adapters::InputFacts,
    /// Header cells read under the English names the adapters know (`headers`).
    headers: ingest::detect::HeaderRenames,
    /// Fills language and sentiment of mentions (`[sentiment]` of the pipeline).
    mentions: std::sync::Arc<crate::sentiment::mentions::MentionScorer>,
}

/// The scorer for mentions: the pipeline's `[sentiment] lexicon` or the built-in pack.
fn mention_scorer(
    pipeline: Option<&Pipeline>,
) -> Result<std::sync::Arc<crate::sentiment::mentions::MentionScorer>> {
    let lexicon = pipeline.and_then(|p| {
        let dir = p.path.parent().unwrap_or(Path::new("."));
        p.file.sentiment.lexicon_path(dir)
    });
    crate::sentiment::mentions::MentionScorer::new(lexicon.as_deref())
        .map(std::sync::Arc::new)
        .map_err(|why| Error::Usage(format!("`sentiment.lexicon`: {why}")))
}

/// A pipeline's `[[input]]`s, each with the adapter it names (if any).
fn pipeline_inputs(pipeline: &Pipeline) -> Result<Vec<InputGroup>> {
    let mentions = mention_scorer(Some(pipeline))?;
    pipeline
        .input_paths()
        .into_iter()
        .map(|(pattern, spec)| {
            let forced = normalise::forced_adapter(spec).map_err(Error::Usage)?;
            Ok(InputGroup {
                patterns: vec![pattern],
                forced,
                snapshot_at: spec.snapshot_at.clone(),
                facts: adapters::InputFacts {
                    platform: spec.platform.clone(),
                    account: spec.account.clone(),
                },
                headers: spec.headers.clone(),
                mentions: mentions.clone(),
            })
        })
        .collect()
}

/// Adapters `detect` and `ingest` choose from: the built-in ones, plus the column
/// mappings a `--pipeline` declares for its listening CSVs.
fn candidate_adapters(pipeline: Option<&Pipeline>) -> Result<Vec<adapters::Adapter>> {
    // A pipeline's mappings come before the built-in adapters, in the pipeline's order: a
    // mapping of a Facepager export must win over the built-in Facepager aliases, as it
    // does in `run`.
    let mut candidates = Vec::new();
    if let Some(p) = pipeline {
        for group in pipeline_inputs(p)? {
            if let Some(a) = group.forced.filter(|a| a.dataset.is_some()) {
                candidates.push(a);
            }
        }
    }
    candidates.extend(adapters::builtin());
    Ok(candidates)
}

/// What happened to one input file.
struct FileOutcome {
    path: PathBuf,
    adapter: String,
    status: FileStatus,
}

enum FileStatus {
    Added(Box<FileRecord>),
    AlreadyIngested(Box<FileRecord>),
    /// A known export tolok cannot read yet (YouTube's `Chart data.csv` beside the files it
    /// reads): named in the summary, but it does not fail the run.
    NotReadYet(String),
    /// A workbook sheet that no adapter reads (LinkedIn's follower demographics), beside
    /// sheets of the same workbook that are read: named, with the reason, without failing.
    NotRead(String),
    Rejected(String),
}

struct IngestSummary {
    files: Vec<FileOutcome>,
}

impl IngestSummary {
    fn quarantined(&self) -> u64 {
        self.files
            .iter()
            .map(|f| match &f.status {
                FileStatus::Added(r) => r.quarantined,
                _ => 0,
            })
            .sum()
    }

    fn outcome(&self, max_quarantined: Option<u64>) -> Outcome {
        let rejected_file = self
            .files
            .iter()
            .any(|f| matches!(f.status, FileStatus::Rejected(_)));
        let too_many = max_quarantined.is_some_and(|m| self.quarantined() > m);
        if rejected_file || too_many {
            Outcome::InputsRejected
        } else {
            Outcome::Success
        }
    }

    /// The per-file summary: adapter, rows read, stored, quarantined (with reasons),
    /// duplicates; the totals reconcile (read = stored + quarantined + duplicates).
    fn table(&self) -> String {
        let mut rows = Vec::new();
        let mut totals = [0u64; 4];
        let mut notes = Vec::new();
        for f in &self.files {
            let file = f.path.display().to_string();
            match &f.status {
                FileStatus::Added(r) => {
                    for (i, n) in [r.rows_read, r.stored, r.quarantined, r.duplicates]
                        .into_iter()
                        .enumerate()
                    {
                        totals[i] += n;
                    }
                    rows.push(vec![
                        file.clone(),
                        f.adapter.clone(),
                        r.rows_read.to_string(),
                        r.stored.to_string(),
                        r.quarantined.to_string(),
                        r.duplicates.to_string(),
                        "added".into(),
                    ]);
                    for (reason, n) in &r.quarantine_reasons {
                        notes.push(format!("{file}: {n} row(s) quarantined, {reason}"));
                    }
                    if r.conflicting_duplicates > 0 {
                        notes.push(format!(
                            "{file}: {} duplicate row(s) have the same snapshot time as stored rows but other values; the stored rows were kept (set `snapshot-at` on the input to say when this export was taken)",
                            r.conflicting_duplicates
                        ));
                    }
                    for disagreement in &r.follower_disagreements {
                        notes.push(format!(
                            "{file}: follower count differs from an export stored before: {disagreement} (both are kept; metrics use the later snapshot)"
                        ));
                    }
                    if let Some(q) = &r.quarantine_file {
                        notes.push(format!("{file}: quarantined rows are listed in {q}"));
                    }
                }
                FileStatus::AlreadyIngested(r) => rows.push(vec![
                    file,
                    f.adapter.clone(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    format!("already in store (sha256 {})", &r.sha256[..12]),
                ]),
                FileStatus::Rejected(why)
                | FileStatus::NotReadYet(why)
                | FileStatus::NotRead(why) => {
                    let status = match f.status {
                        FileStatus::Rejected(_) => "rejected",
                        FileStatus::NotRead(_) => "not read",
                        _ => "not read yet",
                    };
                    rows.push(vec![
                        file.clone(),
                        f.adapter.clone(),
                        "-".into(),
                        "-".into(),
                        "-".into(),
                        "-".into(),
                        status.into(),
                    ]);
                    notes.push(format!("{file}: {why}"));
                }
            }
        }
        rows.push(vec![
            "total".into(),
            String::new(),
            totals[0].to_string(),
            totals[1].to_string(),
            totals[2].to_string(),
            totals[3].to_string(),
            String::new(),
        ]);
        let mut out = tabular::render(
            &[
                "file",
                "adapter",
                "read",
                "stored",
                "quarantined",
                "duplicates",
                "status",
            ],
            &rows,
        );
        for n in notes {
            out.push_str(&n);
            out.push('\n');
        }
        out
    }
}

/// Reads, detects and normalises the files in parallel, then adds them to the store one
/// by one in file order (so duplicates are judged the same way at any thread count).
fn ingest_inputs(
    groups: &[InputGroup],
    candidates: &[adapters::Adapter],
    store: &Store,
    tz: chrono_tz::Tz,
    global: &GlobalArgs,
    privacy: Option<&crate::privacy::PrivacySettings>,
) -> Result<IngestSummary> {
    let pseudonymiser = crate::privacy::Pseudonymiser::choose(
        global.pseudonymise,
        privacy,
        std::env::var(crate::privacy::SALT_VARIABLE).ok(),
    )
    .map_err(Error::Usage)?;
    let manifest = store.manifest()?;
    let mut jobs: Vec<(PathBuf, &InputGroup)> = Vec::new();
    for group in groups {
        for file in ingest::discover(&group.patterns)? {
            if !jobs.iter().any(|(p, _)| *p == file) {
                jobs.push((file, group));
            }
        }
    }
    let bar = crate::observe::bar(global.progress, global.quiet, jobs.len() as u64, "ingest");
    let prepared: Vec<Result<Vec<Prepared>>> = jobs
        .par_iter()
        .map(|(path, group)| {
            let r = prepare(path, group, candidates, &manifest, tz);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut files = Vec::new();
    // An archive's members, in order, after the file before it.
    let prepared: Vec<Vec<Prepared>> = prepared.into_iter().collect::<Result<_>>()?;
    for p in prepared.into_iter().flatten() {
        let status = match p.work {
            Work::Skip(record) => FileStatus::AlreadyIngested(record),
            Work::Reject(why) => {
                tracing::warn!("{}: {why}", p.path.display());
                FileStatus::Rejected(why)
            }
            Work::NotReadYet(why) => {
                tracing::warn!("{}: not read yet: {why}", p.path.display());
                FileStatus::NotReadYet(why)
            }
            Work::NotRead(why) => {
                tracing::info!("{}: {why}", p.path.display());
                FileStatus::NotRead(why)
            }
            Work::Add(record, normalised) => {
                // A file listed twice (e.g. a copy under two names) is only added once.
                if let Some(existing) = store.manifest()?.find(&record.sha256) {
                    FileStatus::AlreadyIngested(Box::new(existing.clone()))
                } else {
                    let mut normalised = *normalised;
                    if let Some(p) = &pseudonymiser {
                        p.apply(&mut normalised).map_err(|e| {
                            Error::Usage(format!(
                                "{}: could not pseudonymise its authors: {e}",
                                record.path
                            ))
                        })?;
                    }
                    FileStatus::Added(Box::new(store.add(*record, normalised)?.record))
                }
            }
        };
        files.push(FileOutcome {
            path: p.path,
            adapter: p.adapter,
            status,
        });
    }
    Ok(IngestSummary { files })
}

struct Prepared {
    path: PathBuf,
    adapter: String,
    work: Work,
}

enum Work {
    Skip(Box<FileRecord>),
    NotReadYet(String),
    /// A workbook sheet no adapter reads while the workbook's other sheets are read.
    NotRead(String),
    Reject(String),
    Add(Box<FileRecord>, Box<normalise::Normalised>),
}

/// One file, or each member of a zip archive (named `<archive>!/<member>`, hashed on its
/// own bytes, its snapshot read from its own name), or each sheet of a workbook that holds
/// several exports (see `prepare_sheets`).
fn prepare(
    path: &Path,
    group: &InputGroup,
    candidates: &[adapters::Adapter],
    manifest: &crate::store::manifest::Manifest,
    tz: chrono_tz::Tz,
) -> Result<Vec<Prepared>> {
    let mut prepared = Vec::new();
    for input in ingest::archive::expand(path, read(path)?) {
        match input.bytes {
            Ok(bytes) => {
                match ingest::detect::detect_sheets(
                    &bytes,
                    candidates,
                    group.forced.as_ref(),
                    &group.headers,
                ) {
                    Some(sheets) => prepared.extend(prepare_sheets(
                        &input.path,
                        &bytes,
                        sheets,
                        group,
                        manifest,
                        tz,
                    )?),
                    None => prepared.push(prepare_one(
                        &input.path,
                        bytes,
                        group,
                        candidates,
                        manifest,
                        tz,
                    )?),
                }
            }
            Err(why) => prepared.push(Prepared {
                path: input.path,
                adapter: "(none)".into(),
                work: Work::Reject(why),
            }),
        }
    }
    Ok(prepared)
}

/// Each sheet of a workbook that holds several exports (LinkedIn's content workbook), read
/// as if it were a file named `<workbook>!/<sheet>`. A sheet has no bytes of its own, so its
/// identity in the manifest is the SHA-256 of `<workbook SHA-256>!/<sheet>`: ingesting the
/// same workbook again changes nothing, and each sheet gets its own Parquet part and
/// quarantine file. Its snapshot is read from the workbook's file name.
fn prepare_sheets(
    path: &Path,
    bytes: &[u8],
    sheets: Vec<(String, Detection)>,
    group: &InputGroup,
    manifest: &crate::store::manifest::Manifest,
    tz: chrono_tz::Tz,
) -> Result<Vec<Prepared>> {
    let workbook_sha256 = hex_sha256(bytes);
    sheets
        .into_iter()
        .map(|(sheet, detection)| {
            let sheet_path = PathBuf::from(format!("{}!/{sheet}", path.display()));
            let sha256 = hex_sha256(format!("{workbook_sha256}!/{sheet}").as_bytes());
            if let Some(record) = manifest.find(&sha256) {
                return Ok(Prepared {
                    path: sheet_path,
                    adapter: record.adapter.clone(),
                    work: Work::Skip(Box::new(record.clone())),
                });
            }
            prepare_detected(&sheet_path, path, sha256, detection, group, tz)
        })
        .collect()
}

fn prepare_one(
    path: &Path,
    bytes: Vec<u8>,
    group: &InputGroup,
    candidates: &[adapters::Adapter],
    manifest: &crate::store::manifest::Manifest,
    tz: chrono_tz::Tz,
) -> Result<Prepared> {
    let sha256 = hex_sha256(&bytes);
    if let Some(record) = manifest.find(&sha256) {
        return Ok(Prepared {
            path: path.to_path_buf(),
            adapter: record.adapter.clone(),
            work: Work::Skip(Box::new(record.clone())),
        });
    }
    let detection =
        ingest::detect::detect_renamed(&bytes, candidates, group.forced.as_ref(), &group.headers);
    prepare_detected(path, path, sha256, detection, group, tz)
}

/// A detected input (a file, an archive member or a workbook sheet at `path`), normalised
/// and ready to add; `file` is the file on disk whose name may date the export.
fn prepare_detected(
    path: &Path,
    file: &Path,
    sha256: String,
    detection: Detection,
    group: &InputGroup,
    tz: chrono_tz::Tz,
) -> Result<Prepared> {
    let shown = normalise_path(path).display().to_string();
    let (adapter, mut raw) = match detection {
        Detection::Adapter { adapter, raw, .. } => (adapter, raw),
        other => {
            let work = match other {
                Detection::Recognised { .. } => Work::NotReadYet(other.explanation()),
                Detection::SheetNotRead { .. } => Work::NotRead(other.explanation()),
                _ => Work::Reject(other.explanation()),
            };
            return Ok(Prepared {
                path: path.to_path_buf(),
                adapter: other.label(),
                work,
            });
        }
    };
    let adapter = match adapter.for_file(&raw, &group.facts) {
        Ok(a) => a,
        Err(why) => {
            return Ok(Prepared {
                path: path.to_path_buf(),
                adapter: adapter.id.clone(),
                work: Work::Reject(why),
            })
        }
    };
    // An archive member's own name (`Table data.csv` of `x.zip!/Table data.csv`); a
    // sheet's workbook (`page_content_1793491200000.xlsx` of `…xlsx!/Metrics`).
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stated = match &group.snapshot_at {
        Some(text) => normalise::values::instant_iso(text, tz).map_err(Error::Usage)?,
        None => None,
    };
    let (snapshot_at, snapshot_from) =
        match (stated, normalise::snapshot::from_file_name(&file_name, tz)) {
            (Some(ms), _) => (ms, "`snapshot-at` in the pipeline"),
            (None, Some(ms)) => (ms, "export date range in the file name"),
            (None, None) => (0, "latest time in the file"),
        };
    let source_name = adapter
        .dataset
        .clone()
        .unwrap_or_else(|| adapter.id.clone());
    let ctx = FileContext {
        source_file: &shown,
        tz,
        snapshot_at,
        source_name: &source_name,
    };
    let mut normalised = normalise::read_file(&adapter, &mut raw, &ctx);
    if let Err(e) = score_mentions(&group.mentions, &mut normalised) {
        return Ok(Prepared {
            path: path.to_path_buf(),
            adapter: adapter.id.clone(),
            work: Work::Reject(format!("could not score the mentions' sentiment: {e}")),
        });
    }
    let snapshot_at = if snapshot_at == 0 {
        let latest = latest_time(&normalised.frame, adapter.table.time_column(), tz);
        normalise::set_snapshot(&mut normalised, latest);
        latest
    } else {
        snapshot_at
    };
    if snapshot_at == 0 && adapter.table.column("snapshot_at").is_some() {
        // Neither the name nor the rows date the export (`Audience.csv`): storing its rows
        // as taken in 1970 would make them lose to every other snapshot.
        normalise::quarantine_all(
            &mut normalised,
            &shown,
            "the export says neither in its file name nor in its rows when it was taken; \
             set `snapshot-at` on its `[[input]]` (or `tolok ingest --snapshot-at`)",
        );
    }
    let record = FileRecord {
        path: shown,
        sha256,
        adapter: adapter.id.clone(),
        adapter_version: adapter.version,
        table: adapter.table.name().to_string(),
        snapshot_at: chrono::DateTime::from_timestamp_millis(snapshot_at)
            .map(|d| d.to_rfc3339())
            .unwrap_or_default(),
        snapshot_from: snapshot_from.to_string(),
        rows_read: normalised.rows_read,
        stored: 0,
        quarantined: 0,
        duplicates: 0,
        conflicting_duplicates: 0,
        follower_disagreements: vec![],
        quarantine_reasons: Default::default(),
        platforms: vec![],
        first: None,
        last: None,
        parts: vec![],
        quarantine_file: None,
    };
    Ok(Prepared {
        path: path.to_path_buf(),
        adapter: adapter.id.clone(),
        work: Work::Add(Box::new(record), Box::new(normalised)),
    })
}

/// Language and sentiment where a mentions file left them empty (before storing, so the
/// store holds what every report reads).
fn score_mentions(
    scorer: &crate::sentiment::mentions::MentionScorer,
    normalised: &mut normalise::Normalised,
) -> polars::prelude::PolarsResult<()> {
    if normalised.table == crate::schema::Table::Mentions {
        scorer.fill(&mut normalised.frame)?;
    }
    Ok(())
}

/// The snapshot of a file whose name does not date it: its latest time, or for daily
/// rows the midnight after its last day (in the account's zone), when that day was over.
fn latest_time(frame: &polars::prelude::DataFrame, column: &str, tz: chrono_tz::Tz) -> i64 {
    use polars::prelude::*;
    let Ok(column) = frame.column(column) else {
        return 0;
    };
    let latest = column
        .as_materialized_series()
        .cast(&DataType::Int64)
        .ok()
        .and_then(|s| s.i64().ok().and_then(|ca| ca.max()));
    match (column.dtype(), latest) {
        (DataType::Date, Some(days)) => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            let day_after = epoch + chrono::Duration::days(days + 1);
            crate::metrics::local_midnight_utc(day_after, tz)
        }
        (_, latest) => latest.unwrap_or(0),
    }
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_tz(text: &str) -> Result<chrono_tz::Tz> {
    text.parse().map_err(|_| {
        Error::Usage(format!(
            "`{text}` is not an IANA time zone (for example `Asia/Jakarta`)"
        ))
    })
}

fn parse_month(text: &str) -> Result<(i32, u32)> {
    let bad = || Error::Usage(format!("`{text}` is not a month of the form yyyy-mm"));
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let year = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// "Today", for `last-month`: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the
/// clock.
pub fn today() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| chrono::Utc::now().date_naive(), |d| d.date_naive())
}

/// Writes a result to stdout. A reader that has gone away (`tolok metrics … | head`) is
/// not an error: the rest of the output is simply not wanted.
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
        _ => Ok(()),
    }
}
