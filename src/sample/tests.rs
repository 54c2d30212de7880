//! Tests of the written files, read back as a user's tools would read them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

const X_HEADER_LINE: &str = r#""Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views","media engagements","promoted impressions","promoted engagements","promoted engagement rate","promoted retweets","promoted replies","promoted likes","promoted user profile clicks","promoted url clicks","promoted hashtag clicks","promoted detail expands","promoted permalink clicks","promoted app opens","promoted app installs","promoted follows","promoted email tweet","promoted dial phone","promoted media views","promoted media engagements""#;
const FACEBOOK_HEADER_LINE: &str = r#"Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Link Clicks,Other Clicks,Matched Audience Targeting Consumption (Photo Click),Seconds viewed,Average Seconds viewed,Estimated earnings (USD),Ad impressions"#;
const INSTAGRAM_HEADER_LINE: &str = "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Comments,Saves,Follows";
const MENTIONS_HEADER_LINE: &str =
    "id,created_at,platform,author,author_followers,text,url,likes,reposts,replies";

/// The default sample, written once into a fresh temporary folder.
struct Written {
    _dir: tempfile::TempDir,
    root: PathBuf,
    paths: Vec<PathBuf>,
}

fn write_default() -> Written {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().to_path_buf();
    let paths = write_sample(&root, &SampleOptions::default()).expect("sample written");
    Written {
        _dir: dir,
        root,
        paths,
    }
}

impl Written {
    fn in_folder(&self, folder: &str) -> Vec<&PathBuf> {
        self.paths
            .iter()
            .filter(|path| path.parent() == Some(&self.root.join(folder)))
            .collect()
    }
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("readable sample file")
}

/// All records, header included, after stripping a BOM if there is one.
fn records(path: &Path) -> Vec<csv::StringRecord> {
    let raw = bytes(path);
    let body = raw.strip_prefix(UTF8_BOM).unwrap_or(&raw);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|record| record.expect("valid CSV"))
        .collect()
}

/// Rows as maps from header name to value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let records = records(path);
    let header = &records[0];
    records[1..]
        .iter()
        .map(|record| {
            header
                .iter()
                .zip(record.iter())
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect()
        })
        .collect()
}

fn first_line(path: &Path) -> String {
    let raw = bytes(path);
    let body = raw.strip_prefix(UTF8_BOM).unwrap_or(&raw);
    let text = std::str::from_utf8(body).expect("UTF-8");
    text.lines().next().expect("header line").to_string()
}

fn number(row: &BTreeMap<String, String>, column: &str) -> u64 {
    let value = &row[column];
    let integer = value.strip_suffix(".0").unwrap_or(value);
    integer
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {value:?} is not a count"))
}

fn optional_number(row: &BTreeMap<String, String>, column: &str) -> u64 {
    if row[column].is_empty() {
        0
    } else {
        number(row, column)
    }
}

/// Re-encodes parsed records with `style`; equal to the file iff the file used that style.
fn reencoded(path: &Path, style: csv::QuoteStyle, bom: bool) -> Vec<u8> {
    let mut buffer = if bom { UTF8_BOM.to_vec() } else { Vec::new() };
    {
        let mut writer = csv::WriterBuilder::new()
            .quote_style(style)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut buffer);
        for record in records(path) {
            writer.write_record(&record).unwrap();
        }
    }
    buffer
}

#[test]
fn same_options_give_identical_bytes() {
    let first = write_default();
    let second = write_default();
    let relative = |written: &Written| -> Vec<PathBuf> {
        written
            .paths
            .iter()
            .map(|path| path.strip_prefix(&written.root).unwrap().to_path_buf())
            .collect()
    };
    assert_eq!(relative(&first), relative(&second));
    for (a, b) in first.paths.iter().zip(&second.paths) {
        assert!(bytes(a) == bytes(b), "{} differs between runs", a.display());
    }
}

#[test]
fn a_different_seed_gives_different_data() {
    let dir = tempfile::tempdir().unwrap();
    let options = SampleOptions {
        seed: 7,
        months: 1,
        ..SampleOptions::default()
    };
    let other = write_sample(dir.path(), &options).unwrap();
    let default = write_default();
    let x = |paths: &[PathBuf]| bytes(paths.iter().find(|p| is_in(p, "x")).unwrap());
    assert_ne!(x(&other), x(&default.paths));
}

/// Whether `path` sits directly in the sample's `folder` (`x`, `facebook`, …).
fn is_in(path: &Path, folder: &str) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == folder)
}

#[test]
fn file_names_follow_each_platform() {
    let written = write_default();
    // Per month: 4 post exports, 6 daily series, 3 TikTok, 2 YouTube, 3 LinkedIn workbooks,
    // 4 outcome files and the care inbox.
    assert_eq!(written.paths.len(), 3 * (4 + 6 + 3 + 2 + 3 + 4 + 1));
    let names = |folder: &str| -> Vec<String> {
        written
            .in_folder(folder)
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names("x"),
        [
            "tweet_activity_metrics_AmanahZakatID_20260801_20260901_en.csv",
            "tweet_activity_metrics_AmanahZakatID_20260901_20261001_en.csv",
            "tweet_activity_metrics_AmanahZakatID_20261001_20261101_en.csv",
        ]
    );
    assert_eq!(
        names("mentions"),
        [
            "mentions_2026-08.csv",
            "mentions_2026-09.csv",
            "mentions_2026-10.csv"
        ]
    );
    for folder in ["facebook", "instagram"] {
        let mut ranges: Vec<String> = names(folder)
            .iter()
            .map(|name| {
                let (range, id) = name.rsplit_once('_').unwrap();
                let id = id.strip_suffix(".csv").unwrap();
                assert_eq!(id.len(), 16, "{name}");
                assert!(id.bytes().all(|b| b.is_ascii_digit()), "{name}");
                range.to_string()
            })
            .collect();
        ranges.sort();
        assert_eq!(
            ranges,
            [
                "Aug-01-2026_Aug-31-2026",
                "Oct-01-2026_Oct-31-2026",
                "Sep-01-2026_Sep-30-2026"
            ]
        );
    }
    for month in ["2026-08", "2026-09", "2026-10"] {
        assert_eq!(
            names(&format!("meta_daily/{month}/facebook")),
            ["Follows.csv", "Reach.csv", "Visits.csv"]
        );
        assert_eq!(
            names(&format!("meta_daily/{month}/instagram")),
            ["Follows (1).csv", "Reach (1).csv", "Visits (1).csv"]
        );
    }
    assert!(written.paths.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn headers_are_verbatim() {
    let written = write_default();
    for (folder, header) in [
        ("x", X_HEADER_LINE),
        ("facebook", FACEBOOK_HEADER_LINE),
        ("instagram", INSTAGRAM_HEADER_LINE),
        ("mentions", MENTIONS_HEADER_LINE),
    ] {
        for path in written.in_folder(folder) {
            assert_eq!(first_line(path), header, "{}", path.display());
        }
    }
}

/// Whether `path` is a workbook (LinkedIn's exports), not delimited text.
fn is_workbook(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "xlsx")
}

/// Whether `path` is one of the Meta daily series (`meta_daily/<yyyy-mm>/<platform>/…`).
fn is_daily(written: &Written, path: &Path) -> bool {
    path.starts_with(written.root.join("meta_daily"))
}

#[test]
fn only_meta_exports_start_with_a_bom() {
    let written = write_default();
    for path in written.paths.iter().filter(|p| !is_workbook(p)) {
        let raw = bytes(path);
        if is_daily(&written, path) {
            assert!(raw.starts_with(b"\xFF\xFE"), "{}", path.display());
            assert!(
                !utf16_text(path).contains('\r'),
                "{} has CR",
                path.display()
            );
            continue;
        }
        let has_bom = raw.starts_with(UTF8_BOM);
        let is_meta = is_in(path, "facebook") || is_in(path, "instagram");
        let is_tiktok = path.starts_with(written.root.join("tiktok"));
        assert_eq!(has_bom, is_meta || is_tiktok, "{}", path.display());
        assert!(!raw.contains(&b'\r'), "{} has CR", path.display());
    }
}

#[test]
fn quoting_matches_each_dialect() {
    let written = write_default();
    for path in written.paths.iter().filter(|p| !is_workbook(p)) {
        if is_daily(&written, path) {
            // Every field quoted, nothing to escape: `"…","…"` after the metric line.
            for line in utf16_text(path).lines().skip(1).filter(|l| !l.is_empty()) {
                let inner = line
                    .strip_prefix('"')
                    .and_then(|l| l.strip_suffix('"'))
                    .unwrap_or_else(|| panic!("{}: unquoted `{line}`", path.display()));
                assert!(
                    inner.split("\",\"").all(|cell| !cell.contains('"')),
                    "{}: `{line}`",
                    path.display()
                );
            }
            continue;
        }
        if is_ga4(path) {
            // Comment lines above the header: checked in `ga4_files_have_the_comment_block`.
            continue;
        }
        let expected = if is_in(path, "x") {
            reencoded(path, csv::QuoteStyle::Always, false)
        } else {
            let bom = !is_in(path, "mentions")
                && !path.starts_with(written.root.join("youtube"))
                && !is_in(path, "outcomes")
                && !is_in(path, "care");
            reencoded(path, csv::QuoteStyle::Necessary, bom)
        };
        assert!(bytes(path) == expected, "{} quoting", path.display());
    }
}

#[test]
fn x_engagements_add_up_and_rate_is_the_exact_fraction() {
    const PARTS: [&str; 14] = [
        "retweets",
        "replies",
        "likes",
        "user profile clicks",
        "url clicks",
        "hashtag clicks",
        "detail expands",
        "permalink clicks",
        "app opens",
        "app installs",
        "follows",
        "email tweet",
        "dial phone",
        "media engagements",
    ];
    let written = write_default();
    for path in written.in_folder("x") {
        let rows = rows(path);
        assert!((25..=45).contains(&rows.len()));
        let mut promoted = 0;
        for row in &rows {
            for prefix in ["", "promoted "] {
                if row[&format!("{prefix}impressions")] == "-" {
                    continue;
                }
                let column = |name: &str| format!("{prefix}{name}");
                let engagements = number(row, &column("engagements"));
                let impressions = number(row, &column("impressions"));
                let sum: u64 = PARTS.iter().map(|part| number(row, &column(part))).sum();
                assert_eq!(engagements, sum);
                assert_eq!(
                    row[&column("engagement rate")],
                    (engagements as f64 / impressions as f64).to_string()
                );
                assert!(engagements < impressions);
            }
            let promoted_cells = row.keys().filter(|name| name.starts_with("promoted "));
            let dashes = promoted_cells
                .clone()
                .filter(|name| row[*name] == "-")
                .count();
            assert!(dashes == 0 || dashes == promoted_cells.count());
            if dashes == 0 {
                promoted += 1;
            }
            assert!(row["impressions"].ends_with(".0"));
            assert!(!row["media views"].contains('.'));
            assert_eq!(row["Tweet id"].len(), 19);
            assert_eq!(
                row["Tweet permalink"],
                format!(
                    "https://twitter.com/AmanahZakatID/status/{}",
                    row["Tweet id"]
                )
            );
        }
        assert!((1..=2).contains(&promoted), "{promoted} promoted tweets");
        let ids: Vec<u64> = rows.iter().map(|row| number(row, "Tweet id")).collect();
        assert!(ids.windows(2).all(|pair| pair[0] > pair[1]), "newest first");
    }
}

#[test]
fn x_texts_keep_newlines_and_entities() {
    let written = write_default();
    let texts: Vec<String> = written
        .in_folder("x")
        .iter()
        .flat_map(|path| rows(path))
        .map(|row| row["Tweet text"].clone())
        .collect();
    assert!(texts.iter().any(|text| text.contains('\n')));
    assert!(texts.iter().any(|text| text.contains("&amp;")));
    assert!(texts
        .iter()
        .all(|text| !text.replace("&amp;", "").contains('&')));
    assert!(texts.iter().all(|text| text.chars().count() <= 280));
}

#[test]
fn facebook_totals_add_up() {
    let written = write_default();
    for path in written.in_folder("facebook") {
        let rows = rows(path);
        assert!((25..=45).contains(&rows.len()));
        let boosted = rows
            .iter()
            .filter(|row| row["Funded content status"] == "Boosted")
            .count();
        assert_eq!(boosted, 1);
        for row in &rows {
            let interactions = ["Reactions", "Comments", "Shares"]
                .iter()
                .map(|column| number(row, column))
                .sum::<u64>();
            assert_eq!(number(row, "Reactions, Comments and Shares"), interactions);
            let clicks = number(row, "Link Clicks")
                + number(row, "Other Clicks")
                + optional_number(row, "Matched Audience Targeting Consumption (Photo Click)");
            assert_eq!(number(row, "Total clicks"), clicks);
            assert!(number(row, "Views") >= number(row, "Reach"));
            assert!(interactions < number(row, "Reach"));
            assert_eq!(row["Date"], "Lifetime");
            assert_eq!(row["Caption type"], "N/A");
            let is_video = matches!(row["Post type"].as_str(), "Reels" | "Videos");
            assert_eq!(!row["Duration (sec)"].is_empty(), is_video);
            assert_eq!(!row["Seconds viewed"].is_empty(), is_video);
            let permalink = &row["Permalink"];
            if row["Post type"] == "Reels" {
                assert!(permalink.starts_with("https://www.facebook.com/reel/"));
            } else {
                let expected = format!(
                    "https://www.facebook.com/{}/posts/{}",
                    row["Page ID"], row["Post ID"]
                );
                assert_eq!(permalink, &expected);
            }
            assert_eq!(row["Page ID"].len(), 15);
            assert!((15..=16).contains(&row["Post ID"].len()));
        }
    }
}

#[test]
fn instagram_rows_are_consistent() {
    let written = write_default();
    for path in written.in_folder("instagram") {
        let rows = rows(path);
        assert!((25..=45).contains(&rows.len()));
        for row in &rows {
            assert!(number(row, "Views") >= number(row, "Reach"));
            assert!(number(row, "Likes") < number(row, "Reach"));
            assert_eq!(row["Account username"], "amanahzakat.id");
            assert_eq!(row["Date"], "Lifetime");
            let is_reel = row["Post type"] == "IG reel";
            assert!(["IG image", "IG reel", "IG carousel"].contains(&row["Post type"].as_str()));
            assert_eq!(!row["Duration (sec)"].is_empty(), is_reel);
            let prefix = if is_reel {
                "https://www.instagram.com/reel/"
            } else {
                "https://www.instagram.com/p/"
            };
            let code = row["Permalink"]
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix('/'))
                .expect("permalink shape");
            assert_eq!(code.len(), 11);
        }
        assert!(rows.iter().any(|row| row["Follows"].is_empty()));
    }
}

#[test]
fn mentions_have_volume_seasonality_and_a_final_negative_spike() {
    let written = write_default();
    let months = written.in_folder("mentions");
    for (index, path) in months.iter().enumerate() {
        let rows = rows(path);
        assert!((300..=600).contains(&rows.len()), "{} mentions", rows.len());
        let month_prefix = &path.file_stem().unwrap().to_string_lossy()["mentions_".len()..];
        assert!(rows
            .iter()
            .all(|row| row["created_at"].starts_with(month_prefix)));
        assert!(rows
            .windows(2)
            .all(|pair| pair[0]["created_at"] <= pair[1]["created_at"]));
        let naming_org = rows
            .iter()
            .filter(|row| {
                mentions::ORG_MARKERS
                    .iter()
                    .any(|m| row["text"].contains(m))
            })
            .count() as f64
            / rows.len() as f64;
        assert!((0.6..=0.8).contains(&naming_org), "{naming_org}");

        let negative_by_day = negatives_by_day(&rows);
        let peak = negative_by_day.values().copied().max().unwrap_or(0);
        let is_last = index == months.len() - 1;
        assert_eq!(
            peak >= 12,
            is_last,
            "peak of {peak} negative mentions a day"
        );
    }
}

fn negatives_by_day(rows: &[BTreeMap<String, String>]) -> BTreeMap<String, usize> {
    const NEGATIVE_WORDS: [&str; 6] = ["palsu", "fake", "WASPADA", "lambat", "Slow", "belum"];
    let mut by_day = BTreeMap::new();
    for row in rows {
        if NEGATIVE_WORDS.iter().any(|word| row["text"].contains(word)) {
            *by_day
                .entry(row["created_at"][..10].to_string())
                .or_insert(0) += 1;
        }
    }
    by_day
}

/// A daily series decoded from UTF-16 LE (after its BOM).
fn utf16_text(path: &Path) -> String {
    let raw = bytes(path);
    let body = raw.strip_prefix(b"\xFF\xFE").expect("UTF-16 LE BOM");
    assert_eq!(body.len() % 2, 0, "{}: odd byte count", path.display());
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).expect("valid UTF-16")
}

/// One month's daily series of one platform: metric line → (date, value) per row.
fn daily_series(
    written: &Written,
    month: &str,
    platform: &str,
) -> BTreeMap<String, Vec<(String, u64)>> {
    written
        .in_folder(&format!("meta_daily/{month}/{platform}"))
        .iter()
        .map(|path| {
            let text = utf16_text(path);
            let lines: Vec<&str> = text.split('\n').collect();
            let metric = lines[1].trim_matches('"').to_string();
            let rows = lines[3..]
                .iter()
                .take_while(|line| !line.is_empty())
                .map(|line| {
                    let (date, value) = line.split_once(',').expect("two fields");
                    let value = value.trim_matches('"').parse().expect("integer value");
                    (date.trim_matches('"').to_string(), value)
                })
                .collect();
            (metric, rows)
        })
        .collect()
}

#[test]
fn daily_series_have_the_exact_layout() {
    let written = write_default();
    let mut hours = BTreeMap::new();
    for (month, days) in [("2026-08", 31), ("2026-09", 30), ("2026-10", 31)] {
        for (platform, metrics) in [
            (
                "facebook",
                ["Facebook follows", "Facebook reach", "Facebook visits"],
            ),
            (
                "instagram",
                ["Instagram follows", "Reach", "Instagram profile visits"],
            ),
        ] {
            for path in written.in_folder(&format!("meta_daily/{month}/{platform}")) {
                let text = utf16_text(path);
                let lines: Vec<&str> = text.split('\n').collect();
                assert_eq!(lines[0], "sep=,", "{}", path.display());
                let metric = lines[1]
                    .strip_prefix('"')
                    .and_then(|l| l.strip_suffix('"'))
                    .expect("quoted metric line");
                let file_name = path.file_name().unwrap().to_string_lossy();
                let expected = metrics[["Follows", "Reach", "Visits"]
                    .iter()
                    .position(|m| file_name.starts_with(m))
                    .unwrap()];
                assert_eq!(metric, expected, "{}", path.display());
                assert_eq!(lines[2], r#""Date","Primary""#);
                // One row per day, then one empty line: the text ends in "\n\n".
                assert_eq!(lines.len(), 3 + days + 2, "{}", path.display());
                assert_eq!(&lines[3 + days..], ["", ""], "{}", path.display());
                for (day, line) in lines[3..3 + days].iter().enumerate() {
                    let prefix = format!("\"{month}-{:02}T", day + 1);
                    assert!(line.starts_with(&prefix), "{}: {line}", path.display());
                    let hour = &line[prefix.len()..prefix.len() + 8];
                    *hours.entry(hour.to_string()).or_insert(0) += 1;
                    let value = line.split_once(",").unwrap().1;
                    let digits = value.trim_matches('"');
                    assert!(
                        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
                        "{}: {line}",
                        path.display()
                    );
                }
            }
        }
    }
    // Mostly one o'clock, sometimes midnight, nothing else.
    assert_eq!(hours.len(), 2, "{hours:?}");
    assert!(hours["01:00:00"] > 2 * hours["00:00:00"], "{hours:?}");
}

#[test]
fn daily_series_are_read_by_the_meta_daily_adapter() {
    use crate::normalise::adapters::{builtin, InputFacts};
    let written = write_default();
    let adapters = builtin();
    for path in written.paths.iter().filter(|p| is_daily(&written, p)) {
        let folder = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let crate::ingest::Detection::Adapter { adapter, raw, .. } =
            crate::ingest::detect(&bytes(path), &adapters, None)
        else {
            panic!("{} not recognised", path.display());
        };
        assert_eq!(adapter.id, "meta_daily_series", "{}", path.display());
        // `Reach` needs the input to say the platform; the others name theirs.
        let facts = InputFacts {
            platform: Some(folder.to_string()),
            account: None,
        };
        let for_file = adapter.for_file(&raw, &facts).expect("known metric line");
        let platform = match for_file.platform {
            crate::normalise::adapters::PlatformRule::Fixed(platform) => platform,
            other => panic!("{other:?}"),
        };
        assert_eq!(platform, folder, "{}", path.display());
    }
}

/// Reads a Meta content export of `folder` for `month` (`Aug`, …) as rows.
fn content_rows(written: &Written, folder: &str, month: &str) -> Vec<BTreeMap<String, String>> {
    let path = written
        .in_folder(folder)
        .into_iter()
        .find(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(month)
        })
        .expect("content export of the month");
    rows(path)
}

#[test]
fn daily_series_follow_the_posts() {
    let written = write_default();
    for (month, short) in [("2026-08", "Aug"), ("2026-09", "Sep"), ("2026-10", "Oct")] {
        for (platform, reach_metric, follows_metric) in [
            ("facebook", "Facebook reach", "Facebook follows"),
            ("instagram", "Reach", "Instagram follows"),
        ] {
            let series = daily_series(&written, month, platform);
            let posts = content_rows(&written, platform, short);
            let values = |metric: &str| -> Vec<u64> {
                series[metric].iter().map(|(_, value)| *value).collect()
            };
            let reach = values(reach_metric);
            let follows = values(follows_metric);

            // The month's reach is in the ballpark of what its posts reached.
            let post_reach: u64 = posts.iter().map(|row| number(row, "Reach")).sum();
            let daily_reach: u64 = reach.iter().sum();
            let ratio = daily_reach as f64 / post_reach as f64;
            assert!((0.6..=1.4).contains(&ratio), "{platform} {month}: {ratio}");

            // The best post's publish day or the day after is among the month's top reach days.
            let best = posts.iter().max_by_key(|row| number(row, "Reach")).unwrap();
            let day: usize = best["Publish time"][3..5].parse().unwrap();
            let peak = reach[day - 1].max(*reach.get(day).unwrap_or(&0));
            let mut sorted = reach.clone();
            sorted.sort_unstable();
            assert!(peak >= sorted[sorted.len() - 3], "{platform} {month}");

            // Follows: a handful a day, and a jump on the viral post's days.
            let median = sorted_median(&follows);
            assert!((2..=25).contains(&median), "{platform} {month}: {median}");
            let jump = follows[day - 1].max(*follows.get(day).unwrap_or(&0));
            assert!(jump >= 2 * median, "{platform} {month}: {jump} vs {median}");
            if platform == "instagram" {
                let credited: u64 = posts
                    .iter()
                    .map(|row| optional_number(row, "Follows"))
                    .sum();
                assert!(follows.iter().sum::<u64>() > credited);
            }

            // Visits are a small share of reach, every day.
            let visits_metric = series
                .keys()
                .find(|metric| metric.contains("isits"))
                .unwrap();
            for (visits, reach) in values(visits_metric).iter().zip(&reach) {
                assert!(visits < reach, "{platform} {month}");
            }
        }
    }
}

fn sorted_median(values: &[u64]) -> u64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted[sorted.len() / 2]
}

#[test]
fn months_outside_the_supported_range_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    for (first_month, months) in [((2019, 1), 1), ((2099, 12), 2)] {
        let options = SampleOptions {
            first_month,
            months,
            ..SampleOptions::default()
        };
        assert!(matches!(
            write_sample(dir.path(), &options),
            Err(SampleError::InvalidOptions(_))
        ));
    }
}

#[test]
fn invalid_options_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    for options in [
        SampleOptions {
            first_month: (2026, 13),
            ..SampleOptions::default()
        },
        SampleOptions {
            months: 0,
            ..SampleOptions::default()
        },
    ] {
        assert!(matches!(
            write_sample(dir.path(), &options),
            Err(SampleError::InvalidOptions(_))
        ));
    }
}

const TIKTOK_OVERVIEW_HEADER_LINE: &str = "Date,Video views,Reached audience,Profile views,Likes,Shares,Comments,Phone number clicks ,Leads submission,Net growth,New followers,Lost followers";
const TIKTOK_CONTENT_HEADER_LINE: &str =
    "Video title,Video link,Post time,Video views,Likes,Comments,Shares,Add to Favorites";
const TIKTOK_FOLLOWERS_HEADER_LINE: &str =
    "Date,New followers,Total followers,Reached audience,Engaged audience";
const YOUTUBE_TABLE_HEADER_LINE: &str = "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Subscribers gained,Likes,Comments added,Shares,Impressions,Impressions click-through rate (%),Average view duration";
const MONTHS: [&str; 3] = ["2026-08", "2026-09", "2026-10"];

fn is_ga4(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with("ga4_"))
}

fn file(written: &Written, relative: &str) -> PathBuf {
    let path = written.root.join(relative);
    assert!(written.paths.contains(&path), "{relative} not written");
    path
}

#[test]
fn tiktok_youtube_and_outcome_files_have_the_exact_headers_and_encodings() {
    let written = write_default();
    for month in MONTHS {
        for (name, header) in [
            ("Overview.csv", TIKTOK_OVERVIEW_HEADER_LINE),
            ("Content.csv", TIKTOK_CONTENT_HEADER_LINE),
            ("Followers.csv", TIKTOK_FOLLOWERS_HEADER_LINE),
        ] {
            let path = file(&written, &format!("tiktok/{month}/{name}"));
            let raw = bytes(&path);
            assert!(raw.starts_with(UTF8_BOM), "{}", path.display());
            assert_eq!(first_line(&path), header, "{}", path.display());
        }
        for (relative, header) in [
            (
                format!("youtube/{month}/Table data.csv"),
                YOUTUBE_TABLE_HEADER_LINE,
            ),
            (format!("youtube/{month}/Totals.csv"), "Date,Views"),
            (
                format!("outcomes/donations_{month}.csv"),
                "Date,Campaign,Amount (IDR),Donations",
            ),
            (
                format!("outcomes/ads_{month}.csv"),
                "Day,Campaign name,Amount spent (IDR),Results",
            ),
            (
                format!("outcomes/applications_{month}.csv"),
                "Date,Opening,Applications",
            ),
        ] {
            let path = file(&written, &relative);
            assert!(!bytes(&path).starts_with(UTF8_BOM), "{relative}");
            assert_eq!(first_line(&path), header, "{relative}");
        }
        let ga4 = file(&written, &format!("outcomes/ga4_{month}.csv"));
        assert!(first_line(&ga4).starts_with("# ---"));
    }
}

#[test]
fn ga4_files_have_the_comment_block() {
    let written = write_default();
    let text = String::from_utf8(bytes(&file(&written, "outcomes/ga4_2026-10.csv"))).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[..10].iter().all(|line| line.starts_with('#')));
    assert!(lines.contains(&"# Start date: 20261001"));
    assert!(lines.contains(&"# End date: 20261031"));
    assert_eq!(lines[10], "Date,Sessions,Engaged sessions,Key events");
    assert_eq!(lines.len(), 11 + 31);
    assert_eq!(lines[11].split(',').next(), Some("20261001"));
    for line in &lines[11..] {
        let cells: Vec<u64> = line.split(',').map(|c| c.parse().unwrap()).collect();
        assert!(cells[2] <= cells[1] && cells[3] <= cells[1], "{line}");
    }
}

#[test]
fn tiktok_links_and_post_times_are_in_studio_form() {
    let written = write_default();
    for month in MONTHS {
        let rows = rows(&file(&written, &format!("tiktok/{month}/Content.csv")));
        assert!(rows.len() >= 10);
        for row in &rows {
            let id = row["Video link"]
                .strip_prefix("https://www.tiktok.com/@amanahzakat.id/video/")
                .unwrap_or_else(|| panic!("{}", row["Video link"]));
            assert_eq!(id.len(), 19);
            assert!(id.bytes().all(|b| b.is_ascii_digit()));
            let time =
                chrono::NaiveDateTime::parse_from_str(&row["Post time"], "%Y/%m/%d %H:%M:%S")
                    .unwrap();
            assert_eq!(time.format("%Y-%m").to_string(), month);
        }
        let overview = rows_of(&written, &format!("tiktok/{month}/Overview.csv"));
        for row in &overview {
            assert_eq!(row["Phone number clicks "], "--");
            let net: i64 = row["Net growth"].parse().unwrap();
            assert_eq!(
                net,
                number(row, "New followers") as i64 - number(row, "Lost followers") as i64
            );
            assert!(number(row, "Reached audience") <= number(row, "Video views"));
        }
    }
}

fn rows_of(written: &Written, relative: &str) -> Vec<BTreeMap<String, String>> {
    rows(&file(written, relative))
}

#[test]
fn tiktok_follower_totals_carry_over_new_minus_lost() {
    let written = write_default();
    let mut previous_total: Option<i64> = None;
    for month in MONTHS {
        let overview = rows_of(&written, &format!("tiktok/{month}/Overview.csv"));
        let followers = rows_of(&written, &format!("tiktok/{month}/Followers.csv"));
        assert_eq!(overview.len(), followers.len());
        for (day, follow) in overview.iter().zip(&followers) {
            assert_eq!(
                day["Date"].replace('/', "-")[..7],
                *month,
                "{}",
                day["Date"]
            );
            assert_eq!(day["Date"], follow["Date"]);
            assert_eq!(day["New followers"], follow["New followers"]);
            assert_eq!(day["Reached audience"], follow["Reached audience"]);
            let total: i64 = follow["Total followers"].parse().unwrap();
            let net: i64 = day["Net growth"].parse().unwrap();
            if let Some(previous) = previous_total {
                assert_eq!(total, previous + net, "{month} {}", day["Date"]);
            }
            previous_total = Some(total);
        }
    }
}

#[test]
fn youtube_total_row_is_the_sum_of_the_videos_and_of_the_days() {
    let written = write_default();
    for month in MONTHS {
        let table = rows_of(&written, &format!("youtube/{month}/Table data.csv"));
        let (total, videos) = table.split_first().unwrap();
        assert_eq!(total["Content"], "Total");
        assert!(videos.len() >= 5, "{month}");
        for column in [
            "Views",
            "Subscribers gained",
            "Likes",
            "Comments added",
            "Shares",
            "Impressions",
        ] {
            let sum: u64 = videos.iter().map(|row| number(row, column)).sum();
            assert_eq!(number(total, column), sum, "{month} {column}");
        }
        let net: i64 = videos
            .iter()
            .map(|row| row["Subscribers"].parse::<i64>().unwrap())
            .sum();
        assert_eq!(total["Subscribers"].parse::<i64>().unwrap(), net);
        // Watch time in ten-thousandths of an hour, summed exactly.
        let units = |value: &str| -> u64 {
            let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
            whole.parse::<u64>().unwrap() * 10_000
                + format!("{fraction:0<4}").parse::<u64>().unwrap()
        };
        let watch: u64 = videos
            .iter()
            .map(|row| units(&row["Watch time (hours)"]))
            .sum();
        assert_eq!(units(&total["Watch time (hours)"]), watch, "{month}");
        let last_day = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
            .unwrap()
            + chrono::Months::new(1);
        for video in videos {
            let published =
                chrono::NaiveDate::parse_from_str(&video["Video publish time"], "%b %d, %Y")
                    .unwrap();
            assert!(published < last_day, "{}", video["Video publish time"]);
            assert_eq!(video["Content"].len(), 11);
            assert!(number(video, "Views") > 0);
        }
        let days = rows_of(&written, &format!("youtube/{month}/Totals.csv"));
        let daily: u64 = days.iter().map(|row| number(row, "Views")).sum();
        assert_eq!(daily, number(total, "Views"), "{month}");
        assert_eq!(days[0]["Date"], format!("{month}-01"));
    }
}

#[test]
fn donations_are_rupiah_and_peak_on_fridays() {
    let written = write_default();
    let rows = rows_of(&written, "outcomes/donations_2026-10.csv");
    let mut gifts_by_weekday = [0u64; 7];
    for row in &rows {
        assert!(
            ["Zakat Maal", "Infaq Pendidikan", "Sedekah Jumat"].contains(&row["Campaign"].as_str())
        );
        let amount = number(row, "Amount (IDR)");
        let gifts = number(row, "Donations");
        assert!(gifts > 0 && amount >= 1_000 * gifts, "{row:?}");
        let date = chrono::NaiveDate::parse_from_str(&row["Date"], "%Y-%m-%d").unwrap();
        gifts_by_weekday[chrono::Datelike::weekday(&date).num_days_from_monday() as usize] += gifts;
    }
    let friday = gifts_by_weekday[4];
    assert!(gifts_by_weekday.iter().all(|&gifts| gifts <= friday));
    let ads = rows_of(&written, "outcomes/ads_2026-10.csv");
    assert_eq!(ads.len(), 3 * 31);
    assert!(ads.iter().all(|row| number(row, "Results") > 0));
}

#[test]
fn linkedin_workbooks_read_whole_with_the_linkedin_adapters() {
    let written = write_default();
    let workbooks: Vec<&PathBuf> = written.paths.iter().filter(|p| is_workbook(p)).collect();
    assert_eq!(workbooks.len(), 9);
    let adapters = crate::normalise::adapters::builtin();
    let mut read = std::collections::BTreeMap::new();
    for path in workbooks {
        let bytes = bytes(path);
        let sheets =
            crate::ingest::detect::detect_sheets(&bytes, &adapters, None, &Default::default())
                .unwrap_or_else(|| {
                    vec![("".into(), crate::ingest::detect(&bytes, &adapters, None))]
                });
        for (sheet, detection) in sheets {
            let crate::ingest::Detection::Adapter { adapter, raw, .. } = detection else {
                panic!("{} {sheet}: {}", path.display(), detection.explanation());
            };
            assert_eq!(raw.preamble.len(), 1, "a description row above the header");
            let ctx = crate::normalise::FileContext {
                source_file: "sample",
                tz: chrono_tz::Asia::Jakarta,
                snapshot_at: 1,
                source_name: &adapter.id,
            };
            let mut raw = raw;
            let n = crate::normalise::read_file(&adapter, &mut raw, &ctx);
            assert!(n.quarantine.is_empty(), "{:?}", n.quarantine);
            assert!(n.frame.height() > 0);
            *read.entry(adapter.id.clone()).or_insert(0) += 1;
        }
    }
    let read: Vec<(String, i32)> = read.into_iter().collect();
    assert_eq!(
        read,
        [
            ("linkedin_content_metrics".to_string(), 3),
            ("linkedin_content_posts".to_string(), 3),
            // Five demographic sheets per followers workbook.
            ("linkedin_follower_demographics".to_string(), 15),
            ("linkedin_followers".to_string(), 3),
            ("linkedin_visitors".to_string(), 3),
        ]
    );
}

#[test]
fn care_inbox_has_greetings_night_waits_and_unanswered_threads() {
    use chrono::{NaiveDateTime, Timelike};
    let written = write_default();
    let months = written.in_folder("care");
    assert_eq!(months.len(), 3);
    for path in months {
        assert_eq!(
            first_line(path),
            "ID Percakapan,ID Pesan,Saluran,Waktu,Pengirim,Otomatis,Selesai"
        );
        let rows = rows(path);
        let time = |row: &BTreeMap<String, String>| {
            NaiveDateTime::parse_from_str(&row["Waktu"], "%d/%m/%Y %H:%M").expect("a time")
        };
        let mut threads: BTreeMap<&str, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
        for row in &rows {
            threads
                .entry(row["ID Percakapan"].as_str())
                .or_default()
                .push(row);
        }
        assert!(
            (55..=110).contains(&threads.len()),
            "{} threads",
            threads.len()
        );
        let mut unanswered = 0;
        let mut night_waits = 0;
        for messages in threads.values() {
            assert!(messages.windows(2).all(|p| time(p[0]) <= time(p[1])));
            let Some(first_in) = messages.iter().find(|m| m["Pengirim"] == "Pelanggan") else {
                panic!("every thread has a customer message")
            };
            let reply = messages
                .iter()
                .find(|m| m["Pengirim"] == "Admin" && time(m) >= time(first_in));
            match reply {
                None => unanswered += 1,
                Some(reply) => {
                    let hour = time(first_in).hour();
                    if !(8..21).contains(&hour) {
                        // Night questions wait for the morning shift.
                        assert!(time(reply) - time(first_in) >= chrono::Duration::minutes(5));
                        night_waits += 1;
                    }
                }
            }
            for m in messages {
                assert_eq!(m["Otomatis"] == "1", m["Pengirim"] == "Bot");
            }
        }
        assert!(
            unanswered >= 1 && unanswered * 5 < threads.len(),
            "{unanswered}"
        );
        assert!(night_waits >= 3, "{night_waits} night waits");
        // WhatsApp greets every conversation automatically.
        assert!(threads
            .values()
            .filter(|m| m[0]["Saluran"] == "WhatsApp")
            .all(|m| m.iter().any(|r| r["Pengirim"] == "Bot")));
    }
}
