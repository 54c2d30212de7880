//! `tolok sql`: the DuckDB dialect, executed by the DuckDB Python package, gives every metric
//! tolok's own `tolok metrics --format csv` gives (exactly for counts, to 1e-9 relative for
//! the rest), on the example store and on a generated one; the other dialects are pinned as
//! golden text, since no Spark, Trino or DataFusion runs here.
//!
//! A Rust test rather than a Python script: it reuses the temporary project copies and the
//! `tolok` runner of the other integration tests, and `cargo test` reports it beside them.
//! Python only executes the SQL. `make test` creates `.venv` (scripts/python-env.sh) and
//! sets TOLOK_PYTHON to its interpreter; without TOLOK_PYTHON the parity tests say that
//! they were skipped and pass.

use crate::util::{copy_dir, project_root, TestDir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs each statement of the SQL on stdin in one in-memory DuckDB and prints the rows as
/// CSV, numbers as Python's `repr` (the shortest text that reads back as the same double).
const RUN_DUCKDB: &str = r#"
import csv, sys, duckdb
con = duckdb.connect()
out = csv.writer(sys.stdout, lineterminator="\n")
for statement in duckdb.extract_statements(sys.stdin.read()):
    for row in con.execute(statement).fetchall():
        out.writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in row])
"#;

/// The interpreter TOLOK_PYTHON names, or None (and a note on stderr) when it is not set.
fn python(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TOLOK_PYTHON") {
        Some(p) if !p.is_empty() => {
            let path = PathBuf::from(p);
            // Relative to the project root, where `make` sets it.
            Some(if path.is_absolute() {
                path
            } else {
                project_root().join(path)
            })
        }
        _ => {
            // Written to stderr itself, not through `eprintln!`, which the test harness
            // captures: a plain `cargo test` shows it.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: TOLOK_PYTHON is not set, so DuckDB cannot run the SQL. \
                 `make test` sets it; or run scripts/python-env.sh, then \
                 TOLOK_PYTHON=.venv/bin/python cargo test --test integration sql_parity"
            );
            None
        }
    }
}

type Key = (String, String, String);

/// One result row's figures; None where the value is not available (or empty).
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
}

fn number(cell: &str) -> Option<f64> {
    cell.parse().ok()
}

/// `tolok metrics --format csv`, one row per (metric, scope, period) (objectives repeat
/// rows), with each metric's unit; metrics tolok computes outside SQL are left out.
fn tolok_rows(dir: &TestDir, extra: &[&str]) -> BTreeMap<Key, (Figures, String)> {
    let catalogue =
        tolok::metrics::catalogue::Catalogue::load(&project_root().join("pipelines/catalogue"))
            .expect("catalogue loads");
    let mut out = BTreeMap::new();
    let metrics = dir
        .tolok()
        .args(["metrics", "pipelines/example.toml", "--format", "csv"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        metrics.status.success(),
        "tolok metrics failed: {}",
        String::from_utf8_lossy(&metrics.stderr)
    );
    let mut reader = csv::Reader::from_reader(metrics.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    for record in reader.records() {
        let record = record.unwrap();
        let r: BTreeMap<&str, &str> = headers.iter().zip(record.iter()).collect();
        let computed = catalogue
            .metric(r["metric"])
            .is_some_and(|m| m.is_computed());
        if computed {
            continue;
        }
        let figures = Figures {
            value: number(r["value"]),
            numerator: number(r["numerator"]),
            denominator: number(r["denominator"]),
        };
        out.insert(
            (
                r["metric"].to_string(),
                r["scope"].to_string(),
                r["period"].to_string(),
            ),
            (figures, r["unit"].to_string()),
        );
    }
    out
}

/// `tolok sql --dialect duckdb` run by DuckDB in `dir`.
fn duckdb_rows(python: &Path, dir: &TestDir, extra: &[&str]) -> BTreeMap<Key, Figures> {
    let out = dir
        .tolok()
        .args(["sql", "pipelines/example.toml", "--dialect", "duckdb"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tolok sql failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = Command::new(python)
        .args(["-c", RUN_DUCKDB])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&out.stdout).unwrap();
    }
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "DuckDB failed on the SQL: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(result.stdout.as_slice());
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        let key = (r[0].to_string(), r[1].to_string(), r[2].to_string());
        let figures = Figures {
            value: number(&r[3]),
            numerator: number(&r[4]),
            denominator: number(&r[5]),
        };
        assert!(
            rows.insert(key.clone(), figures).is_none(),
            "DuckDB gave {key:?} twice"
        );
    }
    rows
}

/// Equal for a count (both are whole numbers printed in full), else within 1e-9 of each
/// other relatively; the CSV prints 10 decimals, so values below 0.05 get that resolution.
fn same(count: bool, tolok: Option<f64>, duckdb: Option<f64>) -> bool {
    match (tolok, duckdb) {
        (None, None) => true,
        (Some(a), Some(b)) if count => a == b,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 5e-11,
        _ => false,
    }
}

/// Every row in both, every figure the same; returns how many rows carry a value.
fn assert_parity(python: &Path, dir: &TestDir, extra: &[&str]) -> usize {
    let tolok = tolok_rows(dir, extra);
    // The SQL also computes metrics the CSV does not list (inputs of derived metrics, the
    // top-posts ranking): only the CSV's metrics are compared, all their rows.
    let listed: std::collections::BTreeSet<&String> = tolok.keys().map(|(m, _, _)| m).collect();
    let duckdb: BTreeMap<Key, Figures> = duckdb_rows(python, dir, extra)
        .into_iter()
        .filter(|((m, _, _), _)| listed.contains(m))
        .collect();
    let only_tolok: Vec<&Key> = tolok.keys().filter(|k| !duckdb.contains_key(*k)).collect();
    let only_duckdb: Vec<&Key> = duckdb.keys().filter(|k| !tolok.contains_key(*k)).collect();
    assert!(
        only_tolok.is_empty() && only_duckdb.is_empty(),
        "rows only tolok gives: {only_tolok:?}\nrows only DuckDB gives: {only_duckdb:?}"
    );
    let mut differences = Vec::new();
    for (key, (t, unit)) in &tolok {
        let d = &duckdb[key];
        let count = unit == "count";
        let pairs = [
            ("value", t.value, d.value, count),
            ("numerator", t.numerator, d.numerator, count),
            ("denominator", t.denominator, d.denominator, false),
        ];
        for (what, a, b, exact) in pairs {
            if !same(exact, a, b) {
                differences.push(format!("{key:?} {what}: tolok {a:?}, DuckDB {b:?}"));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} figures differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
    tolok.values().filter(|(f, _)| f.value.is_some()).count()
}

fn run(dir: &TestDir, args: &[&str]) {
    let out = dir.tolok().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "tolok {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn duckdb_runs_the_sql_to_tolok_s_figures_on_the_example_store() {
    let Some(python) = python("duckdb_runs_the_sql_to_tolok_s_figures_on_the_example_store") else {
        return;
    };
    let dir = TestDir::empty();
    let root = project_root();
    for folder in ["pipelines", "report_templates", "sample_data"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    run(&dir, &["run", "pipelines/example.toml"]);
    let with_values = assert_parity(&python, &dir, &[]);
    // Not a comparison of empty tables: most of the example's figures exist.
    assert!(with_values > 300, "only {with_values} figures with a value");
}

#[test]
fn duckdb_runs_the_sql_to_tolok_s_figures_on_a_generated_store() {
    let Some(python) = python("duckdb_runs_the_sql_to_tolok_s_figures_on_a_generated_store") else {
        return;
    };
    let dir = TestDir::empty();
    let root = project_root();
    for folder in ["pipelines", "report_templates"] {
        copy_dir(&root.join(folder), &dir.path().join(folder));
    }
    // Other exports than the example's (another seed, four months from July), reported by
    // quarter: Q3 is full, its comparison quarter Q2 nearly empty. Without the care inbox
    // and the ads export, the care table is missing and the outcomes lack spend.
    run(
        &dir,
        &[
            "sample",
            "--out",
            "sample_data",
            "--seed",
            "7",
            "--first-month",
            "2026-07",
            "--months",
            "4",
        ],
    );
    let pipeline = dir.path().join("pipelines/example.toml");
    let text = std::fs::read_to_string(&pipeline).unwrap();
    let mut blocks = text.split("\n[[input]]");
    let mut kept = vec![blocks.next().unwrap().to_string()];
    kept.extend(
        blocks
            .filter(|b| !b.contains("care/inbox_") && !b.contains("outcomes/ads_"))
            .map(str::to_string),
    );
    assert_eq!(
        kept.len(),
        text.matches("\n[[input]]").count() - 1,
        "two inputs dropped"
    );
    std::fs::write(&pipeline, kept.join("\n[[input]]")).unwrap();

    let period = ["--period", "2026-Q3"];
    run(
        &dir,
        &["run", "pipelines/example.toml", "--period", "2026-Q3"],
    );
    let with_values = assert_parity(&python, &dir, &period);
    assert!(with_values > 150, "only {with_values} figures with a value");
}

/// The printed SQL of every dialect for a small pipeline, as golden text. Only DuckDB's is
/// executed (above); these pin the others so that a change to them is seen and reviewed.
#[test]
fn every_dialect_prints_its_sql_for_a_small_pipeline() {
    let dir = TestDir::from_fixture("sql_small");
    for dialect in ["duckdb", "spark", "trino", "datafusion"] {
        let out = dir
            .tolok()
            .args([
                "sql",
                "pipeline.toml",
                "--store",
                "store",
                "--dialect",
                dialect,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{dialect}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sql = String::from_utf8(out.stdout).unwrap();
        // The pipeline copy names this machine's catalogue folder, so its hash varies.
        insta::with_settings!({filters => vec![(r"sha256 [0-9a-f]{64}", "sha256 [hash]")]}, {
            insta::assert_snapshot!(format!("sql_{dialect}"), sql);
        });
    }
}

#[test]
fn sql_refuses_an_unknown_dialect_and_needs_a_pipeline() {
    let dir = TestDir::from_fixture("sql_small");
    let out = dir
        .tolok()
        .args(["sql", "pipeline.toml", "--dialect", "postgres"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dir.tolok().args(["sql"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The pipeline may be given as an option as well.
    dir.tolok()
        .args(["sql", "--pipeline", "pipeline.toml", "--store", "store"])
        .assert()
        .success();
}
