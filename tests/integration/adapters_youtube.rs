//! YouTube Studio advanced-mode exports (Table data.csv, Totals.csv, Chart data.csv) as a
//! folder and as a zip read in place, on the hand-written fixtures in
//! tests/fixtures/youtube and on the real files in ../shared/data/exports/youtube; and the
//! limits on zip archives.
//!
//! Expected values, computed by hand from the fixtures (export of 2026-09-28 to
//! 2026-10-05, Asia/Jakarta, period October 2026):
//!
//! views/Table data.csv (the `Total` row first, then one row per video):
//!   video         published     views  watch h   likes comments shares  impressions  gained
//!   bQ7-fidyah_   Oct 3, 2026    3000  20.2534    250     30      20       40000        5
//!   Ab3xYz0Q1aB   Oct 1, 2026    1200  50.5012     90     12       6       15000       10
//!   _shortVid_9   Sep 29, 2026    500   2.5        40      2       1        8000        1
//!    -LeadSpace1  Oct 5, 2026     100  10.0101      5     (empty)  0        2000        1
//!   OldVideo_01   Dec 26, 2025     50   0.4999      0      0       0        1000        0
//!   Total                        4850  83.765     385     44      27       66000       17
//!   (Oct 1 at midnight in Jakarta is Sep 30, 17:00 UTC: still October locally.)
//! views/Totals.csv, views per day 09-28 … 10-05: 20 180 150 700 350 1500 1000 950 = 4850.
//! views/Chart data.csv: the same views per video and day (5 videos × 8 days).
//! subscribers/Totals.csv, subscribers gained per day: 0 1 0 6 4 3 2 1 = 17.
use crate::util::{metric_rows, project_root, shared_data, summary_cells, value, TestDir};
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use std::path::Path;

fn detect(dir: &TestDir, paths: &[&str]) -> (Option<i32>, String) {
    let out = dir.tolok().arg("detect").args(paths).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// `tolok ingest --store store <paths>`: exit code, summary (stdout), log (stderr).
fn ingest(dir: &TestDir, paths: &[&str]) -> (Option<i32>, String, String) {
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store"])
        .args(paths)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A zip archive of `(name, bytes)` members, deflated as YouTube Studio's are.
fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const EXPORT_FILES: [&str; 3] = ["Chart data.csv", "Table data.csv", "Totals.csv"];

/// The three files of the export in `folder`, zipped flat as Studio delivers them.
fn zip_folder(folder: &Path) -> Vec<u8> {
    let files: Vec<(&str, Vec<u8>)> = EXPORT_FILES
        .iter()
        .map(|name| (*name, std::fs::read(folder.join(name)).unwrap()))
        .collect();
    let members: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    zip_of(&members)
}

fn manifest(dir: &TestDir) -> serde_json::Value {
    serde_json::from_str(&dir.read("store/manifest.json")).unwrap()
}

/// The manifest record of the input shown as `path`.
fn record<'a>(manifest: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in {manifest}"))
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn detect_names_each_youtube_export_and_each_zip_member() {
    let dir = TestDir::from_fixture("youtube");
    let (code, text) = detect(&dir, &["views", "subscribers"]);
    assert_eq!(code, Some(0), "{text}");
    for (file, adapter) in [
        ("views/Table data.csv", "youtube_table"),
        ("views/Totals.csv", "youtube_totals"),
        ("views/Chart data.csv", "youtube_chart"),
        ("subscribers/Totals.csv", "youtube_totals_subscribers"),
    ] {
        assert_eq!(summary_cells(&text, file)[0], adapter, "{text}");
    }

    let archive = "Content 2026-09-28_2026-10-05 Fixture Org.zip";
    std::fs::write(
        dir.path().join(archive),
        zip_folder(&dir.path().join("views")),
    )
    .unwrap();
    let (code, text) = detect(&dir, &[archive]);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(
        summary_cells(&text, &format!("{archive}!/Table data.csv"))[0],
        "youtube_table",
        "{text}"
    );
    assert_eq!(
        summary_cells(&text, &format!("{archive}!/Totals.csv"))[0],
        "youtube_totals",
        "{text}"
    );
    assert_eq!(
        summary_cells(&text, &format!("{archive}!/Chart data.csv"))[0],
        "youtube_chart",
        "{text}"
    );
    // One line per member: header, rule, three members.
    assert_eq!(text.lines().count(), 5, "{text}");
}

#[test]
fn ingest_accounts_for_every_fixture_row() {
    let dir = TestDir::from_fixture("youtube");
    let (code, summary, log) = ingest(&dir, &["views", "subscribers"]);
    assert_eq!(code, Some(0), "{summary}\n{log}");
    for (file, adapter, read) in [
        // Five videos: the `Total` row is not a video and is not counted as read.
        ("views/Table data.csv", "youtube_table", "5"),
        // Views per day and video → post_daily: 5 videos × 8 days.
        ("views/Chart data.csv", "youtube_chart", "40"),
        ("views/Totals.csv", "youtube_totals", "8"),
        // Its days are the same as the views' days: partial rows, not duplicates.
        ("subscribers/Totals.csv", "youtube_totals_subscribers", "8"),
    ] {
        assert_eq!(
            summary_cells(&summary, file),
            [adapter, read, read, "0", "0", "added"],
            "{summary}"
        );
    }
    // The `Total` row was checked against the videos and found equal.
    assert!(
        log.contains(
            "views/Table data.csv: line 2 is the channel's `Total` row, not one of its videos: \
             skipped, not counted as read, and checked against the sum of the 5 videos under it: \
             equal within rounding for Views 4850, Watch time (hours) 83.765, Impressions 66000, Likes 385, \
             Comments added 44, Shares 27, Subscribers gained 17, Subscribers 14"
        ),
        "{log}"
    );
    let m = manifest(&dir);
    for r in m["files"].as_array().unwrap() {
        let n = |k: &str| r[k].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("stored") + n("quarantined") + n("duplicates"),
            "{r}"
        );
    }
}

#[test]
fn metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("youtube");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "youtube", "2026-10");
    let sep = |m: &str| value(&rows, m, "youtube", "2026-09");
    // October: bQ7-fidyah_, Ab3xYz0Q1aB (Oct 1, local midnight), -LeadSpace1; September:
    // _shortVid_9; OldVideo_01 is from 2025.
    assert_eq!(oct("posts_published"), "3");
    assert_eq!(sep("posts_published"), "1");
    // 3000 + 1200 + 100.
    assert_eq!(oct("video_views"), "4300");
    assert_eq!(sep("video_views"), "500");
    // (20.2534 + 50.5012 + 10.0101) h × 3600 = 80.7647 h × 3600 = 290,752.92 s over 4300
    // views = 67.61695813953… s; September 2.5 h × 3600 = 9000 s over 500 views = 18 s.
    assert_eq!(oct("avg_watch_time"), "67.6169581395");
    assert_eq!(sep("avg_watch_time"), "18");
    // 250 + 90 + 5; 30 + 12 (the empty cell is no value); 20 + 6 + 0.
    assert_eq!(oct("likes"), "345");
    assert_eq!(oct("comments"), "42");
    assert_eq!(oct("shares"), "26");
    // (250 + 30 + 20) + (90 + 12 + 6) + (5 + 0 + 0) = 300 + 108 + 5; September 40 + 2 + 1.
    assert_eq!(oct("interactions"), "413");
    assert_eq!(sep("interactions"), "43");
    // 413 / (40000 + 15000 + 2000) = 413 / 57000 = 0.72456140350…%: thumbnail impressions,
    // since the export has them. September 43 / 8000 = 0.5375%.
    assert_eq!(oct("engagement_rate_impressions"), "0.7245614035");
    assert_eq!(sep("engagement_rate_impressions"), "0.5375");
    // Subscribers gained per day from the second export's Totals.csv: 6 + 4 + 3 + 2 + 1;
    // September 0 + 1 + 0.
    assert_eq!(oct("followers_gained"), "16");
    assert_eq!(sep("followers_gained"), "1");
}

#[test]
fn the_total_row_agrees_with_the_videos_totals_csv_and_chart_data() {
    cross_check(
        &project_root().join("tests/fixtures/youtube/views"),
        Compare::Equal,
    );
}

#[test]
fn a_zip_export_is_read_in_place_and_ingesting_it_again_changes_nothing() {
    let dir = TestDir::from_fixture("youtube");
    let archive = "Content 2026-09-28_2026-10-05 Fixture Org.zip";
    std::fs::write(
        dir.path().join(archive),
        zip_folder(&dir.path().join("views")),
    )
    .unwrap();
    let (code, summary, log) = ingest(&dir, &[archive]);
    assert_eq!(code, Some(0), "{summary}\n{log}");
    let table = format!("{archive}!/Table data.csv");
    let totals = format!("{archive}!/Totals.csv");
    assert_eq!(
        summary_cells(&summary, &table),
        ["youtube_table", "5", "5", "0", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, &totals),
        ["youtube_totals", "8", "8", "0", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, &format!("{archive}!/Chart data.csv")),
        ["youtube_chart", "40", "40", "0", "0", "added"],
        "{summary}"
    );
    assert!(
        log.contains(&format!("{table}: line 2 is the channel's `Total` row")),
        "{log}"
    );
    // Each member is recorded under its own name and hash (of its own bytes).
    let m = manifest(&dir);
    let sha = |file: &str| {
        let bytes = std::fs::read(dir.path().join("views").join(file)).unwrap();
        Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(record(&m, &table)["sha256"], sha("Table data.csv"));
    assert_eq!(record(&m, &totals)["sha256"], sha("Totals.csv"));
    assert_eq!(record(&m, &table)["adapter"], "youtube_table");

    // Again, and the same files unpacked: nothing changes.
    let before = (
        dir.read("store/manifest.json"),
        tree(&dir.path().join("store")),
    );
    for paths in [
        vec![archive],
        vec![
            "views/Table data.csv",
            "views/Totals.csv",
            "views/Chart data.csv",
        ],
    ] {
        let (code, summary, _) = ingest(&dir, &paths);
        assert_eq!(code, Some(0), "{summary}");
        assert_eq!(summary.matches("already in store").count(), 3, "{summary}");
        assert!(!summary.contains("added"), "{summary}");
        let after = (
            dir.read("store/manifest.json"),
            tree(&dir.path().join("store")),
        );
        assert_eq!(before, after);
    }
}

#[test]
fn a_zip_slip_path_a_bomb_and_a_nested_zip_are_refused_by_name_while_other_inputs_land() {
    let dir = TestDir::from_fixture("youtube");
    let totals = std::fs::read(dir.path().join("views/Totals.csv")).unwrap();
    let subscribers = std::fs::read(dir.path().join("subscribers/Totals.csv")).unwrap();
    std::fs::write(
        dir.path().join("evil.zip"),
        zip_of(&[("Totals.csv", &totals), ("../evil.csv", b"Date,Views\n")]),
    )
    .unwrap();
    // 2 MiB of zeros deflate to about 2 KiB: about 1000:1.
    let zeros = vec![0u8; 2 * 1024 * 1024];
    std::fs::write(
        dir.path().join("bomb.zip"),
        zip_of(&[("Totals.csv", &totals), ("Table data.csv", &zeros)]),
    )
    .unwrap();
    let inner = zip_of(&[("Totals.csv", &totals)]);
    std::fs::write(
        dir.path().join("outer.zip"),
        zip_of(&[("inner.zip", &inner), ("Totals.csv", &subscribers)]),
    )
    .unwrap();
    let (code, summary, log) = ingest(
        &dir,
        &["bomb.zip", "evil.zip", "outer.zip", "views/Table data.csv"],
    );
    assert_eq!(code, Some(3), "{summary}\n{log}");
    for archive in ["bomb.zip", "evil.zip", "outer.zip!/inner.zip"] {
        assert_eq!(
            summary_cells(&summary, archive),
            ["(none)", "-", "-", "-", "-", "rejected"],
            "{summary}"
        );
    }
    assert!(
        summary.contains(
            "evil.zip: zip archive `evil.zip` refused: the member path `../evil.csv` climbs out \
             of the archive with `..`; an archive holding it is not read (zip slip)"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("bomb.zip: zip archive `bomb.zip` refused: the member `Table data.csv` would unpack 2.0 MiB from")
            && summary.contains("more than 200:1): a zip bomb or a damaged archive"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "outer.zip!/inner.zip: a zip archive inside the archive `outer.zip`: tolok does not \
             unpack archives within archives"
        ),
        "{summary}"
    );
    // Nothing of a refused archive is read; the other inputs land.
    assert!(
        !summary.contains("bomb.zip!/") && !summary.contains("evil.zip!/"),
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, "outer.zip!/Totals.csv"),
        ["youtube_totals_subscribers", "8", "8", "0", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, "views/Table data.csv"),
        ["youtube_table", "5", "5", "0", "0", "added"],
        "{summary}"
    );
    assert!(!dir.path().join("evil.csv").exists());
}

// ── Cross-checks, read with the csv crate alone (independently of tolok) ──────────────

/// How the video rows of `Table data.csv` compare with its `Total` row.
#[derive(Clone, Copy, PartialEq)]
enum Compare {
    /// Every video is listed: the rows add up to the total.
    Equal,
    /// The table leaves content out: the rows add up to no more than the total.
    AtMost,
}

/// A CSV file as header → column, and its rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Digits after the point of a number as written.
fn decimals(cell: &str) -> i32 {
    cell.split_once('.').map_or(0, |(_, f)| f.len() as i32)
}

/// Recomputes the channel's views (and watch time) from the video rows of `Table data.csv`
/// in `folder` and compares them with its `Total` row and, when the folder has them, with
/// `Totals.csv` (views per day) and `Chart data.csv` (views per day and video), within
/// the export's rounding (half a unit of each value's last digit).
fn cross_check(folder: &Path, compare: Compare) {
    let (header, rows) = read_csv(&folder.join("Table data.csv"));
    assert_eq!(rows[0][0], "Total", "{folder:?}");
    let (total, videos) = (&rows[0], &rows[1..]);
    let views = column(&header, "Views");
    let sum: i64 = videos
        .iter()
        .map(|r| r[views].parse::<i64>().unwrap())
        .sum();
    let stated: i64 = total[views].parse().unwrap();
    match compare {
        Compare::Equal => assert_eq!(sum, stated, "{folder:?}"),
        Compare::AtMost => assert!(sum <= stated, "{folder:?}: {sum} > {stated}"),
    }
    let hours = column(&header, "Watch time (hours)");
    let sum: f64 = videos
        .iter()
        .map(|r| r[hours].parse::<f64>().unwrap())
        .sum();
    let stated: f64 = total[hours].parse().unwrap();
    let slack = 0.5 * 10f64.powi(-decimals(&total[hours]))
        + videos
            .iter()
            .map(|r| 0.5 * 10f64.powi(-decimals(&r[hours])))
            .sum::<f64>();
    match compare {
        Compare::Equal => assert!(
            (sum - stated).abs() <= slack,
            "{folder:?}: {sum} vs {stated}"
        ),
        Compare::AtMost => assert!(sum <= stated + slack, "{folder:?}: {sum} vs {stated}"),
    }
    let totals = folder.join("Totals.csv");
    if totals.exists() {
        let (header, days) = read_csv(&totals);
        assert_eq!(header[1], "Views", "{totals:?}");
        let sum: i64 = days.iter().map(|d| d[1].parse::<i64>().unwrap()).sum();
        let stated: i64 = total[views].parse().unwrap();
        assert_eq!(
            sum, stated,
            "{totals:?}: the days add up to the `Total` row"
        );
    }
    let chart = folder.join("Chart data.csv");
    if chart.exists() {
        // Each charted video's days add up to its row of the table.
        let (header, days) = read_csv(&chart);
        let (id, n) = (column(&header, "Content"), column(&header, "Views"));
        let mut per_video = std::collections::BTreeMap::<String, i64>::new();
        for d in &days {
            *per_video.entry(d[id].trim().to_string()).or_default() += d[n].parse::<i64>().unwrap();
        }
        assert!(!per_video.is_empty());
        for (video, sum) in per_video {
            let row = videos.iter().find(|r| r[0].trim() == video).unwrap();
            assert_eq!(
                sum,
                row[views].parse::<i64>().unwrap(),
                "{chart:?}: {video}"
            );
        }
    }
}

// ── The real exports ───────────────────────────────────────────────────────────────────

fn youtube_exports() -> Option<std::path::PathBuf> {
    let dir = shared_data()?.join("exports/youtube");
    if dir.is_dir() {
        // Resolved, as tolok shows it (without `main/..`).
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!("skipped: ../shared/data/exports/youtube is not here");
        None
    }
}

/// (file, adapter, video or day rows: the data rows, less the `Total` row of a table)
const REAL: &[(&str, &str, u64)] = &[
    ("priyankapatel05/Table data.csv", "youtube_table", 442),
    ("priyankapatel05/Totals.csv", "youtube_totals", 365),
    // Five videos charted over 365 days.
    ("priyankapatel05/Chart data.csv", "youtube_chart", 1825),
    ("Layla-Damoyi/Table data.csv", "youtube_table", 6),
];

#[test]
fn the_real_youtube_exports_are_detected_read_whole_and_cross_checked() {
    let Some(exports) = youtube_exports() else {
        return;
    };
    let dir = TestDir::empty();
    let path = |f: &str| exports.join(f).display().to_string();
    for (file, adapter, _) in REAL {
        let (_, text) = detect(&dir, &[&path(file)]);
        assert_eq!(summary_cells(&text, &path(file))[0], *adapter, "{text}");
    }

    let files: Vec<String> = REAL.iter().map(|(f, _, _)| path(f)).collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, summary, log) = ingest(&dir, &files);
    assert_eq!(code, Some(0), "{summary}\n{log}");
    let m = manifest(&dir);
    for (file, adapter, rows) in REAL {
        let r = record(&m, &path(file));
        let n = |k: &str| r[k].as_u64().unwrap();
        assert_eq!(r["adapter"], *adapter);
        assert_eq!(n("rows_read"), *rows, "{r}");
        assert_eq!(
            n("rows_read"),
            n("stored") + n("quarantined") + n("duplicates"),
            "unexplained rows in {r}"
        );
        assert_eq!(n("quarantined"), 0, "{r}");
    }
    // priyankapatel05: the 442 videos hold 153,235 of the channel's 181,588 views (the
    // `Total` row), which Totals.csv's 365 days add up to exactly; the five charted videos'
    // days add up to their rows. Layla-Damoyi: every video is listed (25 views).
    cross_check(&exports.join("priyankapatel05"), Compare::AtMost);
    cross_check(&exports.join("Layla-Damoyi"), Compare::Equal);
    assert!(
        log.contains(
            "the videos add up to less, as when the table leaves some of the channel's content \
             out: Views 153235 in the rows, 181588 in the `Total` row"
        ),
        "{log}"
    );

    // The same export zipped as Studio delivers it (in the test's folder, not the repo).
    let zipped = dir.path().join("priyankapatel05.zip");
    std::fs::write(&zipped, zip_folder(&exports.join("priyankapatel05"))).unwrap();
    let fresh = TestDir::empty();
    let zipped = zipped.display().to_string();
    let (code, summary, log) = ingest(&fresh, &[&zipped]);
    assert_eq!(code, Some(0), "{summary}\n{log}");
    assert_eq!(
        summary_cells(&summary, &format!("{zipped}!/Chart data.csv")),
        ["youtube_chart", "1825", "1825", "0", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, &format!("{zipped}!/Table data.csv")),
        ["youtube_table", "442", "442", "0", "0", "added"],
        "{summary}"
    );
    assert_eq!(
        summary_cells(&summary, &format!("{zipped}!/Totals.csv")),
        ["youtube_totals", "365", "365", "0", "0", "added"],
        "{summary}"
    );
}
