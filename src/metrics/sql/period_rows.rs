//! The rows a period's metrics are computed over, as SQL common table expressions: the same
//! steps as `metrics/frames.rs` takes with polars, table by table. Posts keep the latest
//! snapshot of each post taken by the period end (else the earliest after it), without the
//! videos of Meta's video export that are also posts; account-day and post-day rows are
//! merged column by column by the same snapshot rule; mentions get the pipeline's
//! listening matches; everything is cut to the period in the pipeline's time zone, whose
//! bounds tolok works out (as UTC instants) so no engine has to convert time zones.

use super::dialect::Dialect;
use super::Cte;
use crate::normalise::adapters::FACEBOOK_VIDEO_ID_PREFIX;
use crate::pipeline::period::Period;
use crate::pipeline::{Pipeline, Query};
use crate::schema::Table;

/// One period as the queries see it.
#[derive(Debug, Clone)]
pub struct Bounds {
    /// `current` or `previous`: names its common table expressions.
    pub label: &'static str,
    pub period: Period,
    /// UTC milliseconds of local midnight at the start of the first day.
    pub starts_at: i64,
    /// UTC milliseconds of local midnight after the last day (excluded).
    pub ends_before: i64,
}

impl Bounds {
    pub fn new(label: &'static str, period: &Period, tz: chrono_tz::Tz) -> Bounds {
        let after = period.end.succ_opt().expect("a day after the period");
        Bounds {
            label,
            period: period.clone(),
            starts_at: crate::metrics::local_midnight_utc(period.start, tz),
            ends_before: crate::metrics::local_midnight_utc(after, tz),
        }
    }
}

/// What the period rows are built from.
pub struct Source<'a> {
    pub dialect: Dialect,
    /// The store as the engine reaches it.
    pub store: &'a str,
    pub pipeline: &'a Pipeline,
}

impl Source<'_> {
    /// The common table expressions that give `table`'s rows in `bounds`' period; the last
    /// one is named `name`.
    pub fn period_rows(&self, table: Table, bounds: &Bounds, name: &str) -> Vec<Cte> {
        match table {
            Table::Posts => self.latest_posts(bounds, name),
            Table::AccountDaily | Table::PostDaily => {
                vec![Cte::new(name, self.merged_partial_rows(table, bounds))]
            }
            Table::Mentions => vec![Cte::new(name, self.mentions(bounds))],
            Table::Care => vec![Cte::new(
                name,
                self.select_where(table, &self.instant_between("sent_at", bounds)),
            )],
            Table::Outcomes => vec![Cte::new(
                name,
                self.select_where(table, &self.date_between("date", bounds)),
            )],
            Table::Audience => {
                let snapshots = format!("{name}_snapshots");
                vec![
                    Cte::new(
                        &snapshots,
                        self.snapshots(table, &["platform", "account_id"], bounds),
                    ),
                    Cte::new(name, self.latest_of(table, &snapshots)),
                ]
            }
        }
    }

    fn q(&self, name: &str) -> String {
        self.dialect.ident(name)
    }

    /// The table's canonical columns, quoted, each prefixed with `alias.` when given.
    fn columns(&self, table: Table, alias: Option<&str>) -> String {
        table
            .columns()
            .iter()
            .map(|c| match alias {
                Some(a) => format!("{a}.{}", self.q(c.name)),
                None => self.q(c.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn select_where(&self, table: Table, condition: &str) -> String {
        format!(
            "SELECT {}\n  FROM {}\n  WHERE {condition}",
            self.columns(table, None),
            self.dialect.scan(self.store, table)
        )
    }

    fn instant_between(&self, column: &str, bounds: &Bounds) -> String {
        let c = self.q(column);
        format!(
            "{c} >= {} AND {c} < {}",
            self.dialect.instant(bounds.starts_at),
            self.dialect.instant(bounds.ends_before)
        )
    }

    fn date_between(&self, column: &str, bounds: &Bounds) -> String {
        let c = self.q(column);
        format!(
            "{c} >= {} AND {c} <= {}",
            self.dialect.date(bounds.period.start),
            self.dialect.date(bounds.period.end)
        )
    }

    /// Every row with the snapshot the period uses for its key: the latest taken by the
    /// period end, else the earliest.
    fn snapshots(&self, table: Table, key: &[&str], bounds: &Bounds) -> String {
        let partition = key.iter().map(|k| self.q(k)).collect::<Vec<_>>().join(", ");
        let at = self.q("snapshot_at");
        format!(
            "SELECT {},\n    max(CASE WHEN {at} <= {end} THEN {at} END) OVER (PARTITION BY {partition}) AS {by_end},\n    min({at}) OVER (PARTITION BY {partition}) AS {earliest}\n  FROM {}",
            self.columns(table, None),
            self.dialect.scan(self.store, table),
            end = self.dialect.instant(bounds.ends_before),
            by_end = self.q("snapshot_by_end"),
            earliest = self.q("first_snapshot"),
        )
    }

    fn latest_of(&self, table: Table, snapshots: &str) -> String {
        format!(
            "SELECT {}\n  FROM {}\n  WHERE {} = coalesce({}, {})",
            self.columns(table, None),
            self.q(snapshots),
            self.q("snapshot_at"),
            self.q("snapshot_by_end"),
            self.q("first_snapshot")
        )
    }

    /// Posts: latest snapshots, then the video export's rows whose video is also a post
    /// (its permalink ends in `/reel/<id>/` or `/videos/<id>/`) dropped, then the period.
    fn latest_posts(&self, bounds: &Bounds, name: &str) -> Vec<Cte> {
        let d = self.dialect;
        let snapshots = format!("{name}_snapshots");
        let latest = format!("{name}_latest");
        let videos = format!("{name}_posted_videos");
        let prefix_len = FACEBOOK_VIDEO_ID_PREFIX.chars().count();
        let from_video_export = |alias: &str| {
            format!(
                "substr({alias}{}, 1, {prefix_len}) = {}",
                self.q("post_id"),
                d.string(FACEBOOK_VIDEO_ID_PREFIX)
            )
        };
        // The pattern `metrics/frames.rs` extracts a video's id from a permalink with.
        let video_id = d.regex_extract(&self.q("permalink"), r"/(?:reel|reels|videos)/(\d+)");
        let posted_videos = format!(
            "SELECT DISTINCT {p}, {a}, {k}\n  FROM (\n    SELECT {p}, {a}, {video_id} AS {k}\n    FROM {latest}\n    WHERE NOT ({not_video})\n  ) AS {v}\n  WHERE {k} IS NOT NULL",
            p = self.q("platform"),
            a = self.q("account_id"),
            k = self.q("video_key"),
            latest = self.q(&latest),
            not_video = from_video_export(""),
            v = self.q("v"),
        );
        let in_period = format!(
            "SELECT {}\n  FROM {} AS p\n  LEFT JOIN {} AS v\n    ON v.{pl} = p.{pl} AND v.{a} = p.{a}\n    AND v.{k} = CASE WHEN {video} THEN substr(p.{id}, {start}) END\n  WHERE v.{k} IS NULL\n    AND p.{at} >= {from} AND p.{at} < {to}",
            self.columns(Table::Posts, Some("p")),
            self.q(&latest),
            self.q(&videos),
            pl = self.q("platform"),
            a = self.q("account_id"),
            k = self.q("video_key"),
            id = self.q("post_id"),
            video = from_video_export("p."),
            start = prefix_len + 1,
            at = self.q("published_at"),
            from = d.instant(bounds.starts_at),
            to = d.instant(bounds.ends_before),
        );
        vec![
            Cte::new(
                &snapshots,
                self.snapshots(Table::Posts, &["platform", "account_id", "post_id"], bounds),
            ),
            Cte::new(&latest, self.latest_of(Table::Posts, &snapshots)),
            Cte::new(&videos, posted_videos),
            Cte::new(name, in_period),
        ]
    }

    /// One row per key without its snapshot (platform, account, [post,] date): each column
    /// takes its latest value taken by the period end, else its earliest value, ties in
    /// snapshot time in the order tolok reads the store.
    fn merged_partial_rows(&self, table: Table, bounds: &Bounds) -> String {
        let d = self.dialect;
        let keys: Vec<&str> = table
            .key()
            .iter()
            .copied()
            .filter(|k| *k != "snapshot_at")
            .collect();
        let mut order = vec![self.q("snapshot_at")];
        order.extend(d.read_order().iter().map(|c| self.q(c)));
        let end = d.instant(bounds.ends_before);
        let values: Vec<String> = table
            .columns()
            .iter()
            .map(|c| c.name)
            .filter(|n| {
                !matches!(*n, "snapshot_at" | "source_file" | "source_row")
                    && !table.key().contains(n)
            })
            .map(|name| {
                let c = self.q(name);
                format!(
                    "coalesce(\n      {} FILTER (WHERE {c} IS NOT NULL AND {at} <= {end}),\n      {} FILTER (WHERE {c} IS NOT NULL)\n    ) AS {c}",
                    d.ordered_value(&c, &order, true),
                    d.ordered_value(&c, &order, false),
                    at = self.q("snapshot_at"),
                )
            })
            .collect();
        let key_list = keys
            .iter()
            .map(|k| self.q(k))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "SELECT {key_list},\n    {}\n  FROM {}\n  WHERE {}\n  GROUP BY {key_list}",
            values.join(",\n    "),
            d.scan(self.store, table),
            self.date_between("date", bounds)
        )
    }

    /// Mentions in the period, `matched` set from the pipeline's `[listening]` queries (own
    /// first, then the competitors in the file's order); without queries the stored
    /// `matched` is kept.
    fn mentions(&self, bounds: &Bounds) -> String {
        let table = Table::Mentions;
        let listening = &self.pipeline.file.listening;
        let condition = self.instant_between("published_at", bounds);
        if listening.is_empty() {
            return self.select_where(table, &condition);
        }
        let mut cases = vec![format!(
            "WHEN {} THEN {}",
            self.query_matches(&listening.own),
            self.dialect.string("own")
        )];
        for (name, query) in &listening.competitors.0 {
            cases.push(format!(
                "WHEN {} THEN {}",
                self.query_matches(query),
                self.dialect.string(name)
            ));
        }
        let columns: Vec<String> = table
            .columns()
            .iter()
            .map(|c| {
                if c.name == "matched" {
                    format!(
                        "CASE\n      {}\n    END AS {}",
                        cases.join("\n      "),
                        self.q("matched")
                    )
                } else {
                    self.q(c.name)
                }
            })
            .collect();
        format!(
            "SELECT {}\n  FROM {}\n  WHERE {condition}",
            columns.join(", "),
            self.dialect.scan(self.store, table)
        )
    }

    /// True where the mention's text satisfies the query, as `metrics/frames.rs` decides:
    /// one of `any` (when given), each of `all`, none of `not`; no text matches nothing.
    fn query_matches(&self, query: &Query) -> String {
        if query.any.is_empty() && query.all.is_empty() {
            return "FALSE".into();
        }
        let has = |term: &String| {
            let pattern = crate::metrics::frames::term_pattern(term);
            format!(
                "coalesce({}, FALSE)",
                self.dialect.regex_match(&self.q("text"), &pattern)
            )
        };
        let mut parts = Vec::new();
        if !query.any.is_empty() {
            let any: Vec<String> = query.any.iter().map(has).collect();
            parts.push(format!("({})", any.join(" OR ")));
        }
        parts.extend(query.all.iter().map(has));
        if !query.not.is_empty() {
            let not: Vec<String> = query.not.iter().map(has).collect();
            parts.push(format!("NOT ({})", not.join(" OR ")));
        }
        parts.join(" AND ")
    }
}
