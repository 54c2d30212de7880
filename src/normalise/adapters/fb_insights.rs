//! Legacy Facebook Page Insights → Export Data (until 2019): a post-level and a page-level
//! export, each as an `.xls` that is really an XML Spreadsheet 2003 workbook (read by
//! `ingest::spreadsheetml`) or as a CSV. The workbook's first sheet, `Key Metrics`, is
//! read; its other sheets (breakdowns by action type, city, age, like source, … about 60
//! in a page-level export) fit no canonical table and are named in the ingest summary as
//! not read. The CSV puts those breakdowns into columns of its one table instead
//! (`Lifetime Post Stories by action type - like`), and the few that fit are read.
//!
//! - Post level ([`posts`] → `posts`): `Post ID, Permalink, Post Message, Type, Countries,
//!   Languages, Posted, Audience Targeting`, then one column per metric, named by its
//!   Graph API id (`post_impressions_unique:lifetime`) in the workbooks, by its title
//!   (`Lifetime Post Total Reach`) in the CSV and older exports; both are aliases below.
//! - Page level ([`page`], [`page_titles`] → `account_daily`): `Date`, then the page's
//!   daily (`:day`), weekly, 28-day and lifetime metrics.
//!
//! What the declared mapping cannot say is done by [`read`] around the generic
//! normaliser:
//!
//! - Row 2 holds each metric's description (`Lifetime: The total number of people your Page
//!   post was served to. (Unique Users)`), not data. It is taken out before the rows are
//!   counted (like YouTube's `Total` row, it is not counted as read); data rows keep their
//!   row numbers in the sheet (the first post is row 3).
//! - `Posted` is the Page's local time without an offset (`2017-07-22T05:30:00.000` in the
//!   workbook, `10/1/2015 21:00` in the CSV): read in the pipeline's `timezone`, which must
//!   be the Page's. US-style CSV times are made ISO first.
//! - The account is the Page's id, the part of `Post ID` before `_` (`<page>_<post>`); the
//!   input's `account` when a `Post ID` has none. The page-level export does not name its
//!   Page at all: its input's `account` should be the same Page id, so that posts and days
//!   are one account.
//! - Video views are organic + paid (the export has no total column); views to 95% the
//!   same (`completed_views`). Video length is in milliseconds: stored as seconds, and
//!   left empty for posts without a video (length 0).
//! - Page level: the export's last day had not ended when the file was made, and Facebook
//!   wrote 0 for every daily figure of it (lifetime and 28-day figures are carried over).
//!   That row is quarantined with the reason rather than stored as real zeros. In the real
//!   export named `… - 2017-07-05.xls` that day is dated 2017-07-06: Facebook dated each day
//!   by the midnight that ends it, it seems; dates are stored as written.
//!
//! Mapped with care: `post_engaged_users` counts people who engaged, not engagements; it is
//! the platform's own figure (`platform_engagements`), kept apart from our interactions.
//! `post_consumptions` (clicks anywhere in the post) are `all_clicks`. The page's
//! `page_views_logged_in_total` (views by logged-in people) stands in for page views when
//! the export has no `page_views_total`. Not read: organic/paid/fan splits, unique-people
//! variants, negative feedback, weekly and 28-day windows (sums of the daily figures),
//! check-ins, average time watched.

use super::{field, strings, AccountRule, Adapter, Field, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::values::{self, NumberStyle};
use crate::normalise::{FileContext, Normalised, QuarantinedRow};
use crate::schema::Table;
use chrono::{NaiveDate, NaiveDateTime};

/// Adapter ids.
pub const POSTS: &str = "fb_insights_posts";
pub const PAGE: &str = "fb_insights_page";
pub const PAGE_TITLES: &str = "fb_insights_page_titles";

/// How the description row's cells start: the metric's period.
const PERIODS: &[&str] = &["Lifetime:", "Daily:", "Weekly:", "28 Days:"];

/// `Type` values; `Event`, `Offer`, `Note`, `Music` and others are `other`.
const POST_TYPES: &[(&str, &str)] = &[
    ("Photo", "photo"),
    ("Video", "video"),
    ("Shared Video", "video"),
    ("Link", "link"),
    ("Status", "text"),
];

/// Columns [`read`] adds to a post-level table before the mapping reads it.
const PAGE_ID: &str = "Page ID (before `_` in Post ID)";
const VIDEO_VIEWS: &str = "Video views (organic + paid)";
const COMPLETED_VIEWS: &str = "Views to 95% (organic + paid)";
const VIDEO_SECONDS: &str = "Video length (seconds)";

/// Columns summed into one: (added column, organic aliases, paid aliases). The titles are
/// written twice in the CSV, total count first (`Lifetime Organic Video Views` then its
/// unique-people twin, read as `…_2`): the first is the count.
const SUMS: &[(&str, &[&str], &[&str])] = &[
    (
        VIDEO_VIEWS,
        &[
            "post_video_views_organic:lifetime",
            "Lifetime Organic Video Views",
        ],
        &[
            "post_video_views_paid:lifetime",
            "Lifetime Paid Video Views",
        ],
    ),
    (
        COMPLETED_VIEWS,
        &[
            "post_video_complete_views_organic:lifetime",
            "Lifetime Organic views to 95%",
        ],
        &[
            "post_video_complete_views_paid:lifetime",
            "Lifetime Paid views to 95%",
        ],
    ),
];

const VIDEO_LENGTH_MS: &[&str] = &["post_video_length:lifetime", "Lifetime Video length"];

/// Post level, `Key Metrics` sheet or CSV. The breakdown sheets carry the same attribute
/// columns after a `Description` column: excluded, so only `Key Metrics` fits.
pub fn posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: POSTS.into(),
        name: "Facebook Page Insights export (post level)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post ID", "Permalink", "Post Message", "Posted"]),
        excludes: strings(&["Description"]),
        platform: PlatformRule::Fixed("facebook".into()),
        // Empty unless the input names the account; see `page_ids`.
        account: AccountRule::Fixed(String::new()),
        fields: vec![
            field("post_id", &["Post ID"], Text),
            field("text", &["Post Message"], Text),
            field("permalink", &["Permalink"], Text),
            field("post_type", &["Type"], PostType(POST_TYPES)),
            field("published_at", &["Posted"], InstantIso),
            field(
                "reach",
                &[
                    "post_impressions_unique:lifetime",
                    "Lifetime Post Total Reach",
                ],
                Count,
            ),
            field(
                "impressions",
                &[
                    "post_impressions:lifetime",
                    "Lifetime Post Total Impressions",
                ],
                Count,
            ),
            field(
                "platform_engagements",
                &["post_engaged_users:lifetime", "Lifetime Engaged Users"],
                Count,
            ),
            field(
                "all_clicks",
                &["post_consumptions:lifetime", "Lifetime Post Consumptions"],
                Count,
            ),
            // Only the CSV has these breakdowns as columns (the workbook keeps them on
            // sheets of their own, which are not read).
            field(
                "link_clicks",
                &["Lifetime Post Consumptions by type - link clicks"],
                Count,
            ),
            field(
                "likes",
                &["Lifetime Post Stories by action type - like"],
                Count,
            ),
            field(
                "comments",
                &["Lifetime Post Stories by action type - comment"],
                Count,
            ),
            field(
                "shares",
                &["Lifetime Post Stories by action type - share"],
                Count,
            ),
            field(
                "video_views",
                &["post_video_views:lifetime", VIDEO_VIEWS],
                Count,
            ),
            field("completed_views", &[COMPLETED_VIEWS], Count),
            field("duration_s", &[VIDEO_SECONDS], Real),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// Page level with Graph API ids as headers (the workbooks).
pub fn page() -> Adapter {
    page_adapter(
        PAGE,
        "Facebook Page Insights export (page level)",
        &["Date", "page_fans:lifetime"],
    )
}

/// Page level with titles as headers (CSV and older exports).
pub fn page_titles() -> Adapter {
    page_adapter(
        PAGE_TITLES,
        "Facebook Page Insights export (page level, titled columns)",
        &["Date", "Lifetime Total Likes"],
    )
}

fn page_adapter(id: &str, name: &str, signature: &[&str]) -> Adapter {
    Adapter {
        id: id.into(),
        name: name.into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(signature),
        excludes: vec![],
        platform: PlatformRule::Fixed("facebook".into()),
        account: AccountRule::Fixed("main".into()),
        fields: page_fields(),
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

fn page_fields() -> Vec<Field> {
    use Parse::*;
    vec![
        field("date", &["Date"], DateOfTimestamp),
        field(
            "followers",
            &["page_fans:lifetime", "Lifetime Total Likes"],
            Count,
        ),
        field(
            "followers_gained",
            &[
                "page_fan_adds_unique:day",
                "page_fan_adds:day",
                "Daily New Likes",
            ],
            Count,
        ),
        field(
            "followers_lost",
            &[
                "page_fan_removes_unique:day",
                "page_fan_removes:day",
                "Daily Unlikes",
            ],
            Count,
        ),
        field(
            "reach",
            &["page_impressions_unique:day", "Daily Total Reach"],
            Count,
        ),
        field(
            "impressions",
            &["page_impressions:day", "Daily Total Impressions"],
            Count,
        ),
        field(
            "page_views",
            &[
                "page_views_total:day",
                "page_views:day",
                "page_views_logged_in_total:day",
                "Daily Logged-in Page Views",
            ],
            Count,
        ),
    ]
}

/// Reads a file of one of these adapters (their `read_with`); see the module text.
fn read(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    if let Some(line) = take_description_row(raw) {
        tracing::info!(
            "{}: row {line} holds the metrics' descriptions, not data: skipped, not counted as read",
            ctx.source_file
        );
    }
    let mut adapter = adapter.clone();
    let mut unfinished = None;
    if adapter.table == Table::Posts {
        rewrite_us_times(raw, "Posted");
        for (added, organic, paid) in SUMS {
            add_sum(raw, added, organic, paid);
        }
        add_seconds(raw);
        adapter.account = page_ids(raw, &adapter.account);
    } else {
        rewrite_us_times(raw, "Date");
        unfinished = take_unfinished_day(raw, ctx.source_file);
    }
    let mut normalised = crate::normalise::normalise(&adapter, raw, ctx);
    if let Some(row) = unfinished {
        normalised.quarantine.push(row);
        normalised.rows_read += 1;
    }
    normalised
}

/// Takes out the first row when it is the descriptions row (every non-empty cell starts
/// with a period, `Lifetime:` …); returns its row number.
fn take_description_row(raw: &mut RawTable) -> Option<u64> {
    let (line, cells) = raw.rows.first()?;
    let mut filled = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let first = filled.next()?;
    let is_description = |c: &str| PERIODS.iter().any(|p| c.starts_with(p));
    if !(is_description(first) && filled.all(is_description)) {
        return None;
    }
    let line = *line;
    raw.rows.remove(0);
    Some(line)
}

/// US-style times and dates of the CSV (`10/1/2015 21:00`, `10/1/15 9:00 PM`, `10/1/2015`)
/// → ISO, which the mapping reads; anything else is left for it to judge.
fn rewrite_us_times(raw: &mut RawTable, column: &str) {
    let Some(at) = raw.column(column) else { return };
    for (_, cells) in &mut raw.rows {
        let Some(cell) = cells.get_mut(at) else {
            continue;
        };
        let t = cell.trim();
        let time = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %I:%M %p"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok());
        if let Some(time) = time {
            *cell = time.format("%Y-%m-%dT%H:%M:%S").to_string();
        } else if let Some(date) = ["%m/%d/%Y", "%m/%d/%y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        {
            *cell = date.format("%Y-%m-%d").to_string();
        }
    }
}

/// Appends `added` = the organic column + the paid column (whichever the table has). A
/// cell that is not a count is copied as it is, so that the mapping quarantines the row
/// with the reason; two empty cells give an empty cell.
fn add_sum(raw: &mut RawTable, added: &str, organic: &[&str], paid: &[&str]) {
    let sources: Vec<usize> = [organic, paid]
        .iter()
        .filter_map(|aliases| aliases.iter().find_map(|a| raw.column(a)))
        .collect();
    if sources.is_empty() {
        return;
    }
    for (_, cells) in &mut raw.rows {
        let mut sum: Option<i64> = None;
        let mut bad = None;
        for &s in &sources {
            let cell = cells.get(s).map_or("", String::as_str);
            match values::count(cell, NumberStyle::DotDecimal) {
                Ok(Some(n)) => sum = Some(sum.unwrap_or(0).saturating_add(n)),
                Ok(None) => {}
                Err(_) => bad = Some(cell.to_string()),
            }
        }
        cells.resize(raw.header.len(), String::new());
        cells.push(bad.unwrap_or_else(|| sum.map_or_else(String::new, |n| n.to_string())));
    }
    raw.header.push(added.to_string());
}

/// Appends the video length in seconds (the export writes milliseconds); empty for a
/// length of 0, which the export writes for posts without a video.
fn add_seconds(raw: &mut RawTable) {
    let Some(at) = VIDEO_LENGTH_MS.iter().find_map(|a| raw.column(a)) else {
        return;
    };
    for (_, cells) in &mut raw.rows {
        let cell = cells.get(at).cloned().unwrap_or_default();
        let seconds = match values::count(&cell, NumberStyle::DotDecimal) {
            Ok(Some(0)) | Ok(None) => String::new(),
            Ok(Some(ms)) => (ms as f64 / 1000.0).to_string(),
            Err(_) => cell,
        };
        cells.resize(raw.header.len(), String::new());
        cells.push(seconds);
    }
    raw.header.push(VIDEO_SECONDS.to_string());
}

/// Appends each row's Page id (the part of `Post ID` before `_`, else the input's
/// account) and returns the rule that reads it. A row with neither is left without an
/// account, which the mapping quarantines.
fn page_ids(raw: &mut RawTable, input: &AccountRule) -> AccountRule {
    let fallback = match input {
        AccountRule::Fixed(account) => account.clone(),
        _ => String::new(),
    };
    let post_id = raw.column("Post ID");
    for (_, cells) in &mut raw.rows {
        let page = post_id
            .and_then(|at| cells.get(at))
            .and_then(|id| id.trim().split_once('_'))
            .map(|(page, _)| page.to_string())
            .filter(|page| !page.is_empty())
            .unwrap_or_else(|| fallback.clone());
        cells.resize(raw.header.len(), String::new());
        cells.push(page);
    }
    raw.header.push(PAGE_ID.to_string());
    AccountRule::Column(PAGE_ID.into())
}

/// Takes out the export's unfinished last day: the row with the latest date, when every
/// one of its daily figures is 0 or empty. Returns it as a quarantined row.
fn take_unfinished_day(raw: &mut RawTable, file: &str) -> Option<QuarantinedRow> {
    let date_at = raw.column("Date")?;
    let daily: Vec<usize> = raw
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let h = h.to_ascii_lowercase();
            h.ends_with(":day") || h.starts_with("daily ")
        })
        .map(|(i, _)| i)
        .collect();
    if daily.is_empty() {
        return None;
    }
    let date_of = |cells: &Vec<String>| {
        cells
            .get(date_at)
            .and_then(|c| values::date_prefix(c).ok().flatten())
    };
    let latest = raw.rows.iter().filter_map(|(_, c)| date_of(c)).max()?;
    let mut at_latest = raw
        .rows
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| date_of(c) == Some(latest));
    let (index, _) = at_latest.next()?;
    if at_latest.next().is_some() {
        return None;
    }
    let cells = &raw.rows[index].1;
    let zero = |i: &usize| {
        let cell = cells.get(*i).map_or("", |c| c.trim());
        values::is_null_token(cell) || cell.parse::<f64>().is_ok_and(|n| n == 0.0)
    };
    if !daily.iter().all(zero) {
        return None;
    }
    let (line, cells) = raw.rows.remove(index);
    let date = cells[date_at].trim().to_string();
    Some(QuarantinedRow {
        file: file.to_string(),
        line,
        column: raw.header[date_at].clone(),
        value: date.clone(),
        reason: format!(
            "the export's last day, {date}, had not ended when the file was made: every daily \
             figure of it is 0, which is not what the day will count, so it is not stored; \
             the next export has the whole day"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[(u64, &[&str])]) -> RawTable {
        RawTable {
            delimiter: 0,
            preamble: vec![],
            header: strings(header),
            rows: rows.iter().map(|(l, c)| (*l, strings(c))).collect(),
            unwrapped: false,
        }
    }

    fn ctx() -> FileContext<'static> {
        FileContext {
            source_file: "export.xls",
            tz: chrono_tz::Asia::Ho_Chi_Minh,
            snapshot_at: 1_500_000_000_000,
            source_name: POSTS,
        }
    }

    #[test]
    fn posts_read_with_page_ids_sums_and_seconds() {
        let mut raw = table(
            &[
                "Post ID",
                "Permalink",
                "Post Message",
                "Type",
                "Posted",
                "post_impressions_unique:lifetime",
                "post_video_views_organic:lifetime",
                "post_video_views_paid:lifetime",
                "post_video_length:lifetime",
            ],
            &[
                (
                    2,
                    &[
                        "",
                        "",
                        "",
                        "",
                        "",
                        "Lifetime: The total number",
                        "Lifetime: x",
                        "",
                        "",
                    ],
                ),
                (
                    3,
                    &[
                        "11_22",
                        "https://f/1",
                        "Hi",
                        "Video",
                        "2017-07-22T05:30:00",
                        "100",
                        "30",
                        "12",
                        "109075",
                    ],
                ),
                (
                    4,
                    &[
                        "33",
                        "https://f/2",
                        "Yo",
                        "Photo",
                        "7/21/2017 9:00",
                        "50",
                        "0",
                        "0",
                        "0",
                    ],
                ),
            ],
        );
        let n = read(&posts(), &mut raw, &ctx());
        // The description row is not counted; `33` names no page and the input named none.
        assert_eq!(n.rows_read, 2);
        assert_eq!(n.quarantine.len(), 1, "{:?}", n.quarantine);
        assert_eq!(n.quarantine[0].line, 4);
        assert!(n.quarantine[0].reason.contains("account_id"));
        let frame = &n.frame;
        let text = |c: &str| {
            frame
                .column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .map(str::to_string)
        };
        assert_eq!(text("account_id").as_deref(), Some("11"));
        assert_eq!(text("post_type").as_deref(), Some("video"));
        let int = |c: &str| frame.column(c).unwrap().i64().unwrap().get(0);
        assert_eq!(int("video_views"), Some(42));
        assert_eq!(int("reach"), Some(100));
        assert_eq!(int("source_row"), Some(3));
        let secs = frame.column("duration_s").unwrap().f64().unwrap().get(0);
        assert_eq!(secs, Some(109.075));
        // 05:30 in Ho Chi Minh City (UTC+7) is 22:30 UTC the day before.
        let published = frame
            .column("published_at")
            .unwrap()
            .cast(&polars::prelude::DataType::Int64)
            .unwrap();
        let published = published.i64().unwrap().get(0).unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(published)
                .unwrap()
                .to_rfc3339(),
            "2017-07-21T22:30:00+00:00"
        );

        // With the input's account, the post id without a page reads; its US time too.
        let mut raw = table(
            &["Post ID", "Permalink", "Post Message", "Type", "Posted"],
            &[(3, &["33", "https://f/2", "Yo", "Status", "7/21/2017 9:00"])],
        );
        let mut adapter = posts();
        adapter.account = AccountRule::Fixed("lok".into());
        let n = read(&adapter, &mut raw, &ctx());
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        assert_eq!(
            n.frame.column("account_id").unwrap().str().unwrap().get(0),
            Some("lok")
        );
    }

    #[test]
    fn a_bad_addend_is_quarantined_under_the_summed_column() {
        let mut raw = table(
            &[
                "Post ID",
                "Permalink",
                "Post Message",
                "Posted",
                "Lifetime Organic Video Views",
                "Lifetime Paid Video Views",
            ],
            &[(3, &["1_2", "l", "m", "2015-10-01 21:00", "12", "lots"])],
        );
        let n = read(&posts(), &mut raw, &ctx());
        assert_eq!(n.quarantine.len(), 1);
        let q = &n.quarantine[0];
        assert_eq!(
            (q.line, q.column.as_str(), q.value.as_str()),
            (3, VIDEO_VIEWS, "lots")
        );
    }

    #[test]
    fn the_unfinished_last_day_is_quarantined_not_stored_as_zeros() {
        let header = [
            "Date",
            "page_fans:lifetime",
            "page_fan_adds_unique:day",
            "page_impressions_unique:day",
            "page_impressions_unique:days_28",
        ];
        let mut raw = table(
            &header,
            &[
                (
                    2,
                    &[
                        "",
                        "Lifetime: fans",
                        "Daily: new",
                        "Daily: reach",
                        "28 Days: reach",
                    ],
                ),
                (3, &["2017-07-04", "58046", "153", "52560", "3114097"]),
                (4, &["2017-07-05", "58200", "149", "42701", "3118852"]),
                (5, &["2017-07-06", "58200", "0", "0", "3042899"]),
            ],
        );
        let n = read(&page(), &mut raw, &ctx());
        assert_eq!(n.rows_read, 3);
        assert_eq!(n.frame.height(), 2);
        assert_eq!(n.quarantine.len(), 1);
        let q = &n.quarantine[0];
        assert_eq!(
            (q.line, q.column.as_str(), q.value.as_str()),
            (5, "Date", "2017-07-06")
        );
        assert!(q.reason.contains("had not ended"), "{}", q.reason);

        // A last day with figures is a day like any other.
        let mut raw = table(
            &header,
            &[
                (3, &["2017-07-04", "58046", "153", "0", "1"]),
                (4, &["2017-07-05", "58200", "1", "0", "2"]),
            ],
        );
        let n = read(&page(), &mut raw, &ctx());
        assert!(n.quarantine.is_empty());
        assert_eq!(n.frame.height(), 2);
    }

    #[test]
    fn only_a_row_of_descriptions_is_taken_out() {
        let mut raw = table(
            &["Date", "Lifetime Total Likes"],
            &[(2, &["", "Lifetime: The total"]), (3, &["2015-10-01", "5"])],
        );
        assert_eq!(take_description_row(&mut raw), Some(2));
        assert_eq!(raw.rows.len(), 1);
        assert_eq!(take_description_row(&mut raw), None);
        assert_eq!(raw.rows.len(), 1);
    }

    #[test]
    fn the_csv_with_titled_columns_reads_through_the_same_adapters() {
        // Layout of the CSV export: titles, then the descriptions row; the breakdowns are
        // columns (`… - like`); organic views are written twice (count, then people).
        let csv =
            "Post ID,Permalink,Post Message,Type,Countries,Languages,Posted,Audience Targeting,\
Lifetime Post Total Reach,Lifetime Post Total Impressions,Lifetime Engaged Users,\
Lifetime Organic Video Views,Lifetime Organic Video Views,\
Lifetime Post Stories by action type - like,Lifetime Post Consumptions by type - link clicks\n\
,,,,,,,,Lifetime: reach,Lifetime: impressions,Lifetime: engaged,\
Lifetime: views (Total Count),Lifetime: views (Unique Users),Lifetime: likes,Lifetime: clicks\n\
11_22,https://f/22,Halo,Link,,,10/1/2015 21:00, ,8,11,14,0,0,5,3\n";
        let mut raw = crate::ingest::table::parse(csv).unwrap();
        assert!(crate::ingest::detect(csv.as_bytes(), &[posts()], None).label() == POSTS);
        let n = read(&posts(), &mut raw, &ctx());
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        assert_eq!(n.rows_read, 1);
        let int = |c: &str| n.frame.column(c).unwrap().i64().unwrap().get(0);
        assert_eq!(int("reach"), Some(8));
        assert_eq!(int("likes"), Some(5));
        assert_eq!(int("link_clicks"), Some(3));
        assert_eq!(int("video_views"), Some(0));
        assert_eq!(int("source_row"), Some(3));

        let csv = "Date,Lifetime Total Likes,Daily New Likes,Daily Total Reach,Daily Logged-in Page Views\n\
,Lifetime: likes,Daily: new,Daily: reach,Daily: views\n\
10/1/2015,100,2,50,4\n10/2/2015,100,0,0,0\n";
        let mut raw = crate::ingest::table::parse(csv).unwrap();
        let adapters = [page(), page_titles()];
        assert!(crate::ingest::detect(csv.as_bytes(), &adapters, None).label() == PAGE_TITLES);
        let n = read(&page_titles(), &mut raw, &ctx());
        assert_eq!(
            (n.rows_read, n.frame.height(), n.quarantine.len()),
            (2, 1, 1)
        );
        assert_eq!(n.quarantine[0].value, "2015-10-02");
        let int = |c: &str| n.frame.column(c).unwrap().i64().unwrap().get(0);
        assert_eq!(int("followers"), Some(100));
        assert_eq!(int("page_views"), Some(4));
    }
}
