//! LinkedIn Page analytics exports (Page → Analytics → Export): three workbooks, `.xls`
//! (BIFF, older) or `.xlsx`, named `<page-slug>_content_<epoch-ms>`, `…_followers_…` and
//! `…_visitors_…`. In every sheet row 1 is a one-cell description of the sheet, the header
//! is row 2 and data start in row 3; `workbook.rs` puts the description into `preamble`
//! because a header needs two non-empty cells. Dates are `MM/DD/YYYY` strings in the Page's
//! time zone; rates are fractions (`0.0345`). The files do not name the Page: the account is
//! the input's `account` (else `main`), which users set on the `[[input]]`.
//!
//! What is read, and why the rest is not:
//!
//! - content workbook, sheet `Metrics` (one row per day) → `account_daily`:
//!   `Impressions (total)` → `impressions`, `Unique impressions (organic)` → `reach`
//!   (LinkedIn counts unique viewers of organic posts only, so sponsored reach is missing
//!   from it). Clicks, reactions, comments and reposts are not stored: `account_daily` has
//!   no column with their meaning (`link_clicks` counts clicks on links only, LinkedIn's
//!   `Clicks` every click on the post, and `interactions` would be our sum of three
//!   columns, a figure LinkedIn does not print). Engagement rates are never stored.
//! - content workbook, sheet `All posts` (one row per post, lifetime counts) → `posts`.
//!   `post_id` is the URN at the end of the link (`urn:li:activity:7…`); `published_at` is
//!   the start of the `Created date` in the Page's zone (LinkedIn gives the day, not the
//!   time); `is_paid` from `Post type` (`Sponsored`/`Organic`), else from whether a
//!   `Campaign name` is filled in; `all_clicks` from `Clicks`; `shares` from `Reposts`
//!   (older exports: `Shares`); `video_views` from `Views`. Off-site views, CTR and the
//!   engagement rate are not stored (the rates are recomputed from the counts).
//!   `platform_engagements` stays empty: the export prints only the rate, not the count.
//! - followers workbook, sheet `New followers` → `account_daily.followers_gained` from
//!   `Total followers`, which is the day's total of *new* followers (sponsored + organic +
//!   auto-invited), not the follower count; the export has no follower count at all, so
//!   `followers` stays empty. Its demographic sheets (`Location`, `Job function`,
//!   `Seniority`, `Industry`, `Company size`: followers per category as of the export) →
//!   `audience`, one row per category with its follower count (`dimension` `location`,
//!   `job_function`, …); LinkedIn gives no shares, so `share` stays empty.
//! - visitors workbook (one row per day) → `account_daily.page_views` from `Total page
//!   views (total)`. Unique visitors are not stored (`reach` is about content, not visits
//!   to the Page); the per-section page views (overview, jobs, life, …) are parts of it.
//!
//! Sources: parser code only, no real file (research notes, exports.md §4). Row 1's exact
//! text, the sheet name of the visitors workbook and the values of `Post type` and
//! `Content Type` are unverified.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::{normalise, FileContext, Normalised};
use crate::schema::Table;

/// `10/31/2026`, or a workbook date cell (read as ISO `2026-10-31`).
const DATE: Parse = Parse::Date("%m/%d/%Y");

/// LinkedIn content types → canonical post types [INF: values seen in the Page UI].
const CONTENT_TYPES: &[(&str, &str)] = &[
    ("Text", "text"),
    ("Image", "photo"),
    ("Images", "carousel"),
    ("Multi-image", "carousel"),
    ("Document", "carousel"),
    ("Video", "video"),
    ("Live", "live"),
    ("Live video", "live"),
    ("Article", "link"),
    ("Link", "link"),
    ("Newsletter", "link"),
    ("Poll", "other"),
    ("Event", "other"),
];

/// Where `read_posts` writes whether a post was sponsored: a column of our own, so that the
/// file's cells stay as they were (and are shown as they were in any quarantine reason).
const PAID: &str = "tolok: sponsored (from Post type or Campaign name)";

/// Content workbook, sheet `Metrics`: one row per day, organic / sponsored / total columns.
pub fn content_metrics() -> Adapter {
    use Parse::*;
    Adapter {
        id: "linkedin_content_metrics".into(),
        name: "LinkedIn content export (Metrics sheet)".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Impressions (organic)", "Impressions (total)"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("linkedin".into()),
        // The export does not name the Page: the input's `account`, else "main".
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], DATE),
            field("impressions", &["Impressions (total)"], Count),
            field("reach", &["Unique impressions (organic)"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// Content workbook, sheet `All posts`: one row per post. The signature is the columns the
/// current export (`Post title`, `Post link`, `Reposts`) and the older one (`Update
/// title`, `Update link`, `Shares`) share; the fields list both names.
pub fn content_posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: "linkedin_content_posts".into(),
        name: "LinkedIn content export (All posts sheet)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&[
            "Impressions",
            "Clicks",
            "Click through rate (CTR)",
            "Likes",
            "Follows",
            "Engagement rate",
        ]),
        excludes: vec![],
        platform: PlatformRule::Fixed("linkedin".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("post_id", &["Post link", "Update link"], UrlLastSegment),
            field("permalink", &["Post link", "Update link"], Text),
            field("text", &["Post title", "Update title"], Text),
            field(
                "published_at",
                &["Created date", "Create date"],
                DateLocal("%m/%d/%Y"),
            ),
            field(
                "post_type",
                &["Content Type", "Content type"],
                PostType(CONTENT_TYPES),
            ),
            field("is_paid", &[PAID], Bool),
            field("impressions", &["Impressions"], Count),
            field(
                "video_views",
                &["Views", "Views (excluding off-site video views)"],
                Count,
            ),
            field("all_clicks", &["Clicks"], Count),
            field("likes", &["Likes", "Reactions"], Count),
            field("comments", &["Comments"], Count),
            field("shares", &["Reposts", "Shares"], Count),
            field("follows", &["Follows"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read_posts),
    }
}

/// Followers workbook, sheet `New followers`: one row per day.
pub fn followers() -> Adapter {
    use Parse::*;
    Adapter {
        id: "linkedin_followers".into(),
        name: "LinkedIn followers export (New followers sheet)".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Organic followers", "Total followers"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("linkedin".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], DATE),
            // New followers of the day, not the follower count (see the module comment).
            field("followers_gained", &["Total followers"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// Visitors workbook: one row per day, page views and unique visitors per section and
/// device.
pub fn visitors() -> Adapter {
    use Parse::*;
    Adapter {
        id: "linkedin_visitors".into(),
        name: "LinkedIn visitors export".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&[
            "Date",
            "Total page views (total)",
            "Total unique visitors (total)",
        ]),
        excludes: vec![],
        platform: PlatformRule::Fixed("linkedin".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], DATE),
            field("page_views", &["Total page views (total)"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// The followers workbook's demographic sheets (`<category>, Total followers`): their
/// category column, and the `dimension` its rows get.
const DEMOGRAPHICS: &[(&str, &str)] = &[
    ("Location", "location"),
    ("Job function", "job_function"),
    ("Seniority", "seniority"),
    ("Industry", "industry"),
    ("Company size", "company_size"),
];

/// Header `read_demographics` gives the dimension column it adds.
const DIMENSION: &str = "tolok: dimension (from the sheet's category column)";

/// Followers workbook, demographic sheets: followers per category → `audience`.
pub fn follower_demographics() -> Adapter {
    use Parse::*;
    let categories: Vec<&str> = DEMOGRAPHICS.iter().map(|(c, _)| *c).collect();
    Adapter {
        id: "linkedin_follower_demographics".into(),
        name: "LinkedIn followers export (demographic sheets)".into(),
        version: 1,
        table: Table::Audience,
        // One of the category columns as well: `read_demographics` refuses a sheet
        // without one.
        signature: strings(&["Total followers"]),
        excludes: strings(&["Date"]),
        platform: PlatformRule::Fixed("linkedin".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("dimension", &[DIMENSION], Text),
            field("segment", &categories, Text),
            field("followers", &["Total followers"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read_demographics),
    }
}

/// Adds the dimension the sheet's category column names to every row, then maps the
/// sheet as declared.
fn read_demographics(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    if let Some((_, dimension)) = DEMOGRAPHICS.iter().find(|(c, _)| raw.has(c)) {
        raw.header.push(DIMENSION.to_string());
        for (_, cells) in &mut raw.rows {
            cells.resize(raw.header.len() - 1, String::new());
            cells.push(dimension.to_string());
        }
    }
    normalise(adapter, raw, ctx)
}

/// Marks each post as sponsored or not in the `PAID` column, then maps the sheet as
/// declared. `Post type` says `Sponsored` or `Organic`; where it says neither (or is
/// missing), a filled-in `Campaign name` means sponsored and an empty one organic; with
/// neither column the cell stays empty (not known).
fn read_posts(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    let post_type = raw
        .column("Post type")
        .or_else(|| raw.column("Update type"));
    let campaign = raw.column("Campaign name");
    for (_, cells) in &mut raw.rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map_or("", |c| c.trim())
                .to_ascii_lowercase()
        };
        let paid = match cell(post_type).as_str() {
            "sponsored" => "true",
            "organic" => "false",
            _ => match campaign {
                Some(_) if cell(campaign).is_empty() => "false",
                Some(_) => "true",
                None => "",
            },
        };
        cells.push(paid.to_string());
    }
    raw.header.push(PAID.to_string());
    normalise(adapter, raw, ctx)
}

/// The LinkedIn workbooks and the sheets that identify them, for `detect`'s near misses.
struct Workbook {
    name: &'static str,
    /// The sheets tolok reads from it.
    read: &'static [&'static str],
    /// Sheet names that mark a workbook as this export.
    marks: &'static [&'static str],
}

const WORKBOOKS: &[Workbook] = &[
    Workbook {
        name: "LinkedIn content export",
        read: &["Metrics", "All posts"],
        marks: &["Metrics", "All posts"],
    },
    Workbook {
        name: "LinkedIn followers export",
        read: &["New followers"],
        marks: &[
            "New followers",
            "Location",
            "Job function",
            "Seniority",
            "Industry",
            "Company size",
        ],
    },
];

/// Why a workbook that no adapter fits looks like a LinkedIn export all the same: it has
/// sheets of a LinkedIn workbook, but the sheet tolok reads is missing, or that sheet lacks
/// columns. `None` when it does not look like one.
pub fn workbook_near_miss(sheets: &[(String, RawTable)]) -> Option<String> {
    let sheet = |name: &str| sheets.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    let workbook = WORKBOOKS
        .iter()
        .find(|w| w.marks.iter().any(|m| sheet(m).is_some()))?;
    if let Some(missing) = missing_sheets(sheets) {
        return Some(missing);
    }
    // Every sheet is there, so their headers are wrong: name the columns each one lacks.
    let adapters = [content_metrics(), content_posts(), followers()];
    let problems: Vec<String> = workbook
        .read
        .iter()
        .filter_map(|name| {
            let (_, raw) = sheet(name)?;
            let adapter = match *name {
                "Metrics" => &adapters[0],
                "All posts" => &adapters[1],
                _ => &adapters[2],
            };
            let lacking: Vec<&str> = adapter
                .signature
                .iter()
                .map(String::as_str)
                .filter(|c| !raw.has(c))
                .collect();
            (!lacking.is_empty()).then(|| {
                format!(
                    "the sheet `{name}` lacks the column(s) {} in its header (row 2, below \
                     the description row)",
                    quoted(&lacking)
                )
            })
        })
        .collect();
    (!problems.is_empty()).then(|| {
        format!(
            "looks like a {} but {}",
            workbook.name,
            problems.join(", and ")
        )
    })
}

/// Why a workbook that looks like a LinkedIn export lacks a sheet tolok reads (the
/// followers workbook without `New followers`), also when its other sheets are read.
pub fn missing_sheets(sheets: &[(String, RawTable)]) -> Option<String> {
    let sheet = |name: &str| sheets.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    let workbook = WORKBOOKS
        .iter()
        .find(|w| w.marks.iter().any(|m| sheet(m).is_some()))?;
    let missing: Vec<&str> = workbook
        .read
        .iter()
        .copied()
        .filter(|s| sheet(s).is_none())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "looks like a {} (it has the sheet(s) {}) but the sheet(s) {} that tolok reads are \
             missing; export the workbook again from the Page's Analytics",
            workbook.name,
            quoted(&marks_present(workbook, sheets)),
            quoted(&missing)
        )
    })
}

fn marks_present<'a>(workbook: &'a Workbook, sheets: &[(String, RawTable)]) -> Vec<&'a str> {
    workbook
        .marks
        .iter()
        .copied()
        .filter(|m| sheets.iter().any(|(n, _)| n.eq_ignore_ascii_case(m)))
        .collect()
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]]) -> RawTable {
        RawTable {
            delimiter: 0,
            preamble: vec!["Description of the sheet".into()],
            header: strings(header),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u64 + 3, strings(r)))
                .collect(),
            unwrapped: false,
        }
    }

    fn ctx() -> FileContext<'static> {
        FileContext {
            source_file: "page_content_1793491200000.xlsx!/All posts",
            tz: chrono_tz::Asia::Jakarta,
            snapshot_at: 0,
            source_name: "linkedin_content_posts",
        }
    }

    #[test]
    fn sponsored_comes_from_post_type_else_from_the_campaign_name() {
        let adapter = content_posts();
        let header = [
            "Post title",
            "Post link",
            "Post type",
            "Campaign name",
            "Created date",
            "Impressions",
            "Clicks",
            "Click through rate (CTR)",
            "Likes",
            "Follows",
            "Engagement rate",
        ];
        let link = "https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000001";
        let mut raw = table(
            &header,
            &[
                &[
                    "a",
                    link,
                    "Sponsored",
                    "",
                    "10/01/2026",
                    "10",
                    "1",
                    "0.1",
                    "1",
                    "0",
                    "0.2",
                ],
                &[
                    "b",
                    link,
                    "",
                    "Boost Oct",
                    "10/02/2026",
                    "10",
                    "1",
                    "0.1",
                    "1",
                    "0",
                    "0.2",
                ],
                &[
                    "c",
                    link,
                    "",
                    "",
                    "10/03/2026",
                    "10",
                    "1",
                    "0.1",
                    "1",
                    "0",
                    "0.2",
                ],
            ],
        );
        let n = read_posts(&adapter, &mut raw, &ctx());
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        let paid: Vec<Option<bool>> = n
            .frame
            .column("is_paid")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(paid, [Some(true), Some(true), Some(false)]);
        let id = n.frame.column("post_id").unwrap();
        assert_eq!(
            id.str().unwrap().get(0),
            Some("urn:li:activity:7380000000000000001")
        );
        // 10/01/2026 00:00 in Jakarta is 09/30 17:00 UTC.
        let published = n
            .frame
            .column("published_at")
            .unwrap()
            .cast(&polars::prelude::DataType::Int64)
            .unwrap();
        let ms = published.i64().unwrap().get(0).unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(ms)
                .unwrap()
                .to_rfc3339(),
            "2026-09-30T17:00:00+00:00"
        );
    }

    #[test]
    fn near_misses_name_the_missing_sheet_or_columns() {
        let demographics = (
            "Location".to_string(),
            table(&["Location", "Total followers"], &[]),
        );
        let why = workbook_near_miss(&[demographics]).unwrap();
        assert!(
            why.contains("LinkedIn followers export")
                && why.contains("the sheet(s) `New followers` that tolok reads are missing"),
            "{why}"
        );
        let metrics = (
            "Metrics".to_string(),
            table(&["Date", "Impressions (organic)", "Clicks (organic)"], &[]),
        );
        let why = workbook_near_miss(std::slice::from_ref(&metrics)).unwrap();
        assert!(why.contains("the sheet(s) `All posts`"), "{why}");
        let posts = (
            "All posts".to_string(),
            table(&["Post title", "Impressions", "Clicks", "Likes"], &[]),
        );
        let why = workbook_near_miss(&[metrics, posts]).unwrap();
        assert!(
            why.contains("the sheet `Metrics` lacks the column(s) `Impressions (total)`")
                && why.contains("the sheet `All posts` lacks the column(s) `Click through rate (CTR)`, `Follows`, `Engagement rate`"),
            "{why}"
        );
        let other = ("Sheet1".to_string(), table(&["a", "b"], &[]));
        assert_eq!(workbook_near_miss(&[other]), None);
    }
}
