//! The rows a period's metrics are computed over: each table scanned from the store,
//! restricted to the period (in the pipeline's time zone), and for tables that keep
//! snapshots, reduced to one snapshot per row key.

use super::{polars_err, MetricsError};
use crate::pipeline::period::Period;
use crate::pipeline::Pipeline;
use crate::schema::Table;
use crate::store::Store;
use chrono::{NaiveDate, TimeZone};
use polars::prelude::*;
use std::collections::BTreeMap;

pub struct PeriodFrames {
    pub tables: BTreeMap<Table, LazyFrame>,
}

impl PeriodFrames {
    pub fn load(
        store: &Store,
        period: &Period,
        pipeline: &Pipeline,
    ) -> Result<PeriodFrames, MetricsError> {
        let start = local_midnight_utc(period.start, pipeline.tz);
        let end = local_midnight_utc(period.end.succ_opt().expect("date after end"), pipeline.tz);
        let mut tables = BTreeMap::new();
        for table in Table::ALL {
            let Some(lf) = store.scan(table)? else {
                continue;
            };
            let lf = match table {
                Table::Posts => without_videos_counted_twice(latest_snapshot(
                    lf,
                    &["platform", "account_id", "post_id"],
                    end,
                )?)
                .filter(instant_between("published_at", start, end)),
                Table::AccountDaily => merge_partial_rows(lf, table, end).filter(date_between(
                    "date",
                    period.start,
                    period.end,
                )),
                Table::Mentions => {
                    let lf = lf.filter(instant_between("published_at", start, end));
                    with_listening_matches(lf, pipeline)
                }
                Table::Care => lf.filter(instant_between("sent_at", start, end)),
                Table::Outcomes => lf.filter(date_between("date", period.start, period.end)),
                Table::PostDaily => merge_partial_rows(lf, table, end).filter(date_between(
                    "date",
                    period.start,
                    period.end,
                )),
                // The breakdown as the platform last reported it by the period end.
                Table::Audience => latest_snapshot(lf, &["platform", "account_id"], end)?,
            };
            tables.insert(table, lf);
        }
        Ok(PeriodFrames { tables })
    }

    pub fn get(&self, table: Table) -> Option<LazyFrame> {
        self.tables.get(&table).cloned()
    }
}

/// UTC milliseconds of local midnight at the start of `date`.
pub fn local_midnight_utc(date: NaiveDate, tz: chrono_tz::Tz) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    tz.from_local_datetime(&midnight).earliest().map_or_else(
        || midnight.and_utc().timestamp_millis(),
        |d| d.timestamp_millis(),
    )
}

fn instant_lit(ms: i64) -> Expr {
    lit(ms).cast(DataType::Datetime(TimeUnit::Milliseconds, None))
}

fn instant_between(column: &str, start: i64, end: i64) -> Expr {
    col(column)
        .gt_eq(instant_lit(start))
        .and(col(column).lt(instant_lit(end)))
}

fn date_between(column: &str, start: NaiveDate, end: NaiveDate) -> Expr {
    let days =
        |d: NaiveDate| (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32;
    col(column)
        .gt_eq(lit(days(start)).cast(DataType::Date))
        .and(col(column).lt_eq(lit(days(end)).cast(DataType::Date)))
}

/// Keeps one snapshot per key: the latest taken by the period end; for rows only exported
/// after the period end, the earliest snapshot after it (counts closest to the period).
fn latest_snapshot(
    lf: LazyFrame,
    key: &[&str],
    period_end: i64,
) -> Result<LazyFrame, MetricsError> {
    let keys: Vec<Expr> = key.iter().map(|k| col(*k)).collect();
    let window = polars_err("could not build the snapshot window");
    let by_end = col("snapshot_at")
        .filter(col("snapshot_at").lt_eq(instant_lit(period_end)))
        .max()
        .over(&keys)
        .map_err(window)?;
    let earliest = col("snapshot_at")
        .min()
        .over(&keys)
        .map_err(polars_err("could not build the snapshot window"))?;
    Ok(lf.filter(col("snapshot_at").eq(by_end.fill_null(earliest))))
}

/// Drops a row of Meta's video export (`post_id` `video:<asset id>`) when the content export
/// holds the same video as a post, whose permalink ends in `/reel/<asset id>/` or
/// `/videos/<asset id>/`: each video counts once, as the post (which has the views and
/// clicks the video export lacks). Videos only in the video export are kept.
fn without_videos_counted_twice(lf: LazyFrame) -> LazyFrame {
    use crate::normalise::adapters::FACEBOOK_VIDEO_ID_PREFIX as PREFIX;
    let from_video_export = col("post_id").str().starts_with(lit(PREFIX));
    let keys = [col("platform"), col("account_id"), col("video_key")];
    let posted_videos = lf
        .clone()
        .filter(from_video_export.clone().not())
        .select([
            col("platform"),
            col("account_id"),
            col("permalink")
                .str()
                .extract(lit(r"/(?:reel|reels|videos)/(\d+)"), 1)
                .alias("video_key"),
        ])
        .drop_nulls(None)
        .unique_stable(None, UniqueKeepStrategy::First)
        .with_column(lit(true).alias("also_posted"));
    lf.with_column(
        when(from_video_export)
            .then(col("post_id").str().strip_prefix(lit(PREFIX)))
            .otherwise(lit(NULL).cast(DataType::String))
            .alias("video_key"),
    )
    .join(
        posted_videos,
        keys.clone(),
        keys,
        // Row order kept, so results do not depend on the join's parallelism.
        JoinArgs {
            maintain_order: MaintainOrderJoin::Left,
            ..JoinArgs::new(JoinType::Left)
        },
    )
    .filter(col("also_posted").is_null())
    .drop(cols(["video_key", "also_posted"]))
}

/// Merges a table's partial rows (one file per daily metric) into one row per key
/// without its snapshot (platform, account, [post,] date). Each column takes its own snapshot by the rule of
/// `latest_snapshot`: the latest taken by the period end, else the earliest after it.
fn merge_partial_rows(lf: LazyFrame, table: Table, period_end: i64) -> LazyFrame {
    let keys: Vec<Expr> = table
        .key()
        .iter()
        .filter(|k| **k != "snapshot_at")
        .map(|k| col(*k))
        .collect();
    let taken_by_end = col("snapshot_at").lt_eq(instant_lit(period_end));
    let values: Vec<Expr> = table
        .columns()
        .iter()
        .map(|c| c.name)
        .filter(|n| {
            !matches!(*n, "snapshot_at" | "source_file" | "source_row") && !table.key().contains(n)
        })
        .map(|name| {
            let has = col(name).is_not_null();
            let latest_by_end = col(name)
                .filter(has.clone().and(taken_by_end.clone()))
                .last();
            let earliest_after = col(name).filter(has).first();
            latest_by_end.fill_null(earliest_after).alias(name)
        })
        .collect();
    // Rows in snapshot order, so first/last within each group follow it.
    lf.sort(
        ["snapshot_at"],
        SortMultipleOptions::default().with_maintain_order(true),
    )
    .group_by_stable(keys)
    .agg(values)
}

/// Marks each mention `own`, a competitor's name, or null, from the pipeline's
/// `[listening]` queries. A mention matching several brands is recorded as the first: own,
/// then the competitors in the pipeline file's order. Without queries the stored `matched`
/// column is kept.
fn with_listening_matches(lf: LazyFrame, pipeline: &Pipeline) -> LazyFrame {
    let listening = &pipeline.file.listening;
    if listening.is_empty() {
        return lf;
    }
    let mut matched = lit(NULL).cast(DataType::String);
    for (name, query) in listening.competitors.0.iter().rev() {
        matched = when(query_matches(query))
            .then(lit(name.clone()))
            .otherwise(matched);
    }
    let matched = when(query_matches(&listening.own))
        .then(lit("own"))
        .otherwise(matched);
    lf.with_column(matched.alias("matched"))
}

/// True where the text satisfies the query: one of `any` (when given), each of `all`, none
/// of `not`. A mention without text matches nothing.
fn query_matches(query: &crate::pipeline::Query) -> Expr {
    let has = |term: &String| {
        col("text")
            .str()
            .contains(lit(term_pattern(term)), true)
            .fill_null(lit(false))
    };
    let mut parts = Vec::new();
    if let Some(any) = query.any.iter().map(has).reduce(|a, b| a.or(b)) {
        parts.push(any);
    }
    parts.extend(query.all.iter().map(has));
    if let Some(not) = query.not.iter().map(has).reduce(|a, b| a.or(b)) {
        parts.push(not.not());
    }
    if query.any.is_empty() && query.all.is_empty() {
        // Validation refuses `not` alone; an empty query matches nothing.
        return lit(false);
    }
    parts
        .into_iter()
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(false))
}

/// Anything but a letter, digit or underscore (what continues a word, hashtag or handle):
/// what may stand before and after a term.
const NOT_WORD_CHAR: &str = r"[^\p{L}\p{N}_]";

/// The regular expression one listening term matches, case-insensitively. `#tag` and
/// `@handle` match that token whole (`#pelita` is not in `#pelitadesa`; a handle may hold
/// dots, as Instagram's and TikTok's do, so `@pelita` is not in `@pelita.desa`, but a full
/// stop after it ends it). Other terms match whole words (`pelita` is not in `pelitadesa`,
/// but is in `#pelita`), with any run of white space between their words.
pub(super) fn term_pattern(term: &str) -> String {
    let term = term.trim();
    let words: Vec<String> = term.split_whitespace().map(escape).collect();
    let body = words.join(r"\s+");
    let end = if term.starts_with('@') {
        format!(r"(?:$|[^\p{{L}}\p{{N}}_.]|\.(?:$|{NOT_WORD_CHAR}))")
    } else {
        format!("(?:$|{NOT_WORD_CHAR})")
    };
    format!("(?i)(?:^|{NOT_WORD_CHAR}){body}{end}")
}

/// `text` with every regular-expression metacharacter escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if r"\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of `texts` the term matches.
    fn matching(term: &str, texts: &[&str]) -> Vec<bool> {
        let frame = df!("text" => texts.to_vec()).unwrap();
        let query = crate::pipeline::Query {
            any: vec![term.to_string()],
            ..Default::default()
        };
        let out = frame
            .lazy()
            .select([query_matches(&query).alias("m")])
            .collect()
            .unwrap();
        out.column("m")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .map(|b| b.unwrap())
            .collect()
    }

    #[test]
    fn words_match_on_word_boundaries_only() {
        assert_eq!(
            matching(
                "Pelita Desa",
                &[
                    "Terima kasih PELITA  desa!",
                    "#pelitadesa",
                    "pelita desanya",
                    "(pelita desa)"
                ]
            ),
            [true, false, false, true]
        );
        // A plain word is in a hashtag that is exactly it, not in a longer one.
        assert_eq!(
            matching("pelita", &["#pelita hebat", "#pelitadesa"]),
            [true, false]
        );
    }

    #[test]
    fn hashtags_and_handles_match_their_whole_token() {
        assert_eq!(
            matching(
                "#PelitaDesa",
                &["ayo #pelitadesa", "#pelitadesa2026", "pelitadesa"]
            ),
            [true, false, false]
        );
        assert_eq!(
            matching(
                "@pelitadesa",
                &[
                    "cc @PelitaDesa.",
                    "@pelitadesa.id",
                    "kirim ke x@pelitadesa",
                    "@pelitadesa_"
                ]
            ),
            [true, false, false, false]
        );
    }

    #[test]
    fn metacharacters_in_terms_are_literal() {
        assert_eq!(
            matching("c++ (beta)", &["pakai c++ (beta) hari ini", "c (beta)"]),
            [true, false]
        );
    }

    #[test]
    fn any_all_and_not_combine() {
        let frame = df!("text" => ["banjir di desa", "banjir bandang di kota", "desa lowongan banjir", "kebakaran di desa"]).unwrap();
        let query = crate::pipeline::Query {
            any: vec!["desa".into(), "kota".into()],
            all: vec!["banjir".into()],
            not: vec!["lowongan".into()],
        };
        let out = frame
            .lazy()
            .select([query_matches(&query).alias("m")])
            .collect()
            .unwrap();
        let got: Vec<bool> = out
            .column("m")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .map(|b| b.unwrap())
            .collect();
        assert_eq!(got, [true, true, false, false]);
    }
}
