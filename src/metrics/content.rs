//! The figures behind the report's charts and content section: posts and interactions per
//! local day, followers per platform and day, posts per weekday and hour, per format, per
//! hashtag. Columnar where the work is proportional to the rows: posts are grouped into
//! 15-minute UTC buckets by polars, and only the buckets (a few thousand per period, whatever
//! the number of posts) are turned into local days and hours here. Fifteen minutes because
//! every time zone's offset is a multiple of it (India +5:30, Nepal +5:45).

use super::frames::PeriodFrames;
use super::{polars_err, MetricsError};
use crate::pipeline::period::Period;
use crate::schema::Table;
use chrono::{Datelike, NaiveDate, Timelike};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

const BUCKET_MS: i64 = 15 * 60 * 1000;

/// Hashtags used by fewer posts than this are left out of the hashtag table: one post says
/// nothing about a tag.
pub const MIN_POSTS_PER_HASHTAG: u64 = 2;
/// How many hashtags the table keeps.
const HASHTAGS_SHOWN: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContentStats {
    /// One entry per day of the period, in order, days without posts included.
    pub days: Vec<DayStats>,
    /// The comparison period's days, in order.
    pub previous_days: Vec<DayStats>,
    /// Followers per platform and day (sum over the platform's accounts; days a platform did
    /// not report are absent).
    pub followers: Vec<FollowerPoint>,
    /// Posts per local weekday and hour that had at least one post.
    pub slots: Vec<SlotStats>,
    /// Posts per format (`post_type`), most posts first.
    pub formats: Vec<FormatStats>,
    /// The most used hashtags (at least `MIN_POSTS_PER_HASHTAG` posts), most posts first.
    pub hashtags: Vec<HashtagStats>,
    /// Posts of the period whose latest export was taken less than `SETTLING_HOURS` after
    /// they were published: their counts were still growing when exported.
    pub recent_posts: u64,
    /// Per platform: how many days of the period its daily series (account_daily) cover.
    pub daily_coverage: Vec<DailyCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyCoverage {
    pub platform: String,
    /// Days of the period with at least one daily row of the platform.
    pub days: u64,
    /// Days in the period.
    pub of: u64,
}

/// How long a post's counts take to settle, roughly: most interactions come in the first
/// days (the methodology says so next to the count of posts younger than this).
pub const SETTLING_HOURS: i64 = 72;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayStats {
    /// ISO date, local to the pipeline's time zone.
    pub date: String,
    pub posts: u64,
    /// Likes + comments + shares + saves of the posts published that day.
    pub interactions: i64,
    /// Sum of the posts' reach (None when no post of the day carries reach).
    pub reach: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowerPoint {
    pub platform: String,
    pub date: String,
    pub followers: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotStats {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
    /// Local hour 0–23.
    pub hour: u32,
    pub posts: u64,
    pub interactions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatStats {
    /// `post_type` as stored (`photo`, `video`, …); `unknown` when the export has none.
    pub post_type: String,
    pub posts: u64,
    pub interactions: i64,
    pub previous_posts: u64,
    pub previous_interactions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HashtagStats {
    /// Lower-case, with the `#`.
    pub tag: String,
    pub posts: u64,
    pub interactions: i64,
}

/// Likes + comments + shares + saves of a post, a missing count taken as 0 (the
/// `interactions` metric's sum, per row).
pub(super) fn interactions_expr() -> Expr {
    col("likes").fill_null(lit(0))
        + col("comments").fill_null(lit(0))
        + col("shares").fill_null(lit(0))
        + col("saves").fill_null(lit(0))
}

impl ContentStats {
    pub fn compute(
        current: &PeriodFrames,
        previous: &PeriodFrames,
        period: &Period,
        previous_period: &Period,
        tz: chrono_tz::Tz,
    ) -> Result<ContentStats, MetricsError> {
        let buckets = post_buckets(current, tz)?;
        let previous_buckets = post_buckets(previous, tz)?;
        let (formats, hashtags, recent_posts) = match current.get(Table::Posts) {
            Some(lf) => (
                formats(lf.clone(), previous.get(Table::Posts))?,
                hashtags(lf.clone())?,
                recent_posts(lf)?,
            ),
            None => (Vec::new(), Vec::new(), 0),
        };
        Ok(ContentStats {
            days: days(&buckets, period),
            previous_days: days(&previous_buckets, previous_period),
            followers: followers(current)?,
            slots: slots(&buckets),
            formats,
            hashtags,
            recent_posts,
            daily_coverage: daily_coverage(current, period)?,
        })
    }
}

/// Days with a daily row, per platform: a gap in a daily series (a day the export missed)
/// shows as fewer days than the period has.
fn daily_coverage(
    frames: &PeriodFrames,
    period: &Period,
) -> Result<Vec<DailyCoverage>, MetricsError> {
    let Some(lf) = frames.get(Table::AccountDaily) else {
        return Ok(Vec::new());
    };
    let frame = lf
        .group_by([col("platform")])
        .agg([col("date").n_unique().cast(DataType::Int64).alias("days")])
        .sort(["platform"], SortMultipleOptions::default())
        .collect()
        .map_err(polars_err("could not count the days of the daily series"))?;
    let of = period.days().max(0) as u64;
    let (platform, days) = (
        super::text_cells(&frame, "platform"),
        super::int_cells(&frame, "days"),
    );
    Ok((0..frame.height())
        .filter_map(|i| {
            Some(DailyCoverage {
                platform: platform[i].clone()?,
                days: days[i]?.max(0) as u64,
                of,
            })
        })
        .collect())
}

fn recent_posts(lf: LazyFrame) -> Result<u64, MetricsError> {
    let age_ms =
        col("snapshot_at").cast(DataType::Int64) - col("published_at").cast(DataType::Int64);
    let frame = lf
        .filter(age_ms.lt(lit(SETTLING_HOURS * 3_600_000)))
        .select([len().cast(DataType::Int64).alias("recent")])
        .collect()
        .map_err(polars_err(
            "could not count the posts published shortly before their export",
        ))?;
    Ok(super::int_cells(&frame, "recent")
        .first()
        .copied()
        .flatten()
        .unwrap_or(0)
        .max(0) as u64)
}

/// Posts grouped by 15-minute bucket, with the bucket's local start time.
struct Bucket {
    local: chrono::NaiveDateTime,
    posts: u64,
    interactions: i64,
    reach: Option<i64>,
}

fn post_buckets(frames: &PeriodFrames, tz: chrono_tz::Tz) -> Result<Vec<Bucket>, MetricsError> {
    let Some(lf) = frames.get(Table::Posts) else {
        return Ok(Vec::new());
    };
    let frame = lf
        .group_by([col("published_at")
            .cast(DataType::Int64)
            .floor_div(lit(BUCKET_MS))
            .alias("bucket")])
        .agg([
            len().cast(DataType::Int64).alias("posts"),
            interactions_expr()
                .sum()
                .cast(DataType::Int64)
                .alias("interactions"),
            col("reach").sum().cast(DataType::Int64).alias("reach"),
            col("reach")
                .count()
                .cast(DataType::Int64)
                .alias("with_reach"),
        ])
        .sort(["bucket"], SortMultipleOptions::default())
        .collect()
        .map_err(polars_err("could not group the posts by time of day"))?;
    let ints = |name: &str| super::int_cells(&frame, name);
    let (bucket, posts, interactions, reach, with_reach) = (
        ints("bucket"),
        ints("posts"),
        ints("interactions"),
        ints("reach"),
        ints("with_reach"),
    );
    Ok((0..frame.height())
        .filter_map(|i| {
            let utc = chrono::DateTime::from_timestamp_millis(bucket[i]? * BUCKET_MS)?;
            Some(Bucket {
                local: utc.with_timezone(&tz).naive_local(),
                posts: posts[i].unwrap_or(0).max(0) as u64,
                interactions: interactions[i].unwrap_or(0),
                reach: (with_reach[i].unwrap_or(0) > 0).then(|| reach[i].unwrap_or(0)),
            })
        })
        .collect())
}

fn days(buckets: &[Bucket], period: &Period) -> Vec<DayStats> {
    let mut by_day: BTreeMap<NaiveDate, (u64, i64, Option<i64>)> = BTreeMap::new();
    for b in buckets {
        let day = by_day.entry(b.local.date()).or_insert((0, 0, None));
        day.0 += b.posts;
        day.1 += b.interactions;
        if let Some(r) = b.reach {
            day.2 = Some(day.2.unwrap_or(0) + r);
        }
    }
    period
        .start
        .iter_days()
        .take_while(|d| *d <= period.end)
        .map(|date| {
            let (posts, interactions, reach) = by_day.get(&date).copied().unwrap_or((0, 0, None));
            DayStats {
                date: date.to_string(),
                posts,
                interactions,
                reach,
            }
        })
        .collect()
}

fn slots(buckets: &[Bucket]) -> Vec<SlotStats> {
    let mut by_slot: BTreeMap<(u32, u32), (u64, i64)> = BTreeMap::new();
    for b in buckets {
        let slot = by_slot
            .entry((b.local.weekday().num_days_from_monday(), b.local.hour()))
            .or_insert((0, 0));
        slot.0 += b.posts;
        slot.1 += b.interactions;
    }
    by_slot
        .into_iter()
        .map(|((weekday, hour), (posts, interactions))| SlotStats {
            weekday,
            hour,
            posts,
            interactions,
        })
        .collect()
}

fn followers(frames: &PeriodFrames) -> Result<Vec<FollowerPoint>, MetricsError> {
    let Some(lf) = frames.get(Table::AccountDaily) else {
        return Ok(Vec::new());
    };
    let frame = lf
        .filter(col("followers").is_not_null())
        .group_by([col("platform"), col("date")])
        .agg([col("followers").sum().cast(DataType::Int64)])
        .sort(["platform", "date"], SortMultipleOptions::default())
        .collect()
        .map_err(polars_err("could not read the followers per day"))?;
    let (platform, date, count) = (
        super::text_cells(&frame, "platform"),
        super::text_cells(&frame, "date"),
        super::int_cells(&frame, "followers"),
    );
    Ok((0..frame.height())
        .filter_map(|i| {
            Some(FollowerPoint {
                platform: platform[i].clone()?,
                date: date[i].clone()?,
                followers: count[i]?,
            })
        })
        .collect())
}

fn per_format(lf: LazyFrame) -> Result<BTreeMap<String, (u64, i64)>, MetricsError> {
    let frame = lf
        .group_by([col("post_type").fill_null(lit("unknown"))])
        .agg([
            len().cast(DataType::Int64).alias("posts"),
            interactions_expr()
                .sum()
                .cast(DataType::Int64)
                .alias("interactions"),
        ])
        .collect()
        .map_err(polars_err("could not group the posts by format"))?;
    let (kind, posts, interactions) = (
        super::text_cells(&frame, "post_type"),
        super::int_cells(&frame, "posts"),
        super::int_cells(&frame, "interactions"),
    );
    Ok((0..frame.height())
        .map(|i| {
            (
                kind[i].clone().unwrap_or_else(|| "unknown".into()),
                (
                    posts[i].unwrap_or(0).max(0) as u64,
                    interactions[i].unwrap_or(0),
                ),
            )
        })
        .collect())
}

fn formats(
    current: LazyFrame,
    previous: Option<LazyFrame>,
) -> Result<Vec<FormatStats>, MetricsError> {
    let now = per_format(current)?;
    let before = match previous {
        Some(lf) => per_format(lf)?,
        None => BTreeMap::new(),
    };
    let mut out: Vec<FormatStats> = now
        .into_iter()
        .map(|(post_type, (posts, interactions))| {
            let (previous_posts, previous_interactions) =
                before.get(&post_type).copied().unwrap_or((0, 0));
            FormatStats {
                post_type,
                posts,
                interactions,
                previous_posts,
                previous_interactions,
            }
        })
        .collect();
    // Most posts first; the BTreeMap order breaks ties by name, and the sort is stable.
    out.sort_by_key(|f| std::cmp::Reverse(f.posts));
    Ok(out)
}

/// Hashtags of the period's posts. Each post counts a tag once, however often it repeats it.
fn hashtags(lf: LazyFrame) -> Result<Vec<HashtagStats>, MetricsError> {
    let frame = lf
        .select([
            col("text"),
            interactions_expr()
                .cast(DataType::Int64)
                .alias("interactions"),
        ])
        .filter(col("text").str().contains_literal(lit("#")))
        .collect()
        .map_err(polars_err("could not read the posts' hashtags"))?;
    let (texts, interactions) = (
        super::text_cells(&frame, "text"),
        super::int_cells(&frame, "interactions"),
    );
    let mut tags: BTreeMap<String, (u64, i64)> = BTreeMap::new();
    for (text, inter) in texts.iter().zip(&interactions) {
        let Some(text) = text else { continue };
        let mut seen: Vec<String> = hashtags_in(text);
        seen.sort();
        seen.dedup();
        for tag in seen {
            let entry = tags.entry(tag).or_insert((0, 0));
            entry.0 += 1;
            entry.1 += inter.unwrap_or(0);
        }
    }
    let mut out: Vec<HashtagStats> = tags
        .into_iter()
        .filter(|(_, (posts, _))| *posts >= MIN_POSTS_PER_HASHTAG)
        .map(|(tag, (posts, interactions))| HashtagStats {
            tag,
            posts,
            interactions,
        })
        .collect();
    out.sort_by(|a, b| {
        b.posts
            .cmp(&a.posts)
            .then(b.interactions.cmp(&a.interactions))
    });
    out.truncate(HASHTAGS_SHOWN);
    Ok(out)
}

/// `#tag`s in a text, lower-case: a `#` not preceded by a word character, then letters,
/// digits or `_`, at least one letter.
pub fn hashtags_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts = c == '#' && !previous.is_some_and(|p| p.is_alphanumeric() || p == '_');
        previous = Some(c);
        if !starts {
            continue;
        }
        let rest = &text[i + 1..];
        let len: usize = rest
            .chars()
            .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
            .map(char::len_utf8)
            .sum();
        let tag = &rest[..len];
        if tag.chars().any(char::is_alphabetic) {
            out.push(format!("#{}", tag.to_lowercase()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_found_once_per_occurrence_and_lower_cased() {
        assert_eq!(
            hashtags_in("Ayo #SedekahJumat! #2026 a#b (#zakat_fitrah) ##x"),
            vec!["#sedekahjumat", "#zakat_fitrah", "#x"]
        );
        assert!(hashtags_in("no tags here").is_empty());
    }

    fn bucket(local: &str, posts: u64, interactions: i64, reach: Option<i64>) -> Bucket {
        Bucket {
            local: chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap(),
            posts,
            interactions,
            reach,
        }
    }

    #[test]
    fn days_cover_the_whole_period_and_slots_add_up() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let period = Period::parse("2026-10-01..2026-10-03", today).unwrap();
        // 2026-10-01 is a Thursday.
        let buckets = [
            bucket("2026-10-01 08:00", 2, 10, Some(100)),
            bucket("2026-10-01 08:45", 1, 5, None),
            bucket("2026-10-03 20:15", 1, 7, Some(40)),
        ];
        let d = days(&buckets, &period);
        assert_eq!(d.len(), 3);
        assert_eq!(
            (d[0].posts, d[0].interactions, d[0].reach),
            (3, 15, Some(100))
        );
        assert_eq!((d[1].posts, d[1].interactions, d[1].reach), (0, 0, None));
        assert_eq!(d[2].date, "2026-10-03");
        let s = slots(&buckets);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].weekday, s[0].hour, s[0].posts, s[0].interactions),
            (3, 8, 3, 15)
        );
        assert_eq!((s[1].weekday, s[1].hour), (5, 20));
    }
}
