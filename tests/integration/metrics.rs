//! Expected values computed by hand from tests/fixtures/month (October 2026, Asia/Jakarta):
//!
//! Facebook posts in October (reach, reactions+comments+shares, views, link clicks, total clicks):
//!   A 1000, 40+5+5=50,   1500, 20, 30
//!   B 2000, 70+10+20=100, 3000, 60, 80
//!   C  500, 10+0+0=10,    800,  0,  5   (10/31 23:50 local = 16:50 UTC: still October)
//!   D is from September; E has `banyak` as its reach and is quarantined.
//! X tweets in October (impressions, likes+replies+retweets, engagements, url clicks):
//!   1000, 10+1+2=13, 20, 2
//!   3000, 30+3+6=39, 60, 6
use crate::util::{metric_rows, value, TestDir};

fn october() -> Vec<std::collections::BTreeMap<String, String>> {
    let dir = TestDir::from_fixture("month");
    dir.tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .assert()
        .success();
    metric_rows(&dir, &[])
}

#[test]
fn counts_and_sums_match_the_hand_computed_values() {
    let rows = october();
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    assert_eq!(v("posts_published", "all"), "5");
    assert_eq!(v("posts_published", "facebook"), "3");
    assert_eq!(v("posts_published", "x"), "2");
    // Reach is only in the Facebook export: 1000 + 2000 + 500.
    assert_eq!(v("reach", "all"), "3500");
    assert_eq!(v("impressions", "all"), "9300");
    // 160 on Facebook + 52 on X.
    assert_eq!(v("interactions", "all"), "212");
    // Total clicks on Facebook (115), link clicks where X has no total (8).
    assert_eq!(v("content_clicks", "all"), "123");
    assert_eq!(value(&rows, "posts_published", "facebook", "2026-09"), "1");
    assert_eq!(value(&rows, "reach", "facebook", "2026-09"), "9999");
}

#[test]
fn rates_use_only_posts_that_have_their_denominator() {
    let rows = october();
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    // 160 / 3500: X's interactions are left out because X exports no reach.
    assert_eq!(v("engagement_rate_reach", "all"), "4.5714285714");
    assert_eq!(v("engagement_rate_reach", "facebook"), "4.5714285714");
    assert!(
        v("engagement_rate_reach", "x").starts_with("not available: needs `reach`"),
        "{}",
        v("engagement_rate_reach", "x")
    );
    // 212 / 9300.
    assert_eq!(v("engagement_rate_impressions", "all"), "2.2795698925");
    // X's own figure: 80 engagements / 4000 impressions.
    assert_eq!(v("engagement_rate_platform", "all"), "2");
    // (80 + 8) link clicks / 9300 impressions.
    assert_eq!(v("ctr", "all"), "0.9462365591");
    // Shares per post: (25 + 8) / 5, and 25 / 3 on Facebook.
    assert_eq!(v("amplification_rate", "all"), "6.6");
    assert_eq!(v("amplification_rate", "facebook"), "8.3333333333");
    // Comments per post: (15 + 4) / 5.
    assert_eq!(v("conversation_rate", "all"), "3.8");
}

#[test]
fn targets_and_missing_inputs_show_in_the_status() {
    let rows = october();
    let row = |m: &str| {
        rows.iter()
            .find(|r| r["metric"] == m && r["scope"] == "all" && r["period"] == "2026-10")
            .unwrap()
    };
    assert_eq!(row("engagement_rate_reach")["status"], "met");
    assert_eq!(row("engagement_rate_reach")["target"], ">= 4%");
    assert_eq!(row("engagement_rate_reach")["numerator"], "160");
    assert_eq!(row("engagement_rate_reach")["denominator"], "3500");
    assert_eq!(row("posts_published")["status"], "not_met");
    // No follower counts in these exports: not available, never zero.
    let growth = row("audience_growth_rate");
    assert_eq!(growth["status"], "not_available");
    assert!(
        growth["value"].starts_with("not available: needs `account_daily` rows"),
        "{}",
        growth["value"]
    );
}

#[test]
fn results_are_identical_at_one_and_two_threads() {
    let dir = TestDir::from_fixture("month");
    dir.tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .assert()
        .success();
    let one = dir
        .tolok()
        .args([
            "--threads",
            "1",
            "metrics",
            "pipeline.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let two = dir
        .tolok()
        .args([
            "--threads",
            "2",
            "metrics",
            "pipeline.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(one.status.success() && two.status.success());
    assert_eq!(
        String::from_utf8(one.stdout).unwrap(),
        String::from_utf8(two.stdout).unwrap()
    );
}
