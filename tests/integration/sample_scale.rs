use crate::util::{project_root, TestDir};

/// `tolok sample --rows` writes a dataset its own pipeline ingests whole: every mention
/// stored, nothing quarantined, posts and daily series detected by the built-in adapters.
#[test]
fn a_generated_dataset_runs_through_its_pipeline() {
    let dir = TestDir::empty();
    let root = project_root();
    let project = root.to_str().expect("UTF-8 project path");
    dir.tolok()
        .args([
            "sample",
            "--rows",
            "20000",
            "--out",
            "x",
            "--project",
            project,
        ])
        .assert()
        .success();
    let out = dir
        .tolok()
        .args(["run", "x/pipeline.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&dir.read("x/store/manifest.json")).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let sum = |adapter_prefix: &str, field: &str| -> u64 {
        files
            .iter()
            .filter(|file| {
                file["adapter"]
                    .as_str()
                    .unwrap()
                    .starts_with(adapter_prefix)
            })
            .map(|file| file[field].as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum("", "quarantined"), 0);
    assert_eq!(sum("", "duplicates"), 0);
    assert_eq!(sum("generic_mentions", "stored"), 20_000);
    // 200 posts: 100 per platform over three months.
    assert_eq!(sum("meta_facebook_posts", "stored"), 100);
    assert_eq!(sum("meta_instagram_posts", "stored"), 100);
    // Six daily series a month for August to October: 92 days each.
    assert_eq!(sum("meta_daily_series", "stored"), 6 * 92);

    // Mention volume leaves out the mentions that match only a competitor's terms; the
    // generator never names the foundation and a competitor in one text.
    let mut reader = csv::Reader::from_path(dir.path().join("x/mentions/mentions_0001.csv"))
        .expect("mentions file");
    let competitor_only = reader
        .records()
        .map(|record| record.unwrap()[5].to_lowercase())
        .filter(|text| text.contains("baznas") || text.contains("dompet sejahtera"))
        .count();
    assert!(competitor_only > 1_000, "{competitor_only}");
    let metrics = dir.read("x/reports/2026-08-01..2026-10-31/metrics.csv");
    let volume = metrics
        .lines()
        .find(|line| line.starts_with("mention_volume,awareness,all,2026-08-01..2026-10-31,"))
        .expect("mention volume for the whole range");
    let expected = format!(",{},", 20_000 - competitor_only);
    assert!(volume.contains(&expected), "{volume}, expected {expected}");
}
