use crate::util::TestDir;

#[test]
fn ingest_types_rows_quarantines_bad_ones_and_accounts_for_every_row() {
    let dir = TestDir::from_fixture("month");
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    let fb = summary
        .lines()
        .find(|l| l.contains("Oct-01-2026_Oct-31-2026"))
        .unwrap();
    let cells: Vec<&str> = fb.split_whitespace().collect();
    // file, adapter, read, stored, quarantined, duplicates, status
    assert_eq!(
        &cells[1..7],
        ["meta_facebook_posts", "5", "4", "1", "0", "added"],
        "{summary}"
    );
    let x = summary
        .lines()
        .find(|l| l.contains("tweet_activity"))
        .unwrap();
    assert!(
        x.contains("x_tweet_activity") && x.split_whitespace().nth(2) == Some("2"),
        "{summary}"
    );
    assert!(
        summary.contains("1 row(s) quarantined, Reach: is not a number"),
        "{summary}"
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let quarantine_file = manifest["files"][0]["quarantine_file"].as_str().unwrap();
    let quarantine = dir.read(&format!("store/{quarantine_file}"));
    assert_eq!(
        quarantine,
        "file,line,column,value,reason\nfacebook/Oct-01-2026_Oct-31-2026_1234567890123456.csv,7,Reach,banyak,`banyak` is not a number\n"
    );
    assert!(dir
        .path()
        .join("store/posts/platform=facebook/month=2026-10")
        .is_dir());
    assert!(dir
        .path()
        .join("store/posts/platform=facebook/month=2026-09")
        .is_dir());
    assert!(dir
        .path()
        .join("store/posts/platform=x/month=2026-10")
        .is_dir());
}

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = TestDir::from_fixture("month");
    dir.tolok()
        .args(["ingest", "facebook", "x"])
        .assert()
        .success();
    let before = snapshot_of(&dir.path().join("store"));
    let out = dir
        .tolok()
        .args(["ingest", "facebook", "x"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("already in store"));
    assert_eq!(before, snapshot_of(&dir.path().join("store")));
}

#[test]
fn an_unrecognised_file_is_named_and_the_others_still_ingest() {
    let dir = TestDir::from_fixture("month");
    let out = dir
        .tolok()
        .args(["ingest", "bad", "facebook"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "inputs rejected");
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.contains("bad/notes.csv") && summary.contains("rejected"),
        "{summary}"
    );
    assert!(summary.contains("no adapter fits this header"), "{summary}");
    assert!(
        summary
            .lines()
            .any(|l| l.contains("meta_facebook_posts") && l.contains("added")),
        "{summary}"
    );
}

#[test]
fn detect_explains_its_choice_and_near_misses() {
    let dir = TestDir::from_fixture("month");
    let header = "Post ID,Page ID,Page name,Description,Views,Reach\n1,2,P,text,3,4\n";
    std::fs::write(dir.path().join("bad/almost.csv"), header).unwrap();
    let out = dir
        .tolok()
        .args(["detect", "facebook", "bad"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("meta_facebook_posts")
            && text.contains("`Post ID`, `Page ID`, `Publish time`"),
        "{text}"
    );
    assert!(
        text.contains("looks like Meta Business Suite content export (Facebook posts) but the column(s) `Publish time`, `Permalink` are missing"),
        "{text}"
    );
}

#[test]
fn a_later_overlapping_export_keeps_both_snapshots_and_reports_use_the_one_as_of_the_period_end() {
    let dir = TestDir::from_fixture("month");
    let original = dir.read("facebook/Oct-01-2026_Oct-31-2026_1234567890123456.csv");
    // The same first post exported again two weeks later, with more reach.
    let later: String = original
        .lines()
        .take(2)
        .map(|l| l.replace(",1500,1000,50,", ",1800,1200,50,"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        dir.path()
            .join("facebook/Oct-01-2026_Nov-14-2026_1234567890123457.csv"),
        later + "\n",
    )
    .unwrap();
    dir.tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .assert()
        .success();
    let october = crate::util::metric_rows(&dir, &[]);
    assert_eq!(
        crate::util::value(&october, "reach", "facebook", "2026-10"),
        "3500"
    );
    let quarter = crate::util::metric_rows(&dir, &["--period", "2026-Q4"]);
    assert_eq!(
        crate::util::value(&quarter, "reach", "facebook", "2026-Q4"),
        "3700"
    );
    assert_eq!(
        crate::util::value(&quarter, "posts_published", "facebook", "2026-Q4"),
        "3"
    );
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot_of(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((
                    p.strip_prefix(base).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn an_ingest_interrupted_before_its_manifest_leaves_nothing_half_stored() {
    let dir = TestDir::from_fixture("month");
    dir.tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .assert()
        .success();
    let before = crate::util::metric_rows(&dir, &[]);
    // Parts written, manifest not: as if the process had been killed between the two.
    std::fs::remove_file(dir.path().join("store/manifest.json")).unwrap();
    let out = dir
        .tolok()
        .args(["metrics", "pipeline.toml", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("posts_published,summary,all,2026-10,\"not available: needs `posts` rows"),
        "{text}"
    );
    // Ingesting again stores every row once, as the first time.
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "facebook", "x"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.lines().any(|l| l.starts_with("total")
            && l.split_whitespace().collect::<Vec<_>>() == ["total", "7", "6", "1", "0"]),
        "{summary}"
    );
    assert_eq!(before, crate::util::metric_rows(&dir, &[]));
}

#[test]
fn a_re_download_with_other_counts_is_flagged_and_snapshot_at_says_which_is_newer() {
    let dir = TestDir::from_fixture("month");
    let original = dir.read("facebook/Oct-01-2026_Oct-31-2026_1234567890123456.csv");
    // The same month downloaded again a week later: same date range in the name, more reach.
    std::fs::create_dir_all(dir.path().join("again")).unwrap();
    let again = original.replace(",1500,1000,50,", ",1800,1200,50,");
    std::fs::write(
        dir.path()
            .join("again/Oct-01-2026_Oct-31-2026_6543210987654321.csv"),
        again,
    )
    .unwrap();

    let out = dir
        .tolok()
        .args(["ingest", "--store", "plain", "facebook", "again"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.contains(
            "1 duplicate row(s) have the same snapshot time as stored rows but other values"
        ),
        "{summary}"
    );

    // Told when the second download was taken, tolok keeps both snapshots and uses the later.
    let text = dir.read("pipeline.toml").replace(
        "[[input]]\npath = \"x\"",
        "[[input]]\npath = \"x\"\n\n[[input]]\npath = \"again\"\nsnapshot-at = \"2026-11-08\"",
    );
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    dir.tolok()
        .args(["run", "pipeline.toml", "--period", "2026-Q4"])
        .assert()
        .success();
    let quarter = crate::util::metric_rows(&dir, &["--period", "2026-Q4"]);
    assert_eq!(
        crate::util::value(&quarter, "reach", "facebook", "2026-Q4"),
        "3700"
    );
}

/// Two follower exports that overlap: where they give a day different follower counts,
/// the later one's summary says so, and both rows are kept.
#[test]
fn overlapping_follower_exports_that_disagree_are_reported() {
    let dir = TestDir::empty();
    let header = "\u{feff}Date,New followers,Total followers,Reached audience,Engaged audience\n";
    std::fs::create_dir_all(dir.path().join("september")).unwrap();
    std::fs::create_dir_all(dir.path().join("october")).unwrap();
    std::fs::write(
        dir.path().join("september/Followers.csv"),
        format!("{header}2026/09/29,4,990,1,1\n2026/09/30,5,995,1,1\n2026/10/01,6,1001,1,1\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("october/Followers.csv"),
        format!("{header}2026/09/30,5,995,1,1\n2026/10/01,6,1003,1,1\n2026/10/02,7,1010,1,1\n"),
    )
    .unwrap();
    let ingest = |folder: &str| {
        let out = dir
            .tolok()
            .args(["ingest", "--account", "fixture.id", folder])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let first = ingest("september");
    assert!(!first.contains("follower count differs"), "{first}");
    let second = ingest("october");
    // 30 September agrees; 1 October does not.
    assert!(
        second.contains(
            "october/Followers.csv: follower count differs from an export stored before: \
             tiktok/fixture.id 2026-10-01: 1003 here, 1001 in september/Followers.csv"
        ),
        "{second}"
    );
    assert_eq!(
        second.matches("follower count differs").count(),
        1,
        "{second}"
    );
}
