//! Stage 3: the Parquet store. Layout (the only place that knows it):
//!
//! ```text
//! <store>/manifest.json
//! <store>/<table>/platform=<p>/month=<yyyy-mm>/part-<sha256 prefix>.parquet
//! <store>/quarantine/<sha256 prefix>.csv
//! ```
//!
//! zstd-compressed, rows sorted by key, one part per input file and partition. Writes go
//! to a temporary name and are renamed into place; the manifest is written last. Any
//! engine that reads hive-partitioned Parquet (DuckDB, Spark, pandas) reads the store.

pub mod manifest;

use crate::normalise::{Normalised, QuarantinedRow};
use crate::schema::{Table, SCHEMA_VERSION};
use manifest::{FileRecord, Manifest};
use polars::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not write `{path}`")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not read `{path}`")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is not a tolok manifest: {message}")]
    BadManifest { path: PathBuf, message: String },
    #[error("store manifest `{path}` has schema version {found}; this tolok writes version {SCHEMA_VERSION}: move the store aside and ingest the exports again")]
    SchemaVersion { path: PathBuf, found: u32 },
    #[error("{context}")]
    Polars {
        context: String,
        #[source]
        source: PolarsError,
    },
}

fn polars_err(context: impl Into<String>) -> impl FnOnce(PolarsError) -> StoreError {
    let context = context.into();
    move |source| StoreError::Polars { context, source }
}

pub struct Store {
    root: PathBuf,
}

/// What adding one file to the store did.
#[derive(Debug, Clone)]
pub struct Added {
    pub record: FileRecord,
}

impl Store {
    pub fn open(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn manifest_path(&self) -> PathBuf {
        self.root.join("manifest.json")
    }

    pub fn manifest(&self) -> Result<Manifest, StoreError> {
        let path = self.manifest_path();
        if !path.exists() {
            return Ok(Manifest {
                schema_version: SCHEMA_VERSION,
                files: vec![],
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|source| StoreError::Read {
            path: path.clone(),
            source,
        })?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| StoreError::BadManifest {
                path: path.clone(),
                message: e.to_string(),
            })?;
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(StoreError::SchemaVersion {
                path,
                found: manifest.schema_version,
            });
        }
        Ok(manifest)
    }

    fn write_manifest(&self, manifest: &Manifest) -> Result<(), StoreError> {
        let mut text = serde_json::to_string_pretty(manifest).expect("manifest serialises");
        text.push('\n');
        write_atomically(&self.manifest_path(), text.as_bytes())
    }

    /// Adds one normalised file: drops rows whose key is already stored (or repeated in
    /// the file), writes the rest as Parquet parts, the quarantined rows as CSV, and then
    /// the manifest. The caller has checked that the file's hash is not in the manifest.
    pub fn add(&self, mut record: FileRecord, normalised: Normalised) -> Result<Added, StoreError> {
        let table = normalised.table;
        let mut manifest = self.manifest()?;
        let existing = self.existing_rows(table)?;
        let frame = normalised.frame;
        let keys = row_keys(&frame, table).map_err(polars_err("could not read row keys"))?;
        let values = key_strings(&frame, &value_columns(table))
            .map_err(polars_err("could not read row values"))?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut conflicts = 0;
        let keep: Vec<bool> = keys
            .into_iter()
            .zip(values)
            .map(|(key, value)| match existing.get(&key) {
                Some(stored) => {
                    conflicts += u64::from(*stored != value);
                    false
                }
                None => seen.insert(key),
            })
            .collect();
        if table == Table::AccountDaily {
            record.follower_disagreements = self.follower_disagreements(&frame)?;
        }
        let kept = frame
            .filter(&BooleanChunked::from_slice(
                PlSmallStr::from_static("keep"),
                &keep,
            ))
            .map_err(polars_err("could not drop duplicate rows"))?;
        // File rows, not table rows: a wide file's row gives one row per measure.
        let stored = crate::normalise::source_rows(&kept);
        record.duplicates = normalised.rows_read - normalised.quarantine.len() as u64 - stored;
        record.stored = stored;
        record.conflicting_duplicates = conflicts;
        record.quarantined = normalised.quarantine.len() as u64;
        record.quarantine_reasons = crate::normalise::reason_counts(&normalised.quarantine);
        record.platforms = distinct_strings(&kept, table.partition_column());
        (record.first, record.last) = date_range(&kept, table.time_column());
        let prefix: String = record.sha256.chars().take(16).collect();
        record.parts = self.write_parts(table, kept, &prefix)?;
        record.parts.sort();
        if !normalised.quarantine.is_empty() {
            let relative = format!("quarantine/{prefix}.csv");
            write_atomically(
                &self.root.join(&relative),
                &quarantine_csv(&normalised.quarantine),
            )?;
            record.quarantine_file = Some(relative);
        }
        // A file read before with every row quarantined (see `Manifest::find`): this
        // record replaces that one, and its list of quarantined rows goes with it.
        for earlier in manifest.files.iter().filter(|f| f.sha256 == record.sha256) {
            if let Some(q) = &earlier.quarantine_file {
                if record.quarantine_file.as_ref() != Some(q) {
                    let _ = std::fs::remove_file(self.root.join(q));
                }
            }
        }
        manifest.files.retain(|f| f.sha256 != record.sha256);
        manifest.files.push(record.clone());
        self.write_manifest(&manifest)?;
        Ok(Added { record })
    }

    /// Writes one part per (partition value, month); returns their relative paths.
    fn write_parts(
        &self,
        table: Table,
        frame: DataFrame,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        if frame.height() == 0 {
            return Ok(vec![]);
        }
        let part_col = table.partition_column();
        let time_col = table.time_column();
        let months = frame
            .column(time_col)
            .and_then(|c| c.as_materialized_series().strftime("%Y-%m"))
            .map_err(polars_err("could not compute partition months"))?;
        let mut frame = frame;
        frame
            .with_column(
                months
                    .with_name(PlSmallStr::from_static("__month"))
                    .into_column(),
            )
            .map_err(polars_err("could not add partition month"))?;
        let mut parts = Vec::new();
        let groups = frame
            .partition_by_stable([part_col, "__month"], true)
            .map_err(polars_err("could not partition rows"))?;
        for group in groups {
            let value = first_string(&group, part_col);
            let month = first_string(&group, "__month");
            let relative = format!(
                "{}/{part_col}={}/month={month}/part-{prefix}.parquet",
                table.name(),
                partition_safe(&value)
            );
            let mut group = group
                .drop_many([part_col, "__month"])
                .sort(
                    table
                        .key()
                        .iter()
                        .filter(|k| **k != part_col)
                        .copied()
                        .collect::<Vec<_>>(),
                    SortMultipleOptions::default(),
                )
                .map_err(polars_err("could not sort rows"))?;
            let mut bytes = Vec::new();
            ParquetWriter::new(&mut bytes)
                .with_compression(ParquetCompression::Zstd(None))
                .with_statistics(StatisticsOptions::full())
                .finish(&mut group)
                .map_err(polars_err(format!("could not encode `{relative}`")))?;
            write_atomically(&self.root.join(&relative), &bytes)?;
            parts.push(relative);
        }
        Ok(parts)
    }

    /// The rows already stored in `table`: key → the row's values, both as strings.
    /// Where `frame` gives an account's follower count for a day that a stored export
    /// gives differently: one line per day (at most `MAX_SHOWN`, then how many more).
    fn follower_disagreements(&self, frame: &DataFrame) -> Result<Vec<String>, StoreError> {
        const MAX_SHOWN: usize = 5;
        let Some(lf) = self.scan(Table::AccountDaily)? else {
            return Ok(vec![]);
        };
        let day_columns = ["platform", "account_id", "date"];
        let stored = lf
            .filter(col("followers").is_not_null())
            .collect()
            .map_err(polars_err("could not read `account_daily`"))?;
        let read = |frame: &DataFrame| -> PolarsResult<Vec<(String, String, String)>> {
            let days = key_strings(frame, &day_columns)?;
            let counts = key_strings(frame, &["followers"])?;
            let files = key_strings(frame, &["source_file"])?;
            Ok(days
                .into_iter()
                .zip(counts)
                .zip(files)
                .map(|((d, c), f)| (d, c, f))
                .collect())
        };
        let mut known: HashMap<String, (String, String)> = HashMap::new();
        for (day, count, file) in
            read(&stored).map_err(polars_err("could not read follower counts"))?
        {
            known.entry(day).or_insert((count, file));
        }
        let mut out = Vec::new();
        let mut more = 0;
        for (day, count, _) in read(frame).map_err(polars_err("could not read follower counts"))? {
            // Rows without a follower count carry "\0" for it.
            let Some((other, file)) = known.get(&day) else {
                continue;
            };
            if count.starts_with('\0') || *other == count {
                continue;
            }
            if out.len() < MAX_SHOWN {
                let shown = |s: &str| s.trim_end_matches('\u{1f}').to_string();
                let day: Vec<&str> = day.split('\u{1f}').collect();
                out.push(format!(
                    "{}/{} {}: {} here, {} in {}",
                    day[0],
                    day[1],
                    day[2],
                    shown(&count),
                    shown(other),
                    shown(file)
                ));
            } else {
                more += 1;
            }
        }
        if more > 0 {
            out.push(format!("and {more} more day(s)"));
        }
        Ok(out)
    }

    fn existing_rows(&self, table: Table) -> Result<HashMap<String, String>, StoreError> {
        let Some(lf) = self.scan(table)? else {
            return Ok(HashMap::new());
        };
        let frame = lf
            .collect()
            .map_err(polars_err(format!("could not read `{table}`")))?;
        let keys = row_keys(&frame, table).map_err(polars_err("could not read row keys"))?;
        let values = key_strings(&frame, &value_columns(table))
            .map_err(polars_err("could not read row values"))?;
        Ok(keys.into_iter().zip(values).collect())
    }

    /// A lazy scan over the parts of `table` that the manifest lists, with the hive
    /// partition columns; `None` when the store holds no rows of it. Files the manifest
    /// does not list (left by an ingest that stopped before its manifest was written) are
    /// never read, and are overwritten when that file is ingested again.
    pub fn scan(&self, table: Table) -> Result<Option<LazyFrame>, StoreError> {
        let manifest = self.manifest()?;
        let mut parts: Vec<PathBuf> = manifest
            .files
            .iter()
            .filter(|f| f.table == table.name())
            .flat_map(|f| f.parts.iter().map(|p| self.root.join(p)))
            .collect();
        if parts.is_empty() {
            return Ok(None);
        }
        parts.sort();
        let paths: Vec<PlRefPath> = parts
            .iter()
            .map(|p| PlRefPath::from(p.to_string_lossy().as_ref()))
            .collect();
        let args = ScanArgsParquet {
            hive_options: HiveOptions {
                enabled: Some(true),
                hive_start_idx: 0,
                schema: None,
                try_parse_dates: false,
            },
            ..Default::default()
        };
        let lf = LazyFrame::scan_parquet_files(paths.into_iter().collect(), args)
            .map_err(polars_err(format!("could not scan `{table}`")))?;
        Ok(Some(lf))
    }
}

/// Writes `bytes` to a temporary sibling and renames it into place, so readers never see
/// a half-written file and a crash leaves the previous version intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| StoreError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|source| StoreError::Write {
        path: tmp.clone(),
        source,
    })?;
    std::fs::rename(&tmp, path).map_err(|source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// What makes a row a duplicate: its key, and for tables with partial rows also which
/// value columns it fills (a day's reach and the same day's follows are different rows).
fn row_keys(frame: &DataFrame, table: Table) -> PolarsResult<Vec<String>> {
    let mut keys = key_strings(frame, table.key())?;
    if table.has_partial_rows() {
        for name in value_columns(table) {
            let filled = frame.column(name)?.is_not_null();
            for (key, filled) in keys.iter_mut().zip(filled.iter()) {
                if filled == Some(true) {
                    key.push_str(name);
                    key.push('\u{1f}');
                }
            }
        }
    }
    Ok(keys)
}

fn key_strings(frame: &DataFrame, key: &[&str]) -> PolarsResult<Vec<String>> {
    let columns: Vec<Series> = key
        .iter()
        .map(|k| {
            frame
                .column(k)
                .and_then(|c| c.as_materialized_series().cast(&DataType::String))
        })
        .collect::<PolarsResult<_>>()?;
    let mut out = vec![String::new(); frame.height()];
    for column in &columns {
        let ca = column.str()?;
        for (key, value) in out.iter_mut().zip(ca.iter()) {
            key.push_str(value.unwrap_or("\u{0}"));
            key.push('\u{1f}');
        }
    }
    Ok(out)
}

/// The columns that carry what an export says about a row: all but its key and where it
/// was read from.
fn value_columns(table: Table) -> Vec<&'static str> {
    table
        .columns()
        .iter()
        .map(|c| c.name)
        .filter(|n| !table.key().contains(n) && !matches!(*n, "source_file" | "source_row"))
        .collect()
}

fn first_string(frame: &DataFrame, column: &str) -> String {
    frame
        .column(column)
        .ok()
        .and_then(|c| c.as_materialized_series().cast(&DataType::String).ok())
        .and_then(|s| s.str().ok().and_then(|ca| ca.get(0).map(str::to_string)))
        .unwrap_or_else(|| "unknown".into())
}

fn distinct_strings(frame: &DataFrame, column: &str) -> Vec<String> {
    let Ok(c) = frame.column(column) else {
        return vec![];
    };
    let Ok(s) = c.as_materialized_series().cast(&DataType::String) else {
        return vec![];
    };
    let mut values: Vec<String> = s
        .str()
        .map(|ca| ca.iter().flatten().map(str::to_string).collect())
        .unwrap_or_default();
    values.sort();
    values.dedup();
    values
}

fn date_range(frame: &DataFrame, column: &str) -> (Option<String>, Option<String>) {
    let Ok(c) = frame.column(column) else {
        return (None, None);
    };
    let Ok(s) = c.as_materialized_series().strftime("%Y-%m-%d") else {
        return (None, None);
    };
    let Ok(ca) = s.str() else { return (None, None) };
    let values: Vec<&str> = ca.iter().flatten().collect();
    (
        values.iter().min().map(|s| s.to_string()),
        values.iter().max().map(|s| s.to_string()),
    )
}

/// Partition values become folder names: keep them to safe characters.
fn partition_safe(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn quarantine_csv(rows: &[QuarantinedRow]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["file", "line", "column", "value", "reason"])
        .expect("in-memory write");
    for r in rows {
        writer
            .write_record([
                r.file.as_str(),
                &r.line.to_string(),
                &r.column,
                &r.value,
                &r.reason,
            ])
            .expect("in-memory write");
    }
    writer.into_inner().expect("in-memory write")
}
