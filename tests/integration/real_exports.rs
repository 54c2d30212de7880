//! The real export files in ../shared/data/exports (read in place, never copied). These
//! tests run when that folder exists, as it always does in CI.
use crate::util::{shared_data, TestDir};

fn exports() -> Option<std::path::PathBuf> {
    let dir = shared_data()?.join("exports");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/data/exports is not here");
        None
    }
}

/// (file under exports/, what `detect` must answer in its adapter column)
const EXPECTED: &[(&str, &str)] = &[
    (
        "x_twitter/tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv",
        "x_tweet_activity",
    ),
    (
        "x_twitter/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv",
        "x_tweet_activity",
    ),
    (
        "meta_business_suite/LeonMpofu/Jan-14-2025_Apr-14-2025_1396269028466733.csv",
        "meta_facebook_posts",
    ),
    (
        "meta_business_suite/LeonMpofu/Mar-18-2025_Apr-14-2025_553302954456165.csv",
        "meta_facebook_posts",
    ),
    (
        "meta_business_suite/LeonMpofu/Mar-18-2025_Apr-14-2025_1019826952924933.csv",
        "meta_instagram_posts",
    ),
    ("research_tools/twarc2/small_sample.csv", "twarc2"),
    ("tiktok/vsbperoto/TIKTOK_RAW.csv", "tiktok_overview"),
    (
        "tiktok/vsbperoto/TIKTOK_AUDIENCE_RAW.csv",
        "tiktok_followers",
    ),
    ("tiktok/vsbperoto/TIKTOK_VIDEO_RAW.csv", "tiktok_content"),
    // YouTube Studio advanced mode: the `Total` row under the header is not counted as read.
    ("youtube/priyankapatel05/Table data.csv", "youtube_table"),
    ("youtube/priyankapatel05/Totals.csv", "youtube_totals"),
    ("youtube/Layla-Damoyi/Table data.csv", "youtube_table"),
];

/// Real files damaged by a spreadsheet program: named and refused with the reason.
const DAMAGED: &[(&str, &str)] = &[(
    "meta_business_suite/vsbperoto/INSTAGRAM_RAW.csv",
    "Meta Business Suite content export (Instagram posts) damaged by a spreadsheet program",
)];

/// Meta files tolok recognises and explains but has no adapter for yet (issue #4).
const RECOGNISED: &[(&str, &str)] = &[
    (
        "meta_business_suite/LeonMpofu/Audience.csv",
        "audience export",
    ),
    (
        "meta_business_suite/vsbperoto/Oct-31-2025_Dec-30-2025_1664278361210560.csv",
        "Facebook videos",
    ),
    (
        "facebook/Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls",
        "Legacy Facebook Page Insights",
    ),
    (
        "facebook/Facebook Insights Data Export - LOK - 2017-07-05.xls",
        "Legacy Facebook Page Insights",
    ),
    // TikTok's legacy web-analytics overview: its dates have no year (`April 12`).
    ("tiktok/BossZY27/Overview.csv", "dates have no year"),
    ("tiktok/BossZY27/Overview.xlsx", "dates have no year"),
    ("tiktok/francovelardez44/Overview.csv", "dates have no year"),
    // YouTube's views per day and video: no canonical table has that grain.
    (
        "youtube/priyankapatel05/Chart data.csv",
        "daily figures per video fit no canonical table",
    ),
];

#[test]
fn detect_identifies_every_x_and_meta_file() {
    let Some(exports) = exports() else { return };
    let dir = TestDir::empty();
    for (file, adapter) in EXPECTED {
        let out = dir
            .tolok()
            .arg("detect")
            .arg(exports.join(file))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text.lines().nth(2).unwrap_or_default();
        assert!(
            line.contains(&format!("  {adapter}  ")),
            "{file}: expected {adapter}\n{text}"
        );
    }
    for (file, what) in DAMAGED {
        let out = dir
            .tolok()
            .arg("detect")
            .arg(exports.join(file))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("(none)") && text.contains(what),
            "{file}: expected {what}\n{text}"
        );
    }
    for (file, what) in RECOGNISED {
        let out = dir
            .tolok()
            .arg("detect")
            .arg(exports.join(file))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("(recognised, no adapter)") && text.contains(what),
            "{file}: expected {what}\n{text}"
        );
    }
}

#[test]
fn ingest_accounts_for_every_row_of_the_real_files() {
    let Some(exports) = exports() else { return };
    let dir = TestDir::empty();
    let files: Vec<String> = EXPECTED
        .iter()
        .map(|(f, _)| exports.join(f).display().to_string())
        .collect();
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store"])
        .args(&files)
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{summary}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let records = manifest["files"].as_array().unwrap();
    assert_eq!(records.len(), EXPECTED.len(), "{summary}");
    for r in records {
        let n = |k: &str| r[k].as_u64().unwrap();
        assert!(n("rows_read") > 0, "{r}");
        assert_eq!(
            n("rows_read"),
            n("stored") + n("quarantined") + n("duplicates"),
            "unexplained rows in {r}"
        );
    }
    // These exports are clean: nothing is quarantined.
    for r in records {
        assert_eq!(r["quarantined"].as_u64(), Some(0), "{r}");
    }
}

#[test]
fn x_engagement_rate_column_equals_engagements_over_impressions() {
    let Some(exports) = exports() else { return };
    for file in EXPECTED
        .iter()
        .filter(|(_, a)| *a == "x_tweet_activity")
        .map(|(f, _)| f)
    {
        let text = std::fs::read_to_string(exports.join(file)).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (imp, eng, rate) = (
            col("impressions"),
            col("engagements"),
            col("engagement rate"),
        );
        let mut checked = 0;
        for record in reader.records() {
            let r = record.unwrap();
            let (i, e, x): (f64, f64, f64) = (
                r[imp].parse().unwrap(),
                r[eng].parse().unwrap(),
                r[rate].parse().unwrap(),
            );
            if i > 0.0 {
                assert!((e / i - x).abs() < 1e-12, "{file}: {e}/{i} != {x}");
                checked += 1;
            }
        }
        assert!(checked > 10, "{file}");
    }
}
