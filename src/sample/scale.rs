//! `tolok sample --rows N`: a large generated dataset for benchmarks, in formats tolok ingests.
//!
//! | path | what |
//! |------|------|
//! | `mentions/mentions_0001.csv`, … | N mentions in all, at most 1 M rows per file, in time order across files; the columns of the small sample's `mentions` |
//! | `facebook/<Meta export name>.csv`, `instagram/…` | N/100 posts in all, one Meta Business Suite content export per platform and month, in the sample's exact format |
//! | `meta_daily/<yyyy-mm>/{facebook,instagram}/…` | the sample's Meta daily series, one set a month |
//! | `pipeline.toml` | a pipeline ingesting all of it (see `pipeline.rs`) |
//!
//! The range is [`months_for`] months from `--first-month`: a month per 50 000 mentions, at
//! least three and at most twelve. Mentions follow Jakarta's day (quiet nights, busy
//! evenings), the week (Friday busiest, weekends quiet), a growing trend and a few spike days
//! with five to ten times the usual volume (a fake-account scare first, then alternately a
//! campaign that travels); their authors follow a Zipf-like law; texts are Indonesian (70%)
//! and English, about the foundation (`Amanah Zakat`, `@AmanahZakatID`, `#AmanahZakat`), its
//! competitors (Baznas, Dompet Sejahtera) or zakat in general, with positive, neutral and
//! negative wording.
//!
//! Streaming and determinism: the day-by-day volume is planned first (a few hundred numbers);
//! then every file is one job for rayon, with its own random stream derived from the seed
//! and the file's index, generating its rows one at a time into a reused buffer. Memory does
//! not grow with N, and the bytes do not depend on the thread count or on job order.

mod authors;
mod draw;
mod format;
mod mentions;
mod pipeline;
mod posts;
mod text;
mod volume;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::calendar::Month;
use super::{validate, Accounts, MonthContext, SampleError, SampleOptions};
use authors::AuthorPool;
use mentions::MentionsModel;
use posts::MetaPlatform;
use volume::{apportion, Spike, VolumePlan};

/// What `tolok sample --rows` generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleOptions {
    /// Mentions in all; posts are a hundredth of that.
    pub rows: u64,
    /// First month of the range (year, month 1–12).
    pub first_month: (i32, u32),
    pub seed: u64,
    /// The tolok project folder: the pipeline's `catalogue` is its `pipelines/catalogue` and
    /// its `templates` its `report_templates`. Written as absolute paths, so the dataset can
    /// live anywhere (`tolok sample --rows … --out /data/x` run from the project folder).
    pub project: PathBuf,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleSummary {
    /// Every file, `pipeline.toml` included, sorted.
    pub files: Vec<PathBuf>,
    pub mentions: u64,
    pub posts: u64,
    pub months: u32,
}

/// Mentions files hold at most this many rows.
pub const MAX_ROWS_PER_FILE: u64 = 1_000_000;
/// Fewer mentions would leave months without posts.
pub const MIN_ROWS: u64 = 1_000;
/// Ten billion: mention ids keep thirteen digits, and far beyond any disk here.
pub const MAX_ROWS: u64 = 10_000_000_000;
const MENTIONS_PER_POST: u64 = 100;

/// Months the range spans for `rows` mentions: about 50 000 mentions a month, at least three
/// months (a report period and its comparison) and at most a year.
pub fn months_for(rows: u64) -> u32 {
    rows.div_ceil(50_000).clamp(3, 12) as u32
}

/// Writes the dataset into `out_dir`, which must be new or empty (a smaller earlier dataset's
/// files would otherwise be ingested with the new one).
pub fn write_scale_sample(
    out_dir: &Path,
    opts: &ScaleOptions,
) -> Result<ScaleSummary, SampleError> {
    if !(MIN_ROWS..=MAX_ROWS).contains(&opts.rows) {
        return Err(SampleError::InvalidOptions(format!(
            "--rows must be between {MIN_ROWS} and {MAX_ROWS}, got {}",
            opts.rows
        )));
    }
    let months = months_for(opts.rows);
    let first = validate(&SampleOptions {
        first_month: opts.first_month,
        months,
        seed: opts.seed,
    })?;
    let (catalogue, templates) = project_folders(&opts.project)?;
    prepare_out_dir(out_dir)?;

    let plan = VolumePlan::new(opts.seed, first, months, opts.rows);
    let authors = AuthorPool::new(opts.seed, opts.rows);
    let model = MentionsModel {
        plan: &plan,
        authors: &authors,
        seed: opts.seed,
    };
    let accounts = Accounts::new(opts.seed);
    let contexts = month_contexts(&plan, first, months, opts.seed);
    let posts = opts.rows / MENTIONS_PER_POST;
    let jobs = jobs(opts.rows, posts, months);
    let written: Vec<Vec<PathBuf>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Mentions { index, rows } => {
                let name = format!("mentions_{:04}.csv", index + 1);
                let path = out_dir.join("mentions").join(name);
                mentions::write_file(&model, &path, *index, rows.clone())?;
                Ok(vec![path])
            }
            Job::Posts {
                platform,
                month,
                rows,
            } => {
                let context = &contexts[*month as usize];
                posts::write_posts_file(out_dir, *platform, context, &accounts, *rows)
                    .map(|path| vec![path])
            }
            Job::Daily { month } => {
                posts::write_daily_files(out_dir, &contexts[*month as usize], &accounts)
            }
        })
        .collect::<Result<_, SampleError>>()?;

    let pipeline_path = out_dir.join("pipeline.toml");
    let spec = pipeline::PipelineSpec {
        rows: opts.rows,
        seed: opts.seed,
        first,
        last: first.plus(months - 1),
        catalogue: &catalogue,
        templates: &templates,
    };
    std::fs::write(&pipeline_path, pipeline::pipeline_toml(&spec)).map_err(|source| {
        SampleError::Write {
            path: pipeline_path.clone(),
            source,
        }
    })?;
    let mut files: Vec<PathBuf> = written.into_iter().flatten().collect();
    files.push(pipeline_path);
    files.sort();
    Ok(ScaleSummary {
        files,
        mentions: opts.rows,
        posts,
        months,
    })
}

/// One file (or one month's daily series) to write; jobs run in parallel.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Job {
    Mentions {
        index: u64,
        rows: Range<u64>,
    },
    Posts {
        platform: MetaPlatform,
        month: u32,
        rows: u64,
    },
    Daily {
        month: u32,
    },
}

/// Mentions files first (the long jobs), each with an equal share of the rows; then posts,
/// spread evenly over platforms and months; then the daily series.
fn jobs(mentions: u64, posts: u64, months: u32) -> Vec<Job> {
    let file_count = mentions.div_ceil(MAX_ROWS_PER_FILE);
    let mut jobs: Vec<Job> = (0..file_count)
        .map(|index| Job::Mentions {
            index,
            rows: index * mentions / file_count..(index + 1) * mentions / file_count,
        })
        .collect();
    let slots: Vec<(MetaPlatform, u32)> = (0..months)
        .flat_map(|month| {
            [MetaPlatform::Facebook, MetaPlatform::Instagram].map(|platform| (platform, month))
        })
        .collect();
    let shares = apportion(posts, &vec![1; slots.len()]);
    for (&(platform, month), rows) in slots.iter().zip(shares) {
        if rows > 0 {
            jobs.push(Job::Posts {
                platform,
                month,
                rows,
            });
        }
    }
    jobs.extend((0..months).map(|month| Job::Daily { month }));
    jobs
}

/// The sample's month contexts for the range; the month of the first fake-account spike gets
/// the foundation's scam warning post, as the small sample's last month does.
fn month_contexts(plan: &VolumePlan, first: Month, months: u32, seed: u64) -> Vec<MonthContext> {
    let scare = plan
        .days
        .iter()
        .find(|day| day.spike == Some(Spike::FakeAccount))
        .map(|day| day.date);
    (0..months)
        .map(|index| {
            let month = first.plus(index);
            let spike = scare.filter(|date| month.days().any(|day| day == *date));
            MonthContext::new(month, index, seed, spike)
        })
        .collect()
}

/// The project's catalogue and templates folders, absolute.
fn project_folders(project: &Path) -> Result<(PathBuf, PathBuf), SampleError> {
    let shown = std::path::absolute(project).unwrap_or_else(|_| project.to_path_buf());
    let missing = |what: &str| {
        SampleError::InvalidOptions(format!(
            "`{}` has no {what}: run tolok sample --rows from the tolok project folder, or \
             give it with --project",
            shown.display()
        ))
    };
    let catalogue = project.join("pipelines/catalogue");
    let templates = project.join("report_templates");
    if !catalogue.join("metrics.toml").is_file() {
        return Err(missing("pipelines/catalogue/metrics.toml"));
    }
    if !templates.is_dir() {
        return Err(missing("report_templates folder"));
    }
    let absolute = |path: PathBuf| {
        std::fs::canonicalize(&path).map_err(|source| SampleError::Write { path, source })
    };
    Ok((absolute(catalogue)?, absolute(templates)?))
}

fn prepare_out_dir(out_dir: &Path) -> Result<(), SampleError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SampleError::Write { path, source }
    };
    if out_dir.exists() {
        let mut entries = std::fs::read_dir(out_dir).map_err(io_error(out_dir))?;
        if entries.next().is_some() {
            return Err(SampleError::InvalidOptions(format!(
                "`{}` is not empty: --rows writes into a new or empty folder",
                out_dir.display()
            )));
        }
    }
    for folder in ["mentions", "facebook", "instagram", "meta_daily"] {
        let path = out_dir.join(folder);
        std::fs::create_dir_all(&path).map_err(io_error(&path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
