//! A minimal XLSX writer for the sample's workbooks (LinkedIn's exports): worksheets of text
//! and number cells, nothing else. Built on the `zip` crate the workbook reader already
//! uses, so the sample adds no dependency, and deterministic by construction: parts in a
//! fixed order, stored uncompressed, every member dated 1980-01-01 (the zip format's
//! earliest time; the crate has no clock without its `time` feature), no document
//! properties that carry a time. Text is written as inline strings (`t="inlineStr"`), which
//! spreadsheet programs and calamine read like shared strings.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

/// One cell.
#[derive(Debug, Clone)]
pub(crate) enum Cell {
    Text(String),
    Number(f64),
    /// No cell at all.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Cell::Number(n as f64)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

/// A worksheet: its name and its rows from row 1.
pub(crate) struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// The workbook's bytes.
pub(crate) fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, text: &str| {
        // Writing to memory cannot fail.
        zip.start_file(name, options).expect("zip member");
        zip.write_all(text.as_bytes()).expect("zip member bytes");
    };
    let mut overrides = String::new();
    let mut relationships = String::new();
    let mut entries = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            overrides,
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        );
        let _ = write!(
            relationships,
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
        let _ = write!(
            entries,
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(&sheet.name)
        );
    }
    let styles = sheets.len() + 1;
    put(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
        ),
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
        ),
    );
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}<Relationship Id="rId{styles}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        ),
    );
    // One font, fill, border and cell format: the least a spreadsheet program expects.
    put(
        "xl/styles.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>"#,
    );
    for (i, sheet) in sheets.iter().enumerate() {
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &worksheet(&sheet.rows),
        );
    }
    zip.finish().expect("zip archive").into_inner()
}

fn worksheet(rows: &[Vec<Cell>]) -> String {
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        let number = r + 1;
        let _ = write!(data, r#"<row r="{number}">"#);
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{number}", column_name(c));
            match cell {
                Cell::Text(text) => {
                    let _ = write!(
                        data,
                        r#"<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(text)
                    );
                }
                Cell::Number(n) => {
                    let _ = write!(data, r#"<c r="{reference}"><v>{n}</v></c>"#);
                }
                Cell::Empty => {}
            }
        }
        data.push_str("</row>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
    )
}

/// `A`, …, `Z`, `AA`, … for the 0-based column `index`.
fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        name.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_read_back_and_are_byte_stable() {
        let sheets = [
            Sheet {
                name: "Metrics".into(),
                rows: vec![
                    vec!["A title & <more>".into()],
                    vec!["Date".into(), "Impressions (total)".into()],
                    vec!["10/01/2026".into(), 1234u64.into(), 0.0345.into()],
                ],
            },
            Sheet {
                name: "All posts".into(),
                rows: vec![vec!["Post title".into(), Cell::Empty, "Two\nlines".into()]],
            },
        ];
        let bytes = workbook(&sheets);
        assert_eq!(bytes, workbook(&sheets));
        let read = crate::ingest::workbook::sheets(&bytes).unwrap();
        assert_eq!(read[0].0, "Metrics");
        assert_eq!(read[0].1.preamble, ["A title & <more>"]);
        assert_eq!(read[0].1.header, ["Date", "Impressions (total)"]);
        assert_eq!(read[0].1.rows[0].1, ["10/01/2026", "1234", "0.0345"]);
        assert_eq!(read[1].0, "All posts");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
