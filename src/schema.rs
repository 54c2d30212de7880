//! The canonical schema (version 1): the contract between normalise, store and metrics.
//!
//! Every table lists its columns with their type. Rates are never stored, only computed.
//! Times are UTC milliseconds; the account's time zone lives in the pipeline file.

use std::fmt;

/// Bumped whenever a column is added, removed or changes type. Version 2 added
/// `account_daily.interactions` and `account_daily.link_clicks` (Meta's daily series).
pub const SCHEMA_VERSION: u32 = 2;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Posts,
    AccountDaily,
    Mentions,
    Care,
    Outcomes,
}

impl Table {
    pub const ALL: [Table; 5] = [
        Table::Posts,
        Table::AccountDaily,
        Table::Mentions,
        Table::Care,
        Table::Outcomes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Posts => "posts",
            Table::AccountDaily => "account_daily",
            Table::Mentions => "mentions",
            Table::Care => "care",
            Table::Outcomes => "outcomes",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Posts => POSTS,
            Table::AccountDaily => ACCOUNT_DAILY,
            Table::Mentions => MENTIONS,
            Table::Care => CARE,
            Table::Outcomes => OUTCOMES,
        }
    }

    /// Columns that identify one row; rows with equal keys are duplicates.
    pub fn key(self) -> &'static [&'static str] {
        match self {
            Table::Posts => &["platform", "account_id", "post_id", "snapshot_at"],
            Table::AccountDaily => &["platform", "account_id", "date", "snapshot_at"],
            Table::Mentions => &["platform", "source", "mention_id"],
            Table::Care => &["platform", "thread_id", "message_id"],
            Table::Outcomes => &["date", "source", "campaign", "kind"],
        }
    }

    /// Whether one export file holds only some of a row's columns, so that rows with the
    /// same key from different files complete each other (Meta writes each daily metric
    /// to its own file). Such rows are told apart by which columns they fill, and merged
    /// when metrics are computed.
    pub fn has_partial_rows(self) -> bool {
        matches!(self, Table::AccountDaily)
    }

    /// The column whose value names the first partition level (`platform=` for all tables
    /// but `outcomes`, which has no platform and is partitioned by `source=`).
    pub fn partition_column(self) -> &'static str {
        match self {
            Table::Outcomes => "source",
            _ => "platform",
        }
    }

    /// The column whose month names the `month=` partition.
    pub fn time_column(self) -> &'static str {
        match self {
            Table::Posts | Table::Mentions => "published_at",
            Table::AccountDaily | Table::Outcomes => "date",
            Table::Care => "sent_at",
        }
    }

    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.name == name)
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Physical type of a canonical column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Non-negative or signed whole count, stored as i64.
    Count,
    /// Real number (sentiment score, money, seconds with fractions).
    Real,
    Bool,
    /// UTC instant, millisecond precision.
    Instant,
    /// Calendar date in the account's time zone.
    Date,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        required: true,
    }
}
const fn opt(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        required: false,
    }
}

use Kind::*;

pub const POSTS: &[Column] = &[
    req("platform", Text),
    req("account_id", Text),
    req("post_id", Text),
    req("snapshot_at", Instant),
    req("published_at", Instant),
    opt("post_type", Text),
    opt("text", Text),
    opt("permalink", Text),
    opt("is_paid", Bool),
    opt("impressions", Count),
    opt("reach", Count),
    opt("likes", Count),
    opt("comments", Count),
    opt("shares", Count),
    opt("quotes", Count),
    opt("saves", Count),
    opt("link_clicks", Count),
    opt("all_clicks", Count),
    opt("profile_visits", Count),
    opt("follows", Count),
    opt("video_views", Count),
    opt("watch_time_s", Real),
    opt("completed_views", Count),
    opt("duration_s", Real),
    opt("platform_engagements", Count),
    req("source_file", Text),
    req("source_row", Count),
];

pub const ACCOUNT_DAILY: &[Column] = &[
    req("platform", Text),
    req("account_id", Text),
    req("date", Date),
    req("snapshot_at", Instant),
    opt("followers", Count),
    opt("followers_gained", Count),
    opt("followers_lost", Count),
    opt("reach", Count),
    opt("impressions", Count),
    opt("profile_visits", Count),
    opt("page_views", Count),
    opt("interactions", Count),
    opt("link_clicks", Count),
    req("source_file", Text),
    req("source_row", Count),
];

pub const MENTIONS: &[Column] = &[
    req("platform", Text),
    req("source", Text),
    req("mention_id", Text),
    req("published_at", Instant),
    opt("author_id", Text),
    opt("author_followers", Count),
    opt("text", Text),
    opt("lang", Text),
    opt("url", Text),
    opt("thread_id", Text),
    opt("in_reply_to", Text),
    opt("likes", Count),
    opt("shares", Count),
    opt("replies", Count),
    opt("matched", Text),
    opt("sentiment_score", Real),
    opt("sentiment_label", Text),
    opt("lexicon", Text),
    req("source_file", Text),
    req("source_row", Count),
];

pub const CARE: &[Column] = &[
    req("platform", Text),
    req("thread_id", Text),
    req("message_id", Text),
    req("sent_at", Instant),
    opt("direction", Text),
    opt("is_automated", Bool),
    opt("resolved_at", Instant),
    req("source_file", Text),
    req("source_row", Count),
];

pub const OUTCOMES: &[Column] = &[
    req("date", Date),
    req("source", Text),
    req("campaign", Text),
    req("kind", Text),
    opt("value", Real),
    opt("currency", Text),
    req("source_file", Text),
    req("source_row", Count),
];
