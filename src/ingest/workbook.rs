//! Workbooks to raw tables, one per worksheet, shaped as `table.rs` shapes delimited text,
//! so that `detect` and the adapters treat a sheet like a CSV file: the header is the first
//! row with two or more non-empty cells (trimmed and de-duplicated), the rows above it go to
//! `preamble` (their non-empty cells joined by spaces), and each data row keeps its 1-based
//! row number in the sheet. Rows start at the sheet's first used column.
//!
//! Formats: XLSX (Office Open XML, a zip archive) and the Excel 97–2003 binary XLS (BIFF in
//! an OLE2 compound file), both read from memory with calamine. XLSB and OpenDocument
//! spreadsheets, and zip archives that are not workbooks, are refused with a reason.
//!
//! Cells become the text a CSV export of the same data would hold: strings as written,
//! numbers without a trailing `.0` when whole (`1591`, `0.25`), dates as ISO
//! `yyyy-mm-dd` or `yyyy-mm-ddTHH:MM:SS`, durations as `H:MM:SS`, booleans as `true` /
//! `false`, and error cells as Excel shows them (`#DIV/0!`). A cell's stored value is read,
//! not its display format: a cell showing `3.4%` reads `0.034`.
//!
//! Limits: a workbook whose parts unpack to more than `MAX_BYTES` (an XLS: whose file is
//! larger) is refused before calamine opens it; one whose sheets hold more than `MAX_CELLS`
//! cells, or whose rows would span more than that once laid out, is refused while it is
//! read. XLSX sheets are streamed cell by cell and never laid out as a full grid by
//! calamine; an XLS sheet is, when the file is opened, which the format bounds at 65,536
//! rows × 256 columns.

use super::table::{dedup_header, RawTable};
use calamine::{Data, Reader, SheetType, Xls, Xlsx, XlsxError};
use std::io::Cursor;

/// Largest uncompressed size of a workbook's contents: no real export comes near it, so
/// more means a damaged file or a zip bomb.
pub const MAX_BYTES: u64 = 200_000_000;

/// Most cells over all the sheets of one workbook.
pub const MAX_CELLS: u64 = 20_000_000;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE2_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// The workbook format the first bytes announce: `XLSX` for a zip archive (whether it
/// really is a workbook is found out by `sheets`), `XLS` for an OLE2 compound file.
pub fn format_name(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(ZIP_MAGIC) {
        Some("XLSX")
    } else if bytes.starts_with(OLE2_MAGIC) {
        Some("XLS")
    } else {
        None
    }
}

/// Every worksheet of an XLSX or XLS workbook in workbook order, with its name and its
/// cells as a raw table (a sheet without a header row has an empty header and no rows).
/// Chart and macro sheets are left out. The error says what the file is and why it cannot
/// be read.
pub fn sheets(bytes: &[u8]) -> Result<Vec<(String, RawTable)>, String> {
    match format_name(bytes) {
        Some("XLSX") => xlsx(bytes),
        Some(_) => xls(bytes),
        None => Err("not a workbook (neither a zip archive nor an OLE2 compound file)".into()),
    }
}

fn xlsx(bytes: &[u8]) -> Result<Vec<(String, RawTable)>, String> {
    check_archive(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => "a password-protected XLSX workbook: remove the password \
                                (or export the data again) and try again"
            .to_string(),
        e => format!("an XLSX workbook that cannot be read: {e}"),
    })?;
    let names = worksheet_names(book.sheets_metadata());
    let mut cells_left = MAX_CELLS;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let unreadable =
            |e: XlsxError| format!("sheet `{name}` of the XLSX workbook cannot be read: {e}");
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut grid = Grid::default();
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            spend_cell(&mut cells_left)?;
            let (row, column) = cell.get_position();
            grid.put(
                row,
                column,
                cell_text(&Data::from(cell.get_value().clone())),
            );
        }
        let table = grid
            .into_table()
            .map_err(|e| format!("sheet `{name}`: {e}"))?;
        out.push((name, table));
    }
    Ok(out)
}

/// The archive's directory, read before calamine opens it: is it a workbook at all, and
/// do its parts unpack to a sane size? The zip reader bounds every part by the size its
/// directory declares, so the declared sizes are a true bound.
fn check_archive(bytes: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("a zip archive that cannot be read: {e}"))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("a zip archive that cannot be read: {e}"))?;
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if has("xl/workbook.bin") {
        return Err(
            "an XLSB (binary Excel) workbook, which tolok does not read: save it as \
                    XLSX or CSV and try again"
                .into(),
        );
    }
    if has("mimetype") && has("content.xml") {
        return Err(
            "an OpenDocument spreadsheet (ODS), which tolok does not read: save it \
                    as XLSX or CSV and try again"
                .into(),
        );
    }
    if !has("[Content_Types].xml") {
        let mut shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
        if names.len() > 3 {
            shown.push("…".into());
        }
        return Err(format!(
            "a zip archive that is not an XLSX workbook (it holds {} file(s): {}); tolok does \
             not unpack archives: unpack it and give tolok the export files inside",
            names.len(),
            shown.join(", ")
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| format!("a zip archive that cannot be read: {e}"))?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_BYTES {
        return Err(format!(
            "an XLSX workbook whose contents unpack to {} MB, more than the {} MB tolok \
             accepts: no export is that large, so the file is damaged or not an export",
            total / 1_000_000,
            MAX_BYTES / 1_000_000
        ));
    }
    Ok(())
}

fn xls(bytes: &[u8]) -> Result<Vec<(String, RawTable)>, String> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "an XLS workbook of {} MB, more than the {} MB tolok accepts",
            bytes.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        ));
    }
    let mut book = match Xls::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => {
            // An encrypted XLSX is an OLE2 file too; say so rather than "not an XLS".
            if matches!(Xlsx::new(Cursor::new(bytes)), Err(XlsxError::Password)) {
                return Err(
                    "a password-protected XLSX workbook: remove the password (or \
                            export the data again) and try again"
                        .into(),
                );
            }
            return Err(format!(
                "an OLE2 compound file that is not a readable XLS workbook: {e}"
            ));
        }
    };
    let names = worksheet_names(book.sheets_metadata());
    let mut cells_left = MAX_CELLS;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("sheet `{name}` of the XLS workbook cannot be read: {e}"))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::default();
        for (row, column, value) in range.used_cells() {
            spend_cell(&mut cells_left)?;
            grid.put(top + row as u32, left + column as u32, cell_text(value));
        }
        let table = grid
            .into_table()
            .map_err(|e| format!("sheet `{name}`: {e}"))?;
        out.push((name, table));
    }
    Ok(out)
}

fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

pub(super) fn spend_cell(left: &mut u64) -> Result<(), String> {
    *left = left.checked_sub(1).ok_or_else(|| {
        format!("a workbook with more than {MAX_CELLS} cells, more than tolok accepts: no export is that large")
    })?;
    Ok(())
}

/// A cell as a CSV export would write it.
fn cell_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) if dt.is_duration() => duration(dt.as_f64()),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            let time = match ms {
                0 => format!("{h:02}:{mi:02}:{s:02}"),
                ms => format!("{h:02}:{mi:02}:{s:02}.{ms:03}"),
            };
            if dt.as_f64().abs() < 1.0 {
                // A time of day without a date.
                time
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{time}")
            }
        }
    }
}

/// `1591.0` → `1591`; other numbers in Rust's shortest round-trip form (`0.25`).
pub(super) fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        (f as i64).to_string()
    } else {
        f.to_string()
    }
}

/// A duration in days → `H:MM:SS` (hours not wrapped at 24).
fn duration(days: f64) -> String {
    let total = (days * 86_400.0).round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

/// The non-empty cells of one sheet as (row, column, text), 0-based: a flat list (a sheet
/// can hold millions of cells), put in order once all are read.
#[derive(Default)]
pub(super) struct Grid {
    cells: Vec<(u32, u32, String)>,
}

impl Grid {
    pub(super) fn put(&mut self, row: u32, column: u32, text: String) {
        if !text.is_empty() {
            self.cells.push((row, column, text));
        }
    }

    /// Rows start at the sheet's first used column, as a CSV saved from it would.
    pub(super) fn into_table(mut self) -> Result<RawTable, String> {
        // Cells come in row order from Excel, but the format does not promise it.
        self.cells.sort_by_key(|&(row, column, _)| (row, column));
        let first_column = self.cells.iter().map(|c| c.1).min().unwrap_or(0);
        // Rows are laid out from the first column to their last cell: a sparse sheet (a cell
        // in column A and one in column XFD on every row) must not grow past the limit.
        let mut laid_out: u64 = 0;
        for (i, &(row, column, _)) in self.cells.iter().enumerate() {
            if self.cells.get(i + 1).is_none_or(|next| next.0 != row) {
                laid_out += u64::from(column - first_column) + 1;
            }
        }
        if laid_out > MAX_CELLS {
            return Err(format!(
                "a sheet whose rows span {laid_out} cells, more than the {MAX_CELLS} tolok \
                 accepts: no export is that large"
            ));
        }
        let mut lines: Vec<(u64, Vec<String>)> = Vec::new();
        let mut current: Option<u32> = None;
        for (row, column, text) in self.cells {
            if current != Some(row) {
                current = Some(row);
                lines.push((u64::from(row) + 1, Vec::new()));
            }
            let line = &mut lines.last_mut().expect("a line was pushed").1;
            let at = (column - first_column) as usize;
            if line.len() <= at {
                line.resize(at + 1, String::new());
            }
            line[at] = text;
        }
        lines.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
        let header_at = lines
            .iter()
            .position(|(_, cells)| cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2);
        let preamble_end = header_at.unwrap_or(lines.len());
        let preamble = lines[..preamble_end]
            .iter()
            .map(|(_, cells)| {
                cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let (header, rows) = match header_at {
            Some(at) => {
                let rows = lines.split_off(at + 1);
                (dedup_header(&lines[at].1), rows)
            }
            None => (Vec::new(), Vec::new()),
        };
        Ok(RawTable {
            delimiter: 0,
            preamble,
            header,
            rows,
            unwrapped: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// (reference, kind, value) of one cell of a hand-made sheet.
    type TestCell<'a> = (&'a str, char, &'a str);

    /// A minimal XLSX: one part per sheet, inline strings (`t="inlineStr"`), numbers, and
    /// cells styled as a date (style 1: built-in format 14) or a date and time (style 2: format
    /// 22).
    /// Cells are `(reference, kind, value)`; kind `s` text, `n` number, `d` date, `t` time,
    /// `b` boolean, `e` error.
    fn xlsx(sheets: &[(&str, &[TestCell])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut put = |name: &str, text: String| {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        let mut overrides = String::new();
        let mut rels = String::new();
        let mut entries = String::new();
        for (i, (name, _)) in sheets.iter().enumerate() {
            let n = i + 1;
            overrides.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            entries.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
            ));
        }
        let styles_rel = sheets.len() + 1;
        put(
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
            ),
        );
        put(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        );
        put(
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
            ),
        );
        put(
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId{styles_rel}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
            ),
        );
        put(
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>"#.into(),
        );
        for (i, (_, cells)) in sheets.iter().enumerate() {
            let mut rows: std::collections::BTreeMap<u32, String> = Default::default();
            for (reference, kind, value) in cells.iter() {
                let row: u32 = reference
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .parse()
                    .unwrap();
                let cell = match kind {
                    's' => {
                        format!(r#"<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>"#)
                    }
                    'n' => format!(r#"<c r="{reference}"><v>{value}</v></c>"#),
                    'd' => format!(r#"<c r="{reference}" s="1"><v>{value}</v></c>"#),
                    't' => format!(r#"<c r="{reference}" s="2"><v>{value}</v></c>"#),
                    'b' => format!(r#"<c r="{reference}" t="b"><v>{value}</v></c>"#),
                    'e' => format!(r#"<c r="{reference}" t="e"><v>{value}</v></c>"#),
                    other => panic!("cell kind {other}"),
                };
                rows.entry(row).or_default().push_str(&cell);
            }
            let data: String = rows
                .iter()
                .map(|(r, cells)| format!(r#"<row r="{r}">{cells}</row>"#))
                .collect();
            put(
                &format!("xl/worksheets/sheet{}.xml", i + 1),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
                ),
            );
        }
        zip.finish().unwrap().into_inner()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sheets_become_raw_tables_with_sheet_row_numbers() {
        let book = xlsx(&[
            (
                "Overview",
                &[
                    ("B2", 's', "Report for April"),
                    ("B4", 's', " Date "),
                    ("C4", 's', "Views"),
                    ("D4", 's', "Views"),
                    ("E4", 's', "Rate"),
                    ("F4", 's', "Paid"),
                    ("G4", 's', "Length"),
                    ("B5", 'd', "45961"),
                    ("C5", 'n', "1591"),
                    ("D5", 'n', "1591.0"),
                    ("E5", 'n', "0.25"),
                    ("F5", 'b', "1"),
                    ("G5", 't', "45961.75"),
                    ("B7", 's', "2025/11/01"),
                    ("C7", 'e', "#DIV/0!"),
                    ("D7", 'n', "-3"),
                ],
            ),
            ("Notes", &[("A1", 's', "nothing here")]),
        ]);
        let sheets = sheets(&book).unwrap();
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Overview", "Notes"]);
        let t = &sheets[0].1;
        assert_eq!(t.preamble, ["Report for April"]);
        assert_eq!(
            t.header,
            ["Date", "Views", "Views_2", "Rate", "Paid", "Length"]
        );
        // Serial 45961 is 2025-10-31; .75 of a day is 18:00.
        assert_eq!(
            t.rows,
            vec![
                (
                    5,
                    strings(&[
                        "2025-10-31",
                        "1591",
                        "1591",
                        "0.25",
                        "true",
                        "2025-10-31T18:00:00"
                    ])
                ),
                (7, strings(&["2025/11/01", "#DIV/0!", "-3"])),
            ]
        );
        let notes = &sheets[1].1;
        assert!(notes.header.is_empty() && notes.rows.is_empty());
        assert_eq!(notes.preamble, ["nothing here"]);
    }

    #[test]
    fn cell_values_as_text() {
        assert_eq!(number(3423.0), "3423");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(
            duration(1.0 / 24.0 + 2.0 / 1440.0 + 3.0 / 86_400.0),
            "1:02:03"
        );
        assert_eq!(duration(1.5), "36:00:00");
    }

    #[test]
    fn other_zips_and_damaged_files_are_refused_with_a_reason() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("Table data.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"Content,Video title\n").unwrap();
        let archive = zip.finish().unwrap().into_inner();
        let e = sheets(&archive).unwrap_err();
        assert!(
            e.contains("not an XLSX workbook") && e.contains("`Table data.csv`"),
            "{e}"
        );

        let e = sheets(b"PK\x03\x04 truncated").unwrap_err();
        assert!(e.starts_with("a zip archive that cannot be read"), "{e}");
        let e = sheets(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap_err();
        assert!(e.contains("not a readable XLS workbook"), "{e}");
        assert!(sheets(b"Date,Views\n")
            .unwrap_err()
            .contains("not a workbook"));
    }

    #[test]
    fn absurd_sizes_are_refused_before_reading() {
        // 201 MB of zeros deflate to about 200 kB: a small file that would unpack huge.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let block = vec![b' '; 1_000_000];
        for _ in 0..201 {
            zip.write_all(&block).unwrap();
        }
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < 2_000_000);
        let e = sheets(&bomb).unwrap_err();
        assert!(e.contains("unpack to 201 MB"), "{e}");

        let mut grid = Grid::default();
        for row in 0..1300 {
            grid.put(row, 0, "a".into());
            grid.put(row, 16_383, "b".into());
        }
        let e = grid.into_table().unwrap_err();
        assert!(e.contains("span 21299200 cells"), "{e}");

        let mut left = 2;
        assert!(spend_cell(&mut left).is_ok() && spend_cell(&mut left).is_ok());
        assert!(spend_cell(&mut left)
            .unwrap_err()
            .contains("more than 20000000 cells"));
    }

    #[test]
    fn the_real_tiktok_workbook_reads_as_its_csv_twin() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/exports/tiktok/BossZY27");
        let (Ok(book), Ok(csv)) = (
            std::fs::read(dir.join("Overview.xlsx")),
            std::fs::read(dir.join("Overview.csv")),
        ) else {
            eprintln!("skipped: the shared TikTok workbook is not here");
            return;
        };
        let sheets = sheets(&book).unwrap();
        assert_eq!(sheets.len(), 1);
        let (name, table) = &sheets[0];
        assert_eq!(name, "Overview");
        let (text, _) = super::super::decode::decode(&csv);
        let twin = super::super::table::parse(&text).unwrap();
        assert_eq!(table.header, twin.header);
        assert_eq!(table.rows, twin.rows);
    }
}
