use crate::util::TestDir;

fn run(dir: &TestDir, extra: &[&str]) {
    let out = dir
        .tolok()
        .args(["run", "pipeline.toml"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The catalogue's hash changes with every edit of the catalogue, and the test pipeline's
/// with the checkout's path (it names the project's catalogue by absolute path); the
/// snapshot keeps the rest of the report in view.
fn assert_report_snapshot(name: &str, report: &str) {
    insta::with_settings!({filters => vec![
        (r"(SHA-256 katalog metrik|Metric catalogue SHA-256): `[0-9a-f]{64}`", "$1: `[CATALOGUE-SHA256]`"),
        (r"(SHA-256 berkas pipeline|Pipeline file SHA-256): `[0-9a-f]{64}`", "$1: `[PIPELINE-SHA256]`"),
    ]}, {
        insta::assert_snapshot!(name, report);
    });
}

#[test]
fn markdown_report_snapshot() {
    let dir = TestDir::from_fixture("month");
    run(&dir, &[]);
    assert_report_snapshot("report_md_id", &dir.read("reports/2026-10/report.md"));
}

#[test]
fn english_report_snapshot() {
    let dir = TestDir::from_fixture("month");
    run(&dir, &["--lang", "en"]);
    assert_report_snapshot("report_md_en", &dir.read("reports/2026-10/report.md"));
}

#[test]
fn html_is_self_contained_and_escapes_user_text() {
    let dir = TestDir::from_fixture("month");
    run(&dir, &[]);
    let html = dir.read("reports/2026-10/report.html");
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{}",
        &html[..80]
    );
    // Post text and the organisation name come from users: shown as text, never markup.
    assert!(html.contains("&lt;b&gt;hebat&lt;") && !html.contains("<b>hebat"));
    assert!(html.contains("Fixture Org &lt;Test &amp; Co&gt;") && !html.contains("<Test & Co>"));
    // Nothing is fetched: no scripts, stylesheets, images or fonts from elsewhere.
    for needle in ["<script", "<link", "<img", "@import", "url(", "src="] {
        assert!(!html.contains(needle), "report.html contains `{needle}`");
    }
    assert!(html.contains("<style"));
}

#[test]
fn running_twice_gives_identical_reports() {
    let dir = TestDir::from_fixture("month");
    run(&dir, &[]);
    let first = (
        dir.read("reports/2026-10/report.md"),
        dir.read("reports/2026-10/report.html"),
    );
    std::fs::remove_dir_all(dir.path().join("store")).unwrap();
    run(&dir, &["--threads", "1"]);
    assert_eq!(
        first,
        (
            dir.read("reports/2026-10/report.md"),
            dir.read("reports/2026-10/report.html")
        )
    );
}
