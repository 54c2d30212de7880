//! Outcome files mapped in the pipeline (`adapter = "generic_outcomes"`), on
//! tests/fixtures/outcomes: each wide row becomes one `outcomes` row per mapped kind.
//!
//! Expected values, computed by hand (October 2026, compared with September):
//!
//! GA4 (`ga4/`, dates `20261001`): Date, Sessions, Engaged sessions, Key events (→ conversions)
//!   Sep 29–30: 100 + 200 = 300 sessions, 40 + 120 = 160 engaged, 1 + 4 = 5 key events
//!   Oct 1–4:   120 + 150 + 80 + 250 = 600, 80 + 90 + 30 + 200 = 400, 3 + 5 + 0 + 12 = 20
//! Donations (`donations/`, currency IDR): Date, Campaign, Amount (IDR), Donations
//!   Sep 30: 500000, 5 gifts
//!   Oct: 1250000.5 + 2000000 + 750000 + 3000000 = 7000000.5; gifts 10 + 4 + 6 = 20 (the
//!   10-02 Sedekah Jumat row has no gift count, so only its amount is stored; the 10-02
//!   Zakat Fitrah row's amount is `sejuta` and the whole row is quarantined)
//! Ads (`ads/`, currency IDR): Day, Campaign name, Amount spent (IDR), Results, Leads
//!   Sep 30: spend 100000 (Sedekah Jumat), results 2, leads 1
//!   Oct: spend 150000.75 + 50000 + 200000 + 99999.25 = 500000, results 3 + 5 + 4 + 0 = 12,
//!   leads 0 + 9 + 1 = 10 (one empty cell); of the spend, 350000.75 on `Sedekah Jumat` (a
//!   donation campaign) and 149999.25 on `relawan-2026` (the applications' campaign)
//! Survey (`survey/`): Date, Responses, Satisfied (4-5)
//!   Sep: 2 of 4 satisfied; Oct: 8 + 3 + 5 = 16 of 10 + 5 + 5 = 20
//! Applications (`applications/`, dates `01/10/2026`): Sep 1; Oct 3 + 2 + 1 = 6
//! X tweet activity (`x/`): October url clicks 2 + 6 = 8 link clicks; none in September.
use crate::util::{metric_rows, summary_cells, value, TestDir};

fn run(dir: &TestDir) -> String {
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{log}");
    log
}

#[test]
fn each_file_row_becomes_one_row_per_kind_and_every_file_row_is_accounted_for() {
    let dir = TestDir::from_fixture("outcomes");
    let log = run(&dir);
    // read = stored + quarantined + duplicates, counted in rows of the file.
    for (file, counts) in [
        (
            "ga4/ga4_free_form_20260929_20261004.csv",
            ["6", "6", "0", "0"],
        ),
        ("donations/donations_2026-10.csv", ["6", "5", "1", "0"]),
        ("ads/ads_by_day.csv", ["5", "5", "0", "0"]),
        ("survey/csat_daily.csv", ["4", "4", "0", "0"]),
        ("applications/applications.csv", ["4", "4", "0", "0"]),
    ] {
        let cells = summary_cells(&log, file);
        assert_eq!(cells[0], "generic_outcomes", "{log}");
        assert_eq!(&cells[1..5], counts, "{file}\n{log}");
    }
    assert!(
        log.contains(
            "donations/donations_2026-10.csv: 1 row(s) quarantined, Amount (IDR): is not a number"
        ),
        "{log}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let donations = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "donations/donations_2026-10.csv")
        .unwrap();
    assert_eq!(donations["table"], "outcomes");
    let quarantine = dir.read(&format!(
        "store/{}",
        donations["quarantine_file"].as_str().unwrap()
    ));
    assert_eq!(
        quarantine,
        "file,line,column,value,reason\ndonations/donations_2026-10.csv,6,Amount (IDR),sejuta,`sejuta` is not a number\n"
    );
    // Partitioned by source (outcomes have no platform) and month.
    for part in [
        "source=ga4/month=2026-09",
        "source=ga4/month=2026-10",
        "source=kitabisa/month=2026-10",
        "source=meta-ads/month=2026-10",
        "source=survey/month=2026-10",
        "source=careers/month=2026-09",
    ] {
        assert!(
            dir.path().join("store/outcomes").join(part).is_dir(),
            "{part}"
        );
    }
}

#[test]
fn outcome_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("outcomes");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "all", "2026-10");
    let sep = |m: &str| value(&rows, m, "all", "2026-09");
    // (600 − 400) / 600 and (300 − 160) / 300.
    assert_eq!(oct("bounce_rate"), "33.3333333333");
    assert_eq!(sep("bounce_rate"), "46.6666666667");
    assert_eq!(
        value(&rows, "bounce_rate", "ga4", "2026-10"),
        "33.3333333333"
    );
    // 20 / 600 and 5 / 300 key events per session.
    assert_eq!(oct("conversions"), "20");
    assert_eq!(oct("conversion_rate"), "3.3333333333");
    assert_eq!(sep("conversion_rate"), "1.6666666667");
    // 500000 / 12 and 100000 / 2, to 12 significant digits (metrics::canonical_float).
    assert_eq!(oct("cost_per_result"), "41666.6666667");
    assert_eq!(sep("cost_per_result"), "50000");
    assert_eq!(oct("donations"), "7000000.5");
    assert_eq!(sep("donations"), "500000");
    // 20 gifts / 600 sessions, 5 / 300.
    assert_eq!(oct("donation_conversion_rate"), "3.3333333333");
    assert_eq!(sep("donation_conversion_rate"), "1.6666666667");
    // The spend on the campaigns with gifts (Sedekah Jumat; Zakat Fitrah had no ads) over
    // their gifts: 350000.75 / 20, and 100000 / 5.
    assert_eq!(oct("cost_per_donation"), "17500.0375");
    assert_eq!(sep("cost_per_donation"), "20000");
    assert_eq!(oct("applications"), "6");
    assert_eq!(sep("applications"), "1");
    // 6 applications / 8 link clicks.
    assert_eq!(oct("application_rate"), "75");
    // The spend on `relawan-2026` over its applications: 149999.25 / 6 (the donation
    // campaign's spend is not a cost of recruiting).
    assert_eq!(oct("cost_per_applicant"), "24999.875");
    // 16 / 20 and 2 / 4 satisfied answers.
    assert_eq!(oct("csat"), "80");
    assert_eq!(sep("csat"), "50");
    assert_eq!(oct("leads"), "10");
    assert_eq!(sep("leads"), "1");
    // Money kinds carry the input's currency into the report.
    let report = dir.read("reports/2026-10/report.md");
    assert!(report.contains("IDR 17,500"), "{report}");
}

#[test]
fn ingesting_again_adds_nothing_and_overlapping_exports_count_duplicates_per_file_row() {
    let dir = TestDir::from_fixture("outcomes");
    run(&dir);
    let before = crate::ingest::snapshot_of(&dir.path().join("store"));
    let log = run(&dir);
    assert!(
        summary_cells(&log, "ga4/ga4_free_form_20260929_20261004.csv")
            .join(" ")
            .contains("already in store"),
        "{log}"
    );
    assert_eq!(
        before,
        crate::ingest::snapshot_of(&dir.path().join("store"))
    );

    // A later GA4 export overlapping the first: 10-03 and 10-04 are stored already (both
    // rows are duplicates), 10-05 is new.
    std::fs::write(
        dir.path().join("ga4/ga4_free_form_20261003_20261005.csv"),
        "Date,Sessions,Engaged sessions,Key events\n20261003,80,30,0\n20261004,250,200,12\n20261005,100,50,1\n",
    )
    .unwrap();
    // A donations re-export: the 10-01 Zakat Fitrah row is stored whole (a duplicate); the
    // 10-02 Sedekah Jumat row now has its gift count, which is new, so the row is stored.
    std::fs::write(
        dir.path().join("donations/donations_2026-10_v2.csv"),
        "Date,Campaign,Amount (IDR),Donations\n2026-10-01,Zakat Fitrah,2000000,4\n2026-10-02,Sedekah Jumat,750000,6\n",
    )
    .unwrap();
    let log = run(&dir);
    assert_eq!(
        &summary_cells(&log, "ga4/ga4_free_form_20261003_20261005.csv")[1..6],
        ["3", "1", "0", "2", "added"],
        "{log}"
    );
    assert_eq!(
        &summary_cells(&log, "donations/donations_2026-10_v2.csv")[1..6],
        ["2", "1", "0", "1", "added"],
        "{log}"
    );
    let rows = metric_rows(&dir, &[]);
    let oct = |m: &str| value(&rows, m, "all", "2026-10");
    // Nothing counted twice: (700 − 450) / 700; the amounts are unchanged.
    assert_eq!(oct("bounce_rate"), "35.7142857143");
    assert_eq!(oct("donations"), "7000000.5");
    // 350000.75 / (20 + 6) gifts.
    assert_eq!(oct("cost_per_donation"), "13461.5673077");
}

#[test]
fn mapping_errors_are_reported_at_once_with_exit_code_2_naming_the_key() {
    let dir = TestDir::from_fixture("outcomes");
    let text = dir
        .read("pipeline.toml")
        .replace(
            "conversions = \"Key events\"",
            "conversion = \"Key events\"",
        )
        .replace(
            "[input.columns]\ndate = \"Date\"\n[input.kinds]\ncsat_responses",
            "[input.columns]\n[input.kinds]\ncsat_responses",
        )
        .replace(
            "path = \"x\"\n",
            "path = \"x\"\nkinds = { sessions = \"Sessions\" }\n",
        )
        .replace(
            "currency = \"IDR\"\n[input.columns]\ndate = \"Day\"",
            "currency = \"Rp\"\n[input.columns]\ndate = \"Day\"",
        );
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("4 problem(s)"), "{err}");
    assert!(
        err.contains("`input[0].kinds`: `kinds` needs `adapter = \"generic_outcomes\"`"),
        "{err}"
    );
    assert!(
        err.contains(
            "`input[1].kinds.conversion`: unknown outcome kind `conversion`; known: sessions, engaged_sessions, conversions, leads, applications, donations, donation_count, revenue, spend, results, csat_responses, csat_satisfied, nps_responses, nps_promoters, nps_detractors"
        ),
        "{err}"
    );
    assert!(
        err.contains("`input[3].currency`: `Rp` is not a three-letter ISO 4217 currency code"),
        "{err}"
    );
    assert!(
        err.contains("`input[4].columns.date`: required for `generic_outcomes`"),
        "{err}"
    );
    // `run` refuses the same file before reading any data.
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("store").exists());
}

#[test]
fn a_file_without_a_mapped_column_is_refused_by_name_while_the_others_land() {
    let dir = TestDir::from_fixture("outcomes");
    std::fs::write(
        dir.path().join("survey/csat_daily.csv"),
        "Date,Responses,Satisfied\n2026-10-01,10,8\n",
    )
    .unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(
        log.contains(
            "survey/csat_daily.csv: no adapter fits: looks like outcome file `survey` (columns mapped in the pipeline) but the column(s) `Satisfied (4-5)` are missing"
        ),
        "{log}"
    );
    assert_eq!(summary_cells(&log, "ads/ads_by_day.csv")[5], "added");
    let rows = metric_rows(&dir, &[]);
    assert!(value(&rows, "csat", "all", "2026-10").starts_with("not available"));
    assert_eq!(
        value(&rows, "cost_per_result", "all", "2026-10"),
        "41666.6666667"
    );
}

#[test]
fn a_row_without_any_value_or_with_a_bad_date_is_quarantined_not_dropped() {
    let dir = TestDir::from_fixture("outcomes");
    std::fs::write(
        dir.path().join("applications/applications.csv"),
        "Applied on,Applications\n01/10/2026,3\n02/10/2026,\n2026-10-03,2\n31/09/2026,1\n",
    )
    .unwrap();
    let log = run(&dir);
    // ISO dates are read whatever `date-format` says; 31 September is no date.
    assert_eq!(
        &summary_cells(&log, "applications/applications.csv")[1..5],
        ["4", "2", "2", "0"],
        "{log}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let file = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "applications/applications.csv")
        .unwrap();
    let quarantine = dir.read(&format!(
        "store/{}",
        file["quarantine_file"].as_str().unwrap()
    ));
    assert_eq!(
        quarantine,
        "file,line,column,value,reason\n\
         applications/applications.csv,3,Applications,,every measure column is empty\n\
         applications/applications.csv,5,Applied on,31/09/2026,`31/09/2026` is not a date of the form `%d/%m/%Y`\n"
    );
    let rows = metric_rows(&dir, &[]);
    assert_eq!(value(&rows, "applications", "all", "2026-10"), "5");
}

#[test]
fn the_documented_example_validates() {
    let readme =
        std::fs::read_to_string(crate::util::project_root().join("pipelines/README.md")).unwrap();
    let section = &readme[readme
        .find("#### Outcome files (`generic_outcomes`)")
        .unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = TestDir::from_fixture("outcomes");
    let pipeline = dir.read("pipeline.toml");
    let head = &pipeline[..pipeline.find("[[input]]").unwrap()];
    std::fs::write(dir.path().join("pipeline.toml"), format!("{head}{example}")).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
