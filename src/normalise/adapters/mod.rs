//! One adapter per export type, declared as data: the header signature that identifies
//! the export, and a mapping (source column → canonical column, how to parse it). Adding
//! a renamed column is adding one alias to a `sources` list. Each export type has its own
//! file in this folder; `builtin` lists them in detection order.

mod facepager;
mod fb_insights;
mod fourcat;
mod generic_care;
mod generic_mentions;
mod generic_outcomes;
mod linkedin;
mod meta_audience;
mod meta_content;
mod meta_daily;
mod recognised;
mod tiktok;
mod tiktok_legacy;
mod twarc2;
mod x_archive;
mod x_content;
mod x_daily;
mod x_tweet_activity;
mod youtube;

pub use facepager::{with_columns as facepager_with_columns, ID as FACEPAGER};
pub use generic_care::{generic_care, ID as GENERIC_CARE};
pub use generic_mentions::generic_mentions;
pub use generic_outcomes::{generic_outcomes, outcome_kind, OutcomeKind, KINDS as OUTCOME_KINDS};
pub use linkedin::{
    missing_sheets as linkedin_missing_sheets, workbook_near_miss as linkedin_workbook_near_miss,
};
pub use meta_content::FACEBOOK_VIDEO_ID_PREFIX;
pub use recognised::{Recognised, RECOGNISED};

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
    /// For exports with one metric per file, named in the line above the header (Meta's
    /// daily series): which metric names exist and where their values go.
    pub series: Option<&'static [SeriesMetric]>,
    /// For wide exports that fill a long table (outcome files: one column per measure),
    /// how one row of the file becomes one canonical row per measure.
    pub unpivot: Option<Unpivot>,
    /// For exports that need more than a mapping (YouTube's `Total` row, hours to
    /// seconds): the function that reads a file instead of `normalise::normalise`. It
    /// may adjust the raw table and the typed result around the declared mapping.
    pub read_with: Option<ReadWith>,
}

/// See `Adapter::read_with`.
pub type ReadWith = fn(
    &Adapter,
    &mut crate::ingest::RawTable,
    &crate::normalise::FileContext,
) -> crate::normalise::Normalised;

/// One row of a wide file → one canonical row per measure. `normalise` types the row's
/// `fields` once, then writes a row for each measure whose cell holds a value: the
/// measure's name in `name_target`, the cell (typed by `parse`) in `value_target`, and the
/// measure's constant columns. An empty cell gives no row.
///
/// Rows are still accounted per row of the file (rows read = stored + quarantined +
/// duplicates): a file row is quarantined whole when any of its cells fails (none of its
/// measures is stored), counts as a duplicate when every one of its measures is stored
/// already, and as stored when at least one of them is new. A row whose measure cells are
/// all empty is quarantined, so that no row disappears without a trace.
#[derive(Debug, Clone)]
pub struct Unpivot {
    /// Canonical column that receives the measure's name (`kind`).
    pub name_target: &'static str,
    /// Canonical column that receives the measure's value (`value`).
    pub value_target: &'static str,
    pub parse: Parse,
    pub measures: Vec<Measure>,
}

impl Unpivot {
    /// Each measure as a field of its own: where its values go and how they are typed.
    pub fn fields(&self) -> Vec<Field> {
        self.measures
            .iter()
            .map(|m| Field {
                target: self.value_target,
                sources: vec![m.source.clone()],
                parse: self.parse.clone(),
            })
            .collect()
    }
}

/// One measure of an [`Unpivot`].
#[derive(Debug, Clone)]
pub struct Measure {
    /// What `name_target` holds on its rows (`donations`).
    pub name: String,
    /// Header of the column holding its values (`Amount (IDR)`).
    pub source: String,
    /// Canonical text columns set on its rows: a fixed campaign, a money kind's currency.
    pub constants: Vec<(&'static str, String)>,
}

/// One metric of a one-metric-per-file export.
#[derive(Debug, Clone, Copy)]
pub struct SeriesMetric {
    /// The metric line as the export writes it (`Facebook reach`).
    pub name: &'static str,
    /// The platform the name implies; `None` when only the input can say (`Reach`).
    pub platform: Option<&'static str>,
    /// Canonical column that receives the value.
    pub target: &'static str,
}

/// What the pipeline says about an input beyond its path.
#[derive(Debug, Clone, Default)]
pub struct InputFacts {
    /// Platform of every row, for exports that do not say it.
    pub platform: Option<String>,
    /// Account of every row, for exports that do not say it.
    pub account: Option<String>,
}

impl Adapter {
    /// The mapping for one particular file. Most adapters map every file the same way; a
    /// one-metric-per-file export maps its value column to the metric named above its
    /// header, on the platform that name (or the input) gives.
    pub fn for_file(
        &self,
        raw: &crate::ingest::RawTable,
        facts: &InputFacts,
    ) -> Result<Adapter, String> {
        let mut adapter = self.clone();
        // Listening files that do not name their platform (4CAT, Facepager) take the input's.
        if let (Some(platform), PlatformRule::Column { default, .. }) =
            (&facts.platform, &mut adapter.platform)
        {
            *default = platform.to_ascii_lowercase();
        }
        if let Some(account) = &facts.account {
            if matches!(self.account, AccountRule::Fixed(_)) {
                adapter.account = AccountRule::Fixed(account.clone());
            }
        }
        if matches!(self.platform, PlatformRule::FromInput) {
            let platform = facts.platform.clone().ok_or_else(|| {
                format!(
                    "{}: the file does not say which platform it is about; set `platform = \"facebook\"` or `\"instagram\"` on its `[[input]]` (or `--platform`)",
                    self.name
                )
            })?;
            adapter.platform = PlatformRule::Fixed(platform);
        }
        let Some(series) = self.series else {
            return Ok(adapter);
        };
        let line = raw.preamble.first().map(String::as_str).unwrap_or_default();
        let known: Vec<&str> = series.iter().map(|m| m.name).collect();
        let metric = series
            .iter()
            .find(|m| {
                m.name
                    .eq_ignore_ascii_case(line.trim_end_matches(';').trim())
            })
            .ok_or_else(|| {
                format!(
                    "{}: the metric line `{line}` is not one tolok knows ({})",
                    self.name,
                    known.join(", ")
                )
            })?;
        let target = metric.target;
        let platform = match (metric.platform, &facts.platform) {
            (Some(p), _) => p.to_string(),
            (None, Some(p)) => p.clone(),
            (None, None) => {
                return Err(format!(
                    "{} `{}`: the file does not say which platform it is about; set `platform = \"facebook\"` or `\"instagram\"` on its `[[input]]`",
                    self.name, metric.name
                ))
            }
        };
        adapter.platform = PlatformRule::Fixed(platform);
        for field in &mut adapter.fields {
            if field.target == SERIES_VALUE {
                field.target = target;
            }
        }
        Ok(adapter)
    }
}

/// Placeholder target of a series adapter's value column, replaced by `for_file`.
pub(super) const SERIES_VALUE: &str = "<series value>";

#[derive(Debug, Clone)]
pub enum PlatformRule {
    Fixed(String),
    /// Not in the file: the input's `platform` (`for_file` fails without it).
    FromInput,
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
    /// The path segment after the host of a permalink column (`twitter.com/<handle>/…`),
    /// without a leading `@` (`tiktok.com/@<handle>/…`).
    PermalinkHandle(String),
    /// Not in the file: the input's `account`, else this name.
    Fixed(String),
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
    /// The calendar date at the start of a date or date-time cell (`2025-01-01T01:00:00`).
    DateOfTimestamp,
    /// Post types as the export names them → canonical post types.
    PostType(&'static [(&'static str, &'static str)]),
    /// A calendar date, `chrono` format (`%Y/%m/%d` for TikTok's `2025/10/31`); ISO
    /// `yyyy-mm-dd` (how workbook date cells read) is accepted too.
    Date(&'static str),
    /// A calendar date in a `chrono` format the pipeline file gives (`date-format`); ISO
    /// `yyyy-mm-dd` is accepted too.
    DateFormat(String),
    /// The last path segment of a URL, without query or fragment (a TikTok video id from
    /// `https://www.tiktok.com/@handle/video/<id>`).
    UrlLastSegment,
    /// Text with a fixed prefix, for ids that must not collide with another export's ids
    /// of the same table (`video:` before a Facebook video asset id).
    Prefixed(&'static str),
    /// A time in UTC unless the cell carries an offset: ISO 8601, else these `chrono`
    /// formats in turn (`%s` = Unix seconds). Research tools (4CAT, Facepager) write UTC.
    InstantUtc(&'static [&'static str]),
    /// The creation time inside an X post id (a "snowflake"), for exports that give only a
    /// date (`account_analytics_content`).
    SnowflakeTime,
    /// A local time in a `chrono` format the pipeline file gives (`date-format`, read with
    /// its offset when it has `%z`); ISO 8601 is accepted too.
    InstantFormat(String),
    /// Values as the file writes them → canonical values, compared trimmed and
    /// case-insensitively (`masuk` → `inbound`); any other value is an error.
    Mapped(Vec<(String, String)>),
    /// This value on every row, whatever the cell holds: for exports of one kind of post
    /// (TikTok's content export lists only videos). The source column names the rows.
    Constant(&'static str),
    /// A calendar date (`chrono` format, or ISO `yyyy-mm-dd` as workbook date cells read)
    /// taken as the instant its day starts in the account's zone: for exports that give a
    /// post's day but not its time (LinkedIn's `Created date`).
    DateLocal(&'static str),
}

pub(super) fn field(target: &'static str, sources: &[&str], parse: Parse) -> Field {
    Field {
        target,
        sources: sources.iter().map(|s| s.to_string()).collect(),
        parse,
    }
}

pub(super) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The adapters that need no configuration, in detection order.
pub fn builtin() -> Vec<Adapter> {
    vec![
        x_tweet_activity::adapter(),
        x_daily::adapter(),
        x_content::adapter(),
        meta_content::facebook_posts(),
        meta_content::instagram_posts(),
        meta_content::facebook_videos(),
        meta_daily::adapter(),
        meta_audience::adapter(),
        fb_insights::posts(),
        fb_insights::page(),
        fb_insights::page_titles(),
        twarc2::adapter(),
        x_archive::adapter(),
        fourcat::adapter(),
        facepager::adapter(),
        tiktok::overview(),
        tiktok::followers(),
        tiktok::content(),
        tiktok_legacy::overview(),
        youtube::table(),
        youtube::totals(),
        youtube::totals_subscribers(),
        linkedin::content_metrics(),
        linkedin::content_posts(),
        linkedin::followers(),
        linkedin::visitors(),
        linkedin::follower_demographics(),
        youtube::chart(),
    ]
}
