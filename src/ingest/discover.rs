//! Expands the user's paths (files, folders, globs) into a sorted list of files.

use super::IngestError;
use std::path::{Path, PathBuf};

/// Notes people keep beside their exports; skipped when walking folders (a file named
/// explicitly is still read).
const NOT_EXPORTS: &[&str] = &[".md", ".txt", ".pdf", ".docx"];

/// Every file named by `patterns`: a file as is, a folder recursively, anything else as a
/// glob. Sorted and without duplicates, so runs are reproducible. Hidden files (starting
/// with `.`) and notes (`NOT_EXPORTS`) inside folders are skipped.
pub fn discover(patterns: &[String]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for pattern in patterns {
        let path = Path::new(pattern);
        if path.is_file() {
            files.push(path.to_path_buf());
        } else if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            let matches = glob::glob(pattern).map_err(|e| IngestError::BadGlob {
                pattern: pattern.clone(),
                message: e.to_string(),
            })?;
            let before = files.len();
            for entry in matches.flatten() {
                if entry.is_file() {
                    files.push(entry);
                } else if entry.is_dir() {
                    walk(&entry, &mut files)?;
                }
            }
            if files.len() == before {
                return Err(IngestError::NoMatch {
                    pattern: pattern.clone(),
                });
            }
        }
    }
    let mut files: Vec<PathBuf> = files
        .into_iter()
        .map(|p| crate::pipeline::normalise_path(&p))
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let entries = std::fs::read_dir(dir).map_err(|source| IngestError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| IngestError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if name.starts_with('.') || NOT_EXPORTS.iter().any(|ext| name.ends_with(ext)) {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}
