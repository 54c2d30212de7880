use crate::util::{copy_dir, project_root, TestDir};

#[test]
fn sample_writes_exactly_the_committed_sample_data() {
    let dir = TestDir::empty();
    dir.tolok()
        .args(["sample", "--out", "sample"])
        .assert()
        .success();
    let written = crate::ingest::snapshot_of(&dir.path().join("sample"));
    let committed: Vec<(String, Vec<u8>)> =
        crate::ingest::snapshot_of(&project_root().join("sample_data"))
            .into_iter()
            .filter(|(name, _)| name != "README.md")
            .collect();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&written),
        names(&committed),
        "run `make sample` and commit sample_data/"
    );
    assert!(
        written == committed,
        "sample_data/ differs from `tolok sample`: run `make sample` and commit"
    );
}

#[test]
fn the_example_pipeline_runs_end_to_end_and_reproducibly() {
    let dir = TestDir::empty();
    let root = project_root();
    for folder in ["pipelines", "report_templates", "sample_data"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    let run = |threads: &str| {
        let out = dir
            .tolok()
            .args(["--threads", threads, "run", "pipelines/example.toml"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        (
            dir.read("reports/example/2026-10/report.md"),
            crate::ingest::snapshot_of(&dir.path().join("reports/example/2026-10")),
            stderr,
        )
    };
    let (md, files, log) = run("2");
    assert!(
        log.contains("meta_instagram_posts")
            && log.contains("x_tweet_activity")
            && log.contains("generic_mentions"),
        "{log}"
    );
    for heading in ["Penggalangan dana", "Ringkasan"] {
        assert!(md.contains(heading), "report.md lacks {heading}");
    }
    std::fs::remove_dir_all(dir.path().join("store")).unwrap();
    let (md2, files2, _) = run("1");
    assert_eq!(md, md2, "report.md differs between runs");
    // Every output, byte for byte: HTML, XLSX, the CSV tables, run.json, and the PDF when
    // this build has it.
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&files), names(&files2));
    for ((name, a), (_, b)) in files.iter().zip(&files2) {
        assert!(a == b, "{name} differs between --threads 2 and --threads 1");
    }
    assert!(names(&files).contains(&"report.xlsx".to_string()));
    assert_eq!(
        names(&files).contains(&"report.pdf".to_string()),
        tolok::report::PDF_AVAILABLE
    );
}
