//! TikTok Studio exports (Overview, Followers, Content) as CSV and as XLSX workbooks, on the
//! hand-written fixtures in tests/fixtures/tiktok and on the real files in
//! ../shared/data/exports/tiktok.
//!
//! Expected values, computed by hand from the fixtures (October 2026, Asia/Jakarta):
//!
//! Content.csv, posts (views, likes + comments + shares + favourites):
//!   …001 10/01 18:19   1000, 100 + 10 + 5 + 20 = 135
//!   …002 10/15 12:00   2000, 150 + 20 + 10 + -- = 180   (`--` favourites: saves null)
//!   …003 10/31 23:30    500,  40 +  0 + 2 +  3 =  45   (16:30 UTC, still October locally)
//!   …004 11/01 00:10    300   November locally (10/31 17:10 UTC): not in October
//!   …005 09/20 10:00    800,  60 +  6 + 4 +  8 =  78   September
//! Overview.csv and Followers.csv, per day (new followers; total followers):
//!   09/29 4; --   09/30 5; 990
//!   10/01 10; 1000   10/02 9; 1008   10/03 NAN in Overview, 0 in Followers; --
//!   10/04 1; 1006   10/05 14; 1020
use crate::util::{line_of, metric_rows, project_root, shared_data, value, TestDir};
use std::io::{Cursor, Write};

fn detect(dir: &TestDir, paths: &[&str]) -> String {
    let out = dir.tolok().arg("detect").args(paths).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn detect_names_each_tiktok_studio_export() {
    let dir = TestDir::from_fixture("tiktok");
    let text = detect(&dir, &["overview", "followers", "content"]);
    for (file, adapter) in [
        ("overview/Overview.csv", "tiktok_overview"),
        ("followers/Followers.csv", "tiktok_followers"),
        ("content/Content.csv", "tiktok_content"),
    ] {
        assert!(
            line_of(&text, file).contains(&format!("  {adapter}  ")),
            "{file}: expected {adapter}\n{text}"
        );
    }
}

#[test]
fn ingest_accounts_for_every_fixture_row() {
    let dir = TestDir::from_fixture("tiktok");
    let out = dir
        .tolok()
        .args([
            "ingest",
            "--store",
            "store",
            "overview",
            "followers",
            "content",
        ])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{summary}");
    for (file, adapter, read) in [
        ("overview/Overview.csv", "tiktok_overview", "7"),
        ("followers/Followers.csv", "tiktok_followers", "7"),
        // Five videos; one title spans two lines.
        ("content/Content.csv", "tiktok_content", "5"),
    ] {
        let cells: Vec<&str> = line_of(&summary, file).split_whitespace().collect();
        // file, adapter, read, stored, quarantined, duplicates, status: the Overview's and
        // the Followers' rows of one day fill different columns, so none is a duplicate.
        assert_eq!(
            &cells[1..7],
            [adapter, read, read, "0", "0", "added"],
            "{summary}"
        );
    }
}

#[test]
fn metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("tiktok");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "tiktok", "2026-10");
    let sep = |m: &str| value(&rows, m, "tiktok", "2026-09");
    // Posts …001, …002, …003.
    assert_eq!(oct("posts_published"), "3");
    assert_eq!(sep("posts_published"), "1");
    // 1000 + 2000 + 500.
    assert_eq!(oct("video_views"), "3500");
    assert_eq!(sep("video_views"), "800");
    // 135 + 180 + 45; September 78.
    assert_eq!(oct("interactions"), "360");
    assert_eq!(sep("interactions"), "78");
    // 20 + 3 (the `--` of …002 is no value, not 0).
    assert_eq!(oct("saves"), "23");
    // 360 / 3500 = 10.2857142857…%: views are TikTok's impressions as well.
    assert_eq!(oct("engagement_rate_impressions"), "10.2857142857");
    // New followers per day, merged over both exports: 10 + 9 + 0 + 1 + 14; 4 + 5.
    assert_eq!(oct("followers_gained"), "34");
    assert_eq!(sep("followers_gained"), "9");
    // Total followers on the last day that has one: 10/05, and 09/30.
    assert_eq!(oct("followers_end"), "1020");
    assert_eq!(sep("followers_end"), "990");
    // (1020 − 1000) / 1000 (10/01 is October's first day with a total).
    assert_eq!(oct("audience_growth_rate"), "2");
    // 360 / 1020 = 35.2941176470…%: posts and account days are the same account
    // (`fixture.org`, from the video links and from the inputs' `account`).
    assert_eq!(oct("engagement_rate_followers"), "35.2941176471");
    assert_eq!(value(&rows, "followers_end", "all", "2026-10"), "1020");
}

#[test]
fn a_content_row_without_a_usable_link_is_quarantined_with_the_reason() {
    let dir = TestDir::from_fixture("tiktok");
    let path = dir.path().join("content/Content.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nNo link,https://www.tiktok.com/,2026/10/02 10:00:00,9,1,0,0,0");
    std::fs::write(&path, text).unwrap();
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "content"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    let cells: Vec<&str> = line_of(&summary, "content/Content.csv")
        .split_whitespace()
        .collect();
    assert_eq!(
        &cells[1..6],
        ["tiktok_content", "6", "5", "1", "0"],
        "{summary}"
    );
    assert!(
        summary.contains("Video link: is not a link with a path"),
        "{summary}"
    );
}

// ── Workbooks ──────────────────────────────────────────────────────────────────────────

/// One cell of a hand-made sheet.
enum Cell {
    Text(String),
    Number(f64),
    /// An Excel serial date shown with the built-in date format 14.
    Date(f64),
}

fn text(t: &str) -> Cell {
    Cell::Text(t.to_string())
}

/// A minimal XLSX workbook (the parts Excel itself requires, inline strings, one style for
/// dates), each sheet from row 1, column A.
fn xlsx(sheets: &[(&str, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let ns = "http://schemas.openxmlformats.org";
    let (mut types, mut rels, mut list) = (String::new(), String::new(), String::new());
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        list.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
    }
    put(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{types}</Types>"#
        ),
    );
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    put(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
        ),
    );
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">{rels}<Relationship Id="rIdS" Type="{ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        ),
    );
    put(
        "xl/styles.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{ns}/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
        ),
    );
    for (i, (_, rows)) in sheets.iter().enumerate() {
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data.push_str(&format!(r#"<row r="{}">"#, r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                data.push_str(&match cell {
                    Cell::Text(t) => format!(
                        r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c>"#
                    ),
                    Cell::Number(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                    Cell::Date(n) => format!(r#"<c r="{at}" s="1"><v>{n}</v></c>"#),
                });
            }
            data.push_str("</row>");
        }
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        );
    }
    zip.finish().unwrap().into_inner()
}

/// The fixture's Overview.csv as a workbook sheet with typed cells: dates as real date
/// cells (serial 46296 is 2026-10-01), counts as numbers, `NAN` as text.
fn overview_sheet() -> Vec<Vec<Cell>> {
    let csv =
        std::fs::read_to_string(project_root().join("tests/fixtures/tiktok/overview/Overview.csv"))
            .unwrap();
    let csv = csv.trim_start_matches('\u{feff}');
    let first_day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    csv.lines()
        .enumerate()
        .map(|(i, line)| {
            line.split(',')
                .map(|cell| {
                    if i == 0 || cell == "NAN" {
                        text(cell)
                    } else if let Ok(d) = chrono::NaiveDate::parse_from_str(cell, "%Y/%m/%d") {
                        Cell::Date((d - first_day).num_days() as f64)
                    } else {
                        Cell::Number(cell.parse().unwrap())
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn an_overview_workbook_is_read_from_its_sheet() {
    let dir = TestDir::empty();
    let notes = vec![vec![text("Downloaded from TikTok Studio")]];
    std::fs::write(
        dir.path().join("Overview.xlsx"),
        xlsx(&[("Notes", notes), ("Overview", overview_sheet())]),
    )
    .unwrap();
    let text = detect(&dir, &["Overview.xlsx"]);
    let line = line_of(&text, "Overview.xlsx");
    assert!(
        line.contains("  tiktok_overview  ")
            && line.contains("(sheet `Overview` of an XLSX workbook)"),
        "{text}"
    );
    let root = project_root();
    std::fs::write(
        dir.path().join("pipeline.toml"),
        format!(
            "organisation = \"Fixture Org\"\nperiod = \"2026-10\"\nstore = \"store\"\n\
             output = \"reports\"\ncatalogue = {:?}\ntemplates = {:?}\n\
             objectives = [\"community\"]\nheadline = [\"followers_gained\"]\n\n\
             [[input]]\npath = \"Overview.xlsx\"\n",
            root.join("pipelines/catalogue").display().to_string(),
            root.join("report_templates").display().to_string()
        ),
    )
    .unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{log}");
    let cells: Vec<&str> = line_of(&log, "Overview.xlsx").split_whitespace().collect();
    assert_eq!(
        &cells[1..7],
        ["tiktok_overview", "7", "7", "0", "0", "added"],
        "{log}"
    );
    let rows = metric_rows(&dir, &[]);
    // New followers 10 + 9 + NAN + 1 + 14; September 4 + 5.
    assert_eq!(value(&rows, "followers_gained", "tiktok", "2026-10"), "34");
    assert_eq!(value(&rows, "followers_gained", "tiktok", "2026-09"), "9");
}

#[test]
fn a_workbook_no_adapter_fits_names_its_sheets_and_a_zip_is_not_a_workbook() {
    let dir = TestDir::empty();
    let sheets = [
        ("Notes", vec![vec![text("nothing")]]),
        (
            "Data",
            vec![
                vec![text("Date"), text("Video views")],
                vec![text("2026/10/01"), Cell::Number(5.0)],
            ],
        ),
    ];
    std::fs::write(dir.path().join("book.xlsx"), xlsx(&sheets)).unwrap();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("Overview.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"Date,Video views\n").unwrap();
    std::fs::write(
        dir.path().join("exports.zip"),
        zip.finish().unwrap().into_inner(),
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["detect", "book.xlsx", "exports.zip"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    let book = line_of(&text, "book.xlsx");
    assert!(
        book.contains("(none)")
            && book.contains("no adapter fits any sheet of this XLSX workbook: sheet `Data` looks like TikTok Studio overview export but the column(s) `Reached audience`, `Profile views` are missing")
            && book.contains("sheets seen: `Notes` (no header row); `Data` (2 columns starting `Date`, `Video views`)"),
        "{text}"
    );
    // A zip that is not a workbook is read in place (`ingest::archive`): each member is
    // detected under `<archive>!/<member>`.
    let archive = line_of(&text, "exports.zip!/Overview.csv");
    assert!(
        archive.contains("(none)")
            && archive.contains("looks like TikTok Studio overview export but the column(s) `Reached audience`, `Profile views` are missing"),
        "{text}"
    );
}

// ── The real exports ───────────────────────────────────────────────────────────────────

const STUDIO: &[(&str, &str)] = &[
    ("vsbperoto/TIKTOK_RAW.csv", "tiktok_overview"),
    ("vsbperoto/TIKTOK_AUDIENCE_RAW.csv", "tiktok_followers"),
    ("vsbperoto/TIKTOK_VIDEO_RAW.csv", "tiktok_content"),
];

const LEGACY: &[&str] = &[
    "BossZY27/Overview.csv",
    "BossZY27/Overview.xlsx",
    "francovelardez44/Overview.csv",
];

fn tiktok_exports() -> Option<std::path::PathBuf> {
    let dir = shared_data()?.join("exports/tiktok");
    if dir.is_dir() {
        // As the summary shows paths: without `..`.
        Some(dir.canonicalize().unwrap())
    } else {
        eprintln!("skipped: ../shared/data/exports/tiktok is not here");
        None
    }
}

/// Sums `column` over the rows of a real export whose `date_column` starts with `prefix`,
/// read with the csv crate alone (independently of tolok).
fn sum_where(file: &std::path::Path, date_column: &str, prefix: &str, column: &str) -> i64 {
    let text = std::fs::read_to_string(file).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h.trim() == name).unwrap();
    let (d, c) = (at(date_column), at(column));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[d].starts_with(prefix))
        .map(|r| r[c].parse::<i64>().unwrap_or(0))
        .sum()
}

#[test]
fn the_real_tiktok_exports_are_detected_read_whole_and_summed_as_the_files_say() {
    let Some(exports) = tiktok_exports() else {
        return;
    };
    let dir = TestDir::empty();
    let path = |f: &str| exports.join(f).display().to_string();
    for (file, adapter) in STUDIO {
        let text = detect(&dir, &[&path(file)]);
        assert!(text.contains(&format!("  {adapter}  ")), "{file}\n{text}");
    }
    for file in LEGACY {
        let text = detect(&dir, &[&path(file)]);
        assert!(
            text.contains("  tiktok_legacy_overview  "),
            "{file}\n{text}"
        );
    }
    assert!(detect(&dir, &[&path("BossZY27/Overview.xlsx")]).contains("sheet `Overview`"));

    let root = project_root();
    let inputs: String = STUDIO
        .iter()
        .map(|(f, _)| format!("[[input]]\npath = {:?}\n\n", path(f)))
        .collect();
    std::fs::write(
        dir.path().join("pipeline.toml"),
        format!(
            "organisation = \"Vintage\"\ntimezone = \"Europe/Sofia\"\nperiod = \"2025-11\"\n\
             store = \"store\"\noutput = \"reports\"\ncatalogue = {:?}\ntemplates = {:?}\n\
             objectives = [\"engagement\", \"community\"]\n\
             headline = [\"video_views\", \"followers_gained\"]\n\n{inputs}",
            root.join("pipelines/catalogue").display().to_string(),
            root.join("report_templates").display().to_string()
        ),
    )
    .unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let records = manifest["files"].as_array().unwrap();
    assert_eq!(records.len(), STUDIO.len());
    for r in records {
        let n = |k: &str| r[k].as_u64().unwrap();
        assert!(n("rows_read") > 0, "{r}");
        assert_eq!(
            n("rows_read"),
            n("stored") + n("quarantined") + n("duplicates"),
            "unexplained rows in {r}"
        );
        assert_eq!(n("quarantined"), 0, "{r}");
    }
    let rows = metric_rows(&dir, &[]);
    // November 2025, straight from the files: every video posted in November (Sofia
    // evenings, far from midnight) and every November day.
    let views = sum_where(
        &exports.join("vsbperoto/TIKTOK_VIDEO_RAW.csv"),
        "Post time",
        "2025/11/",
        "Video views",
    );
    assert_eq!(
        value(&rows, "video_views", "tiktok", "2025-11"),
        views.to_string()
    );
    let gained = sum_where(
        &exports.join("vsbperoto/TIKTOK_RAW.csv"),
        "Date",
        "2025/11/",
        "New followers",
    );
    assert_eq!(
        gained,
        sum_where(
            &exports.join("vsbperoto/TIKTOK_AUDIENCE_RAW.csv"),
            "Date",
            "2025/11/",
            "New followers"
        ),
        "the two exports agree"
    );
    assert_eq!(
        value(&rows, "followers_gained", "tiktok", "2025-11"),
        gained.to_string()
    );
    // `Total followers` is `--` on every day of this export: not available, never zero.
    assert!(
        value(&rows, "followers_end", "tiktok", "2025-11").starts_with("not available"),
        "{rows:?}"
    );
}

/// The legacy overviews, dated by the day they were downloaded (the files do not say it;
/// `2024-05-01` and `2025-04-01` are after the last day of each). English and Spanish month
/// names; the CSV and the XLSX of BossZY27 hold the same days, so the second is all
/// duplicates.
#[test]
fn the_real_legacy_tiktok_overviews_are_placed_in_the_year_of_their_download() {
    let Some(exports) = tiktok_exports() else {
        return;
    };
    let dir = TestDir::empty();
    let ingest = |snapshot: &str, files: &[&str]| {
        let out = dir
            .tolok()
            .args(["ingest", "--store", "store", "--snapshot-at", snapshot])
            .args(files.iter().map(|f| exports.join(f)))
            .output()
            .unwrap();
        let summary = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{summary}");
        summary
    };
    let boss = ingest("2024-05-01", &LEGACY[..2]);
    let franco = ingest("2025-04-01", &LEGACY[2..]);
    let cells = |summary: &str, file: &str| -> Vec<String> {
        let shown = exports.join(file).display().to_string();
        crate::util::summary_cells(summary, &shown)
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    // adapter, read, stored, quarantined, duplicates: nothing quarantined.
    let csv = cells(&boss, LEGACY[0]);
    let xlsx = cells(&boss, LEGACY[1]);
    assert_eq!(csv[0], "tiktok_legacy_overview");
    assert_eq!(csv[3], "0", "{boss}");
    assert_eq!(
        (xlsx[1].as_str(), xlsx[2].as_str(), xlsx[4].as_str()),
        (csv[1].as_str(), "0", csv[1].as_str()),
        "the workbook repeats the CSV's days\n{boss}"
    );
    assert_eq!(cells(&franco, LEGACY[2])[3], "0", "{franco}");
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let ranges: Vec<(String, String)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["stored"].as_u64() > Some(0))
        .map(|r| {
            (
                r["first"].as_str().unwrap().to_string(),
                r["last"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // BossZY27 starts on `April 12`, francovelardez44 on `8 de marzo`.
    assert_eq!(ranges.len(), 2, "{ranges:?}");
    assert!(ranges[0].0.starts_with("2024-04-12"), "{ranges:?}");
    assert!(ranges[1].0.starts_with("2025-03-08"), "{ranges:?}");
}
