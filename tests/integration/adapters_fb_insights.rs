//! Legacy Facebook Page Insights exports (XML Spreadsheet 2003 `.xls`), on the hand-written
//! fixtures in tests/fixtures/fb_insights; the real files are in real_exports.rs.
//!
//! Expected values, computed by hand from the fixtures (October 2026, Asia/Jakarta):
//!
//! Post level (`Key Metrics`, row 2 = descriptions; Page id 100200300 from `Post ID`):
//!   row 3 …1001 Video  10/01 18:00  reach 1000, impressions 1500, engaged 120, clicks 80,
//!                                   views 300 + 100 = 400, to 95% 50 + 10 = 60, 60 000 ms
//!   row 4 …1002 Photo  10/15 09:30  reach 2000, impressions 2600, engaged 200, clicks 150
//!   row 5 …1003 Link   10/31 23:30  reach  500, impressions  700, engaged  40, clicks 30
//!                                   (16:30 UTC: still October locally)
//!   row 6 …1004 Status 09/20 10:00  reach  800, impressions  900: September
//!   row 7 …1005 Photo  10/20 12:00  reach `about 900`: quarantined, not stored
//! Page level (`Key Metrics`; fans, new fans, reach, page views per day):
//!   09/29 990, 4, 300, 12   09/30 995, 6, 310, 10
//!   10/01 1000, 7, 400, 15  10/02 1008, 9, 420, 9  10/03 1010, 3, 380, 11
//!   10/04 1006, 1, 350, 8   10/05 1020, 15, 500, 20
//!   10/06 1020 and 0 for every daily figure: the unfinished export day, quarantined
//! Each workbook has one breakdown sheet (2 rows) that no adapter reads.
use crate::util::{line_of, metric_rows, summary_cells, value, TestDir};

const POSTS: &str =
    "posts/Facebook Insights Data Export (Post Level) - Fixture Page - 2026-11-02.xls";
const PAGE: &str = "page/Facebook Insights Data Export - Fixture Page - 2026-10-05.xls";

#[test]
fn detect_names_the_key_metrics_sheets_and_the_sheets_not_read() {
    let dir = TestDir::from_fixture("fb_insights");
    let out = dir
        .tolok()
        .args(["detect", "posts", "page"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for (sheet, adapter) in [
        (format!("{POSTS}!/Key Metrics"), "fb_insights_posts"),
        (format!("{PAGE}!/Key Metrics"), "fb_insights_page"),
        (
            format!("{POSTS}!/Lifetime Post Stories by act..."),
            "(sheet not read)",
        ),
        (format!("{PAGE}!/Daily Like Source"), "(sheet not read)"),
    ] {
        let line = line_of(&text, &sheet);
        assert!(
            line.contains(&format!("  {adapter}  ")),
            "{sheet}: expected {adapter}\n{text}"
        );
    }
    assert!(
        line_of(&text, &format!("{PAGE}!/Key Metrics"))
            .contains("sheet `Key Metrics` of an XML Spreadsheet 2003 workbook"),
        "{text}"
    );
}

#[test]
fn ingest_accounts_for_every_row_and_names_the_sheets_not_read() {
    let dir = TestDir::from_fixture("fb_insights");
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "posts", "page"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    // A sheet that is not read is no failure of the file.
    assert!(out.status.success(), "{summary}");
    // adapter, read, stored, quarantined, duplicates, status: the description rows are not
    // counted as read; read = stored + quarantined + duplicates.
    assert_eq!(
        summary_cells(&summary, &format!("{POSTS}!/Key Metrics")),
        ["fb_insights_posts", "5", "4", "1", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, &format!("{PAGE}!/Key Metrics")),
        ["fb_insights_page", "8", "7", "1", "0", "added"],
        "{summary}"
    );
    for sheet in [
        format!("{POSTS}!/Lifetime Post Stories by act..."),
        format!("{PAGE}!/Daily Like Source"),
    ] {
        let cells = summary_cells(&summary, &sheet);
        assert_eq!(cells.last(), Some(&"read"), "{summary}");
        assert!(
            summary.contains(&format!(
                "{sheet}: sheet `{}` (2 rows) not read",
                sheet.rsplit("!/").next().unwrap()
            )),
            "{summary}"
        );
    }
    assert!(
        summary.contains("post_impressions_unique:lifetime: is not a number"),
        "{summary}"
    );
    assert!(
        summary.contains("Date: the export's last day, 2026-10-06, had not ended"),
        "{summary}"
    );
    // The quarantine files name the row in the sheet (row 7: the fifth post).
    let quarantined: Vec<String> = std::fs::read_dir(dir.path().join("store/quarantine"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        quarantined
            .iter()
            .any(|q| q.contains(",7,post_impressions_unique:lifetime,about 900,")),
        "{quarantined:?}"
    );
}

#[test]
fn metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("fb_insights");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "facebook", "2026-10");
    let sep = |m: &str| value(&rows, m, "facebook", "2026-09");
    // …1001, …1002, …1003 (…1005 is quarantined); …1004 in September.
    assert_eq!(oct("posts_published"), "3");
    assert_eq!(sep("posts_published"), "1");
    // 1000 + 2000 + 500; 1500 + 2600 + 700.
    assert_eq!(oct("reach"), "3500");
    assert_eq!(sep("reach"), "800");
    assert_eq!(oct("impressions"), "4800");
    // 4800 / 3500 = 1.3714285714…
    assert_eq!(oct("frequency"), "1.3714285714");
    // Organic + paid: 300 + 100, and 0 for the photo and the link.
    assert_eq!(oct("video_views"), "400");
    // New fans 7 + 9 + 3 + 1 + 15; September 4 + 6 (the 0 of 10/06 is not stored).
    assert_eq!(oct("followers_gained"), "35");
    assert_eq!(sep("followers_gained"), "10");
    // Fans on the last day of the month that has them: 10/05 and 09/30.
    assert_eq!(oct("followers_end"), "1020");
    assert_eq!(sep("followers_end"), "995");
    // (1020 − 1000) / 1000, from the first October day with a total.
    assert_eq!(oct("audience_growth_rate"), "2");
    // Daily reach 400 + 420 + 380 + 350 + 500; page views 15 + 9 + 11 + 8 + 20.
    assert_eq!(oct("account_reach"), "2050");
    assert_eq!(oct("page_views"), "63");
    assert_eq!(sep("page_views"), "22");
}

/// Every value of `column` stored in `table`, as text (`null` for none), in file order.
fn stored(dir: &TestDir, table: &str, column: &str) -> Vec<String> {
    use polars::prelude::*;
    let mut files = Vec::new();
    let mut folders = vec![dir.path().join("store").join(table)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut values = Vec::new();
    for file in files {
        let frame = ParquetReader::new(std::fs::File::open(file).unwrap())
            .finish()
            .unwrap();
        let texts = frame
            .column(column)
            .unwrap()
            .cast(&DataType::String)
            .unwrap();
        values.extend(
            texts
                .str()
                .unwrap()
                .iter()
                .map(|v| v.unwrap_or("null").to_string()),
        );
    }
    values
}

#[test]
fn posts_and_days_are_one_page_and_video_figures_are_converted() {
    let dir = TestDir::from_fixture("fb_insights");
    for args in [vec!["posts"], vec!["--account", "100200300", "page"]] {
        let out = dir
            .tolok()
            .args(["ingest", "--store", "store"])
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The Page id before `_` in every `Post ID`; the page-level input names the same Page.
    let posts = stored(&dir, "posts", "account_id");
    assert_eq!(posts.len(), 4);
    assert!(posts.iter().all(|a| a == "100200300"), "{posts:?}");
    let days = stored(&dir, "account_daily", "account_id");
    assert_eq!(days.len(), 7);
    assert!(days.iter().all(|a| a == "100200300"), "{days:?}");
    // …1001: 60 000 ms is 60 s, views to 95% 50 + 10; the others have no video (length 0).
    let ids = stored(&dir, "posts", "post_id");
    let at = ids.iter().position(|id| id == "100200300_1001").unwrap();
    let seconds = stored(&dir, "posts", "duration_s");
    assert_eq!(seconds[at], "60.0");
    assert_eq!(
        seconds.iter().filter(|s| *s == "null").count(),
        3,
        "{seconds:?}"
    );
    assert_eq!(stored(&dir, "posts", "completed_views")[at], "60");
    let texts = stored(&dir, "posts", "text");
    assert_eq!(
        texts[at],
        "Zakat & sedekah: cara menghitung\nTonton sampai habis 😊"
    );
    let types = stored(&dir, "posts", "post_type");
    assert_eq!(types[at], "video");
}
