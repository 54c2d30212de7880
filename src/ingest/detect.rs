//! Which adapter reads a file, decided from its content: the header cells (and for Meta's
//! daily series the preamble), never the file name. Every answer comes with its reason, so
//! `tolok detect` can explain near misses.

use super::decode::{decode, Encoding};
use super::table::{parse, ParseError, RawTable};
use super::{spreadsheetml, workbook};
use crate::normalise::adapters::{
    linkedin_missing_sheets, linkedin_workbook_near_miss, Adapter, Recognised, RECOGNISED,
};

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
    /// A sheet of a workbook whose other sheets are read (see [`detect_sheets`]): no adapter
    /// reads it, and `reason` says why, so that its rows are accounted for by name.
    SheetNotRead { reason: String },
}

impl Detection {
    pub fn label(&self) -> String {
        match self {
            Detection::Adapter { adapter, .. } => adapter.id.clone(),
            Detection::Recognised { .. } => "(recognised, no adapter)".into(),
            Detection::Unknown { .. } => "(none)".into(),
            Detection::SheetNotRead { .. } => "(sheet not read)".into(),
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
            Detection::Unknown { reason } | Detection::SheetNotRead { reason } => reason.clone(),
        }
    }
}

/// Header cells read under other names (file's name = the name adapters know), for
/// exports in another interface language; from an input's `headers`.
pub type HeaderRenames = std::collections::BTreeMap<String, String>;

/// Looks at `bytes` and picks the first adapter whose signature fits; `forced` skips the
/// choice (the pipeline named the adapter) but still checks the signature.
pub fn detect(bytes: &[u8], adapters: &[Adapter], forced: Option<&Adapter>) -> Detection {
    detect_renamed(bytes, adapters, forced, &HeaderRenames::new())
}

/// `detect`, with the header cells renamed first (see `HeaderRenames`).
pub fn detect_renamed(
    bytes: &[u8],
    adapters: &[Adapter],
    forced: Option<&Adapter>,
    renames: &HeaderRenames,
) -> Detection {
    if let Some(book) = workbook_sheets(bytes, renames) {
        return detect_workbook(book, adapters, forced);
    }
    let (text, encoding) = decode(bytes);
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
        Ok(mut raw) => {
            raw.rename_headers(renames);
            raw
        }
        Err(ParseError::NotATable(e)) => {
            return Detection::Unknown {
                reason: format!("{} text, {e}", encoding.name()),
            }
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
fn detect_workbook(
    (format, encoding, sheets): WorkbookSheets,
    adapters: &[Adapter],
    forced: Option<&Adapter>,
) -> Detection {
    let mut sheets = match sheets {
        Ok(sheets) => sheets,
        Err(reason) => return Detection::Unknown { reason },
    };
    let candidates = candidates(adapters, forced);
    let mut best_miss: Option<(usize, String)> = None;
    for i in 0..sheets.len() {
        match fit(&sheets[i].1, &candidates) {
            Ok(adapter) => {
                let (name, raw) = sheets.swap_remove(i);
                let source = sheet_source(&name, format, encoding);
                return fitted(adapter, raw, encoding, &source);
            }
            Err(Some((found, miss))) if best_miss.as_ref().is_none_or(|(n, _)| found > *n) => {
                best_miss = Some((found, format!("sheet `{}` {miss}", sheets[i].0)));
            }
            Err(_) => {}
        }
    }
    // A LinkedIn workbook without the sheet tolok reads still has sheets tolok recognises
    // (the follower demographics): say what is missing rather than name those.
    if let (None, Some(why)) = (forced, linkedin_workbook_near_miss(&sheets)) {
        return Detection::Unknown {
            reason: format!("no adapter fits any sheet of this {format} workbook: {why}"),
        };
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

/// One detection per worksheet, for a workbook that holds several exports (LinkedIn's
/// content workbook: a daily `Metrics` sheet and an `All posts` sheet, read into two
/// canonical tables). `None` unless `bytes` are a workbook with two or more sheets that have
/// a header row, and an adapter fits at least one of them; else [`detect`] decides for the
/// file as a whole. Each sheet with a header row gets its detection, named by the sheet; one
/// that no adapter fits is `SheetNotRead` with the reason, so that the ingest summary names
/// it. Sheets without a header row hold no table (a title, or nothing) and are left out.
pub fn detect_sheets(
    bytes: &[u8],
    adapters: &[Adapter],
    forced: Option<&Adapter>,
    renames: &HeaderRenames,
) -> Option<Vec<(String, Detection)>> {
    let (format, encoding, sheets) = workbook_sheets(bytes, renames)?;
    let sheets: Vec<(String, RawTable)> = sheets
        .ok()?
        .into_iter()
        .filter(|(_, raw)| !raw.header.is_empty())
        .collect();
    if sheets.len() < 2 {
        return None;
    }
    let candidates = candidates(adapters, forced);
    let fits: Vec<_> = sheets
        .iter()
        .map(|(_, raw)| fit(raw, &candidates))
        .collect();
    if !fits.iter().any(Result::is_ok) {
        return None;
    }
    // Other sheets are read, but the one with the figures that matter may be missing.
    let missing = linkedin_missing_sheets(&sheets);
    let mut detections: Vec<(String, Detection)> = sheets
        .into_iter()
        .zip(fits)
        .map(|((name, raw), fit)| {
            let detection = match fit {
                Ok(adapter) => {
                    let source = sheet_source(&name, format, encoding);
                    fitted(adapter, raw, encoding, &source)
                }
                Err(miss) => {
                    let why = match (recognised(&raw), miss) {
                        (Some(known), _) => format!("{}: {}", known.name, known.note),
                        (None, Some((_, miss))) => format!("no adapter reads it: {miss}"),
                        (None, None) => {
                            let head: Vec<&str> =
                                raw.header.iter().take(4).map(String::as_str).collect();
                            format!(
                                "no adapter reads it ({} columns starting {})",
                                raw.header.len(),
                                quote_list(&head)
                            )
                        }
                    };
                    Detection::SheetNotRead {
                        reason: format!(
                            "sheet `{name}` ({} rows) not read, while other sheets of this {format} \
                             workbook are: {why}",
                            raw.rows.len()
                        ),
                    }
                }
            };
            (name, detection)
        })
        .collect();
    if let Some(reason) = missing {
        detections.push(("(missing sheet)".into(), Detection::SheetNotRead { reason }));
    }
    Some(detections)
}

/// A workbook's format name, the encoding of its text, and its worksheets (or why they
/// cannot be read).
type WorkbookSheets = (
    &'static str,
    Encoding,
    Result<Vec<(String, RawTable)>, String>,
);

/// The worksheets of a workbook: XLSX or XLS, or an XML Spreadsheet 2003 text (legacy
/// Facebook Page Insights `.xls`). `None` when the file is no workbook. Only the first
/// 4 kB are decoded to tell an XML workbook, so other text files are not decoded twice.
fn workbook_sheets(bytes: &[u8], renames: &HeaderRenames) -> Option<WorkbookSheets> {
    let renamed = |sheets: Result<Vec<(String, RawTable)>, String>| {
        sheets.map(|mut sheets| {
            for (_, raw) in &mut sheets {
                raw.rename_headers(renames);
            }
            sheets
        })
    };
    if let Some(format) = workbook::format_name(bytes) {
        // A workbook's cells are decoded text already; its XML parts are UTF-8.
        return Some((format, Encoding::Utf8, renamed(workbook::sheets(bytes))));
    }
    let (head, _) = decode(&bytes[..bytes.len().min(4096)]);
    if !spreadsheetml::is_spreadsheetml(&head) {
        return None;
    }
    let (text, encoding) = decode(bytes);
    Some((
        spreadsheetml::FORMAT_NAME,
        encoding,
        renamed(spreadsheetml::sheets(&text)),
    ))
}

/// Where a sheet's table came from, with the text's encoding when it is not plain UTF-8
/// (a real Insights workbook holds an invalid byte sequence, replaced).
fn sheet_source(name: &str, format: &str, encoding: Encoding) -> String {
    match encoding {
        Encoding::Utf8 => format!("sheet `{name}` of an {format} workbook"),
        other => format!("sheet `{name}` of an {format} workbook, {}", other.name()),
    }
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
        "; a spreadsheet program had saved each line as one quoted cell, and the lines were \
         unwrapped back into the export's rows"
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
        let first_fits = known.first_cell.is_none_or(|first| {
            raw.header
                .first()
                .is_some_and(|h| h.eq_ignore_ascii_case(first))
        });
        first_fits
            && known
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
