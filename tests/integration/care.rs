//! Customer-care first-response times (computed per thread, `src/metrics/care.rs`) and
//! pseudonymisation of authors, on hand-written fixtures.
//!
//! tests/fixtures/care_times/inbox.csv, times in Jakarta (2026-10-05 is a Monday). A
//! thread's first-response time runs from its first inbound message to the first outbound
//! message a person sent after it (`bot = yes` replies do not count):
//!
//! | thread | channel   | first inbound        | first reply by a person | all hours | Mon–Fri 08–17 |
//! |--------|-----------|----------------------|-------------------------|-----------|---------------|
//! | T1     | instagram | Mon 10-05 09:00      | 09:10 (bot at 09:00)    | 600       | 600           |
//! | T2     | instagram | Mon 10-05 20:00      | Tue 08:30               | 45000     | 1800          |
//! | T3     | whatsapp  | Fri 10-09 16:00      | Mon 10-12 09:00         | 234000    | 7200          |
//! | T4     | whatsapp  | Wed 10-14 10:00      | 10:30 (2nd inbound 10:05) | 1800    | 1800          |
//! | T5     | whatsapp  | Thu 10-15 13:00      | none (bot only)         | —         | —             |
//! | T6     | instagram | Sat 10-31 22:00      | Sun 11-01 07:00         | 32400     | 0             |
//! | T7     | instagram | Tue 10-20 11:00 (agent wrote first at 10:00) | 11:20 | 1200 | 1200    |
//! | T8     | instagram | Wed 09-30 23:00      | Thu 10-01 01:00         | 7200 (September) | 0      |
//! | T9     | instagram | Thu 10-22 12:00      | 12:03                   | 180       | 180           |
//! | T10    | whatsapp  | Mon 10-26 14:00      | 14:45                   | 2700      | 2700          |
//! | T11    | whatsapp  | Tue 10-27 15:00      | 15:20                   | 1200      | 1200          |
//! | T12    | instagram | Wed 10-28 09:00      | 09:05                   | 300       | 300           |
//! | T13    | facebook  | Thu 10-29 10:00      | none                    | —         | —             |
//!
//! October: 12 threads (T8 belongs to September), 10 answered.

use crate::util::{metric_rows, value, TestDir};

fn run(dir: &TestDir) {
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn with_care_settings(dir: &TestDir, settings: &str) {
    let path = dir.path().join("pipeline.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(path, format!("{text}\n[care]\n{settings}\n")).unwrap();
}

fn close(actual: &str, expected: f64) {
    let actual: f64 = actual
        .parse()
        .unwrap_or_else(|_| panic!("`{actual}` is not a number"));
    assert!((actual - expected).abs() < 1e-6, "{actual} ≠ {expected}");
}

#[test]
fn first_response_times_over_all_hours() {
    let dir = TestDir::from_fixture("care_times");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    // Answered, sorted: 180, 300, 600, 1200, 1200, 1800, 2700, 32400, 45000, 234000.
    assert_eq!(v("first_response_median", "all"), "1500");
    // Rank 0.9 × 9 = 8.1: 45000 + 0.1 × (234000 − 45000).
    close(&v("first_response_p90", "all"), 63900.0);
    // Within the default 1 h: the seven fastest, of 12 threads (T5 and T13 unanswered).
    close(&v("first_response_within_sla", "all"), 7.0 / 12.0 * 100.0);
    // Fastest 90 % of 10 = 9 times: 85380 / 9.
    close(&v("response_time_meta", "all"), 85380.0 / 9.0);
    // Instagram: 180, 300, 600, 1200, 32400, 45000.
    assert_eq!(v("first_response_median", "instagram"), "900");
    // WhatsApp: 1200, 1800, 2700, 234000, and T5 unanswered.
    assert_eq!(v("first_response_median", "whatsapp"), "2250");
    assert_eq!(v("first_response_within_sla", "whatsapp"), "60");
    // Facebook: one thread, unanswered; its share within the SLA is zero, its times absent.
    assert_eq!(v("first_response_within_sla", "facebook"), "0");
    assert!(
        v("first_response_median", "facebook").contains("answered by a person"),
        "{}",
        v("first_response_median", "facebook")
    );
    // September holds T8 alone: asked on the 30th, answered two hours later in October.
    assert_eq!(
        value(&rows, "first_response_median", "all", "2026-09"),
        "7200"
    );
}

#[test]
fn a_business_hours_calendar_counts_only_working_time() {
    let dir = TestDir::from_fixture("care_times");
    with_care_settings(
        &dir,
        r#"sla = "30min"
hours = "08:00-17:00"
days = ["mon", "tue", "wed", "thu", "fri"]"#,
    );
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str| value(&rows, m, "all", "2026-10");
    // Sorted: 0, 180, 300, 600, 1200, 1200, 1800, 1800, 2700, 7200.
    assert_eq!(v("first_response_median"), "1200");
    close(&v("first_response_p90"), 2700.0 + 0.1 * 4500.0);
    // Within 30 min: eight of 12.
    close(&v("first_response_within_sla"), 8.0 / 12.0 * 100.0);
    close(&v("response_time_meta"), 9780.0 / 9.0);
}

#[test]
fn care_settings_are_validated_with_the_pipeline() {
    let dir = TestDir::from_fixture("care_times");
    with_care_settings(
        &dir,
        "sla = \"soon\"\nhours = \"9-5\"\ndays = [\"mon\", \"funday\"]",
    );
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "`care.sla`: `soon` is not a duration",
        "`care.hours`: `9-5` is not a span of opening hours",
        "`care.days`: `funday` is not a day of the week",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn pseudonymised_authors_appear_nowhere_in_the_store_or_outputs() {
    let dir = TestDir::from_fixture("4cat");
    // Authors of tests/fixtures/4cat: Telegram user ids, TikTok numeric ids and handles
    // (the handles are also in the posts' URLs).
    let raw = ["budi_s", "6800000000000000001", "warga.sukamaju", "rina.w"];
    for handle in raw {
        let inputs = dir.read("telegram.csv") + &dir.read("tiktok.csv");
        assert!(inputs.contains(handle), "the fixture holds `{handle}`");
    }
    let out = dir
        .tolok()
        .env("TOLOK_SALT", "garam-rahasia")
        .args(["--pseudonymise", "run", "pipeline.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metrics = dir
        .tolok()
        .args(["metrics", "pipeline.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(metrics.status.success());
    let mut files = walk(&dir.path().join("store"));
    files.extend(walk(&dir.path().join("reports")));
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "parquet"))
            && files
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == "html")),
        "{files:?}"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for handle in raw {
            assert!(
                !contains(&bytes, handle.as_bytes()),
                "`{handle}` in {}",
                file.display()
            );
        }
    }
    let metrics = String::from_utf8_lossy(&metrics.stdout);
    for handle in raw {
        assert!(!metrics.contains(handle), "`{handle}` in the metric table");
    }
    // Pseudonyms are 16 hex digits, the same for the same author and salt.
    let frame = crate::util::stored(&dir, tolok::schema::Table::Mentions, "mention_id");
    let authors: Vec<String> = crate::util::texts(&frame, "author_id")
        .into_iter()
        .flatten()
        .collect();
    assert!(
        authors
            .iter()
            .all(|a| a.len() == 16 && a.chars().all(|c| c.is_ascii_hexdigit())),
        "{authors:?}"
    );

    // Without a salt, pseudonymisation is refused rather than done weakly.
    let again = TestDir::from_fixture("4cat");
    let out = again
        .tolok()
        .env_remove("TOLOK_SALT")
        .args([
            "--pseudonymise",
            "ingest",
            "telegram.csv",
            "--pipeline",
            "pipeline.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("TOLOK_SALT"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
