//! Tests of a whole generated dataset, read back as a user's tools would read it.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, NaiveDateTime, Timelike, Weekday};

use super::*;

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options(rows: u64, seed: u64) -> ScaleOptions {
    ScaleOptions {
        rows,
        first_month: (2026, 8),
        seed,
        project: project(),
    }
}

/// A dataset in a fresh temporary folder.
fn generate(rows: u64, seed: u64) -> (tempfile::TempDir, ScaleSummary) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let summary = write_scale_sample(&out, &options(rows, seed)).expect("dataset written");
    (dir, summary)
}

fn relative(dir: &tempfile::TempDir, summary: &ScaleSummary) -> Vec<PathBuf> {
    let root = dir.path().join("data");
    summary
        .files
        .iter()
        .map(|path| path.strip_prefix(&root).unwrap().to_path_buf())
        .collect()
}

fn in_folder<'a>(summary: &'a ScaleSummary, folder: &str) -> Vec<&'a PathBuf> {
    summary
        .files
        .iter()
        .filter(|path| {
            path.components()
                .any(|part| part.as_os_str() == std::ffi::OsStr::new(folder))
        })
        .collect()
}

/// Data rows of a CSV file (after a BOM, if any) as maps from column to value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes.strip_prefix(super::super::UTF8_BOM).unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(body);
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("valid CSV");
            header
                .iter()
                .zip(record.iter())
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn the_same_options_write_identical_bytes_and_another_seed_does_not() {
    let (first_dir, first) = generate(5_000, 11);
    let (second_dir, second) = generate(5_000, 11);
    assert_eq!(relative(&first_dir, &first), relative(&second_dir, &second));
    for (a, b) in first.files.iter().zip(&second.files) {
        assert!(
            std::fs::read(a).unwrap() == std::fs::read(b).unwrap(),
            "{} differs between runs",
            a.display()
        );
    }
    let (other_dir, other) = generate(5_000, 12);
    let mentions = |dir: &tempfile::TempDir| {
        std::fs::read(dir.path().join("data/mentions/mentions_0001.csv")).unwrap()
    };
    assert_ne!(mentions(&first_dir), mentions(&other_dir));
    assert_eq!(other.mentions, 5_000);
}

#[test]
fn row_counts_files_and_formats() {
    let (dir, summary) = generate(20_000, 3);
    assert_eq!(
        (summary.mentions, summary.posts, summary.months),
        (20_000, 200, 3)
    );
    let mentions = in_folder(&summary, "mentions");
    assert_eq!(mentions.len(), 1);
    let mention_rows = rows(mentions[0]);
    assert_eq!(mention_rows.len(), 20_000);
    let text = std::fs::read_to_string(mentions[0]).unwrap();
    assert!(text.starts_with(
        "id,created_at,platform,author,author_followers,text,url,likes,reposts,replies\n"
    ));
    // Unique ids, times in order, all inside the Jakarta range Aug–Oct 2026.
    let ids: HashSet<&str> = mention_rows.iter().map(|row| row["id"].as_str()).collect();
    assert_eq!(ids.len(), 20_000);
    let times: Vec<&str> = mention_rows
        .iter()
        .map(|row| row["created_at"].as_str())
        .collect();
    assert!(times.windows(2).all(|pair| pair[0] <= pair[1]));
    assert!(times[0] >= "2026-07-31T17:00:00Z", "{}", times[0]);
    assert!(times[times.len() - 1] < "2026-10-31T17:00:00Z");

    // 200 posts over 3 months and 2 platforms, in the sample's formats.
    let post_files: Vec<&PathBuf> = in_folder(&summary, "facebook")
        .into_iter()
        .chain(in_folder(&summary, "instagram"))
        .filter(|path| !path.to_string_lossy().contains("meta_daily"))
        .collect();
    assert_eq!(post_files.len(), 6);
    let posts: usize = post_files.iter().map(|path| rows(path).len()).sum();
    assert_eq!(posts, 200);
    for path in &post_files {
        assert!(std::fs::read(path)
            .unwrap()
            .starts_with(super::super::UTF8_BOM));
    }
    // The sample's six daily series a month.
    assert_eq!(in_folder(&summary, "meta_daily").len(), 18);
    assert!(dir.path().join("data/pipeline.toml").is_file());
}

#[test]
fn mentions_have_seasonality_skewed_authors_and_both_languages() {
    let (_dir, summary) = generate(20_000, 3);
    let mention_rows = rows(in_folder(&summary, "mentions")[0]);
    let jakarta = |row: &BTreeMap<String, String>| {
        NaiveDateTime::parse_from_str(&row["created_at"], "%Y-%m-%dT%H:%M:%SZ").unwrap()
            + Duration::hours(7)
    };

    // Fridays are busier than the average day, nights quieter than evenings.
    let mut per_day: BTreeMap<chrono::NaiveDate, u64> = BTreeMap::new();
    let mut per_hour = [0u64; 24];
    for row in &mention_rows {
        let local = jakarta(row);
        *per_day.entry(local.date()).or_default() += 1;
        per_hour[local.hour() as usize] += 1;
    }
    assert_eq!(per_day.len(), 31 + 30 + 31);
    // Medians, so that the spike days do not decide: a Friday weighs 1.45 days, the week
    // averages 0.98 (and the trend is the same for both).
    let median = |mut counts: Vec<u64>| {
        counts.sort_unstable();
        counts[counts.len() / 2]
    };
    let all_days = median(per_day.values().copied().collect());
    let fridays = median(
        per_day
            .iter()
            .filter(|(date, _)| date.weekday() == Weekday::Fri)
            .map(|(_, &count)| count)
            .collect(),
    );
    assert!(
        fridays as f64 > 1.25 * all_days as f64,
        "Fridays {fridays}, all days {all_days}"
    );
    assert!(per_hour[2] * 4 < per_hour[20], "{per_hour:?}");
    // Spike days: the busiest day has more than four times the median day.
    let busiest = per_day.values().copied().max().unwrap();
    assert!(
        busiest > 4 * all_days,
        "busiest day {busiest}, median {all_days}"
    );

    // The top 1% of the authors write at least 10% of the social mentions.
    let mut by_author: BTreeMap<&str, u64> = BTreeMap::new();
    let social: Vec<&BTreeMap<String, String>> = mention_rows
        .iter()
        .filter(|row| row["platform"] != "news")
        .collect();
    for row in &social {
        *by_author.entry(row["author"].as_str()).or_default() += 1;
    }
    let mut activity: Vec<u64> = by_author.values().copied().collect();
    activity.sort_unstable_by(|a, b| b.cmp(a));
    let top = activity.len().div_ceil(100);
    let top_share = activity[..top].iter().sum::<u64>() as f64 / social.len() as f64;
    assert!(top_share >= 0.10, "top 1% write {top_share}");
    assert!(activity.len() > 500, "{} authors", activity.len());

    // Indonesian and English texts, the foundation named in a good share of them.
    let share = |predicate: &dyn Fn(&str) -> bool| {
        mention_rows
            .iter()
            .filter(|row| predicate(&row["text"]))
            .count() as f64
            / mention_rows.len() as f64
    };
    // Function words of each language (news headlines have few; so the shares are lower
    // than the 30% English and 70% Indonesian drawn).
    let english = share(&|text| {
        [
            " the ", " my ", " of ", " from ", " for ", " to ", " with ", " is ", " by ", " in ",
            " on ", "Does ", "How ",
        ]
        .iter()
        .any(|word| text.contains(word))
    });
    let indonesian = share(&|text| {
        [
            " yang ", " dan ", " di ", " ke ", " dari ", " untuk ", " sudah ", " lewat ", " sama ",
            " ada ", " bisa ", " ini ", " itu ", " belum ", "nya ",
        ]
        .iter()
        .any(|word| text.contains(word))
    });
    assert!((0.2..0.4).contains(&english), "English {english}");
    assert!((0.5..0.8).contains(&indonesian), "Indonesian {indonesian}");
    let own = share(&|text| text.contains("Amanah Zakat") || text.contains("AmanahZakat"));
    assert!((0.35..0.65).contains(&own), "own brand {own}");
    let competitors = share(&|text| text.contains("Baznas") || text.contains("Dompet Sejahtera"));
    assert!(
        (0.08..0.25).contains(&competitors),
        "competitors {competitors}"
    );
}

#[test]
fn mention_files_split_the_rows_evenly_at_most_a_million_each() {
    let jobs = jobs(2_500_001, 25_000, 12);
    let ranges: Vec<Range<u64>> = jobs
        .iter()
        .filter_map(|job| match job {
            Job::Mentions { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        ranges,
        [0..833_333, 833_333..1_666_667, 1_666_667..2_500_001]
    );
    let posts: u64 = jobs
        .iter()
        .map(|job| match job {
            Job::Posts { rows, .. } => *rows,
            _ => 0,
        })
        .sum();
    assert_eq!(posts, 25_000);
    assert_eq!(months_for(20_000), 3);
    assert_eq!(months_for(200_000), 4);
    assert_eq!(months_for(10_000_000), 12);
}

#[test]
fn a_folder_with_files_or_bad_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.csv"), "x").unwrap();
    let error = write_scale_sample(dir.path(), &options(5_000, 1)).unwrap_err();
    assert!(error.to_string().contains("not empty") || format!("{error:?}").contains("not empty"));
    let fresh = dir.path().join("fresh");
    let too_few = write_scale_sample(&fresh, &options(999, 1)).unwrap_err();
    assert!(format!("{too_few:?}").contains("--rows"));
    let nowhere = ScaleOptions {
        project: dir.path().to_path_buf(),
        ..options(5_000, 1)
    };
    let error = write_scale_sample(&fresh, &nowhere).unwrap_err();
    assert!(format!("{error:?}").contains("--project"));
}
