//! LinkedIn Page analytics exports (content, followers and visitors workbooks) on the
//! fixtures in tests/fixtures/linkedin, which `make_fixtures.py` there writes: October 2026
//! as XLSX, September's content workbook as an older BIFF `.xls` (`Update title`, `Shares`).
//!
//! Expected values, computed by hand from the fixtures (Asia/Jakarta):
//!
//! All posts (impressions; likes + comments + reposts; clicks, follows):
//!   …001 10/01  1000;  50 +  5 + 3 =  58; 40, 2
//!   …002 10/10  5000; 120 + 12 + 8 = 140; 150, 10   sponsored (`Post type`), 1200 views
//!   …003 10/31   900;  30 +  4 + 0 =  34; 16, 0
//!   …004 09/28   600;  20 +  2 + 1 =  23; 12, 1
//! legacy All posts: …011 09/02 700; 28 + 3 + 2 = 33;  …012 09/15 1100; 61 + 9 + 5 = 75,
//!   300 views
//! Metrics, `Unique impressions (organic)` per day: 09/30 310, 10/01 820, 10/02 560,
//!   10/03 500, 10/04 quarantined (`#VALUE!` in `Impressions (total)`), 10/05 380; legacy
//!   09/01 250, 09/02 700, 09/03 280.
//! New followers, `Total followers` (new that day): 09/30 3, 10/01 7, 10/02 4, 10/03 14,
//!   10/04 5, 10/05 1.
//! Visitors, `Total page views (total)`: 09/30 27, 10/01 60, 10/02 35, 10/03 86, 10/04 48,
//!   10/05 25.
use crate::util::{metric_rows, project_root, summary_cells, value, TestDir};
use tolok::ingest::workbook;

const CONTENT: &str = "content/amanah-fixture_content_1793491200000.xlsx";
const FOLLOWERS: &str = "followers/amanah-fixture_followers_1793491200000.xlsx";
const VISITORS: &str = "visitors/amanah-fixture_visitors_1793491200000.xlsx";
const LEGACY: &str = "legacy/amanah-fixture_content_1790812800000.xls";

fn run(dir: &TestDir, args: &[&str]) -> (bool, String) {
    let out = dir.tolok().args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn detect_names_each_sheet_of_each_workbook() {
    let dir = TestDir::from_fixture("linkedin");
    let (_, text) = run(
        &dir,
        &["detect", "content", "followers", "visitors", "legacy"],
    );
    for (input, adapter) in [
        (format!("{CONTENT}!/Metrics"), "linkedin_content_metrics"),
        (format!("{CONTENT}!/All posts"), "linkedin_content_posts"),
        (format!("{FOLLOWERS}!/New followers"), "linkedin_followers"),
        (
            format!("{FOLLOWERS}!/Location"),
            "linkedin_follower_demographics",
        ),
        (VISITORS.to_string(), "linkedin_visitors"),
        (format!("{LEGACY}!/Metrics"), "linkedin_content_metrics"),
        (format!("{LEGACY}!/All posts"), "linkedin_content_posts"),
    ] {
        let cells = summary_cells(&text, &input).join(" ");
        assert!(cells.starts_with(adapter), "{input}: {adapter}\n{text}");
    }
}

#[test]
fn ingest_accounts_for_every_row_and_names_the_sheets_it_does_not_read() {
    let dir = TestDir::from_fixture("linkedin");
    let (ok, summary) = run(
        &dir,
        &[
            "ingest",
            "--store",
            "store",
            "--account",
            "amanah-fixture",
            "content",
            "followers",
            "visitors",
            "legacy",
        ],
    );
    assert!(ok, "{summary}");
    // read, stored, quarantined, duplicates: read = stored + quarantined + duplicates.
    for (input, expected) in [
        (format!("{CONTENT}!/Metrics"), ["6", "5", "1", "0"]),
        (format!("{CONTENT}!/All posts"), ["4", "4", "0", "0"]),
        (format!("{FOLLOWERS}!/New followers"), ["6", "6", "0", "0"]),
        (VISITORS.to_string(), ["6", "6", "0", "0"]),
        (format!("{LEGACY}!/Metrics"), ["3", "3", "0", "0"]),
        (format!("{LEGACY}!/All posts"), ["2", "2", "0", "0"]),
    ] {
        let cells = summary_cells(&summary, &input);
        assert_eq!(&cells[1..5], expected, "{input}\n{summary}");
        assert_eq!(cells[5], "added", "{input}\n{summary}");
    }
    // The follower demographics → `audience`, one row per category.
    for (sheet, rows) in [("Location", "3"), ("Job function", "2")] {
        let cells = summary_cells(&summary, &format!("{FOLLOWERS}!/{sheet}"));
        assert_eq!(
            cells,
            [
                "linkedin_follower_demographics",
                rows,
                rows,
                "0",
                "0",
                "added"
            ],
            "{summary}"
        );
    }
    // The bad row: file, row, column and reason.
    assert!(
        summary.contains("Impressions (total): is not"),
        "the #VALUE! cell is quarantined with its column\n{summary}"
    );
    let quarantine = std::fs::read_dir(dir.path().join("store/quarantine"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(
        quarantine.contains("!/Metrics") && quarantine.contains(",7,Impressions (total),#VALUE!,"),
        "{quarantine}"
    );

    // Ingesting the same workbooks again changes nothing, sheet by sheet.
    let (ok, again) = run(
        &dir,
        &[
            "ingest",
            "--store",
            "store",
            "--account",
            "amanah-fixture",
            "content",
        ],
    );
    assert!(ok, "{again}");
    for sheet in ["Metrics", "All posts"] {
        let cells = summary_cells(&again, &format!("{CONTENT}!/{sheet}"));
        assert!(cells.contains(&"already"), "{again}");
    }
}

#[test]
fn metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("linkedin");
    let (ok, text) = run(&dir, &["run", "pipeline.toml"]);
    assert!(ok, "{text}");
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "linkedin", "2026-10");
    let sep = |m: &str| value(&rows, m, "linkedin", "2026-09");
    // …001, …002, …003; September …004 (October's workbook) and …011, …012 (the `.xls`).
    assert_eq!(oct("posts_published"), "3");
    assert_eq!(sep("posts_published"), "3");
    // 1000 + 5000 + 900; 600 + 700 + 1100.
    assert_eq!(oct("impressions"), "6900");
    assert_eq!(sep("impressions"), "2400");
    assert_eq!(oct("video_views"), "1200");
    // 58 + 140 + 34; 23 + 33 + 75 (older `Shares` read as reposts).
    assert_eq!(oct("interactions"), "232");
    assert_eq!(sep("interactions"), "131");
    assert_eq!(oct("shares"), "11");
    assert_eq!(sep("shares"), "8");
    // 232 / 6900 = 3.3623188405…%; 131 / 2400 = 5.4583333333…%.
    assert_eq!(oct("engagement_rate_impressions"), "3.3623188406");
    assert_eq!(sep("engagement_rate_impressions"), "5.4583333333");
    // 7 + 4 + 14 + 5 + 1: `Total followers` of `New followers` is new followers.
    assert_eq!(oct("followers_gained"), "31");
    assert_eq!(sep("followers_gained"), "3");
    // 60 + 35 + 86 + 48 + 25.
    assert_eq!(oct("page_views"), "254");
    assert_eq!(sep("page_views"), "27");
    // 820 + 560 + 500 + 380 (10/04 quarantined); 310 + 250 + 700 + 280.
    assert_eq!(oct("account_reach"), "2260");
    assert_eq!(sep("account_reach"), "1540");
    // LinkedIn reports all clicks and no link clicks: content clicks need either
    // (`needs_any`). 40 + 150 + 16; 12 + 21 + 33.
    assert_eq!(oct("content_clicks"), "206");
    assert_eq!(sep("content_clicks"), "66");
}

/// A sheet of a fixture workbook: header and rows as text.
fn sheet(file: &str, name: &str) -> tolok::ingest::RawTable {
    let bytes = std::fs::read(project_root().join("tests/fixtures/linkedin").join(file)).unwrap();
    workbook::sheets(&bytes)
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{file} has no sheet {name}"))
        .1
}

fn number(raw: &tolok::ingest::RawTable, cells: &[String], column: &str) -> Option<f64> {
    let i = raw
        .column(column)
        .unwrap_or_else(|| panic!("no column {column}"));
    cells.get(i).and_then(|c| c.trim().parse().ok())
}

/// LinkedIn's engagement rate is (clicks + reactions + comments + reposts) / impressions
/// for the Page's daily figures, and the same plus follows for a post (LinkedIn Marketing
/// API, organic share statistics; LinkedIn's Page analytics help as cited by
/// theonlineadvertisingguide.com). The export writes it rounded to 4 decimals; recomputed from
/// the counts it must agree to within half the last digit.
#[test]
fn linkedin_engagement_rate_agrees_with_its_definition() {
    const ROUNDING: f64 = 0.000_05 + 1e-12;
    let mut checked = 0;
    for file in [CONTENT, LEGACY] {
        let metrics = sheet(file, "Metrics");
        let reposts = if metrics.has("Reposts (total)") {
            "Reposts"
        } else {
            "Shares"
        };
        for (line, cells) in &metrics.rows {
            for part in ["organic", "sponsored", "total"] {
                let n = |c: &str| number(&metrics, cells, &format!("{c} ({part})"));
                let (Some(impressions), Some(rate)) = (n("Impressions"), n("Engagement rate"))
                else {
                    continue; // The quarantined row's `#VALUE!`.
                };
                if impressions == 0.0 {
                    continue;
                }
                let engaged = ["Clicks", "Reactions", "Comments", reposts]
                    .iter()
                    .map(|c| n(c).unwrap())
                    .sum::<f64>();
                assert!(
                    (engaged / impressions - rate).abs() <= ROUNDING,
                    "{file} Metrics line {line} ({part}): {engaged} / {impressions} vs {rate}"
                );
                checked += 1;
            }
        }
        let posts = sheet(file, "All posts");
        let shares = if posts.has("Reposts") {
            "Reposts"
        } else {
            "Shares"
        };
        for (line, cells) in &posts.rows {
            let n = |c: &str| number(&posts, cells, c).unwrap();
            let engaged: f64 = ["Clicks", "Likes", "Comments", shares, "Follows"]
                .iter()
                .map(|c| n(c))
                .sum();
            let rate = n("Engagement rate");
            assert!(
                (engaged / n("Impressions") - rate).abs() <= ROUNDING,
                "{file} All posts line {line}: {engaged} / {} vs {rate}",
                n("Impressions")
            );
            // CTR is clicks / impressions.
            let ctr = n("Click through rate (CTR)");
            assert!((n("Clicks") / n("Impressions") - ctr).abs() <= ROUNDING);
            checked += 1;
        }
    }
    // October: 6 days with organic and 2 with sponsored impressions, and 6 totals less the
    // quarantined day's `#VALUE!`; September: 3 days, organic and total; 4 + 2 posts.
    assert_eq!(checked, (6 + 2 + 5) + (3 + 3) + (4 + 2));
}

#[test]
fn detect_explains_a_linkedin_workbook_without_the_sheet_it_reads() {
    use std::io::{Cursor, Read, Write};
    let dir = TestDir::from_fixture("linkedin");
    // The followers workbook without its `New followers` sheet: drop the sheet from the
    // workbook's sheet list.
    let path = dir.path().join(FOLLOWERS);
    let bytes = std::fs::read(&path).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut text = Vec::new();
        member.read_to_end(&mut text).unwrap();
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(text).unwrap();
            let start = xml.find("<sheet name=\"New followers\"").unwrap();
            let end = start + xml[start..].find("/>").unwrap() + 2;
            text = format!("{}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    std::fs::write(&path, out.finish().unwrap().into_inner()).unwrap();
    // Its demographic sheets are still read; the missing sheet is named all the same.
    let (_, text) = run(&dir, &["detect", FOLLOWERS]);
    assert!(
        text.contains("looks like a LinkedIn followers export")
            && text.contains("the sheet(s) `New followers` that tolok reads are missing"),
        "{text}"
    );
}
