//! Which adapter reads a file, decided from its content: the header cells (and for Meta's
//! daily series the preamble), never the file name. Every answer comes with its reason, so
//! `tolok detect` can explain near misses.

use super::decode::{decode, Encoding};
use super::table::{parse, ParseError, RawTable};
use crate::normalise::adapters::{Adapter, RECOGNISED};

/// The outcome of looking at one file.
#[derive(Debug)]
pub enum Detection {
    /// An adapter fits; `reason` lists the header cells that matched.
    Adapter {
        adapter: Box<Adapter>,
        reason: String,
        raw: RawTable,
        encoding: Encoding,
    },
    /// A known export without an adapter yet.
    Recognised {
        name: String,
        note: String,
        encoding: Encoding,
    },
    /// Nothing fits; `reason` says what was seen and the closest miss.
    Unknown { reason: String },
}

impl Detection {
    pub fn label(&self) -> String {
        match self {
            Detection::Adapter { adapter, .. } => adapter.id.clone(),
            Detection::Recognised { .. } => "(recognised, no adapter)".into(),
            Detection::Unknown { .. } => "(none)".into(),
        }
    }

    pub fn explanation(&self) -> String {
        match self {
            Detection::Adapter { reason, .. } => reason.clone(),
            Detection::Recognised {
                name,
                note,
                encoding,
            } => format!("{name} ({}): {note}", encoding.name()),
            Detection::Unknown { reason } => reason.clone(),
        }
    }
}

/// Looks at `bytes` and picks the first adapter whose signature fits; `forced` skips the
/// choice (the pipeline named the adapter) but still checks the signature.
pub fn detect(bytes: &[u8], adapters: &[Adapter], forced: Option<&Adapter>) -> Detection {
    let (text, encoding) = decode(bytes);
    if text.trim_start().starts_with("<?xml")
        && text.contains("urn:schemas-microsoft-com:office:spreadsheet")
    {
        return Detection::Recognised {
            name: "Legacy Facebook Page Insights export (SpreadsheetML 2003 workbook `.xls`)"
                .into(),
            note: "the legacy Insights workbook adapter is planned (issue #4)".into(),
            encoding,
        };
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Detection::Unknown {
            reason: "a zip archive or binary workbook (XLSX/XLS); spreadsheet exports are read from issue #4 on".into(),
        };
    }
    let raw = match parse(&text) {
        Ok(raw) => raw,
        Err(ParseError::NotATable(e)) => {
            return Detection::Unknown {
                reason: format!("{} text, {e}", encoding.name()),
            }
        }
        Err(ParseError::Damaged { header }) => {
            let name = adapters
                .iter()
                .find(|a| {
                    let has = |s: &String| header.iter().any(|h| h.eq_ignore_ascii_case(s));
                    a.signature.iter().all(has)
                })
                .map_or("an export", |a| a.name.as_str());
            return Detection::Unknown {
                reason: format!(
                    "{name} damaged by a spreadsheet program: each row was saved as one quoted \
                     cell and multi-line cells were split into separate rows, so the rows cannot \
                     be trusted; export the file again from the platform and do not re-save it"
                ),
            };
        }
    };
    let candidates: Vec<&Adapter> = match forced {
        Some(a) => vec![a],
        None => adapters.iter().collect(),
    };
    let mut best_miss: Option<(usize, String)> = None;
    for adapter in candidates {
        let missing: Vec<&String> = adapter.signature.iter().filter(|c| !raw.has(c)).collect();
        let excluded: Vec<&String> = adapter.excludes.iter().filter(|c| raw.has(c)).collect();
        if missing.is_empty() && excluded.is_empty() {
            let damage = if raw.unwrapped {
                "; every row had been saved as one quoted cell by a spreadsheet program and was unwrapped"
            } else {
                ""
            };
            let metric = match (&adapter.series, raw.preamble.first()) {
                (Some(_), Some(line)) => format!(" for the metric `{line}`"),
                _ => String::new(),
            };
            let reason = format!(
                "{}{metric}: header has {} ({}, delimiter `{}`){damage}",
                adapter.name,
                quote_list(&adapter.signature),
                encoding.name(),
                delimiter_name(raw.delimiter),
            );
            return Detection::Adapter {
                adapter: Box::new(adapter.clone()),
                reason,
                raw,
                encoding,
            };
        }
        let found = adapter.signature.len() - missing.len();
        if found * 2 >= adapter.signature.len()
            && best_miss.as_ref().is_none_or(|(n, _)| found > *n)
        {
            let why = if !missing.is_empty() {
                format!("the column(s) {} are missing", quote_list(&missing))
            } else {
                format!(
                    "it has {}, which {} does not",
                    quote_list(&excluded),
                    adapter.name
                )
            };
            best_miss = Some((found, format!("looks like {} but {why}", adapter.name)));
        }
    }
    if forced.is_none() {
        let mut names: Vec<&str> = raw.header.iter().map(String::as_str).collect();
        names.extend(raw.preamble.iter().map(String::as_str));
        for known in RECOGNISED {
            if known
                .signature
                .iter()
                .all(|s| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            {
                return Detection::Recognised {
                    name: known.name.into(),
                    note: known.note.into(),
                    encoding,
                };
            }
        }
    }
    let head: Vec<&str> = raw.header.iter().take(6).map(String::as_str).collect();
    let seen = format!(
        "{} table, {} columns starting {}",
        encoding.name(),
        raw.header.len(),
        quote_list(&head)
    );
    let reason = match best_miss {
        Some((_, miss)) => format!("no adapter fits: {miss} ({seen})"),
        None => format!("no adapter fits this header ({seen})"),
    };
    Detection::Unknown { reason }
}

fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => ",",
        b';' => ";",
        b'\t' => "tab",
        _ => "?",
    }
}
