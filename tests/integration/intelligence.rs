//! Crisis spikes, themes, share of voice and findings in the report, on
//! tests/fixtures/crisis (a generic mentions CSV written by hand; period 2026-10-01..10,
//! compared with 09-21..30; Asia/Jakarta; sentiment from the export's own column).
//!
//! Every day from 09-21 to 10-10 has two mentions of "Pelita Desa" (positive, except one
//! neutral on 10-01 and on 10-02); "Rumah Harapan" (the competitor) is named once in each
//! period. On 6 October (local time) ten negative complaints arrive, the first at 00:30
//! local, which is still 5 October in UTC. By hand, rolling_sigma, window 7, k 2:
//! - all mentions on 10-06: 12 against the 7 days before at 2 each: mean 2, σ 0 taken as 1,
//!   z = (12 − 2) / 1 = 10.0; no other day moves from 2;
//! - negative mentions on 10-06: 10 against 0: z = 10.0;
//! - share of voice by volume: own 30 of 31 = 96.77 %, previously 20 of 21 = 95.24 %;
//! - about the organisation: 18 positive, 2 neutral, 10 negative: NS1 = 8/28 = 28.6,
//!   NS2 = 8/30 = 26.7; previously all 20 positive: NS1 = NS2 = 100.0;
//! - the spike's four terms each rose from 0 to 10; "bantuan" is first alphabetically.
use crate::util::{copy_dir, project_root, TestDir};

const REPORT: &str = "reports/2026-10-01..2026-10-10/report.md";

fn run(dir: &TestDir, pipeline: &str) -> std::process::Output {
    dir.tolok().args(["run", pipeline]).output().unwrap()
}

fn report() -> String {
    let dir = TestDir::from_fixture("crisis");
    let out = run(&dir, "pipeline.toml");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.read(REPORT)
}

#[test]
fn the_planted_spike_is_found_on_its_local_day_in_both_series() {
    let md = report();
    assert!(
        md.contains("| 6 October 2026 | 12 | 10 | ⚠ all mentions, ⚠ negative mentions |"),
        "{md}"
    );
    assert_eq!(md.matches("⚠").count(), 2, "only 6 October is marked");
    assert!(md.contains("#### negative mentions · 6 October 2026"));
    assert!(md.contains("- Mentions: 10; baseline: 0.0; spread: 1.0; z: 10.0"));
    assert!(md.contains("- Mentions: 12; baseline: 2.0; spread: 1.0; z: 10.0"));
    assert!(md.contains("- Top authors: @warga1 (2), @warga2 (2), @warga3 (2)"));
    // The earliest mention is the one at 00:30 local time, written on 5 October UTC.
    assert!(md.contains("Earliest mentions:\n\n| Published (local time) | Platform | Author | Sentiment | Engagement | Excerpt |\n|---|---|---|---|--:|---|\n| 6 October 2026 00:30 | X | @warga1 | Negative |"), "{md}");
    // The parameters are printed.
    for line in [
        "- Method: `rolling_sigma`",
        "- Baseline window (intervals): 7",
        "- Threshold k: 2.0",
        "- Minimum count: 5",
    ] {
        assert!(md.contains(line), "{line}");
    }
}

#[test]
fn share_of_voice_sentiment_and_themes_match_the_hand_computed_values() {
    let md = report();
    assert!(
        md.contains("| **Yayasan Pelita Desa** | 30 | 96.77% | 95.24% |"),
        "{md}"
    );
    assert!(md.contains("| Rumah Harapan | 1 | 3.23% | 4.76% |"));
    assert!(md.contains("| 18 | 2 | 10 | 0 | 28.6 | 26.7 | 100.0 | 100.0 |"));
    // The organisation's own name is not a theme; the complaint's words are.
    assert!(!md.contains("| pelita |") && !md.contains("| desa |"));
    assert!(md.contains("#### Rising terms\n\n| Hashtag, term or phrase | Mentions | Previous period | Change |\n|---|--:|--:|--:|\n| bantuan | 10 | 0 | +10 |"), "{md}");
}

#[test]
fn findings_follow_the_stated_rules_in_order() {
    let md = report();
    let findings: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("### Listening findings"))
        .skip(1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("### "))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| For "))
        .collect();
    assert_eq!(findings.len(), 4, "{findings:#?}");
    assert!(findings[0].starts_with("| Listener and recipient | Negative mention volume on 6 October 2026 was 10.0 σ above the previous 7 days (10 mentions against a baseline of 0.0). |"));
    assert!(findings[1].contains("Volume of all mentions on 6 October 2026 was 10.0 σ"));
    assert!(findings[2].contains("Net sentiment (NS1) fell from 100.0 to 28.6"));
    assert!(findings[3].contains("The term «bantuan» rose most: from 0 to 10 mentions."));
    assert!(md.contains("- Spikes found: 2"));
}

#[test]
fn the_robust_method_and_a_higher_k_are_applied_as_configured() {
    let dir = TestDir::from_fixture("crisis");
    let path = dir.path().join("pipeline.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // MAD of a flat window is 0, taken as 1: z stays 10, so k = 11 finds nothing.
    let text = text
        .replace("method = \"rolling_sigma\"", "method = \"rolling_mad\"")
        .replace("k = 2\n", "k = 11\n");
    std::fs::write(&path, text).unwrap();
    assert!(run(&dir, "pipeline.toml").status.success());
    let md = dir.read(REPORT);
    assert!(md.contains("- Method: `rolling_mad` (baseline = median"));
    assert!(md.contains("No spike in this period by the rule above."));
    assert!(md.contains("No spike in the volume of all or of negative mentions by the rule applied (k = 11.0, window 7 days)."));
    assert!(!md.contains("⚠"));
}

#[test]
fn invalid_crisis_settings_are_rejected_by_key() {
    let dir = TestDir::from_fixture("crisis");
    let path = dir.path().join("pipeline.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("method = \"rolling_sigma\"", "method = \"zscore\"")
        .replace("window = 7", "window = 1")
        .replace("min-count = 5", "min-count = 0");
    std::fs::write(&path, text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for key in [
        "`crisis.method`: unknown method `zscore`",
        "`crisis.window`",
        "`crisis.min-count`",
    ] {
        assert!(stderr.contains(key), "{key} in {stderr}");
    }
}

#[test]
fn the_example_report_finds_the_sample_spike_on_9_october() {
    let dir = TestDir::empty();
    let root = project_root();
    for folder in ["pipelines", "report_templates", "sample_data"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    let out = dir
        .tolok()
        .args(["run", "pipelines/example.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = dir.read("reports/example/2026-10/report.md");
    // The negative series marks only the day the fake account was found out.
    let negative_days: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("⚠ penyebutan negatif"))
        .collect();
    assert_eq!(negative_days.len(), 1, "{negative_days:#?}");
    assert!(
        negative_days[0].starts_with("| 9 Oktober 2026 |"),
        "{}",
        negative_days[0]
    );
    // It is the first listening finding, addressed to the listener.
    let first = md
        .lines()
        .skip_while(|l| !l.starts_with("### Temuan pemantauan"))
        .find(|l| l.starts_with("| Pendengar dan penerima masukan"))
        .expect("a finding");
    assert!(
        first.contains("Volume penyebutan negatif pada 9 Oktober 2026 berada"),
        "{first}"
    );
    // Two competitors in the share of voice table.
    assert!(md.contains("| baznas |") && md.contains("| dompet_sejahtera |"));
}

/// The crisis objective's scorecard counts the spikes of negative mentions: one (6
/// October) in the period, none in the ten days before; with k = 11 none.
#[test]
fn the_crisis_scorecard_counts_negative_spikes() {
    let dir = TestDir::from_fixture("crisis");
    assert!(run(&dir, "pipeline.toml").status.success());
    let rows = crate::util::metric_rows(&dir, &[]);
    let spikes = |period: &str| crate::util::value(&rows, "negative_spikes", "all", period);
    assert_eq!(spikes("2026-10-01..2026-10-10"), "1");
    assert_eq!(spikes("2026-09-21..2026-09-30"), "0");
    assert!(dir
        .read(REPORT)
        .contains("| Negative mention spikes | Output | 1 | 0 |"));

    let path = dir.path().join("pipeline.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("k = 2\n", "k = 11\n");
    std::fs::write(&path, text).unwrap();
    let rows = crate::util::metric_rows(&dir, &[]);
    assert_eq!(
        crate::util::value(&rows, "negative_spikes", "all", "2026-10-01..2026-10-10"),
        "0"
    );
}
