//! TikTok Studio exports (2024 on): Overview, Followers and Content, each a CSV (UTF-8
//! with BOM) or an XLSX workbook with the same header. Dates `2025/10/31` and post times
//! `2025/10/31 18:19:10` are local to the account; `NAN` and `--` mean "no value"; the
//! Overview header has a trailing space (`Phone number clicks `), so header cells are
//! compared trimmed.
//!
//! Columns without a canonical home are not read: Likes, Shares and Comments of the
//! Overview (daily totals over all videos; `account_daily.interactions` would need saves
//! too), Net growth (New followers − Lost followers), Phone number clicks, Leads submission
//! (leads belong in `outcomes`), Engaged audience.
//!
//! The legacy web-analytics `Overview.csv`/`.xlsx` (`"Date","Video Views","Profile
//! Views",…`, dates without a year) has its own adapter, `tiktok_legacy.rs`.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

/// TikTok Studio dates: `2025/10/31`.
const DATE: Parse = Parse::Date("%Y/%m/%d");

/// TikTok Studio → Analytics → Overview → Download data: one row per day.
pub fn overview() -> Adapter {
    use Parse::*;
    Adapter {
        id: "tiktok_overview".into(),
        name: "TikTok Studio overview export".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Video views", "Reached audience", "Profile views"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("tiktok".into()),
        // The export does not name the account: the input's `account`, else "main".
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], DATE),
            field("impressions", &["Video views"], Count),
            field("reach", &["Reached audience"], Count),
            field("profile_visits", &["Profile views"], Count),
            field("followers_gained", &["New followers"], Count),
            field("followers_lost", &["Lost followers"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// TikTok Studio → Analytics → Followers → Download data: one row per day. `Total
/// followers` is often `--` for every day; then `followers` stays empty.
pub fn followers() -> Adapter {
    use Parse::*;
    Adapter {
        id: "tiktok_followers".into(),
        name: "TikTok Studio followers export".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "New followers", "Total followers"]),
        excludes: strings(&["Video views"]),
        platform: PlatformRule::Fixed("tiktok".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], DATE),
            field("followers_gained", &["New followers"], Count),
            field("followers", &["Total followers"], Count),
            field("reach", &["Reached audience"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// TikTok Studio → Analytics → Content → Download data: one row per video, with lifetime
/// counts as of the download. Every post is a video; the account is the `@handle` in the
/// link (`https://www.tiktok.com/@handle/video/<id>`).
pub fn content() -> Adapter {
    use Parse::*;
    Adapter {
        id: "tiktok_content".into(),
        name: "TikTok Studio content export".into(),
        version: 1,
        table: Table::Posts,
        // `Video views` tells it from the legacy `Content.csv` (`Total views`, …).
        signature: strings(&["Video title", "Video link", "Post time", "Video views"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("tiktok".into()),
        account: AccountRule::PermalinkHandle("Video link".into()),
        fields: vec![
            field("post_id", &["Video link"], UrlLastSegment),
            field("permalink", &["Video link"], Text),
            field("post_type", &["Video link"], Constant("video")),
            field("text", &["Video title"], Text),
            field(
                "published_at",
                &["Post time"],
                InstantLocal("%Y/%m/%d %H:%M:%S"),
            ),
            // TikTok's views are its impressions (the canonical `impressions` holds views
            // where a platform replaced impressions).
            field("video_views", &["Video views"], Count),
            field("impressions", &["Video views"], Count),
            field("likes", &["Likes"], Count),
            field("comments", &["Comments"], Count),
            field("shares", &["Shares"], Count),
            field("saves", &["Add to Favorites"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::{decode::decode, table::parse};
    use crate::normalise::{normalise, FileContext};
    use polars::prelude::*;

    fn fixture(name: &str) -> crate::ingest::RawTable {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tiktok")
            .join(name);
        let (text, _) = decode(&std::fs::read(path).unwrap());
        parse(&text).unwrap()
    }

    fn texts(frame: &DataFrame, column: &str) -> Vec<Option<String>> {
        let c = frame.column(column).unwrap();
        let c = c.str().unwrap();
        c.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn a_video_link_gives_the_post_id_the_account_and_the_permalink() {
        let raw = fixture("content/Content.csv");
        let ctx = FileContext {
            source_file: "Content.csv",
            tz: chrono_tz::Asia::Jakarta,
            snapshot_at: 0,
            source_name: "tiktok_content",
        };
        let n = normalise(&super::content(), &raw, &ctx);
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        let f = &n.frame;
        let id = |i: u8| Some(format!("756000000000000000{i}"));
        assert_eq!(texts(f, "post_id"), [id(1), id(2), id(3), id(4), id(5)]);
        assert_eq!(texts(f, "account_id")[0].as_deref(), Some("fixture.org"));
        assert_eq!(
            texts(f, "permalink")[2].as_deref(),
            Some("https://www.tiktok.com/@fixture.org/video/7560000000000000003?is_from_webapp=1")
        );
        assert!(texts(f, "post_type")
            .iter()
            .all(|t| t.as_deref() == Some("video")));
        assert_eq!(
            texts(f, "text")[1].as_deref(),
            Some("Lomba 17-an, edisi \"Yardstick\" 🏁\nBagian 2: final")
        );
        // 2026/10/01 18:19:10 in Jakarta (UTC+7) is 11:19:10 UTC.
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
            "2026-10-01T11:19:10+00:00"
        );
        // Source rows: the two-line title makes the next row start on line 5.
        let rows = f
            .column("source_row")
            .unwrap()
            .cast(&DataType::Int64)
            .unwrap();
        let rows: Vec<Option<i64>> = rows.i64().unwrap().iter().collect();
        assert_eq!(rows, [Some(2), Some(3), Some(5), Some(6), Some(7)]);
        let saves = f.column("saves").unwrap().cast(&DataType::Int64).unwrap();
        assert_eq!(saves.i64().unwrap().get(1), None, "`--` is no value");
    }

    #[test]
    fn nan_and_dashes_are_empty_and_dates_are_read() {
        let ctx = FileContext {
            source_file: "x.csv",
            tz: chrono_tz::Asia::Jakarta,
            snapshot_at: 0,
            source_name: "x",
        };
        let n = normalise(
            &super::followers(),
            &fixture("followers/Followers.csv"),
            &ctx,
        );
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        let followers = n.frame.column("followers").unwrap();
        let followers: Vec<Option<i64>> = followers.i64().unwrap().iter().collect();
        assert_eq!(
            followers,
            [
                None,
                Some(990),
                Some(1000),
                Some(1008),
                None,
                Some(1006),
                Some(1020)
            ]
        );
        let n = normalise(&super::overview(), &fixture("overview/Overview.csv"), &ctx);
        assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
        let date = n
            .frame
            .column("date")
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap();
        // 2026-09-29 is day 20,725 after 1970-01-01.
        assert_eq!(date.i32().unwrap().get(0), Some(20_725));
        let reach = n.frame.column("reach").unwrap();
        assert_eq!(reach.i64().unwrap().get(2), None, "`NAN` is no value");
    }
}
