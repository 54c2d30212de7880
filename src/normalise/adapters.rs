//! One adapter per export type, declared as data: the header signature that identifies
//! the export, and a mapping (source column → canonical column, how to parse it). Adding
//! a renamed column is adding one alias to a `sources` list.

use crate::schema::Table;

#[derive(Debug, Clone)]
pub struct Adapter {
    /// Stable id, written to the manifest (`x_tweet_activity`).
    pub id: String,
    /// What the user calls the export.
    pub name: String,
    /// Bumped when the mapping changes, so the manifest says which mapping read a file.
    pub version: u32,
    pub table: Table,
    /// Every one of these header cells must be present (case-insensitive).
    pub signature: Vec<String>,
    /// None of these may be present (tells Instagram from Facebook content exports).
    pub excludes: Vec<String>,
    pub platform: PlatformRule,
    pub account: AccountRule,
    pub fields: Vec<Field>,
    /// Dataset name for `mentions.source` (listening CSVs declared in a pipeline).
    pub dataset: Option<String>,
}

#[derive(Debug, Clone)]
pub enum PlatformRule {
    Fixed(&'static str),
    /// From a column of the file, falling back to a default.
    Column {
        source: String,
        default: String,
    },
}

#[derive(Debug, Clone)]
pub enum AccountRule {
    /// Not part of the table's key (mentions).
    None,
    Column(String),
    /// The path segment after the host of a permalink column (`twitter.com/<handle>/…`).
    PermalinkHandle(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Canonical column.
    pub target: &'static str,
    /// Header names that carry it, first found wins (aliases across export versions).
    pub sources: Vec<String>,
    pub parse: Parse,
}

#[derive(Debug, Clone)]
pub enum Parse {
    Text,
    /// Text with HTML entities undone (X tweet text).
    HtmlText,
    Count,
    Real,
    Bool,
    /// A time with its own offset, `chrono` format.
    InstantWithOffset(&'static str),
    /// A local time in the account's zone, `chrono` format.
    InstantLocal(&'static str),
    /// ISO 8601, with or without offset.
    InstantIso,
    /// Post types as the export names them → canonical post types.
    PostType(&'static [(&'static str, &'static str)]),
}

fn field(target: &'static str, sources: &[&str], parse: Parse) -> Field {
    Field {
        target,
        sources: sources.iter().map(|s| s.to_string()).collect(),
        parse,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The adapters that need no configuration, in detection order.
pub fn builtin() -> Vec<Adapter> {
    vec![
        x_tweet_activity(),
        meta_facebook_posts(),
        meta_instagram_posts(),
    ]
}

/// analytics.twitter.com "Tweet activity" export (`tweet_activity_metrics_<handle>_….csv`).
fn x_tweet_activity() -> Adapter {
    use Parse::*;
    Adapter {
        id: "x_tweet_activity".into(),
        name: "X analytics tweet activity export".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&[
            "Tweet id",
            "Tweet permalink",
            "Tweet text",
            "time",
            "impressions",
            "engagements",
        ]),
        excludes: vec![],
        platform: PlatformRule::Fixed("x"),
        account: AccountRule::PermalinkHandle("Tweet permalink".into()),
        fields: vec![
            field("post_id", &["Tweet id"], Text),
            field("permalink", &["Tweet permalink"], Text),
            field("text", &["Tweet text"], HtmlText),
            field(
                "published_at",
                &["time"],
                InstantWithOffset("%Y-%m-%d %H:%M %z"),
            ),
            field("impressions", &["impressions"], Count),
            field("platform_engagements", &["engagements"], Count),
            field("shares", &["retweets"], Count),
            field("comments", &["replies"], Count),
            // Exports before 2015 call likes `favorites`.
            field("likes", &["likes", "favorites"], Count),
            field("profile_visits", &["user profile clicks"], Count),
            field("link_clicks", &["url clicks"], Count),
            field("follows", &["follows"], Count),
            field("video_views", &["media views"], Count),
        ],
        dataset: None,
    }
}

const META_POST_TYPES: &[(&str, &str)] = &[
    ("Photos", "photo"),
    ("Photo", "photo"),
    ("Reels", "reel"),
    ("Links", "link"),
    ("Link", "link"),
    ("Videos", "video"),
    ("Video", "video"),
    ("Text", "text"),
    ("Status", "text"),
    ("Live", "live"),
    ("IG image", "photo"),
    ("IG reel", "reel"),
    ("IG carousel", "carousel"),
    ("IG story", "story"),
];

/// Meta Business Suite → Insights → Content → Export, Facebook Page posts.
fn meta_facebook_posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_facebook_posts".into(),
        name: "Meta Business Suite content export (Facebook posts)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post ID", "Page ID", "Publish time", "Permalink"]),
        excludes: strings(&["Account username", "Video asset ID"]),
        platform: PlatformRule::Fixed("facebook"),
        account: AccountRule::Column("Page ID".into()),
        fields: vec![
            field("post_id", &["Post ID"], Text),
            field("text", &["Description", "Title"], Text),
            field("duration_s", &["Duration (sec)"], Real),
            field(
                "published_at",
                &["Publish time"],
                InstantLocal("%m/%d/%Y %H:%M"),
            ),
            field("permalink", &["Permalink"], Text),
            field("post_type", &["Post type"], PostType(META_POST_TYPES)),
            // Views replaced impressions in 2024–25; older exports still say Impressions.
            field("impressions", &["Views", "Impressions"], Count),
            field("reach", &["Reach"], Count),
            field("likes", &["Reactions"], Count),
            field("comments", &["Comments"], Count),
            field("shares", &["Shares"], Count),
            field("all_clicks", &["Total clicks"], Count),
            field("link_clicks", &["Link Clicks"], Count),
            field("watch_time_s", &["Seconds viewed"], Real),
            field("video_views", &["3-second video views"], Count),
        ],
        dataset: None,
    }
}

/// Meta Business Suite → Insights → Content → Export, Instagram posts and reels.
fn meta_instagram_posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_instagram_posts".into(),
        name: "Meta Business Suite content export (Instagram posts)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post ID", "Account ID", "Account username", "Publish time"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("instagram"),
        account: AccountRule::Column("Account ID".into()),
        fields: vec![
            field("post_id", &["Post ID"], Text),
            field("text", &["Description"], Text),
            field("duration_s", &["Duration (sec)"], Real),
            field(
                "published_at",
                &["Publish time"],
                InstantLocal("%m/%d/%Y %H:%M"),
            ),
            field("permalink", &["Permalink"], Text),
            field("post_type", &["Post type"], PostType(META_POST_TYPES)),
            field("impressions", &["Views", "Impressions"], Count),
            field("reach", &["Reach"], Count),
            field("likes", &["Likes"], Count),
            field("shares", &["Shares"], Count),
            field("comments", &["Comments"], Count),
            field("saves", &["Saves"], Count),
            field("follows", &["Follows"], Count),
            field("profile_visits", &["Profile visits"], Count),
            field("link_clicks", &["Link clicks"], Count),
        ],
        dataset: None,
    }
}

/// A listening CSV whose columns the pipeline maps (`[input.columns]`, canonical = source).
pub fn generic_mentions(
    columns: &std::collections::BTreeMap<String, String>,
    source_name: &str,
    platform: Option<&str>,
) -> Result<Adapter, String> {
    let mut fields = Vec::new();
    let mut platform_column = None;
    for (target, source) in columns {
        if target == "platform" {
            platform_column = Some(source.clone());
            continue;
        }
        let column = Table::Mentions
            .column(target)
            .filter(|c| !matches!(c.name, "source" | "source_file" | "source_row"))
            .ok_or_else(|| {
                format!("`columns.{target}`: `{target}` is not a column of the mentions table")
            })?;
        let parse = match (column.name, column.kind) {
            (_, crate::schema::Kind::Instant) => Parse::InstantIso,
            (_, crate::schema::Kind::Count) => Parse::Count,
            (_, crate::schema::Kind::Real) => Parse::Real,
            (_, crate::schema::Kind::Bool) => Parse::Bool,
            _ => Parse::Text,
        };
        fields.push(Field {
            target: column.name,
            sources: vec![source.clone()],
            parse,
        });
    }
    for required in ["mention_id", "published_at"] {
        if !columns.contains_key(required) {
            return Err(format!(
                "`columns.{required}` is required for generic mentions"
            ));
        }
    }
    let default_platform = platform.unwrap_or("unknown").to_string();
    let signature: Vec<String> = columns.values().cloned().collect();
    Ok(Adapter {
        id: "generic_mentions".into(),
        name: format!("listening CSV `{source_name}` (columns mapped in the pipeline)"),
        version: 1,
        table: Table::Mentions,
        signature,
        excludes: vec![],
        platform: match platform_column {
            Some(source) => PlatformRule::Column {
                source,
                default: default_platform,
            },
            None => PlatformRule::Column {
                source: String::new(),
                default: default_platform,
            },
        },
        account: AccountRule::None,
        fields,
        dataset: Some(source_name.to_string()),
    })
}

/// Exports tolok recognises but has no adapter for yet: `detect` names them instead of
/// saying "unknown", and `ingest` refuses them with that explanation.
pub struct Recognised {
    pub name: &'static str,
    /// All must be in the header (or the preamble, for Meta's daily series).
    pub signature: &'static [&'static str],
    pub note: &'static str,
}

pub const RECOGNISED: &[Recognised] = &[
    Recognised {
        name: "Meta Business Suite daily series (one metric per file, `sep=` line)",
        signature: &["Date", "Primary"],
        note: "account-level daily series go to `account_daily`; the adapter is planned (issue #4)",
    },
    Recognised {
        name: "Meta Business Suite content export (Facebook videos)",
        signature: &["Video asset ID", "Universal video ID"],
        note: "the video-level export is planned (issue #4)",
    },
    Recognised {
        name: "Meta Business Suite audience export (age and gender, cities, countries)",
        signature: &["Women", "Men"],
        note: "audience breakdowns are not part of the canonical schema yet",
    },
    Recognised {
        name: "twarc2 CSV (X API v2 collection)",
        signature: &["id", "conversation_id", "author_id", "created_at", "text"],
        note: "map its columns with a `generic_mentions` input in the pipeline, or wait for the twarc2 adapter (issue #4)",
    },
    Recognised {
        name: "YouTube Studio advanced-mode export",
        signature: &["Content", "Video title", "Video publish time"],
        note: "the YouTube adapter is planned (issue #4)",
    },
    Recognised {
        name: "TikTok analytics overview export",
        signature: &["Date", "Video Views", "Profile Views"],
        note: "the TikTok adapter is planned (issue #4)",
    },
];
