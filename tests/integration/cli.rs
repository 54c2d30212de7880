use crate::util::TestDir;

#[test]
fn help_lists_every_subcommand_and_the_exit_codes() {
    let out = TestDir::empty().tolok().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for sub in [
        "run",
        "ingest",
        "detect",
        "validate",
        "metrics",
        "report",
        "catalogue",
        "sample",
        "sentiment",
        "sql",
    ] {
        assert!(
            help.contains(&format!("  {sub} ")),
            "--help lacks `{sub}`:\n{help}"
        );
    }
    assert!(help.contains("Exit codes"), "{help}");
}

#[test]
fn an_invalid_pipeline_reports_every_problem_at_once_with_exit_code_2() {
    let dir = TestDir::from_fixture("month");
    let text = dir
        .read("pipeline.toml")
        .replace("period = \"2026-10\"", "period = \"2026-13\"")
        .replace(
            "objectives = [\"engagement\", \"fundraising\"]",
            "objectives = [\"engagement\", \"world_peace\"]",
        )
        .replace("\">= 4%\"", "\">= 4 kg\"");
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("3 problem(s)"), "{err}");
    assert!(err.contains("`period`") && err.contains("2026-13"), "{err}");
    assert!(err.contains("world_peace"), "{err}");
    assert!(err.contains("unknown unit `kg`"), "{err}");
}

#[test]
fn unknown_keys_are_errors_that_name_the_line() {
    let dir = TestDir::from_fixture("month");
    let text = dir
        .read("pipeline.toml")
        .replace("lang = \"id\"", "language = \"id\"");
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unknown field `language`") && err.contains("line 5"),
        "{err}"
    );
}

#[test]
fn the_example_pipeline_and_catalogue_validate() {
    let root = crate::util::project_root();
    let out = TestDir::empty()
        .tolok()
        .arg("validate")
        .arg(root.join("pipelines/example.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = TestDir::empty()
        .tolok()
        .args(["catalogue", "--catalogue"])
        .arg(root.join("pipelines/catalogue"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing.contains("engagement_rate_reach") && listing.contains("Penggalangan dana"),
        "{listing}"
    );
}

#[test]
fn help_text_snapshot() {
    let out = TestDir::empty()
        .tolok()
        .args(["ingest", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("ingest_help", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn sentiment_help_text_snapshot() {
    let out = TestDir::empty()
        .tolok()
        .args(["sentiment", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("sentiment_help", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn runtime_failures_exit_with_1_and_name_what_failed() {
    let dir = TestDir::from_fixture("month");
    let text = dir
        .read("pipeline.toml")
        .replace("path = \"x\"", "path = \"missing/*.csv\"");
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("error: `missing/*.csv` matches no file"),
        "{err}"
    );
}

#[test]
fn a_catalogue_column_that_does_not_exist_is_caught_before_any_data_is_read() {
    let dir = TestDir::from_fixture("month");
    let root = crate::util::project_root();
    crate::util::copy_dir(
        &root.join("pipelines/catalogue"),
        &dir.path().join("catalogue"),
    );
    let metrics = dir
        .read("catalogue/metrics.toml")
        .replacen("sum(reach)", "sum(reech)", 1);
    std::fs::write(dir.path().join("catalogue/metrics.toml"), metrics).unwrap();
    let pipeline = dir.read("pipeline.toml");
    let start = pipeline.find("catalogue = ").unwrap();
    let end = start + pipeline[start..].find('\n').unwrap();
    let pipeline = format!(
        "{}catalogue = \"catalogue\"{}",
        &pipeline[..start],
        &pipeline[end..]
    );
    std::fs::write(dir.path().join("pipeline.toml"), pipeline).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("uses `reech`, which is not a column of `posts`"),
        "{err}"
    );
}
