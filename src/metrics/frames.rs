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
/// `[listening]` terms (case-insensitive substring of the text). Without terms the stored
/// `matched` column is kept.
fn with_listening_matches(lf: LazyFrame, pipeline: &Pipeline) -> LazyFrame {
    let listening = &pipeline.file.listening;
    if listening.own.is_empty() && listening.competitors.is_empty() {
        return lf;
    }
    let text = col("text").str().to_lowercase();
    let any_of = |terms: &[String]| {
        terms
            .iter()
            .map(|t| text.clone().str().contains_literal(lit(t.to_lowercase())))
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false))
    };
    // Own terms first, then competitors in name order: the first match labels the mention.
    let mut matched = lit(NULL).cast(DataType::String);
    for (name, terms) in listening.competitors.iter().rev() {
        matched = when(any_of(terms))
            .then(lit(name.clone()))
            .otherwise(matched);
    }
    let matched = when(any_of(&listening.own))
        .then(lit("own"))
        .otherwise(matched);
    lf.with_column(matched.alias("matched"))
}
