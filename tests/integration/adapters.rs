//! One conformance test per adapter, on fixtures written in that export's exact format.
use crate::util::{metric_rows, value, TestDir};

/// Meta Business Suite daily series: UTF-16 with `sep=,` (Facebook files) and a
/// semicolon re-save (Instagram), one metric per file, merged per account-day.
#[test]
fn meta_daily_series_fill_account_daily_one_metric_per_file() {
    let dir = TestDir::from_fixture("daily");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{log}");
    for (file, read) in [
        ("facebook/Follows.csv", "7"),
        ("facebook/Reach.csv", "7"),
        ("instagram/Follows.csv", "3"),
    ] {
        let line = log
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("{file}\n{log}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        // file, adapter, read, stored, quarantined, duplicates, status: a day's reach and
        // the same day's follows are two partial rows, not duplicates.
        assert_eq!(
            &cells[1..7],
            ["meta_daily_series", read, read, "0", "0", "added"],
            "{log}"
        );
    }
    let rows = metric_rows(&dir, &[]);
    // October: Facebook 3 + 0 + 5 + 6 + 7, Instagram 4 + 0 + 2.
    assert_eq!(
        value(&rows, "followers_gained", "facebook", "2026-10"),
        "21"
    );
    assert_eq!(
        value(&rows, "followers_gained", "instagram", "2026-10"),
        "6"
    );
    assert_eq!(value(&rows, "followers_gained", "all", "2026-10"), "27");
    // September's last two days: 1 + 2.
    assert_eq!(value(&rows, "followers_gained", "all", "2026-09"), "3");
}

#[test]
fn a_daily_series_that_does_not_name_its_platform_needs_the_input_to() {
    let dir = TestDir::from_fixture("daily");
    std::fs::write(
        dir.path().join("instagram/Follows.csv"),
        "Reach;\nDate;Primary\n2026-10-01T00:00:00;9\n",
    )
    .unwrap();
    let out = dir.tolok().args(["ingest", "instagram"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        summary.contains("does not say which platform it is about; set `platform"),
        "{summary}"
    );
    let out = dir
        .tolok()
        .args(["ingest", "--platform", "instagram", "instagram"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
