//! Encodings and number styles as real files come: tests/fixtures/formats holds
//!
//! - `facebook/…1234567890123457.csv`: a Meta Business Suite content export re-saved by a
//!   spreadsheet program in an Indonesian locale: Windows-1252 (`–` is the byte 96, `é` E9),
//!   `;` separators, no BOM, CRLF, `1.234` = one thousand two hundred thirty-four and
//!   `30.862,5` = 30862.5. Its dates and ids are left as Meta writes them.
//! - `daily/Follows.csv`: a Meta daily series in UTF-16 BE with BOM.
//! - `daily/Reach.csv`: a Meta daily series in UTF-16 LE without BOM.
//! - `daily/Instagram follows.csv`: a `;` re-save of a daily series with `1.234`.
//!
//! Expected values, by hand (October 2026, Asia/Jakarta):
//!
//! Facebook posts (views, reach, reactions + comments + shares, total clicks, link clicks):
//!   A 12.345 = 12345, 1.234 = 1234, 1.050 + 27 + 12 = 1089, 2.001 = 2001, 1.500 = 1500
//!   B 1.234.567 = 1234567, 987.654 = 987654, 9.000 + 10 + 1.000 = 10010, 300, 120;
//!     3-second video views 12.345 = 12345, seconds viewed 30.862,5 = 30862.5
//!   C 950, 800, 40 + 5 + 3 = 48, 60, 45 (its caption holds `;` and a line break)
//!   D has `12,5%` as its reach: a percentage is not a count, so D is quarantined.
//! Daily series: Facebook follows 3 + 0 + 12 + 1205 = 1220; Facebook reach
//!   100 + 2500 + 40 = 2640; Instagram follows 4 + 1.234 + 0 = 4 + 1234 + 0 = 1238.
use crate::util::{line_of, metric_rows, value, TestDir};

const FACEBOOK: &str = "facebook/Oct-01-2026_Oct-31-2026_1234567890123457.csv";

#[test]
fn detect_names_each_encoding_and_delimiter() {
    let dir = TestDir::from_fixture("formats");
    let out = dir
        .tolok()
        .args(["detect", "facebook", "daily"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    for (file, adapter, source) in [
        (
            FACEBOOK,
            "meta_facebook_posts",
            "(Windows-1252, delimiter `;`)",
        ),
        (
            "daily/Follows.csv",
            "meta_daily_series",
            "(UTF-16 BE, delimiter `,`)",
        ),
        (
            "daily/Reach.csv",
            "meta_daily_series",
            "(UTF-16 LE without BOM, delimiter `,`)",
        ),
        (
            "daily/Instagram follows.csv",
            "meta_daily_series",
            "(UTF-8, delimiter `;`)",
        ),
    ] {
        let line = line_of(&text, file);
        assert!(
            line.contains(&format!("  {adapter}  ")) && line.contains(source),
            "{file}: expected {adapter} {source}\n{text}"
        );
    }
    assert!(
        line_of(&text, "daily/Reach.csv").contains("for the metric `Facebook reach`"),
        "{text}"
    );
}

#[test]
fn ingest_reads_each_file_and_refuses_a_percentage_as_a_count() {
    let dir = TestDir::from_fixture("formats");
    let out = dir
        .tolok()
        .args(["ingest", "facebook", "daily"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{summary}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (file, counts) in [
        // read, stored, quarantined, duplicates
        (
            FACEBOOK,
            ["meta_facebook_posts", "4", "3", "1", "0", "added"],
        ),
        (
            "daily/Follows.csv",
            ["meta_daily_series", "4", "4", "0", "0", "added"],
        ),
        (
            "daily/Reach.csv",
            ["meta_daily_series", "3", "3", "0", "0", "added"],
        ),
        (
            "daily/Instagram follows.csv",
            ["meta_daily_series", "3", "3", "0", "0", "added"],
        ),
    ] {
        let line = line_of(&summary, file);
        // The Instagram file's name has a space: count cells from the end.
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&cells[cells.len() - 6..], counts, "{summary}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let quarantine_file = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|f| f["quarantine_file"].as_str())
        .expect("a quarantine file");
    // D is the fourth row. (It starts on line 6, C's caption spanning lines 4 and 5, but
    // rows of CRLF files are numbered one line early by `ingest::table`: not checked here.)
    let quarantine = dir.read(&format!("store/{quarantine_file}"));
    let mut reader = csv::Reader::from_reader(quarantine.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{quarantine}");
    let row: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        [row[0], row[2], row[3], row[4]],
        [
            FACEBOOK,
            "Reach",
            "12,5%",
            "`12,5%` is a percentage, not a count; counts are stored as whole numbers"
        ],
        "{quarantine}"
    );
}

#[test]
fn metrics_from_decimal_comma_and_utf16_files_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("formats");
    dir.tolok()
        .args(["ingest", "facebook", "daily"])
        .assert()
        .success();
    let rows = metric_rows(&dir, &[]);
    let v = |metric: &str, scope: &str| value(&rows, metric, scope, "2026-10");
    assert_eq!(v("posts_published", "facebook"), "3");
    // 12345 + 1234567 + 950.
    assert_eq!(v("impressions", "facebook"), "1247862");
    // 1234 + 987654 + 800.
    assert_eq!(v("reach", "facebook"), "989688");
    // 1089 + 10010 + 48.
    assert_eq!(v("interactions", "facebook"), "11147");
    // 11147 / 989688 × 100 = 1.12631455569… (to ten places 1.1263145557).
    assert_eq!(v("engagement_rate_reach", "facebook"), "1.1263145557");
    // Total clicks 2001 + 300 + 60; link clicks 1500 + 120 + 45.
    assert_eq!(v("content_clicks", "facebook"), "2361");
    // Only B is a video: 12345 views, 30862.5 seconds viewed / 12345 = 2.5 s.
    assert_eq!(v("video_views", "facebook"), "12345");
    assert_eq!(v("avg_watch_time", "facebook"), "2.5");
    // The daily series: UTF-16 BE with BOM, UTF-16 LE without, and a `;` re-save.
    assert_eq!(v("followers_gained", "facebook"), "1220");
    assert_eq!(v("followers_gained", "instagram"), "1238");
    assert_eq!(v("followers_gained", "all"), "2458");
    assert_eq!(v("account_reach", "facebook"), "2640");
}

#[test]
fn windows_1252_captions_reach_the_report_intact() {
    let dir = TestDir::from_fixture("formats");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = dir.read("reports/2026-10/report.md");
    // `–` (96) and `é` (E9) decoded, not replaced; `45.000` in a caption stays text.
    assert!(
        report.contains("Zakat fitrah – mudah & cepat, mulai Rp 45.000 di café kami"),
        "{report}"
    );
    assert!(
        report.contains("Penyaluran ke Nias — terima kasih"),
        "{report}"
    );
    assert!(!report.contains('\u{FFFD}'), "{report}");
}
