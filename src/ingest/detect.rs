//! Which adapter reads a file, decided from its content: the header cells (and for Meta's
//! daily series the preamble), never the file name. Every answer comes with its reason, so
//! `tolok detect` can explain near misses.

use super::decode::{decode, Encoding};
use super::table::{parse, ParseError, RawTable};
use super::workbook;
use crate::normalise::adapters::{Adapter, Recognised, RECOGNISED};

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
    if workbook::format_name(bytes).is_some() {
        return detect_workbook(bytes, adapters, forced);
    }
    // An X data archive file (`window.YTD.tweets.part0 = [ … ]`) is JavaScript holding a JSON
    // array: `js` flattens it into a table instead of the delimited-text parse.
    let parsed = match super::js::parse(&text) {
        Some(Ok(raw)) => Ok(raw),
        Some(Err(e)) => {
            return Detection::Unknown {
                reason: format!(
                    "an X data archive file ({}) that cannot be read: {e}",
                    encoding.name()
                ),
            }
        }
        None => parse(&text),
    };
    let raw = match parsed {
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
    let candidates = candidates(adapters, forced);
    let best_miss = match fit(&raw, &candidates) {
        Ok(adapter) => {
            let source = format!(
                "{}, delimiter `{}`",
                encoding.name(),
                delimiter_name(raw.delimiter)
            );
            return fitted(adapter, raw, encoding, &source);
        }
        Err(miss) => miss,
    };
    if let (None, Some(known)) = (forced, recognised(&raw)) {
        return Detection::Recognised {
            name: known.name.into(),
            note: known.note.into(),
            encoding,
        };
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

/// A workbook (XLSX, XLS): each worksheet is a table, and the first sheet an adapter fits
/// wins; else a sheet tolok recognises; else what each sheet holds, and the closest miss.
fn detect_workbook(bytes: &[u8], adapters: &[Adapter], forced: Option<&Adapter>) -> Detection {
    let format = workbook::format_name(bytes).unwrap_or("spreadsheet");
    let mut sheets = match workbook::sheets(bytes) {
        Ok(sheets) => sheets,
        Err(reason) => return Detection::Unknown { reason },
    };
    // A workbook's cells are decoded text already; its XML parts are UTF-8.
    let encoding = Encoding::Utf8;
    let candidates = candidates(adapters, forced);
    let mut best_miss: Option<(usize, String)> = None;
    for i in 0..sheets.len() {
        match fit(&sheets[i].1, &candidates) {
            Ok(adapter) => {
                let (name, raw) = sheets.swap_remove(i);
                let source = format!("sheet `{name}` of an {format} workbook");
                return fitted(adapter, raw, encoding, &source);
            }
            Err(Some((found, miss))) if best_miss.as_ref().is_none_or(|(n, _)| found > *n) => {
                best_miss = Some((found, format!("sheet `{}` {miss}", sheets[i].0)));
            }
            Err(_) => {}
        }
    }
    if forced.is_none() {
        for (name, raw) in &sheets {
            if let Some(known) = recognised(raw) {
                return Detection::Recognised {
                    name: format!("{}, sheet `{name}` of an {format} workbook", known.name),
                    note: known.note.into(),
                    encoding,
                };
            }
        }
    }
    let seen: Vec<String> = sheets
        .iter()
        .map(|(name, raw)| {
            if raw.header.is_empty() {
                format!("`{name}` (no header row)")
            } else {
                let head: Vec<&str> = raw.header.iter().take(4).map(String::as_str).collect();
                format!(
                    "`{name}` ({} columns starting {})",
                    raw.header.len(),
                    quote_list(&head)
                )
            }
        })
        .collect();
    let seen = if seen.is_empty() {
        "it has no worksheets".to_string()
    } else {
        format!("sheets seen: {}", seen.join("; "))
    };
    let reason = match best_miss {
        Some((_, miss)) => {
            format!("no adapter fits any sheet of this {format} workbook: {miss} ({seen})")
        }
        None => format!("no adapter fits any sheet of this {format} workbook ({seen})"),
    };
    Detection::Unknown { reason }
}

/// The adapters to try: the forced one alone, else all.
fn candidates<'a>(adapters: &'a [Adapter], forced: Option<&'a Adapter>) -> Vec<&'a Adapter> {
    match forced {
        Some(a) => vec![a],
        None => adapters.iter().collect(),
    }
}

/// The first adapter whose signature `raw` has (and none of its exclusions), else the
/// closest miss: (signature cells found, why it is not that export).
fn fit<'a>(
    raw: &RawTable,
    candidates: &[&'a Adapter],
) -> Result<&'a Adapter, Option<(usize, String)>> {
    let mut best_miss: Option<(usize, String)> = None;
    for &adapter in candidates {
        let missing: Vec<&String> = adapter.signature.iter().filter(|c| !raw.has(c)).collect();
        let excluded: Vec<&String> = adapter.excludes.iter().filter(|c| raw.has(c)).collect();
        if missing.is_empty() && excluded.is_empty() {
            return Ok(adapter);
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
    Err(best_miss)
}

/// The detection for a table `adapter` fits; `source` says where the table came from
/// (encoding and delimiter, or the workbook sheet).
fn fitted(adapter: &Adapter, raw: RawTable, encoding: Encoding, source: &str) -> Detection {
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
        "{}{metric}: header has {} ({source}){damage}",
        adapter.name,
        quote_list(&adapter.signature),
    );
    Detection::Adapter {
        adapter: Box::new(adapter.clone()),
        reason,
        raw,
        encoding,
    }
}

/// An export tolok knows but has no adapter for, from its header (or the line above it).
fn recognised(raw: &RawTable) -> Option<&'static Recognised> {
    let mut names: Vec<&str> = raw.header.iter().map(String::as_str).collect();
    names.extend(raw.preamble.iter().map(String::as_str));
    RECOGNISED.iter().find(|known| {
        known
            .signature
            .iter()
            .all(|s| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
    })
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
        // Tables that were never delimited text (X archive JSON).
        0 => "none",
        _ => "?",
    }
}
