//! The canonical schema (version 1): the contract between normalise, store and metrics.
//!
//! Every table lists its columns with their type. Rates are never stored, only computed.
//! Times are UTC milliseconds; the account's time zone lives in the pipeline file.

use std::fmt;

/// Bumped whenever a table or column is added, removed or changes type. Version 2 added
/// `account_daily.interactions` and `account_daily.link_clicks` (Meta's daily series);
/// version 3 the `post_daily` (YouTube's views per video and day) and `audience` (Meta's
/// age, gender, country and city shares) tables.
pub const SCHEMA_VERSION: u32 = 3;

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
    PostDaily,
    Audience,
}

impl Table {
    pub const ALL: [Table; 7] = [
        Table::Posts,
        Table::AccountDaily,
        Table::Mentions,
        Table::Care,
        Table::Outcomes,
        Table::PostDaily,
        Table::Audience,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Posts => "posts",
            Table::AccountDaily => "account_daily",
            Table::Mentions => "mentions",
            Table::Care => "care",
            Table::Outcomes => "outcomes",
            Table::PostDaily => "post_daily",
            Table::Audience => "audience",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Posts => POSTS,
            Table::AccountDaily => ACCOUNT_DAILY,
            Table::Mentions => MENTIONS,
            Table::Care => CARE,
            Table::Outcomes => OUTCOMES,
            Table::PostDaily => POST_DAILY,
            Table::Audience => AUDIENCE,
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
            Table::PostDaily => &["platform", "account_id", "post_id", "date", "snapshot_at"],
            Table::Audience => &[
                "platform",
                "account_id",
                "snapshot_at",
                "dimension",
                "segment",
            ],
        }
    }

    /// Whether one export file holds only some of a row's columns, so that rows with the
    /// same key from different files complete each other (Meta writes each daily metric
    /// to its own file). Such rows are told apart by which columns they fill, and merged
    /// when metrics are computed.
    pub fn has_partial_rows(self) -> bool {
        matches!(self, Table::AccountDaily | Table::PostDaily)
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
            Table::AccountDaily | Table::Outcomes | Table::PostDaily => "date",
            Table::Care => "sent_at",
            // A breakdown of the audience has no time of its own: when it was taken.
            Table::Audience => "snapshot_at",
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

/// One post's figures on one day (YouTube Studio's `Chart data.csv`). An export holds one
/// metric, so a day's row may be completed by another file (like `account_daily`).
pub const POST_DAILY: &[Column] = &[
    req("platform", Text),
    req("account_id", Text),
    req("post_id", Text),
    req("date", Date),
    req("snapshot_at", Instant),
    opt("video_views", Count),
    opt("impressions", Count),
    opt("watch_time_s", Real),
    opt("likes", Count),
    opt("comments", Count),
    opt("shares", Count),
    opt("follows", Count),
    req("source_file", Text),
    req("source_row", Count),
];

/// One segment of an account's audience as the platform reported it when the export was
/// taken: `dimension` is `age_gender`, `country`, `city` (Meta), `location`,
/// `job_function`, `seniority`, `industry`, `company_size` (LinkedIn), `segment` its value
/// (`25-34 women`, `Indonesia`), `share` the percentage of the audience in it (0–100) where
/// the platform gives shares, `followers` the count where it gives counts.
pub const AUDIENCE: &[Column] = &[
    req("platform", Text),
    req("account_id", Text),
    req("snapshot_at", Instant),
    req("dimension", Text),
    req("segment", Text),
    opt("share", Real),
    opt("followers", Count),
    req("source_file", Text),
    req("source_row", Count),
];
