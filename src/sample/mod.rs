//! `tolok sample`: deterministic synthetic exports in the platforms' exact formats.
//!
//! The data belongs to a fictional Indonesian zakat foundation, *Yayasan Amanah Zakat
//! Nusantara* (X `@AmanahZakatID`, Facebook Page "Amanah Zakat Nusantara", Instagram
//! `amanahzakat.id`), posting mostly in Indonesian about zakat, infaq, sedekah, scholarships,
//! disaster relief, clean water and distribution reports. For each month it writes:
//!
//! | file | format |
//! |------|--------|
//! | `x/tweet_activity_metrics_AmanahZakatID_<YYYYMMDD>_<YYYYMMDD>_en.csv` | X analytics "Tweet activity": 40 columns, every field quoted, no BOM, UTC `time`, floats for counts, `"-"` promoted columns except for 1–2 promoted tweets, newest first |
//! | `facebook/<Mon-DD-YYYY>_<Mon-DD-YYYY>_<16-digit id>.csv` | Meta Business Suite Facebook post export: BOM, minimal quoting, Jakarta wall-clock `Publish time`, `Lifetime` metrics, one `Boosted` post |
//! | `instagram/<Mon-DD-YYYY>_<Mon-DD-YYYY>_<16-digit id>.csv` | Meta Business Suite Instagram post export: same encoding, `IG image`/`IG reel`/`IG carousel` |
//! | `mentions/mentions_<YYYY-MM>.csv` | generic listening export (`id,created_at,platform,author,…`), ISO UTC times, no BOM |
//! | `meta_daily/<YYYY-MM>/facebook/{Reach,Follows,Visits}.csv` | Meta Business Suite daily series (`Facebook reach`, `Facebook follows`, `Facebook visits`): UTF-16 LE with BOM, `sep=,` line, metric line, `"Date","Primary"`, every field quoted, one row per day, an empty last line |
//! | `meta_daily/<YYYY-MM>/instagram/{Reach (1),Follows (1),Visits (1)}.csv` | the same for Instagram (`Reach`, `Instagram follows`, `Instagram profile visits`); `Reach` names no platform, hence the folder |
//! | `tiktok/<YYYY-MM>/{Overview,Content,Followers}.csv` | TikTok Studio exports: BOM, `2026/10/31` dates, `Phone number clicks ` with its trailing space, `--` for no value, video links with the `@amanahzakat.id` handle, follower totals carried over day to day |
//! | `linkedin/<YYYY-MM>/amanah-zakat-nusantara_{content,followers,visitors}_<epoch-ms>.xlsx` | LinkedIn Page analytics workbooks (written by `xlsx.rs`): a description in row 1, the header in row 2, `MM/DD/YYYY` dates; content (`Metrics` per day, `All posts` with one sponsored post), followers (`New followers` and five demographic sheets tolok does not read), visitors (page views per day) |
//! | `youtube/<YYYY-MM>/{Table data.csv,Totals.csv}` | YouTube Studio advanced-mode export: no BOM, a `Total` row equal to the sum of the videos, `Oct 3, 2026` publish dates, `Date,Views` per day adding up to the total |
//! | `outcomes/{donations,ga4,ads}_<YYYY-MM>.csv` | outcome files for `generic_outcomes`: daily gifts per zakat/infaq/sedekah campaign in rupiah, a GA4 exploration with its `#` comment block, Meta Ads spend and results per day and campaign |
//! | `care/inbox_<YYYY-MM>.csv` | customer-care inbox for `generic_care`: one row per Instagram Direct or WhatsApp message, Indonesian headers, Jakarta `dd/mm/yyyy hh:mm` times, automated greetings marked, slow answers to messages sent at night |
//!
//! X's file runs from the month's first day to the next month's first day (as X names it);
//! Meta's from the first to the last day. Every file has LF line endings.
//!
//! Realism: 25–45 posts per platform and month at Jakarta daytime and evening hours, one or two
//! viral posts a month, audience growing ~4% a month, interactions a few percent of reach,
//! views above reach. Mentions (300–600 a month) have weekday/Friday seasonality, a skewed
//! author pool, ~70% naming the foundation, and a two-day negative spike (a fake account asking
//! for transfers) in the last month, on the day the foundation posts a scam warning. The
//! daily series are built from the posts of the content exports (reach spread over the days
//! after publishing, follows jumping with viral posts), plus what no post export shows.
//! Website sessions rise with what the posts reach that day; gifts follow the sessions and
//! peak on Fridays.
//!
//! Determinism: every file draws from its own SplitMix64 stream derived from the seed, ids and
//! times derive from those draws (no clock), collections are vectors (no hash order), and
//! formatting is locale-free. The same [`SampleOptions`] always give byte-identical files.

mod calendar;
mod care;
mod content;
mod facebook;
mod instagram;
mod linkedin;
mod mentions;
mod meta;
mod meta_daily;
mod outcomes;
mod plan;
mod rng;
pub mod scale;
mod tiktok;
mod x;
mod xlsx;
mod youtube;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use calendar::Month;
use rng::Rng;

/// What to generate: `months` calendar months starting with `first_month` (year, month 1–12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOptions {
    pub first_month: (i32, u32),
    pub months: u32,
    pub seed: u64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            first_month: (2026, 8),
            months: 3,
            seed: 20261001,
        }
    }
}

/// Ten years of monthly files is already far beyond what a sample is for.
const MAX_MONTHS: u32 = 120;

const EARLIEST_MONTH: Month = Month {
    year: 2021,
    month: 1,
};
const LATEST_MONTH: Month = Month {
    year: 2099,
    month: 12,
};

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("could not write `{path}`")]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid sample options: {0}")]
    InvalidOptions(String),
}

/// Writes the files under `out_dir` (creating sub-folders), returns the paths written (sorted).
pub fn write_sample(out_dir: &Path, opts: &SampleOptions) -> Result<Vec<PathBuf>, SampleError> {
    let first_month = validate(opts)?;
    let mut written = Vec::new();
    for file in generate(first_month, opts) {
        written.push(write_file(out_dir, &file)?);
    }
    written.sort();
    Ok(written)
}

fn validate(opts: &SampleOptions) -> Result<Month, SampleError> {
    let (year, month) = opts.first_month;
    let first = Month::new(year, month).ok_or_else(|| {
        SampleError::InvalidOptions(format!("`{year}-{month:02}` is not a calendar month"))
    })?;
    if opts.months == 0 || opts.months > MAX_MONTHS {
        return Err(SampleError::InvalidOptions(format!(
            "months must be between 1 and {MAX_MONTHS}, got {}",
            opts.months
        )));
    }
    // Ids are derived from publish times counted from September 2020, and the daily series
    // also read the month before the first.
    let last = first.plus(opts.months - 1);
    if first < EARLIEST_MONTH || last > LATEST_MONTH {
        return Err(SampleError::InvalidOptions(format!(
            "sample months must lie between {EARLIEST_MONTH} and {LATEST_MONTH}"
        )));
    }
    Ok(first)
}

/// All files in memory, in a fixed order. Pure: no I/O, no clock.
fn generate(first_month: Month, opts: &SampleOptions) -> Vec<SampleFile> {
    let accounts = Accounts::new(opts.seed);
    let last_index = opts.months - 1;
    let mut files = Vec::new();
    for index in 0..opts.months {
        let month = first_month.plus(index);
        let spike = (index == last_index).then(|| negative_spike_start(opts.seed, month));
        let context = MonthContext::new(month, index, opts.seed, spike);
        files.push(x::tweet_activity(&context));
        files.push(facebook::content_export(&context, &accounts));
        files.push(instagram::content_export(&context, &accounts));
        files.push(mentions::mentions_export(&context));
        files.extend(meta_daily::daily_series(&context, &accounts));
        files.extend(tiktok::exports(&context));
        files.extend(youtube::export(&context));
        files.extend(linkedin::exports(&context));
        files.extend(outcomes::outcome_files(&context, &accounts));
        files.push(care::inbox_export(&context));
    }
    files
}

/// First of the two days of negative mentions: mid-month, so both days fit in any month.
fn negative_spike_start(seed: u64, month: Month) -> NaiveDate {
    let mut rng = Rng::stream(seed, "negative-spike", 0);
    month.day(rng.range(8, 19) as u32)
}

/// One generated file: its path under the output folder and its exact bytes.
#[derive(Debug)]
struct SampleFile {
    relative: PathBuf,
    bytes: Vec<u8>,
}

/// Writes one generated file under `out_dir`, creating its folder; returns its path.
fn write_file(out_dir: &Path, file: &SampleFile) -> Result<PathBuf, SampleError> {
    let path = out_dir.join(&file.relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| SampleError::Write {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&path, &file.bytes).map_err(|source| SampleError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Ids of the foundation's accounts: fixed for a seed, the same in every month's export.
#[derive(Debug, Clone)]
struct Accounts {
    /// 15 digits, starting `1000` like Pages created since 2019.
    facebook_page_id: u64,
    /// 17 digits, starting `178414` like Instagram professional accounts.
    instagram_account_id: u64,
}

impl Accounts {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::stream(seed, "accounts", 0);
        Self {
            facebook_page_id: 100_000_000_000_000 + rng.below(100_000_000_000),
            instagram_account_id: 17_841_400_000_000_000 + rng.below(100_000_000_000),
        }
    }
}

/// What every generator needs to know about the month it writes.
#[derive(Debug, Clone)]
struct MonthContext {
    month: Month,
    /// 0 for the first sample month.
    index: u32,
    seed: u64,
    /// Set in the last month only: the first day of the two-day negative spike.
    negative_spike_start: Option<NaiveDate>,
}

impl MonthContext {
    fn new(month: Month, index: u32, seed: u64, negative_spike_start: Option<NaiveDate>) -> Self {
        Self {
            month,
            index,
            seed,
            negative_spike_start,
        }
    }

    /// The month before, for series that carry on from the previous month's posts. Before
    /// the first sample month it is generated like any other month, at the first month's
    /// audience size; it never has the negative spike.
    fn previous(&self) -> Self {
        Self::new(
            self.month.previous(),
            self.index.saturating_sub(1),
            self.seed,
            None,
        )
    }

    /// The random stream for one file of this month.
    fn rng(&self, label: &str) -> Rng {
        let month_key = self.month.year as u64 * 12 + u64::from(self.month.month);
        Rng::stream(self.seed, label, month_key)
    }

    /// The audience grows about 4% a month for half a year, then levels off, so later months
    /// reach more people while long samples stay within the intended file sizes.
    fn audience_growth(&self) -> f64 {
        1.0 + 0.04 * f64::from(self.index.min(5))
    }
}

/// The three CSV dialects the sample writes.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    /// X: every field quoted, no BOM.
    XTweetActivity,
    /// Meta Business Suite: BOM, quotes only where needed.
    MetaExport,
    /// Listening tools: quotes only where needed, no BOM.
    PlainCsv,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header and rows as CSV bytes, LF line endings.
fn csv_bytes(encoding: Encoding, header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let (quote_style, bom) = match encoding {
        Encoding::XTweetActivity => (csv::QuoteStyle::Always, false),
        Encoding::MetaExport => (csv::QuoteStyle::Necessary, true),
        Encoding::PlainCsv => (csv::QuoteStyle::Necessary, false),
    };
    let mut buffer = Vec::new();
    if bom {
        buffer.extend_from_slice(UTF8_BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .quote_style(quote_style)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(buffer);
    // Writing to memory cannot fail; an error here means rows of unequal length, a bug.
    writer.write_record(header).expect("CSV header");
    for row in rows {
        writer.write_record(row).expect("CSV rows match the header");
    }
    writer.into_inner().expect("flushing into memory")
}

#[cfg(test)]
mod tests;
