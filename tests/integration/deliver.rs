//! The report as delivered: every output file, `run.json`, branding, commentary, and
//! `tolok run` over several pipelines at once.

use crate::ingest::snapshot_of;
use crate::util::{copy_dir, project_root, TestDir};
use std::collections::BTreeMap;

/// A temp project with the example pipelines, templates and sample data.
fn example_project() -> TestDir {
    let dir = TestDir::empty();
    let root = project_root();
    for folder in ["pipelines", "report_templates", "sample_data"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    dir
}

fn files_of(dir: &TestDir, folder: &str) -> BTreeMap<String, Vec<u8>> {
    snapshot_of(&dir.path().join(folder)).into_iter().collect()
}

#[test]
fn two_pipelines_in_one_run_write_their_own_folders_and_run_json_lists_every_file() {
    let dir = example_project();
    let out = dir
        .tolok()
        .args(["run", "pipelines/example.toml", "pipelines/agency.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for report in ["reports/example/2026-10", "reports/agency/2026-10"] {
        let files = files_of(&dir, report);
        for name in [
            "report.md",
            "report.html",
            "report.xlsx",
            "metrics.csv",
            "run.json",
            "tables/headline.csv",
            "tables/top_posts.csv",
            "tables/definitions.csv",
        ] {
            assert!(files.contains_key(name), "{report} lacks {name}");
        }
        assert!(
            files["report.xlsx"].starts_with(b"PK"),
            "{report}: xlsx is a zip"
        );
        let run: serde_json::Value = serde_json::from_slice(&files["run.json"]).unwrap();
        let listed = run["outputs"].as_array().unwrap();
        assert_eq!(
            listed.len(),
            files.len() - 1,
            "{report}: run.json lists every file but itself"
        );
        for entry in listed {
            let name = entry["file"].as_str().unwrap();
            assert_eq!(
                entry["sha256"].as_str().unwrap(),
                tolok::pipeline::hex_sha256(&files[name]),
                "{report}: checksum of {name}"
            );
        }
        assert_eq!(run["period"], "2026-10");
        assert_eq!(run["tool"], "tolok");
    }

    // Each pipeline has its own store: the agency's has no outcomes (it reads none).
    assert!(dir.path().join("store/example/outcomes").exists());
    assert!(!dir.path().join("store/agency/outcomes").exists());

    // The agency deliverable: English, its branding and commentary, white label.
    let html = dir.read("reports/agency/2026-10/report.html");
    let md = dir.read("reports/agency/2026-10/report.md");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Prepared for <strong>Yayasan Amanah Zakat Nusantara</strong>"));
    // minijinja's HTML escaping writes `/` as `&#x2f;`, which the browser reads back as `/`.
    assert!(
        html.contains("<img src=\"data:image&#x2f;svg+xml;base64,"),
        "logo embedded"
    );
    assert!(html.contains("--brand: #5b2a86;"));
    assert!(html
        .contains("Confidential: prepared for Yayasan Amanah Zakat Nusantara by Lentera Digital"));
    assert!(
        !html.contains("name=\"generator\""),
        "white label: no generator tag"
    );
    assert!(!html.to_lowercase().contains("made with tolok"));
    assert!(!html.contains("tolok version") && !html.contains("dibuat dengan tolok"));
    assert!(md.contains("**Analyst's commentary**"));
    assert!(md.contains("- Link posts stayed weak: the campaign page is the next thing to test."));
    assert!(
        md.contains("## Content")
            && md.contains("## Audience")
            && md.contains("## AMEC evaluation stages")
    );
    // The example keeps tolok's name and colours.
    let example = dir.read("reports/example/2026-10/report.html");
    assert!(example.contains("name=\"generator\" content=\"tolok "));
    assert!(example.contains("--brand: #0b5d3b;"));
}

#[test]
fn a_second_pipeline_does_not_touch_the_first_ones_report() {
    let dir = example_project();
    let run = |pipeline: &str| {
        let out = dir.tolok().args(["run", pipeline]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run("pipelines/example.toml");
    let before = files_of(&dir, "reports/example");
    run("pipelines/agency.toml");
    assert!(
        before == files_of(&dir, "reports/example"),
        "running the agency pipeline changed the example's report folder"
    );
}

#[test]
fn pipelines_sharing_a_report_folder_are_refused_before_any_work() {
    let dir = example_project();
    let text = std::fs::read_to_string(dir.path().join("pipelines/agency.toml")).unwrap();
    std::fs::write(
        dir.path().join("pipelines/copy.toml"),
        text.replace(
            "output = \"../reports/agency\"",
            "output = \"../reports/example\"",
        ),
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["run", "pipelines/example.toml", "pipelines/copy.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is also the report folder of"), "{stderr}");
    assert!(!dir.path().join("store").exists(), "nothing ingested");
}

#[test]
fn one_failing_pipeline_does_not_stop_the_others() {
    let dir = example_project();
    let text = std::fs::read_to_string(dir.path().join("pipelines/agency.toml")).unwrap();
    // A template folder without templates: the report stage fails at run time.
    std::fs::create_dir_all(dir.path().join("empty_templates/i18n")).unwrap();
    std::fs::copy(
        dir.path().join("report_templates/i18n/en.toml"),
        dir.path().join("empty_templates/i18n/en.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pipelines/broken.toml"),
        text.replace(
            "templates = \"../report_templates\"",
            "templates = \"../empty_templates\"",
        )
        .replace(
            "output = \"../reports/agency\"",
            "output = \"../reports/broken\"",
        ),
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["run", "pipelines/broken.toml", "pipelines/example.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("pipeline `pipelines/broken.toml` failed"),
        "{stderr}"
    );
    assert!(stderr.contains("1 pipeline(s) failed"), "{stderr}");
    assert!(dir
        .path()
        .join("reports/example/2026-10/report.html")
        .exists());
}

#[test]
fn branding_and_commentary_problems_name_the_key_and_line_all_at_once() {
    let dir = example_project();
    let text = std::fs::read_to_string(dir.path().join("pipelines/agency.toml")).unwrap();
    std::fs::write(
        dir.path().join("pipelines/commentary/bad.md"),
        "## summary\nfine\n\n## engagment\ntypo\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pipelines/bad.toml"),
        text.replace("primary = \"#5b2a86\"", "primary = \"purple\"")
            .replace("branding/lentera-logo.svg", "branding/missing.png")
            .replace("commentary/agency-2026-10.md", "commentary/bad.md"),
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipelines/bad.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`branding.primary`: `purple` is not a colour"),
        "{stderr}"
    );
    assert!(stderr.contains("`branding.logo`"), "{stderr}");
    assert!(
        stderr.contains("bad.md` line 4: unknown section `engagment`"),
        "{stderr}"
    );
}

/// Cells a spreadsheet would run as a formula: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return.
fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn hostile_text_is_neutralised_in_the_workbook_and_the_csv_tables() {
    use calamine::{Data, Reader, Xlsx};
    let dir = TestDir::from_fixture("hostile");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let bytes = std::fs::read(dir.path().join("reports/2026-10/report.xlsx")).unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut texts = Vec::new();
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {name} has a formula"
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, cell) in range.used_cells() {
            if let Data::String(text) = cell {
                assert!(!is_formula_like(text), "sheet {name}: live cell {text:?}");
                texts.push(text.clone());
            }
        }
    }
    // The hostile post texts are there, as text with the apostrophe in front.
    for expected in [
        "'=HYPERLINK(\"http://evil\")",
        "'@SUM(A1)",
        "'+1 plus-sign",
        "'-2 minus-sign",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(expected)),
            "workbook lacks a cell starting with {expected}: {texts:?}"
        );
    }
    assert!(texts
        .iter()
        .any(|t| t.contains("<script>window.__pwned=1</script>")));

    let mut seen_neutralised = 0;
    for (name, content) in snapshot_of(&dir.path().join("reports/2026-10/tables")) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(content.as_slice());
        for record in reader.records() {
            for field in record.unwrap().iter() {
                // A negative number is a number (written by tolok as one), not user text.
                let number = field.parse::<f64>().is_ok();
                assert!(
                    number || !is_formula_like(field),
                    "{name}: live field {field:?}"
                );
                seen_neutralised += usize::from(field.starts_with("'="));
            }
        }
    }
    assert!(
        seen_neutralised > 0,
        "the CSV tables show the formula text, neutralised"
    );
}

#[test]
fn template_overrides_replace_only_their_files_and_an_unknown_value_is_an_error() {
    let dir = example_project();
    let run = |pipeline: &str| dir.tolok().args(["run", pipeline]).output().unwrap();
    let out = run("pipelines/agency.toml");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = dir.read("reports/agency/2026-10/report.md");
    // The override's strings, and tolok's for every key it does not name.
    assert!(md.contains("## Executive summary"), "override string used");
    assert!(md.contains("Report prepared by **Lentera Digital**"));
    assert!(md.contains("## Objective scorecards"), "other strings kept");

    // An override template that names a value the context lacks fails the run, naming it.
    let partial = dir
        .path()
        .join("pipelines/branding/lentera-templates/partials/md/summary.md.j2");
    std::fs::create_dir_all(partial.parent().unwrap()).unwrap();
    std::fs::write(
        &partial,
        "## {{ t.summary_title }}\n\n{{ client_secret }}\n",
    )
    .unwrap();
    let out = run("pipelines/agency.toml");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("partials/md/summary.md.j2"), "{stderr}");
    assert!(stderr.contains("undefined"), "{stderr}");
}
