//! Meta Business Suite's video and audience exports, a content export damaged by a
//! spreadsheet re-save, and TikTok's legacy overview (dates without a year), on fixtures in
//! `tests/fixtures/meta_more/` written in those exports' formats.
use crate::util::{metric_rows, stored, summary_cells, value, TestDir};
use polars::prelude::*;
use tolok::schema::Table;

fn run(dir: &TestDir) -> String {
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{log}");
    log
}

/// A text column's cells, nulls left out.
fn cells(frame: &DataFrame, column: &str) -> Vec<String> {
    crate::util::texts(frame, column)
        .into_iter()
        .flatten()
        .collect()
}

#[test]
fn video_export_rows_are_read_and_a_video_already_posted_counts_once() {
    let dir = TestDir::from_fixture("meta_more");
    let log = run(&dir);
    // Re-saved by a spreadsheet program (each line one quoted cell, a caption's middle line
    // left as it was): unwrapped, 3 videos read, the one with `banyak` as reach quarantined.
    let file = "facebook_videos/Oct-01-2026_Oct-31-2026_2222.csv";
    assert_eq!(
        summary_cells(&log, file)[..6],
        ["meta_facebook_videos", "3", "2", "1", "0", "added"],
        "{log}"
    );
    let quarantine: String = dir
        .path()
        .join("store/quarantine")
        .read_dir()
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains(file))
        .collect();
    // The third video starts on line 6: the caption of the second spans lines 3 to 5.
    assert!(quarantine.contains(",6,Reach,banyak,"), "{quarantine}");
    let posts = stored(&dir, Table::Posts, "post_id");
    assert_eq!(
        cells(&posts, "post_id"),
        ["1001_2001", "1001_2002", "video:9001", "video:9002"]
    );
    assert_eq!(
        cells(&posts, "text")[3],
        "Video \"Sedekah Subuh\"\nbagian kedua, lengkap\nselesai"
    );

    // Video 9001 is also the content export's Reel (`/reel/9001/`): counted once, as the
    // post. Posts: the photo, the Reel and video 9002.
    let rows = metric_rows(&dir, &[]);
    assert_eq!(value(&rows, "posts_published", "facebook", "2026-10"), "3");
    // 3-second views: the Reel's 300 (from the content export) + video 9002's 640.
    assert_eq!(value(&rows, "video_views", "facebook", "2026-10"), "940");
}

#[test]
fn audience_export_blocks_become_one_row_per_segment() {
    let dir = TestDir::from_fixture("meta_more");
    let log = run(&dir);
    // Rows are the file's lines of shares: 3 age lines (women and men each), the line of
    // country shares, the line of city shares (quarantined whole: `abc` is no share), and the
    // 2 lines of the `Top pages` block, which tolok does not read.
    assert_eq!(
        summary_cells(&log, "audience/Audience.csv")[..6],
        ["meta_audience", "7", "4", "3", "0", "added"],
        "{log}"
    );
    let audience = stored(&dir, Table::Audience, "source_row");
    let get = |dimension: &str, segment: &str| -> f64 {
        let row = audience
            .clone()
            .lazy()
            .filter(
                col("dimension")
                    .eq(lit(dimension))
                    .and(col("segment").eq(lit(segment))),
            )
            .collect()
            .unwrap();
        assert_eq!(row.height(), 1, "{dimension} {segment}");
        row.column("share").unwrap().f64().unwrap().get(0).unwrap()
    };
    assert_eq!(get("age_gender", "18-24 women"), 10.5);
    assert_eq!(get("age_gender", "35-44 men"), 8.0);
    assert_eq!(get("country", "Malaysia"), 6.0);
    assert_eq!(audience.height(), 3 * 2 + 3, "no city row is stored");
    assert!(cells(&audience, "platform")
        .iter()
        .all(|p| p == "instagram"));
}

#[test]
fn an_export_that_does_not_say_when_it_was_taken_is_quarantined_with_the_fix() {
    let dir = TestDir::from_fixture("meta_more");
    let out = dir
        .tolok()
        .args([
            "ingest",
            "--platform",
            "facebook",
            "audience",
            "tiktok_legacy",
        ])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{summary}");
    // Nothing stored, every row quarantined with the reason and the fix.
    assert_eq!(
        summary_cells(&summary, "audience/Audience.csv")[..5],
        ["meta_audience", "7", "0", "7", "0"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, "tiktok_legacy/Overview.csv")[..5],
        ["tiktok_legacy_overview", "5", "0", "5", "0"],
        "{summary}"
    );
    assert!(
        summary.contains("set `snapshot-at` on its `[[input]]`")
            && summary.contains("the date has no year"),
        "{summary}"
    );
    // Said when, the same files are stored.
    let out = dir
        .tolok()
        .args([
            "ingest",
            "--platform",
            "facebook",
            "--snapshot-at",
            "2027-01-02",
        ])
        .args(["audience", "tiktok_legacy"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        summary_cells(&summary, "tiktok_legacy/Overview.csv")[..5],
        ["tiktok_legacy_overview", "5", "4", "1", "0"],
        "{summary}"
    );
}

#[test]
fn legacy_tiktok_days_are_placed_in_their_year_before_the_download() {
    let dir = TestDir::from_fixture("meta_more");
    let log = run(&dir);
    // Four days across New Year, and `Tomorrow`, which is no date.
    assert_eq!(
        summary_cells(&log, "tiktok_legacy/Overview.csv")[..6],
        ["tiktok_legacy_overview", "5", "4", "1", "0", "added"],
        "{log}"
    );
    let daily = stored(&dir, Table::AccountDaily, "date");
    let tiktok = daily
        .lazy()
        .filter(col("platform").eq(lit("tiktok")))
        .select([
            col("date").dt().to_string("%Y-%m-%d"),
            col("impressions"),
            col("account_id"),
        ])
        .collect()
        .unwrap();
    assert_eq!(
        cells(&tiktok, "date"),
        ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]
    );
    assert!(cells(&tiktok, "account_id")
        .iter()
        .all(|a| a == "fixture.id"));
}

/// An export downloaded in another interface language: `[input.headers]` reads its header
/// under the English names, so the Instagram adapter fits; without it nothing does.
#[test]
fn a_localised_header_is_read_under_the_names_an_input_gives() {
    let dir = TestDir::from_fixture("localised");
    let file = "instagram/Oct-01-2026_Oct-31-2026_999.csv";
    let out = dir.tolok().args(["detect", file]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(none)"), "{text}");
    let log = run(&dir);
    assert_eq!(
        summary_cells(&log, file)[..6],
        ["meta_instagram_posts", "2", "2", "0", "0", "added"],
        "{log}"
    );
    let rows = metric_rows(&dir, &[]);
    // 900 + 2100.
    assert_eq!(value(&rows, "reach", "instagram", "2026-10"), "3000");
}
