//! The real export files in ../shared/data/exports (read in place, never copied). These
//! tests run when that folder exists, as it always does in CI.
use crate::util::{shared_data, TestDir};

fn exports() -> Option<std::path::PathBuf> {
    let dir = shared_data()?.join("exports");
    if dir.is_dir() {
        // As the summary and the manifest show paths: without `..`.
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!("skipped: ../shared/data/exports is not here");
        None
    }
}

/// Every file under exports/: what `detect` must answer in its adapter column, and what the
/// ingest must be told for files that do not say it (platform, when they were taken).
struct Expected {
    file: &'static str,
    adapter: &'static str,
    platform: Option<&'static str>,
    snapshot_at: Option<&'static str>,
}

const fn plain(file: &'static str, adapter: &'static str) -> Expected {
    Expected {
        file,
        adapter,
        platform: None,
        snapshot_at: None,
    }
}

const fn on(file: &'static str, adapter: &'static str, platform: &'static str) -> Expected {
    Expected {
        file,
        adapter,
        platform: Some(platform),
        snapshot_at: None,
    }
}

const EXPECTED: &[Expected] = &[
    plain(
        "x_twitter/tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv",
        "x_tweet_activity",
    ),
    plain(
        "x_twitter/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv",
        "x_tweet_activity",
    ),
    plain(
        "meta_business_suite/LeonMpofu/Jan-14-2025_Apr-14-2025_1396269028466733.csv",
        "meta_facebook_posts",
    ),
    plain(
        "meta_business_suite/LeonMpofu/Mar-18-2025_Apr-14-2025_553302954456165.csv",
        "meta_facebook_posts",
    ),
    plain(
        "meta_business_suite/LeonMpofu/Mar-18-2025_Apr-14-2025_1019826952924933.csv",
        "meta_instagram_posts",
    ),
    // Daily series: the metric line names the platform (`Facebook reach`) or not
    // (`Follows`, `Views`, `Content interactions`, `Reach`), when the input must.
    plain(
        "meta_business_suite/LeonMpofu/Reach.csv",
        "meta_daily_series",
    ),
    plain(
        "meta_business_suite/LeonMpofu/Visits.csv",
        "meta_daily_series",
    ),
    plain(
        "meta_business_suite/LeonMpofu/Visits (1).csv",
        "meta_daily_series",
    ),
    on(
        "meta_business_suite/LeonMpofu/Follows.csv",
        "meta_daily_series",
        "facebook",
    ),
    on(
        "meta_business_suite/LeonMpofu/Views.csv",
        "meta_daily_series",
        "facebook",
    ),
    on(
        "meta_business_suite/LeonMpofu/Interactions.csv",
        "meta_daily_series",
        "facebook",
    ),
    on(
        "meta_business_suite/LeonMpofu/Interactions (1).csv",
        "meta_daily_series",
        "instagram",
    ),
    on(
        "meta_business_suite/vsbperoto/IG_REACH.csv",
        "meta_daily_series",
        "instagram",
    ),
    // Re-saved by a spreadsheet program in a `;` locale.
    plain(
        "meta_business_suite/vsbperoto/Follows.csv",
        "meta_daily_series",
    ),
    // Re-saved by a spreadsheet program with every line wrapped in one quoted cell:
    // unwrapped back into the export's rows.
    plain(
        "meta_business_suite/vsbperoto/INSTAGRAM_RAW.csv",
        "meta_instagram_posts",
    ),
    plain(
        "meta_business_suite/vsbperoto/Oct-31-2025_Dec-30-2025_1664278361210560.csv",
        "meta_facebook_videos",
    ),
    // Neither the platform nor the date is in the file.
    Expected {
        file: "meta_business_suite/LeonMpofu/Audience.csv",
        adapter: "meta_audience",
        platform: Some("facebook"),
        snapshot_at: Some("2025-04-14"),
    },
    // Legacy Facebook Page Insights workbooks (XML Spreadsheet 2003 `.xls`): `Key Metrics`
    // is read, the breakdown sheets are named as not read. The page-level export holds an
    // invalid UTF-8 sequence (read as U+FFFD) and its unfinished last day (quarantined).
    plain(
        "facebook/Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls",
        "fb_insights_posts",
    ),
    plain(
        "facebook/Facebook Insights Data Export - LOK - 2017-07-05.xls",
        "fb_insights_page",
    ),
    plain("research_tools/twarc2/small_sample.csv", "twarc2"),
    plain("tiktok/vsbperoto/TIKTOK_RAW.csv", "tiktok_overview"),
    plain(
        "tiktok/vsbperoto/TIKTOK_AUDIENCE_RAW.csv",
        "tiktok_followers",
    ),
    plain("tiktok/vsbperoto/TIKTOK_VIDEO_RAW.csv", "tiktok_content"),
    // Dates without a year: the day of the download places them (see adapters_tiktok.rs).
    Expected {
        file: "tiktok/BossZY27/Overview.csv",
        adapter: "tiktok_legacy_overview",
        platform: None,
        snapshot_at: Some("2024-05-01"),
    },
    Expected {
        file: "tiktok/BossZY27/Overview.xlsx",
        adapter: "tiktok_legacy_overview",
        platform: None,
        snapshot_at: Some("2024-05-01"),
    },
    Expected {
        file: "tiktok/francovelardez44/Overview.csv",
        adapter: "tiktok_legacy_overview",
        platform: None,
        snapshot_at: Some("2025-04-01"),
    },
    // YouTube Studio advanced mode: the `Total` row under the header is not counted as read.
    plain("youtube/priyankapatel05/Table data.csv", "youtube_table"),
    plain("youtube/priyankapatel05/Totals.csv", "youtube_totals"),
    plain("youtube/priyankapatel05/Chart data.csv", "youtube_chart"),
    plain("youtube/Layla-Damoyi/Table data.csv", "youtube_table"),
];

/// Files with rows quarantined on purpose, and the reason each such row must give.
const QUARANTINE_REASONS: &[(&str, &str)] = &[
    // One post Meta could not compute: no ids, only the counts and Meta's note on the row.
    (
        "meta_business_suite/vsbperoto/INSTAGRAM_RAW.csv",
        "the export's `Data comment` says: An error occurred while computing metadata",
    ),
    // The export's own day, not over when the file was made: every daily figure is 0.
    (
        "facebook/Facebook Insights Data Export - LOK - 2017-07-05.xls",
        "had not ended",
    ),
];

/// Every file in the folder is listed above: a real file added to ../shared cannot be
/// forgotten here.
#[test]
fn every_real_export_is_listed() {
    let Some(exports) = exports() else { return };
    let mut found = Vec::new();
    let mut folders = vec![exports.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name().is_some_and(|n| n != "SOURCES.md") {
                let relative = path.strip_prefix(&exports).unwrap();
                found.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|e| e.file.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn detect_names_the_right_adapter_for_every_real_export() {
    let Some(exports) = exports() else { return };
    let dir = TestDir::empty();
    for expected in EXPECTED {
        let out = dir
            .tolok()
            .arg("detect")
            .arg(exports.join(expected.file))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(&format!("  {}  ", expected.adapter)),
            "{}: expected {}\n{text}",
            expected.file,
            expected.adapter
        );
    }
}

#[test]
fn ingest_accounts_for_every_row_of_the_real_files() {
    let Some(exports) = exports() else { return };
    let dir = TestDir::empty();
    // One `ingest` per set of facts the files need, all into one store.
    let mut groups: Vec<(Option<&str>, Option<&str>, Vec<String>)> = Vec::new();
    for e in EXPECTED {
        let file = exports.join(e.file).display().to_string();
        match groups
            .iter_mut()
            .find(|(p, s, _)| *p == e.platform && *s == e.snapshot_at)
        {
            Some((_, _, files)) => files.push(file),
            None => groups.push((e.platform, e.snapshot_at, vec![file])),
        }
    }
    let mut summaries = String::new();
    for (platform, snapshot_at, files) in &groups {
        let mut command = dir.tolok();
        command.args(["ingest", "--store", "store"]);
        if let Some(p) = platform {
            command.args(["--platform", p]);
        }
        if let Some(s) = snapshot_at {
            command.args(["--snapshot-at", s]);
        }
        let out = command.args(files).output().unwrap();
        let summary = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{summary}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        summaries.push_str(&summary);
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let records = manifest["files"].as_array().unwrap();
    for e in EXPECTED {
        let shown = exports.join(e.file).display().to_string();
        let mine: Vec<&serde_json::Value> = records
            .iter()
            .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with(&shown)))
            .collect();
        assert!(
            !mine.is_empty(),
            "{} is not in the manifest\n{summaries}",
            e.file
        );
        for r in mine {
            let n = |k: &str| r[k].as_u64().unwrap();
            assert_eq!(r["adapter"].as_str(), Some(e.adapter), "{r}");
            assert!(n("rows_read") > 0, "{r}");
            assert_eq!(
                n("rows_read"),
                n("stored") + n("quarantined") + n("duplicates"),
                "unexplained rows in {r}"
            );
            let reasons = r["quarantine_reasons"].as_object().unwrap();
            match QUARANTINE_REASONS.iter().find(|(f, _)| *f == e.file) {
                None => assert_eq!(n("quarantined"), 0, "{r}"),
                Some((_, why)) => assert!(
                    reasons.keys().all(|k| k.contains(why)),
                    "{}: {reasons:?}",
                    e.file
                ),
            }
        }
    }
    eprintln!("{summaries}");
}

#[test]
fn x_engagement_rate_column_equals_engagements_over_impressions() {
    let Some(exports) = exports() else { return };
    for file in EXPECTED
        .iter()
        .filter(|e| e.adapter == "x_tweet_activity")
        .map(|e| e.file)
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

/// The legacy Facebook Page Insights workbooks, against figures read off the files by hand
/// (their `Key Metrics` sheets opened as XML; rows 3 on, Page time, Asia/Ho_Chi_Minh):
///
/// Post level, seven posts; `post_impressions_unique:lifetime` (reach) and video views
/// (`post_video_views_organic` + `_paid`):
///   07-22 05:30 Video 221231, 32199 + 59669    07-15 05:30 Video 334704, 54475 + 62868
///   07-14 06:49 Photo  22101, 0 + 0            07-09 05:30 Photo  11922, 0 + 0
///   07-08 05:30 Video 928703, 286904 + 53223   07-01 05:30 Video 167289, 26410 + 43042
///   06-30 07:00 Photo  16964 (June)
///   July reach 221231 + 334704 + 22101 + 11922 + 928703 + 167289 = 1685950;
///   July video views 91868 + 117343 + 340127 + 69452 = 618790.
/// Page level, 06-09 … 07-06 (28 rows); 07-06 has 0 for every `:day` figure (the export
/// day): quarantined. July: `page_fan_adds_unique:day` 232 + 299 + 234 + 153 + 149 = 1067,
/// `page_impressions_unique:day` 84243 + 67780 + 57159 + 52560 + 42701 = 304443,
/// `page_fans:lifetime` on 07-05 = 58200; June's last day 06-30: 57167.
#[test]
fn legacy_facebook_insights_figures_match_the_files() {
    let Some(exports) = exports() else { return };
    let dir = TestDir::empty();
    let folder = exports.join("facebook");
    let root = crate::util::project_root();
    let pipeline = format!(
        "organisation = \"LOK\"\ntimezone = \"Asia/Ho_Chi_Minh\"\nperiod = \"2017-07\"\n\
         store = \"store\"\noutput = \"reports\"\ncatalogue = {:?}\ntemplates = {:?}\n\
         objectives = [\"awareness\", \"community\"]\n\
         [[input]]\npath = {:?}\n\
         [[input]]\npath = {:?}\naccount = \"1553363564876294\"\n",
        root.join("pipelines/catalogue").display().to_string(),
        root.join("report_templates").display().to_string(),
        folder
            .join("Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls")
            .display()
            .to_string(),
        folder
            .join("Facebook Insights Data Export - LOK - 2017-07-05.xls")
            .display()
            .to_string(),
    );
    std::fs::write(dir.path().join("pipeline.toml"), pipeline).unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    // read, stored, quarantined, duplicates, status (the description rows are not read).
    let cells = |sheet: &str| {
        let line = log
            .lines()
            .find(|l| l.contains(sheet) && l.trim_end().ends_with("added"))
            .unwrap_or_else(|| panic!("no line for {sheet}\n{log}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        cells[cells.len() - 5..].join(" ")
    };
    assert_eq!(
        cells("(Post Level) - LOK - 2017-07-27.xls!/Key Metrics"),
        "7 7 0 0 added"
    );
    assert_eq!(
        cells("Export - LOK - 2017-07-05.xls!/Key Metrics"),
        "28 27 1 0 added"
    );
    // The breakdown sheets: 6 in the post-level workbook, 37 in the page-level one.
    let not_read = log
        .lines()
        .filter(|l| l.contains(".xls!/") && l.trim_end().ends_with("not read"))
        .count();
    assert_eq!(not_read, 6 + 37, "{log}");
    let rows = crate::util::metric_rows(&dir, &[]);
    let july = |m: &str| crate::util::value(&rows, m, "facebook", "2017-07");
    assert_eq!(july("posts_published"), "6");
    assert_eq!(july("reach"), "1685950");
    assert_eq!(july("video_views"), "618790");
    assert_eq!(july("followers_gained"), "1067");
    assert_eq!(july("account_reach"), "304443");
    assert_eq!(july("followers_end"), "58200");
    assert_eq!(
        crate::util::value(&rows, "followers_end", "facebook", "2017-06"),
        "57167"
    );
}
