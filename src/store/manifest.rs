//! `manifest.json`: what the store holds and where it came from. Written last, atomically,
//! after the Parquet parts it lists, so a store is never described as holding data it
//! does not have.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub schema_version: u32,
    /// One record per ingested input file, in ingest order.
    pub files: Vec<FileRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileRecord {
    /// Path as given on the command line or in the pipeline, normalised.
    pub path: String,
    pub sha256: String,
    pub adapter: String,
    pub adapter_version: u32,
    pub table: String,
    /// When the export was taken (UTC, RFC 3339), and how that was found out.
    pub snapshot_at: String,
    pub snapshot_from: String,
    pub rows_read: u64,
    pub stored: u64,
    pub quarantined: u64,
    pub duplicates: u64,
    /// Duplicates whose values differ from the stored row (same post, same snapshot time,
    /// other counts): the stored row was kept.
    #[serde(default)]
    pub conflicting_duplicates: u64,
    /// Days for which this export gives an account another follower count than an export
    /// stored before it (`instagram/main 2026-10-05: 1240 here, 1234 in Follows.csv`).
    /// Both are kept; metrics use the later snapshot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follower_disagreements: Vec<String>,
    /// `column: reason` → rows.
    pub quarantine_reasons: BTreeMap<String, u64>,
    /// Platforms found in the rows.
    pub platforms: Vec<String>,
    /// First and last day of the rows' times (UTC dates).
    pub first: Option<String>,
    pub last: Option<String>,
    /// Parquet parts written, relative to the store root.
    pub parts: Vec<String>,
    /// Quarantine file, relative to the store root, when rows were quarantined.
    pub quarantine_file: Option<String>,
}

impl Manifest {
    /// The record of a file already ingested. A file all of whose rows were quarantined
    /// (none stored, none a duplicate) does not count: read again once the pipeline says
    /// what was missing (`snapshot-at`, `platform`), it may store its rows, and its new
    /// record replaces the old one (`Store::add`).
    pub fn find(&self, sha256: &str) -> Option<&FileRecord> {
        self.files
            .iter()
            .find(|f| f.sha256 == sha256 && !f.only_quarantined())
    }

    pub fn quarantined_total(&self) -> u64 {
        self.files.iter().map(|f| f.quarantined).sum()
    }
}

impl FileRecord {
    /// Every row read was quarantined: nothing of the file is in the store.
    pub fn only_quarantined(&self) -> bool {
        self.stored == 0 && self.duplicates == 0 && self.quarantined > 0
    }
}
