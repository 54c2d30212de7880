//! YouTube Studio → Analytics → Advanced mode → Export → Comma-separated values (.csv): a
//! zip (read in place, see `ingest::archive`) or, unpacked, a folder of three CSV files,
//! UTF-8 without BOM:
//!
//! - `Table data.csv`: one row per video, `Content,Video title,Video publish time,
//!   Duration` then the metrics the user picked (the set varies: `Views`, `Watch time
//!   (hours)`, `Subscribers`, `Impressions`, `Likes`, …) → `posts` ([`table`]).
//! - `Totals.csv`: `Date,<charted metric>`, one row per day for the whole channel →
//!   `account_daily` ([`totals`] for `Views`, [`totals_subscribers`] for `Subscribers
//!   gained`).
//! - `Chart data.csv`: `Date,Content,…,<charted metric>`, one row per day and video (the
//!   videos charted) → `post_daily` ([`chart`]). One metric per export, so a day's row of
//!   another export charting another metric completes it.
//!
//! The counts of `Table data.csv` are over the date range the user picked in Studio, not
//! over each video's lifetime (pick "Lifetime" for those); they are stored like any post
//! snapshot.
//!
//! What the declared mapping cannot say is done by [`normalise`] around the generic
//! normaliser, for these adapters only:
//!
//! - The first row under the header is the channel's `Total` (`Total,,,,181588,…`), not a
//!   video. It is taken out before the rows are counted, so it is **not counted as read**
//!   (rows read = stored + quarantined + duplicates still holds, over the video rows), and
//!   it is checked against the sum of the video rows: equal within the export's rounding,
//!   or larger when the table leaves content out (the real exports do: a channel's views
//!   include videos the table does not list); a total smaller than its rows is warned
//!   about. A table by `Date` instead of by video would carry the same row and is read like
//!   `Totals.csv` (not seen in a real export yet).
//! - `Video publish time` is a date, `Aug 28, 2025`: read as local midnight in the
//!   pipeline's time zone. Empty for unlisted, private or deleted videos, which cannot be
//!   placed in a period: such rows are quarantined (`published_at` is required).
//! - `Totals.csv` dates are ISO (`2026-04-07`); a spreadsheet re-save writes `13-06-2025`,
//!   read day-first or month-first as the whole column shows (a part above 12); a column
//!   that does not show it is left as written and quarantined rather than guessed.
//! - `Watch time (hours)` is decimal hours: stored as seconds (× 3600, to the millisecond).
//! - The permalink is made from the video id, `https://www.youtube.com/watch?v=<id>`.
//!
//! `Content` ids can start with a space (` -HHGH-TTqYM`): text cells are trimmed.
//! `Subscribers` is net (gained − lost, can be negative) and has no canonical home (a post's
//! `follows` are gains): only `Subscribers gained` is read. Not read either: rates and
//! averages (`Impressions click-through rate (%)`, `Average view duration` in `H:MM:SS`,
//! `Average percentage viewed (%)`: computed from sums instead), viewer counts (`Unique
//! viewers`, `New viewers`, `Returning viewers`: people, not views), revenue. Exports of a
//! content owner's several channels (stacked blocks) are not read.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::{FileContext, Normalised};
use crate::schema::Table;
use chrono::NaiveDate;

/// Adapter ids.
pub const TABLE: &str = "youtube_table";
pub const TOTALS: &str = "youtube_totals";
pub const TOTALS_SUBSCRIBERS: &str = "youtube_totals_subscribers";
pub const CHART: &str = "youtube_chart";

/// The header of the column [`normalise`] adds to `Table data.csv`: each video's link.
const WATCH_LINK: &str = "Content (watch link)";
const WATCH_URL: &str = "https://www.youtube.com/watch?v=";
/// `Video publish time` as written: `Aug 28, 2025`.
const PUBLISH_DATE: &str = "%b %d, %Y";
const WATCH_HOURS: &str = "Watch time (hours)";

/// Metrics that add up over videos (or days), checked against the `Total` row. Rates,
/// averages and viewer counts do not add up; net `Subscribers` is compared too, but a
/// channel gains and loses subscribers outside its videos, so a difference either way is
/// no fault.
const ADDITIVE: &[&str] = &[
    "Views",
    WATCH_HOURS,
    "Impressions",
    "Likes",
    "Comments added",
    "Comments",
    "Shares",
    "Subscribers gained",
    "Subscribers lost",
];

/// `Table data.csv`: one row per video → `posts`.
pub fn table() -> Adapter {
    use Parse::*;
    Adapter {
        id: TABLE.into(),
        name: "YouTube Studio advanced-mode export (Table data.csv, by video)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Content", "Video title", "Video publish time"]),
        // `Chart data.csv` has the same columns after its `Date`.
        excludes: strings(&["Date"]),
        platform: PlatformRule::Fixed("youtube".into()),
        // The export does not name the channel: the input's `account`, else "main".
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("post_id", &["Content"], Text),
            field("post_type", &["Content"], Constant("video")),
            field("permalink", &[WATCH_LINK], Text),
            field("text", &["Video title"], Text),
            // Rewritten to ISO dates by `normalise`: local midnight.
            field("published_at", &["Video publish time"], InstantIso),
            field("duration_s", &["Duration"], Real),
            field("video_views", &["Views"], Count),
            // Thumbnail impressions when the export has them, else views (as for
            // platforms that replaced impressions with views).
            field("impressions", &["Impressions", "Views"], Count),
            // Hours here; seconds once `normalise` has scaled the column.
            field("watch_time_s", &[WATCH_HOURS], Real),
            field("likes", &["Likes"], Count),
            field("comments", &["Comments added", "Comments"], Count),
            field("shares", &["Shares"], Count),
            field("follows", &["Subscribers gained"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// `Chart data.csv`: the charted metric per day and video → `post_daily`.
pub fn chart() -> Adapter {
    use Parse::*;
    Adapter {
        id: CHART.into(),
        name: "YouTube Studio advanced-mode export (Chart data.csv, by day and video)".into(),
        version: 1,
        table: Table::PostDaily,
        signature: strings(&["Date", "Content", "Video title"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("youtube".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            // Rewritten to ISO by `normalise` when written otherwise.
            field("date", &["Date"], Date("%Y-%m-%d")),
            field("post_id", &["Content"], Text),
            field("video_views", &["Views"], Count),
            field("impressions", &["Impressions"], Count),
            // Hours here; seconds once `normalise` has scaled the column.
            field("watch_time_s", &[WATCH_HOURS], Real),
            field("likes", &["Likes"], Count),
            field("comments", &["Comments added", "Comments"], Count),
            field("shares", &["Shares"], Count),
            field("follows", &["Subscribers gained"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// `Totals.csv` of an export charting views: the channel's views per day →
/// `account_daily.impressions`.
pub fn totals() -> Adapter {
    daily(
        TOTALS,
        "YouTube Studio advanced-mode export (Totals.csv, views per day)",
        "Views",
    )
}

/// `Totals.csv` of an export charting subscribers gained →
/// `account_daily.followers_gained`.
pub fn totals_subscribers() -> Adapter {
    daily(
        TOTALS_SUBSCRIBERS,
        "YouTube Studio advanced-mode export (Totals.csv, subscribers gained per day)",
        "Subscribers gained",
    )
}

fn daily(id: &str, name: &str, metric: &str) -> Adapter {
    use Parse::*;
    Adapter {
        id: id.into(),
        name: name.into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", metric]),
        // Not `Chart data.csv` (per video), not Meta's daily series (`Date,Primary`).
        excludes: strings(&["Content", "Video title", "Primary"]),
        platform: PlatformRule::Fixed("youtube".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            // Rewritten to ISO by `normalise` when written otherwise.
            field("date", &["Date"], Date("%Y-%m-%d")),
            field("impressions", &["Impressions", "Views"], Count),
            field("followers_gained", &["Subscribers gained"], Count),
            field("followers_lost", &["Subscribers lost"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// Reads a file of one of the YouTube adapters (their `read_with`): the `Total` row out
/// (and checked, the outcome logged), dates made ISO, links added, then the declared
/// mapping, then watch time from hours to seconds. See the module documentation.
fn read(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    let dimension = if adapter.id == TABLE {
        "Content"
    } else {
        "Date"
    };
    if let Some(check) = take_total_row(raw, dimension) {
        if check.consistent {
            tracing::info!("{}: {}", ctx.source_file, check.message);
        } else {
            tracing::warn!("{}: {}", ctx.source_file, check.message);
        }
    }
    if adapter.id == TABLE {
        rewrite_dates(raw, "Video publish time");
        add_watch_links(raw);
    } else {
        rewrite_dates(raw, "Date");
    }
    let mut normalised = crate::normalise::normalise(adapter, raw, ctx);
    if matches!(adapter.table, Table::Posts | Table::PostDaily) {
        hours_to_seconds(&mut normalised, "watch_time_s");
    }
    normalised
}

/// What the `Total` row says about the rows under it.
#[derive(Debug)]
struct TotalCheck {
    /// False when the rows add up to more than the total (beyond rounding).
    consistent: bool,
    message: String,
}

/// Takes the `Total` row(s) out of `raw` (their `dimension` cell reads `Total`) and checks
/// the first against the sum of the other rows.
fn take_total_row(raw: &mut RawTable, dimension: &str) -> Option<TotalCheck> {
    let at = raw.column(dimension)?;
    let is_total = |cells: &Vec<String>| {
        cells
            .get(at)
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("total"))
    };
    let (totals, rows): (Vec<_>, Vec<_>) = std::mem::take(&mut raw.rows)
        .into_iter()
        .partition(|(_, cells)| is_total(cells));
    raw.rows = rows;
    let (line, total) = totals.into_iter().next()?;
    let (mut equal, mut part, mut net, mut over) = (vec![], vec![], vec![], vec![]);
    for name in ADDITIVE.iter().copied().chain(["Subscribers"]) {
        let Some(c) = raw.column(name) else { continue };
        let Some(stated) = total.get(c).and_then(|t| Decimal::read(t)) else {
            continue;
        };
        let cells: Option<Vec<Decimal>> = raw
            .rows
            .iter()
            .map(|(_, cells)| {
                let cell = cells.get(c).map_or("", |s| s.trim());
                // An empty cell is no data: nothing to add.
                if cell.is_empty() {
                    Some(Decimal::ZERO)
                } else {
                    Decimal::read(cell)
                }
            })
            .collect();
        let Some(cells) = cells else { continue };
        let sum: f64 = cells.iter().map(|d| d.value).sum();
        // Each written value is off by up to half a unit of its last digit.
        let slack = stated.half_unit() + cells.iter().map(Decimal::half_unit).sum::<f64>();
        let shown = format!(
            "{} {} in the rows, {} in the `Total` row",
            raw.header[c],
            round(sum),
            round(stated.value)
        );
        if (sum - stated.value).abs() <= slack + 1e-9 {
            equal.push(format!("{} {}", raw.header[c], round(stated.value)));
        } else if name == "Subscribers" {
            net.push(shown);
        } else if sum < stated.value {
            part.push(shown);
        } else {
            over.push(shown);
        }
    }
    let rows = if dimension == "Date" {
        "days"
    } else {
        "videos"
    };
    let mut message = format!(
        "line {line} is the channel's `Total` row, not one of its {rows}: skipped, not counted \
         as read, and checked against the sum of the {} {rows} under it",
        raw.rows.len()
    );
    if !equal.is_empty() {
        message.push_str(&format!(": equal within rounding for {}", equal.join(", ")));
    }
    if !part.is_empty() {
        message.push_str(&format!(
            "; the {rows} add up to less, as when the table leaves some of the channel's \
             content out: {}",
            part.join(", ")
        ));
    }
    if !net.is_empty() {
        message.push_str(&format!(
            "; net subscribers differ (gained or lost outside the listed videos): {}",
            net.join(", ")
        ));
    }
    if !over.is_empty() {
        message.push_str(&format!(
            "; the {rows} add up to MORE than the total (check the export): {}",
            over.join(", ")
        ));
    }
    Some(TotalCheck {
        consistent: over.is_empty(),
        message,
    })
}

/// A number as written, with the number of digits after its point (the export's rounding).
#[derive(Debug, Clone, Copy)]
struct Decimal {
    value: f64,
    decimals: i32,
}

impl Decimal {
    const ZERO: Decimal = Decimal {
        value: 0.0,
        decimals: 0,
    };

    /// Plain numbers only (`181588`, `243.645`, `-2`): the platform's own writing.
    fn read(cell: &str) -> Option<Decimal> {
        let t = cell.trim();
        if t.is_empty()
            || !t
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            return None;
        }
        let value = t.parse::<f64>().ok()?;
        let decimals = t.split_once('.').map_or(0, |(_, f)| f.len() as i32);
        Some(Decimal { value, decimals })
    }

    fn half_unit(&self) -> f64 {
        if self.decimals == 0 {
            0.0
        } else {
            0.5 * 10f64.powi(-self.decimals)
        }
    }
}

fn round(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    format!("{r}")
}

/// Rewrites the dates of `column` as ISO `yyyy-mm-dd`: `Aug 28, 2025`, and numeric dates a
/// spreadsheet re-save wrote (`13-06-2025`, `13/06/2025`) when the column shows which part
/// is the day. Cells already ISO, empty, or not read stay as written (the mapping then
/// reads or quarantines them).
fn rewrite_dates(raw: &mut RawTable, column: &str) {
    let Some(c) = raw.column(column) else { return };
    let numeric = |t: &str| -> Option<(u32, u32, i32)> {
        let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
        match parts.as_slice() {
            [a, b, y] if a.len() <= 2 && b.len() <= 2 && y.len() == 4 => {
                Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
            }
            _ => None,
        }
    };
    let (mut day_first, mut month_first) = (false, false);
    for (_, cells) in &raw.rows {
        if let Some((a, b, _)) = cells.get(c).and_then(|t| numeric(t.trim())) {
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    for (_, cells) in &mut raw.rows {
        let Some(cell) = cells.get_mut(c) else {
            continue;
        };
        let t = cell.trim();
        let date = NaiveDate::parse_from_str(t, PUBLISH_DATE).ok().or_else(|| {
            let (a, b, y) = numeric(t)?;
            match (day_first, month_first) {
                (true, false) => NaiveDate::from_ymd_opt(y, b, a),
                (false, true) => NaiveDate::from_ymd_opt(y, a, b),
                _ => None,
            }
        });
        if let Some(date) = date {
            *cell = date.format("%Y-%m-%d").to_string();
        }
    }
}

/// Adds the column [`WATCH_LINK`]: each video's link, from its id in `Content`.
fn add_watch_links(raw: &mut RawTable) {
    let Some(c) = raw.column("Content") else {
        return;
    };
    let width = raw.header.len();
    raw.header.push(WATCH_LINK.to_string());
    for (_, cells) in &mut raw.rows {
        let id = cells.get(c).map_or("", |s| s.trim());
        let link = if id.is_empty() {
            String::new()
        } else {
            format!("{WATCH_URL}{id}")
        };
        cells.resize(width, String::new());
        cells.push(link);
    }
}

/// Scales a column of hours to seconds, rounded to the millisecond.
fn hours_to_seconds(normalised: &mut Normalised, column: &str) {
    use polars::prelude::*;
    let Ok(hours) = normalised.frame.column(column) else {
        return;
    };
    let Ok(hours) = hours.as_materialized_series().f64() else {
        return;
    };
    let seconds = hours
        .apply_values(|h| (h * 3_600_000.0).round() / 1000.0)
        .into_series()
        .with_name(PlSmallStr::from_str(column));
    normalised
        .frame
        .with_column(seconds.into_column())
        .expect("same height");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::parse;
    use polars::prelude::*;

    fn ctx() -> FileContext<'static> {
        FileContext {
            source_file: "Table data.csv",
            tz: chrono_tz::Asia::Jakarta,
            snapshot_at: 0,
            source_name: TABLE,
        }
    }

    fn texts(frame: &DataFrame, column: &str) -> Vec<Option<String>> {
        let c = frame.column(column).unwrap();
        c.str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    fn reals(frame: &DataFrame, column: &str) -> Vec<Option<f64>> {
        let c = frame
            .column(column)
            .unwrap()
            .cast(&DataType::Float64)
            .unwrap();
        c.f64().unwrap().iter().collect()
    }

    const LAYLA_LIKE: &str = "Content,Video title,Video publish time,Duration,Views,\
Watch time (hours),Subscribers,Impressions click-through rate (%)\n\
Total,,,,25,0.0615,-2,2.08\n\
GlIhjEa4FAk,\"Let him do it, for you ❤️\",\"Jan 8, 2025\",6,4,0.0034,0,14.29\n\
 -HHGH-TTqYM,Second,\"Dec 23, 2024\",7,21,0.0581,0,\n";

    #[test]
    fn the_total_row_is_not_a_post_and_is_not_counted_as_read() {
        let mut raw = parse(LAYLA_LIKE).unwrap();
        let n = read(&table(), &mut raw, &ctx());
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        assert_eq!(n.rows_read, 2);
        let f = &n.frame;
        assert_eq!(
            texts(f, "post_id"),
            [Some("GlIhjEa4FAk".into()), Some("-HHGH-TTqYM".into())]
        );
        assert_eq!(
            texts(f, "permalink")[1].as_deref(),
            Some("https://www.youtube.com/watch?v=-HHGH-TTqYM")
        );
        assert_eq!(
            texts(f, "text")[0].as_deref(),
            Some("Let him do it, for you ❤️")
        );
        assert_eq!(texts(f, "platform")[0].as_deref(), Some("youtube"));
        assert_eq!(texts(f, "account_id")[0].as_deref(), Some("main"));
        assert_eq!(texts(f, "post_type")[0].as_deref(), Some("video"));
        // 0.0034 h = 12.24 s; 0.0581 h = 209.16 s.
        assert_eq!(reals(f, "watch_time_s"), [Some(12.24), Some(209.16)]);
        // No `Impressions` column: views stand in.
        assert_eq!(reals(f, "impressions"), [Some(4.0), Some(21.0)]);
        assert_eq!(reals(f, "duration_s"), [Some(6.0), Some(7.0)]);
        // Net `Subscribers` is not `follows`.
        assert_eq!(reals(f, "follows"), [None, None]);
        // Jan 8, 2025 at midnight in Jakarta (UTC+7) is Jan 7, 17:00 UTC.
        let published = f
            .column("published_at")
            .unwrap()
            .cast(&DataType::Int64)
            .unwrap();
        let first = published.i64().unwrap().get(0).unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(first)
                .unwrap()
                .to_rfc3339(),
            "2025-01-07T17:00:00+00:00"
        );
    }

    #[test]
    fn the_total_row_is_checked_against_its_rows() {
        let mut raw = parse(LAYLA_LIKE).unwrap();
        let check = take_total_row(&mut raw, "Content").unwrap();
        assert!(check.consistent);
        // 4 + 21 = 25; 0.0034 + 0.0581 = 0.0615; net subscribers 0 + 0 against −2.
        assert!(
            check
                .message
                .starts_with("line 2 is the channel's `Total` row, not one of its videos")
                && check
                    .message
                    .contains("equal within rounding for Views 25, Watch time (hours) 0.0615")
                && check
                    .message
                    .contains("Subscribers 0 in the rows, -2 in the `Total` row"),
            "{}",
            check.message
        );
        // A total rounded to fewer digits than its rows is still equal.
        let mut raw =
            parse("Content,Video title,Video publish time,Views,Watch time (hours)\nTotal,,,7,0.002\na,,,3,0.0012\nb,,,4,0.0012\n")
                .unwrap();
        let check = take_total_row(&mut raw, "Content").unwrap();
        assert!(
            check.message.contains("Views 7, Watch time (hours) 0.002") && check.consistent,
            "{}",
            check.message
        );
        // Rows above their total are reported.
        let mut raw =
            parse("Content,Video title,Video publish time,Views\nTotal,,,7\na,,,5\nb,,,4\n")
                .unwrap();
        let check = take_total_row(&mut raw, "Content").unwrap();
        assert!(
            !check.consistent
                && check
                    .message
                    .contains("Views 9 in the rows, 7 in the `Total` row"),
            "{}",
            check.message
        );
        assert_eq!(raw.rows.len(), 2);
    }

    #[test]
    fn unlisted_videos_without_a_publish_date_are_quarantined() {
        let text = "Content,Video title,Video publish time,Duration,Views\n\
                    abcdefghijk,Unlisted,,10,3\n";
        let mut raw = parse(text).unwrap();
        let n = read(&table(), &mut raw, &ctx());
        assert_eq!(n.quarantine.len(), 1);
        assert_eq!(n.quarantine[0].column, "Video publish time");
        assert!(n.quarantine[0]
            .reason
            .contains("`published_at` is required but empty"));
    }

    #[test]
    fn totals_dates_are_iso_or_as_the_column_shows() {
        let ctx = FileContext {
            source_name: TOTALS,
            ..ctx()
        };
        let day = |frame: &DataFrame| {
            let d = frame
                .column("date")
                .unwrap()
                .cast(&DataType::Int32)
                .unwrap();
            d.i32().unwrap().iter().collect::<Vec<_>>()
        };
        // 2025-06-12 is day 20,251 after 1970-01-01.
        for text in [
            "Date,Views\r\n2025-06-12,5\r\n2025-06-13,7\r\n",
            "Date,Views\r\n12-06-2025,5\r\n13-06-2025,7\r\n",
            "Date,Views\n06/12/2025,5\n06/13/2025,7\n",
            // A table by date carries the channel's `Total` row.
            "Date,Views\nTotal,12\n2025-06-12,5\n2025-06-13,7\n",
        ] {
            let mut raw = parse(text).unwrap();
            let n = read(&totals(), &mut raw, &ctx);
            assert!(n.quarantine.is_empty(), "{text}: {:?}", n.quarantine);
            assert_eq!(day(&n.frame), [Some(20_251), Some(20_252)], "{text}");
            assert_eq!(reals(&n.frame, "impressions"), [Some(5.0), Some(7.0)]);
        }
        // Which part is the day cannot be told: not guessed.
        let mut raw = parse("Date,Views\n05-06-2025,1\n").unwrap();
        let n = read(&totals(), &mut raw, &ctx);
        assert_eq!(n.quarantine.len(), 1);
        assert_eq!(n.quarantine[0].value, "05-06-2025");
        // Subscribers gained per day.
        let mut raw = parse("Date,Subscribers gained\n2025-06-12,3\n").unwrap();
        let n = read(&totals_subscribers(), &mut raw, &ctx);
        assert_eq!(reals(&n.frame, "followers_gained"), [Some(3.0)]);
    }

    #[test]
    fn every_youtube_adapter_reads_its_files_itself() {
        let youtube: Vec<_> = super::super::builtin()
            .into_iter()
            .filter(|a| a.id.starts_with("youtube_"))
            .collect();
        assert_eq!(youtube.len(), 4);
        for adapter in youtube {
            assert!(adapter.read_with.is_some(), "{}", adapter.id);
        }
    }
}
