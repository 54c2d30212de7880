//! Helpers shared by the integration tests: a temporary copy of a fixture folder and a
//! command builder for the `tolok` binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/data` beside the project, when this checkout has it (CI always does).
pub fn shared_data() -> Option<PathBuf> {
    let dir = project_root().join("../shared/data");
    dir.is_dir().then_some(dir)
}

/// A temporary directory holding a copy of `tests/fixtures/<name>`; the copied
/// `pipeline.toml` is pointed at the project's catalogue and templates.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    pub fn from_fixture(name: &str) -> TestDir {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &project_root().join("tests/fixtures").join(name),
            dir.path(),
        );
        let pipeline = dir.path().join("pipeline.toml");
        if pipeline.exists() {
            let text = std::fs::read_to_string(&pipeline).unwrap();
            let root = project_root();
            let text = text
                .replace(
                    "\"CATALOGUE\"",
                    &format!(
                        "{:?}",
                        root.join("pipelines/catalogue").display().to_string()
                    ),
                )
                .replace(
                    "\"TEMPLATES\"",
                    &format!("{:?}", root.join("report_templates").display().to_string()),
                );
            std::fs::write(&pipeline, text).unwrap();
        }
        TestDir { dir }
    }

    pub fn empty() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `tolok` with this directory as its working directory.
    pub fn tolok(&self) -> Command {
        let mut cmd = Command::cargo_bin("tolok").expect("binary built");
        cmd.current_dir(self.path())
            .env_remove("TOLOK_LOG")
            .env("TOLOK_PROGRESS", "never");
        cmd
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `tolok metrics pipeline.toml --format csv` and returns the rows as maps.
pub fn metric_rows(
    dir: &TestDir,
    extra: &[&str],
) -> Vec<std::collections::BTreeMap<String, String>> {
    let out = dir
        .tolok()
        .args(["metrics", "pipeline.toml", "--format", "csv"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "metrics failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The value column of the first row for (metric, scope, period).
pub fn value(
    rows: &[std::collections::BTreeMap<String, String>],
    metric: &str,
    scope: &str,
    period: &str,
) -> String {
    rows.iter()
        .find(|r| r["metric"] == metric && r["scope"] == scope && r["period"] == period)
        .map(|r| r["value"].clone())
        .unwrap_or_else(|| panic!("no row for {metric}/{scope}/{period}"))
}

/// The line of a summary or `detect` table about `file` (each starts with the file's path).
pub fn line_of<'a>(text: &'a str, file: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(file))
        .unwrap_or_else(|| panic!("no line for {file}\n{text}"))
}

/// The cells of that line after the file's path, which may itself hold spaces: for an
/// ingest summary, adapter, read, stored, quarantined, duplicates, status.
pub fn summary_cells<'a>(text: &'a str, file: &str) -> Vec<&'a str> {
    line_of(text, file)[file.len()..]
        .split_whitespace()
        .collect()
}

/// Every row of `table` in the test's store (as `metrics` reads it: the parts the manifest
/// lists, with the hive partition columns), sorted by `key`.
pub fn stored(dir: &TestDir, table: tolok::schema::Table, key: &str) -> polars::prelude::DataFrame {
    tolok::store::Store::open(&dir.path().join("store"))
        .scan(table)
        .unwrap()
        .expect("rows stored")
        .sort([key], Default::default())
        .collect()
        .unwrap()
}

/// A text column's cells.
pub fn texts(frame: &polars::prelude::DataFrame, column: &str) -> Vec<Option<String>> {
    frame
        .column(column)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

/// A count column's cells.
pub fn counts(frame: &polars::prelude::DataFrame, column: &str) -> Vec<Option<i64>> {
    frame
        .column(column)
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .collect()
}
