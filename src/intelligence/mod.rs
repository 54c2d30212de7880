//! Intelligence over the listening data: crisis spikes in mention volume, themes, share of
//! voice and sentiment per listening group, and findings derived from them by stated rules.
//!
//! Runs after the metrics, on the mentions of the report period and of the period before it
//! (which supplies the first days' spike baselines and the themes' comparison). Everything
//! here is deterministic: mentions are put in (time, platform, id) order before anything is
//! counted, and every ranking has an alphabetical tie-break.

pub mod findings;
pub mod spikes;
pub mod themes;

use crate::metrics::MetricsError;
use crate::pipeline::{Crisis, Pipeline};
use crate::store::Store;
use chrono::{Duration, NaiveDate};
use polars::prelude::*;
use serde::Serialize;
use spikes::{Detector, Method};
use std::collections::BTreeMap;

/// Longest baseline window accepted, in days: beyond a quarter a baseline no longer says
/// what "usual" is now.
const MAX_WINDOW_DAYS: usize = 90;

/// Problems with a `[crisis]` table, as (key, message).
pub fn check_crisis(crisis: &Crisis) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    if Method::parse(&crisis.method).is_none() {
        problems.push((
            "method".to_string(),
            format!(
                "unknown method `{}`: expected `rolling_sigma` or `rolling_mad`",
                crisis.method
            ),
        ));
    }
    let per_day = match crisis.interval.as_str() {
        "day" => Some(1),
        "hour" => Some(24),
        other => {
            problems.push((
                "interval".to_string(),
                format!("unknown interval `{other}`: expected `day` or `hour`"),
            ));
            None
        }
    };
    let most = MAX_WINDOW_DAYS * per_day.unwrap_or(1);
    if crisis.window < 2 || crisis.window > most {
        problems.push((
            "window".to_string(),
            format!(
                "{} interval(s) is not a usable baseline: choose 2 to {most} (a standard deviation needs at least two values)",
                crisis.window
            ),
        ));
    }
    if !(crisis.k.is_finite() && crisis.k > 0.0) {
        problems.push((
            "k".to_string(),
            format!(
                "{} is not a threshold: choose a number above 0 (2 is usual, 3 is strict)",
                crisis.k
            ),
        ));
    }
    if crisis.min_count == 0 {
        problems.push((
            "min-count".to_string(),
            "0 would let an empty interval count as a spike: choose 1 or more".to_string(),
        ));
    }
    problems
}

/// The validated `[crisis]` settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub detector: Detector,
    pub hourly: bool,
}

impl Settings {
    /// From a `[crisis]` table that `check_crisis` accepted.
    pub fn from_pipeline(crisis: &Crisis) -> Settings {
        Settings {
            detector: Detector {
                method: Method::parse(&crisis.method).unwrap_or(Method::RollingSigma),
                window: crisis.window,
                k: crisis.k,
                min_count: crisis.min_count,
            },
            hourly: crisis.interval == "hour",
        }
    }
}

/// One mention as the intelligence stage reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    pub mention_id: String,
    pub platform: String,
    /// Local wall-clock time in the pipeline's time zone, as milliseconds since 1970-01-01
    /// local (so that day and hour buckets are plain divisions).
    pub local_ms: i64,
    pub author_id: Option<String>,
    pub text: String,
    pub url: Option<String>,
    /// Listening groups the mention matched (`own`, competitor names); empty when none.
    pub groups: Vec<String>,
    pub sentiment: Option<String>,
    /// The lexicon that scored it (`tolok-id 1`, `vader-3.3.2`, a user's file), if any.
    pub lexicon: Option<String>,
    /// likes + shares + replies, missing counts as 0.
    pub engagement: i64,
}

impl MentionRecord {
    /// About the organisation, as the catalogue's volume metrics count it: every mention
    /// except those matched only to competitors.
    pub fn about_us(&self) -> bool {
        self.groups.is_empty() || self.groups.iter().any(|g| g == "own")
    }

    pub fn is_negative(&self) -> bool {
        self.sentiment.as_deref() == Some("negative")
    }

    pub fn date(&self) -> NaiveDate {
        local_date(self.local_ms)
    }
}

pub const DAY_MS: i64 = 86_400_000;
pub const HOUR_MS: i64 = 3_600_000;

pub fn local_date(local_ms: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")
        + Duration::days(local_ms.div_euclid(DAY_MS))
}

pub fn local_midnight_ms(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() * DAY_MS
}

/// `matched` as stored: one group, or several separated by `,`, `;` or `|`.
pub fn groups_of(matched: Option<&str>) -> Vec<String> {
    matched
        .map(|m| {
            m.split([',', ';', '|'])
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The mentions of a period, in (time, platform, id) order.
pub fn load_mentions(
    pipeline: &Pipeline,
    store: &Store,
    period: &crate::pipeline::period::Period,
) -> Result<Vec<MentionRecord>, MetricsError> {
    let Some(lf) = crate::metrics::period_mentions(pipeline, store, period)? else {
        return Ok(Vec::new());
    };
    let err = crate::metrics::polars_err("could not read the mentions for the listening section");
    let frame = lf
        .select([
            col("mention_id"),
            col("platform"),
            col("published_at")
                .cast(DataType::Int64)
                .alias("published_at"),
            col("author_id"),
            col("text"),
            col("url"),
            col("matched"),
            col("sentiment_label"),
            col("lexicon"),
            (col("likes").fill_null(lit(0))
                + col("shares").fill_null(lit(0))
                + col("replies").fill_null(lit(0)))
            .cast(DataType::Int64)
            .alias("engagement"),
        ])
        .collect()
        .map_err(err)?;
    let strings = |name: &str| crate::metrics::text_cells(&frame, name);
    let ints = |name: &str| crate::metrics::int_cells(&frame, name);
    let (ids, platforms, authors, texts, urls, matched, labels) = (
        strings("mention_id"),
        strings("platform"),
        strings("author_id"),
        strings("text"),
        strings("url"),
        strings("matched"),
        strings("sentiment_label"),
    );
    let lexicons = strings("lexicon");
    let (published, engagement) = (ints("published_at"), ints("engagement"));
    let tz = pipeline.tz;
    let mut mentions: Vec<MentionRecord> = (0..frame.height())
        .filter_map(|i| {
            let utc = chrono::DateTime::from_timestamp_millis(published[i]?)?;
            let local_ms = utc
                .with_timezone(&tz)
                .naive_local()
                .and_utc()
                .timestamp_millis();
            Some(MentionRecord {
                mention_id: ids[i].clone().unwrap_or_default(),
                platform: platforms[i].clone().unwrap_or_default(),
                local_ms,
                author_id: authors[i].clone(),
                text: texts[i].clone().unwrap_or_default(),
                url: urls[i].clone(),
                groups: groups_of(matched[i].as_deref()),
                sentiment: labels[i].clone(),
                lexicon: lexicons[i].clone(),
                engagement: engagement[i].unwrap_or(0),
            })
        })
        .collect();
    sort_mentions(&mut mentions);
    Ok(mentions)
}

pub fn sort_mentions(mentions: &mut [MentionRecord]) {
    mentions.sort_by(|a, b| {
        (a.local_ms, &a.platform, &a.mention_id).cmp(&(b.local_ms, &b.platform, &b.mention_id))
    });
}

/// Which volume a series counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    All,
    Negative,
}

/// One spike with what a reader needs to see how it started.
#[derive(Debug, Clone, PartialEq)]
pub struct Spike {
    pub series: Series,
    /// Local start of the interval (midnight for days).
    pub start_ms: i64,
    pub hourly: bool,
    pub count: u64,
    pub baseline: f64,
    pub spread: f64,
    pub z: f64,
    pub top_terms: Vec<themes::Ranked>,
    /// (author_id, mentions in the interval), most first.
    pub top_authors: Vec<(String, u64)>,
    pub earliest: Vec<MentionRecord>,
}

/// Volumes of one day of the report period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayVolume {
    pub date: NaiveDate,
    pub all: u64,
    pub negative: u64,
    /// For the sentiment-over-time chart (neutral and unscored = all − positive − negative).
    pub positive: u64,
}

/// Sentiment counts of a set of mentions and both net-sentiment definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SentimentCounts {
    pub total: u64,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    pub unlabelled: u64,
}

impl SentimentCounts {
    pub fn of<'a>(mentions: impl IntoIterator<Item = &'a MentionRecord>) -> SentimentCounts {
        let mut c = SentimentCounts::default();
        for m in mentions {
            c.total += 1;
            match m.sentiment.as_deref() {
                Some("positive") => c.positive += 1,
                Some("negative") => c.negative += 1,
                Some("neutral") => c.neutral += 1,
                _ => c.unlabelled += 1,
            }
        }
        c
    }

    fn labelled(&self) -> u64 {
        self.positive + self.neutral + self.negative
    }

    /// NS1: (pos − neg) / (pos + neg) × 100; None without polar mentions.
    pub fn net_polar(&self) -> Option<f64> {
        let polar = self.positive + self.negative;
        (polar > 0).then(|| (self.positive as f64 - self.negative as f64) / polar as f64 * 100.0)
    }

    /// NS2: %positive − %negative of the labelled mentions; None without labels.
    pub fn net_share(&self) -> Option<f64> {
        let labelled = self.labelled();
        (labelled > 0)
            .then(|| (self.positive as f64 - self.negative as f64) / labelled as f64 * 100.0)
    }
}

/// One listening group (`own` or a competitor) in the share-of-voice table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceRow {
    pub group: String,
    pub volume: u64,
    pub volume_share: Option<f64>,
    pub engagement: i64,
    pub engagement_share: Option<f64>,
    pub positive: u64,
    pub positive_share: Option<f64>,
    pub sentiment: SentimentCounts,
    /// Volume share in the previous period.
    pub previous_volume_share: Option<f64>,
}

/// Share of voice per group: own first, then competitors in the pipeline's order. A mention
/// matched to several groups counts for each.
pub fn share_of_voice(
    groups: &[String],
    current: &[MentionRecord],
    previous: &[MentionRecord],
) -> Vec<VoiceRow> {
    let share = |part: f64, whole: f64| (whole > 0.0).then(|| part / whole * 100.0);
    let members = |mentions: &'_ [MentionRecord], g: &str| -> Vec<MentionRecord> {
        mentions
            .iter()
            .filter(|m| m.groups.iter().any(|x| x == g))
            .cloned()
            .collect()
    };
    let previous_volumes: Vec<u64> = groups
        .iter()
        .map(|g| members(previous, g).len() as u64)
        .collect();
    let previous_total: u64 = previous_volumes.iter().sum();
    let mut rows: Vec<VoiceRow> = groups
        .iter()
        .zip(&previous_volumes)
        .map(|(g, &previous_volume)| {
            let list = members(current, g);
            let sentiment = SentimentCounts::of(&list);
            VoiceRow {
                group: g.clone(),
                volume: list.len() as u64,
                volume_share: None,
                engagement: list.iter().map(|m| m.engagement).sum(),
                engagement_share: None,
                positive: sentiment.positive,
                positive_share: None,
                sentiment,
                previous_volume_share: share(previous_volume as f64, previous_total as f64),
            }
        })
        .collect();
    let volume: u64 = rows.iter().map(|r| r.volume).sum();
    let engagement: i64 = rows.iter().map(|r| r.engagement).sum();
    let positive: u64 = rows.iter().map(|r| r.positive).sum();
    let labelled = rows.iter().any(|r| r.sentiment.labelled() > 0);
    for r in &mut rows {
        r.volume_share = share(r.volume as f64, volume as f64);
        r.engagement_share = share(r.engagement as f64, engagement as f64);
        r.positive_share = if labelled {
            share(r.positive as f64, positive as f64)
        } else {
            None
        };
    }
    rows
}

/// Everything the listening and intelligence sections show.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub settings: Settings,
    pub days: Vec<DayVolume>,
    pub spikes: Vec<Spike>,
    pub voice: Vec<VoiceRow>,
    pub sentiment: SentimentCounts,
    pub previous_sentiment: SentimentCounts,
    pub hashtags: Vec<themes::Ranked>,
    pub terms: Vec<themes::Ranked>,
    pub phrases: Vec<themes::Ranked>,
    pub rising: Vec<themes::Ranked>,
    /// The most engaged mentions about the organisation.
    pub examples: Vec<MentionRecord>,
    /// Mentions about the organisation in the period, and in the previous one.
    pub volume: u64,
    pub previous_volume: u64,
    /// Lexicons that scored the period's mentions, by name, with how many each scored.
    pub lexicons: Vec<(String, u64)>,
}

/// How many entries each theme list and spike detail shows.
pub const TOP_THEMES: usize = 10;
pub const TOP_SPIKE_TERMS: usize = 5;
pub const TOP_SPIKE_AUTHORS: usize = 3;
pub const EARLIEST_MENTIONS: usize = 3;
pub const EXAMPLES: usize = 5;

/// Reads the mentions of the report period and the one before it and analyses them; None
/// when the report period has no mentions at all.
pub fn analyse_store(pipeline: &Pipeline, store: &Store) -> Result<Option<Analysis>, MetricsError> {
    analyse_period(pipeline, store, &pipeline.period, &pipeline.previous)
}

/// How many intervals of `period` the negative mentions about the organisation spiked in,
/// by the pipeline's `[crisis]` rule, with `before` as the history the first baselines come
/// from: the catalogue's `negative_spikes` (crisis scorecard). None without mentions.
pub fn negative_spike_count(
    pipeline: &Pipeline,
    store: &Store,
    period: &crate::pipeline::period::Period,
    before: &crate::pipeline::period::Period,
) -> Result<Option<u64>, MetricsError> {
    Ok(analyse_period(pipeline, store, period, before)?.map(|a| {
        a.spikes
            .iter()
            .filter(|s| s.series == Series::Negative)
            .count() as u64
    }))
}

/// `analyse_store` for any period and the one compared with it.
fn analyse_period(
    pipeline: &Pipeline,
    store: &Store,
    period: &crate::pipeline::period::Period,
    before: &crate::pipeline::period::Period,
) -> Result<Option<Analysis>, MetricsError> {
    let current = load_mentions(pipeline, store, period)?;
    if current.is_empty() {
        return Ok(None);
    }
    let previous = load_mentions(pipeline, store, before)?;
    let groups: Vec<String> = std::iter::once("own".to_string())
        .chain(pipeline.file.listening.competitors.keys().cloned())
        .collect();
    let listening = &pipeline.file.listening;
    let queries =
        std::iter::once(&listening.own).chain(listening.competitors.iter().map(|(_, q)| q));
    let names = std::iter::once(&pipeline.file.organisation)
        .chain(listening.competitors.keys())
        .chain(queries.flat_map(|q| q.any.iter().chain(&q.all)));
    let excluded = themes::words_of_names(names.map(String::as_str));
    Ok(Some(analyse(
        Settings::from_pipeline(&pipeline.file.crisis),
        &groups,
        &excluded,
        (before.start, period.start, period.end),
        &current,
        &previous,
    )))
}

/// The analysis proper, over mentions already loaded: `dates` = (first day of the previous
/// period, first and last day of the report period).
pub fn analyse(
    settings: Settings,
    groups: &[String],
    excluded: &std::collections::BTreeSet<String>,
    dates: (NaiveDate, NaiveDate, NaiveDate),
    current: &[MentionRecord],
    previous: &[MentionRecord],
) -> Analysis {
    let (history_start, start, end) = dates;
    let ours: Vec<&MentionRecord> = current.iter().filter(|m| m.about_us()).collect();
    let previous_ours: Vec<&MentionRecord> = previous.iter().filter(|m| m.about_us()).collect();

    let days: Vec<DayVolume> = start
        .iter_days()
        .take_while(|d| *d <= end)
        .map(|date| {
            let that_day: Vec<&&MentionRecord> = ours.iter().filter(|m| m.date() == date).collect();
            DayVolume {
                date,
                all: that_day.len() as u64,
                negative: that_day.iter().filter(|m| m.is_negative()).count() as u64,
                positive: that_day
                    .iter()
                    .filter(|m| m.sentiment.as_deref() == Some("positive"))
                    .count() as u64,
            }
        })
        .collect();

    let history: Vec<&MentionRecord> = previous_ours.iter().chain(&ours).copied().collect();
    let mut spikes = Vec::new();
    for series in [Series::All, Series::Negative] {
        let in_series = |m: &MentionRecord| series == Series::All || m.is_negative();
        let instants: Vec<i64> = history
            .iter()
            .filter(|m| in_series(m))
            .map(|m| m.local_ms)
            .collect();
        let bucket = if settings.hourly { HOUR_MS } else { DAY_MS };
        let series_start = local_midnight_ms(history_start);
        let intervals = ((local_midnight_ms(end) + DAY_MS - series_start) / bucket) as usize;
        let counts = spikes::zero_filled(&instants, series_start, bucket, intervals);
        let from = ((local_midnight_ms(start) - series_start) / bucket) as usize;
        for flagged in spikes::detect(&counts, from, &settings.detector) {
            let start_ms = series_start + flagged.index as i64 * bucket;
            let inside: Vec<&MentionRecord> = ours
                .iter()
                .filter(|m| {
                    in_series(m) && m.local_ms >= start_ms && m.local_ms < start_ms + bucket
                })
                .copied()
                .collect();
            let terms = themes::count(inside.iter().map(|m| m.text.as_str()), excluded);
            let mut authors: BTreeMap<String, u64> = BTreeMap::new();
            for m in &inside {
                if let Some(a) = &m.author_id {
                    *authors.entry(a.clone()).or_default() += 1;
                }
            }
            let mut top_authors: Vec<(String, u64)> = authors.into_iter().collect();
            top_authors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            top_authors.truncate(TOP_SPIKE_AUTHORS);
            spikes.push(Spike {
                series,
                start_ms,
                hourly: settings.hourly,
                count: flagged.count,
                baseline: flagged.baseline,
                spread: flagged.spread,
                z: flagged.z,
                top_terms: themes::top(&terms.terms, &BTreeMap::new(), TOP_SPIKE_TERMS),
                top_authors,
                earliest: inside
                    .iter()
                    .take(EARLIEST_MENTIONS)
                    .map(|m| (*m).clone())
                    .collect(),
            });
        }
    }

    // Most important first: negative volume, then the largest z, then time.
    spikes.sort_by(|a: &Spike, b: &Spike| {
        (b.series == Series::Negative)
            .cmp(&(a.series == Series::Negative))
            .then_with(|| b.z.total_cmp(&a.z))
            .then_with(|| a.start_ms.cmp(&b.start_ms))
    });
    let now = themes::count(ours.iter().map(|m| m.text.as_str()), excluded);
    let before = themes::count(previous_ours.iter().map(|m| m.text.as_str()), excluded);
    let mut examples: Vec<MentionRecord> = ours.iter().map(|m| (*m).clone()).collect();
    // Most engaged first; equal engagement: the earlier one (the list is in time order).
    examples.sort_by_key(|m| std::cmp::Reverse(m.engagement));
    examples.truncate(EXAMPLES);

    Analysis {
        settings,
        days,
        spikes,
        voice: share_of_voice(groups, current, previous),
        sentiment: SentimentCounts::of(ours.iter().copied()),
        previous_sentiment: SentimentCounts::of(previous_ours.iter().copied()),
        hashtags: themes::top(&now.hashtags, &before.hashtags, TOP_THEMES),
        terms: themes::top(&now.terms, &before.terms, TOP_THEMES),
        phrases: themes::top(&now.phrases, &before.phrases, TOP_THEMES),
        rising: themes::risers(&now.terms, &before.terms, TOP_THEMES),
        examples,
        volume: ours.len() as u64,
        previous_volume: previous_ours.len() as u64,
        lexicons: current
            .iter()
            .filter_map(|m| m.lexicon.clone())
            .fold(BTreeMap::<String, u64>::new(), |mut counts, name| {
                *counts.entry(name).or_default() += 1;
                counts
            })
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests;
