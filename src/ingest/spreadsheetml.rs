//! XML Spreadsheet 2003 ("SpreadsheetML") workbooks to raw tables, one per `Worksheet`,
//! shaped exactly as `workbook.rs` shapes XLSX sheets (header = first row with two or more
//! non-empty cells, rows above it in `preamble`, each data row with its 1-based row number
//! in the sheet). Facebook's legacy Page Insights "Export Data" wrote this format with an
//! `.xls` name; it is XML text, not BIFF, so calamine cannot open it.
//!
//! Layout read: `Workbook/Worksheet[@ss:Name]/Table/Row/Cell/Data[@ss:Type]`. A `Row` or
//! `Cell` with `ss:Index` (1-based) jumps to that row or column, leaving the ones between
//! empty; `ss:MergeAcross` on a cell and `ss:Span` on a row take up the extra columns or
//! rows they cover. `Data` inside a cell's `Comment` is not the cell's value. Rich text
//! (HTML formatting elements inside `Data`) reads as its plain text.
//!
//! Cells read as `workbook.rs` writes them, so a sheet reads the same as its XLSX twin:
//! `Number` without a trailing `.0` when whole, `DateTime` (`2017-07-22T05:30:00.000`) as
//! `yyyy-mm-dd` at midnight, `yyyy-mm-ddTHH:MM:SS` otherwise (milliseconds only when not
//! zero) and a bare time for Excel's day zero (`1899-12-31T…`), `Boolean` as `true` /
//! `false`, `String` and `Error` as written (entities undone, line breaks kept as `\n`).
//!
//! Text comes in already decoded (`decode.rs`): a real export holds one invalid UTF-8
//! sequence, which a strict XML reader would refuse; decoded lossily it reads as U+FFFD.
//!
//! Limits: the same `MAX_CELLS` as other workbooks, counted while reading, and a text
//! larger than `MAX_BYTES` is refused before parsing.

use super::table::RawTable;
use super::workbook::{number, spend_cell, Grid, MAX_BYTES, MAX_CELLS};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The namespace every SpreadsheetML workbook declares.
const NAMESPACE: &str = "urn:schemas-microsoft-com:office:spreadsheet";

/// What `detect` calls the format, after "an".
pub const FORMAT_NAME: &str = "XML Spreadsheet 2003";

/// Whether `text` is a SpreadsheetML workbook: an XML document whose start declares the
/// spreadsheet namespace (looked for in the first 4 kB only: the root element comes first).
pub fn is_spreadsheetml(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let head = &text[..text.floor_char_boundary(4096)];
    head.starts_with("<?xml") && head.contains(NAMESPACE)
}

/// Every worksheet in workbook order, with its name and its cells as a raw table (a sheet
/// without a header row has an empty header and no rows). The error names the sheet, the
/// line of the XML text and the reason.
pub fn sheets(text: &str) -> Result<Vec<(String, RawTable)>, String> {
    if text.len() as u64 > MAX_BYTES {
        return Err(format!(
            "an {FORMAT_NAME} workbook of {} MB, more than the {} MB tolok accepts",
            text.len() / 1_000_000,
            MAX_BYTES / 1_000_000
        ));
    }
    let mut reader = Reader::from_str(text);
    let mut state = State::default();
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            format!(
                "an {FORMAT_NAME} workbook that is not well-formed XML (line {}): {e}",
                line_at(text, at)
            )
        })?;
        let at = reader.buffer_position() as usize;
        let result = match event {
            Event::Start(e) => state.open(&e, false),
            Event::Empty(e) => state.open(&e, true),
            Event::End(e) => state.close(e.local_name().as_ref()),
            Event::Text(t) => {
                state.text(&t.xml10_content());
                Ok(())
            }
            Event::CData(t) => {
                state.text(&t.xml10_content());
                Ok(())
            }
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => {
                    state.text(c.encode_utf8(&mut [0; 4]));
                    Ok(())
                }
                Ok(None) => match resolve_predefined_entity(&r) {
                    Some(s) => {
                        state.text(s);
                        Ok(())
                    }
                    None => Err(format!("the entity `&{};` is not defined", &*r)),
                },
                Err(e) => Err(format!("the character reference `&{};`: {e}", &*r)),
            },
            Event::Eof => break,
            _ => Ok(()),
        };
        result.map_err(|reason| match &state.sheet {
            Some(sheet) => format!(
                "sheet `{}` of the {FORMAT_NAME} workbook (line {}): {reason}",
                sheet.name,
                line_at(text, at)
            ),
            None => format!(
                "an {FORMAT_NAME} workbook that cannot be read (line {}): {reason}",
                line_at(text, at)
            ),
        })?;
    }
    if let Some(sheet) = state.sheet.take() {
        return Err(format!(
            "sheet `{}` of the {FORMAT_NAME} workbook ends before its `</Worksheet>`: the \
             file is cut short",
            sheet.name
        ));
    }
    Ok(state.done)
}

/// The 1-based line of byte `at` in `text`.
fn line_at(text: &str, at: usize) -> usize {
    let at = text.floor_char_boundary(at.min(text.len()));
    text[..at].bytes().filter(|b| *b == b'\n').count() + 1
}

/// The sheet being read.
struct Sheet {
    name: String,
    grid: Grid,
    /// 0-based row the next `Row` is, unless it says otherwise (`ss:Index`).
    next_row: u32,
    /// The row being read: its index and the 0-based column of its next cell.
    row: Option<(u32, u32)>,
    /// The cell being read: its column, and its value once its `Data` has been read.
    cell: Option<(u32, Option<String>)>,
    /// The `Data` being read: its type and text so far.
    data: Option<(String, String)>,
    /// Depth inside a cell's `Comment`, whose `Data` is not the cell's value.
    in_comment: u32,
}

#[derive(Default)]
struct State {
    done: Vec<(String, RawTable)>,
    sheet: Option<Sheet>,
    cells_left: Option<u64>,
}

impl State {
    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        let name = e.local_name();
        let name = name.as_ref();
        if name == "Worksheet" {
            let title = attribute(e, "Name")?.unwrap_or_default();
            self.sheet = Some(Sheet {
                name: title,
                grid: Grid::default(),
                next_row: 0,
                row: None,
                cell: None,
                data: None,
                in_comment: 0,
            });
            if empty {
                self.close("Worksheet")?;
            }
            return Ok(());
        }
        let Some(sheet) = self.sheet.as_mut() else {
            return Ok(());
        };
        if sheet.in_comment > 0 || name == "Comment" {
            if !empty {
                sheet.in_comment += 1;
            }
            return Ok(());
        }
        match name {
            "Row" => {
                let at = match index(e)? {
                    Some(i) if i < sheet.next_row => {
                        return Err(format!(
                            "`Row ss:Index=\"{}\"` goes back to a row already written",
                            i + 1
                        ))
                    }
                    Some(i) => i,
                    None => sheet.next_row,
                };
                let span = count_attribute(e, "Span")?.unwrap_or(0);
                sheet.next_row = at
                    .checked_add(1)
                    .and_then(|n| n.checked_add(span))
                    .ok_or("a row index beyond any sheet's size")?;
                sheet.row = (!empty).then_some((at, 0));
            }
            "Cell" => {
                let Some((_, next_column)) = sheet.row.as_mut() else {
                    return Err("a `Cell` outside a `Row`".into());
                };
                let at = match index(e)? {
                    Some(i) if i < *next_column => {
                        return Err(format!(
                            "`Cell ss:Index=\"{}\"` goes back to a column already written",
                            i + 1
                        ))
                    }
                    Some(i) => i,
                    None => *next_column,
                };
                let merged = count_attribute(e, "MergeAcross")?.unwrap_or(0);
                *next_column = at
                    .checked_add(1)
                    .and_then(|n| n.checked_add(merged))
                    .ok_or("a column index beyond any sheet's size")?;
                if !empty {
                    sheet.cell = Some((at, None));
                }
            }
            "Data" if sheet.cell.is_some() && sheet.data.is_none() => {
                let kind = attribute(e, "Type")?.unwrap_or_else(|| "String".into());
                sheet.data = Some((kind, String::new()));
                if empty {
                    self.close("Data")?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, name: &str) -> Result<(), String> {
        let Some(sheet) = self.sheet.as_mut() else {
            return Ok(());
        };
        if sheet.in_comment > 0 {
            sheet.in_comment -= 1;
            return Ok(());
        }
        match name {
            "Data" => {
                if let (Some((kind, text)), Some((_, value))) = (sheet.data.take(), &mut sheet.cell)
                {
                    *value = Some(typed_text(&kind, &text));
                }
            }
            "Cell" => {
                if let (Some((column, Some(value))), Some((row, _))) =
                    (sheet.cell.take(), sheet.row)
                {
                    if !value.is_empty() {
                        let left = self.cells_left.get_or_insert(MAX_CELLS);
                        spend_cell(left)?;
                    }
                    sheet.grid.put(row, column, value);
                }
            }
            "Row" => sheet.row = None,
            "Worksheet" => {
                let sheet = self.sheet.take().expect("a sheet is open");
                let table = sheet.grid.into_table()?;
                self.done.push((sheet.name, table));
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        if let Some(Sheet {
            data: Some((_, value)),
            in_comment: 0,
            ..
        }) = self.sheet.as_mut()
        {
            value.push_str(text);
        }
    }
}

/// An attribute by its local name (`ss:Name` → `Name`), entities undone.
fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("a malformed attribute: {err}"))?;
        if a.key.local_name().as_ref() == name {
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| format!("attribute `{name}`: {err}"))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// A whole-number attribute (`ss:Span`, `ss:MergeAcross`).
fn count_attribute(e: &BytesStart, name: &str) -> Result<Option<u32>, String> {
    attribute(e, name)?
        .map(|v| {
            v.trim()
                .parse::<u32>()
                .map_err(|_| format!("`ss:{name}=\"{v}\"` is not a whole number"))
        })
        .transpose()
}

/// `ss:Index`, 1-based in the file, as a 0-based index.
fn index(e: &BytesStart) -> Result<Option<u32>, String> {
    match count_attribute(e, "Index")? {
        Some(0) => Err("`ss:Index=\"0\"`: indexes start at 1".into()),
        Some(i) => Ok(Some(i - 1)),
        None => Ok(None),
    }
}

/// A cell's `Data` as a CSV export of the same sheet would hold it (see the module text).
/// A value that does not read as its declared type is kept as written, for the adapter
/// to quarantine its row with the reason rather than the whole workbook being refused.
fn typed_text(kind: &str, text: &str) -> String {
    let t = text.trim();
    let typed = match kind {
        "Number" => t.parse::<f64>().ok().map(number),
        "DateTime" => date_time(t),
        "Boolean" => match t {
            "1" => Some("true".into()),
            "0" => Some("false".into()),
            _ => None,
        },
        _ => return text.to_string(),
    };
    typed.unwrap_or_else(|| t.to_string())
}

fn date_time(t: &str) -> Option<String> {
    let parsed = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").ok()?;
    let ms = parsed.nanosecond() / 1_000_000;
    let time = match ms {
        0 => parsed.format("%H:%M:%S").to_string(),
        ms => format!("{}.{ms:03}", parsed.format("%H:%M:%S")),
    };
    // Excel's day zero: a time of day without a date.
    let day_zero = NaiveDate::from_ymd_opt(1899, 12, 31).expect("a valid date");
    Some(if parsed.date() == day_zero {
        time
    } else if parsed.time() == chrono::NaiveTime::MIN {
        parsed.format("%Y-%m-%d").to_string()
    } else {
        format!("{}T{time}", parsed.format("%Y-%m-%d"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(worksheets: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Workbook \
             xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"\n \
             xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n{worksheets}</Workbook>\n"
        )
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sheets_read_with_their_row_numbers_and_typed_cells() {
        let text = book(
            r#"<Worksheet ss:Name="Key Metrics &amp; more"><Table>
<Column ss:Index="1" ss:Width="150"/>
<Row><Cell><Data ss:Type="String">Post ID</Data></Cell><Cell><Data ss:Type="String">Posted</Data></Cell><Cell><Data ss:Type="String">Reach</Data></Cell><Cell><Data ss:Type="String">Paid</Data></Cell></Row>
<Row><Cell><Data ss:Type="String"></Data></Cell><Cell><Data ss:Type="String"></Data></Cell><Cell><Data ss:Type="String">Lifetime: people &quot;reached&quot;</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">1_2</Data></Cell><Cell><Data ss:Type="DateTime">2017-07-22T05:30:00.000</Data></Cell><Cell><Data ss:Type="Number">221231</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
<Row ss:Index="6"><Cell><Data ss:Type="String">line one&#10;line two
line three</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">2.50</Data></Cell><Cell><Data ss:Type="Boolean">0</Data><Comment><Data>not the value</Data></Comment></Cell></Row>
<Row><Cell><Data ss:Type="Number">12a</Data></Cell><Cell><Data ss:Type="DateTime">soon</Data></Cell></Row>
<Row><Cell ss:MergeAcross="1"><Data ss:Type="DateTime">2017-07-06T00:00:00.000</Data></Cell><Cell><Data ss:Type="DateTime">1899-12-31T10:15:00.000</Data></Cell><Cell><Data ss:Type="String"><B>rich</B> text</Data></Cell></Row>
</Table></Worksheet>
<Worksheet ss:Name="Empty"><Table></Table></Worksheet>
<Worksheet ss:Name="Nothing at all"/>
"#,
        );
        assert!(is_spreadsheetml(&text));
        let sheets = sheets(&text).unwrap();
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Key Metrics & more", "Empty", "Nothing at all"]);
        let t = &sheets[0].1;
        assert_eq!(t.header, ["Post ID", "Posted", "Reach", "Paid"]);
        assert!(t.preamble.is_empty());
        assert_eq!(
            t.rows,
            vec![
                (2, strings(&["", "", "Lifetime: people \"reached\""])),
                (
                    3,
                    strings(&["1_2", "2017-07-22T05:30:00", "221231", "true"])
                ),
                // `ss:Index` skipped rows 4 and 5 and column B.
                (
                    6,
                    strings(&["line one\nline two\nline three", "", "2.5", "false"])
                ),
                // Values that are not of their declared type are kept as written.
                (7, strings(&["12a", "soon"])),
                // The merged cell covers columns A and B.
                (8, strings(&["2017-07-06", "", "10:15:00", "rich text"])),
            ]
        );
        for (_, empty) in &sheets[1..] {
            assert!(empty.header.is_empty() && empty.rows.is_empty() && empty.preamble.is_empty());
        }
    }

    #[test]
    fn an_invalid_utf8_sequence_reads_as_a_replacement_character() {
        let mut bytes = book(
            r#"<Worksheet ss:Name="Cities"><Table>
<Row><Cell><Data ss:Type="String">City</Data></Cell><Cell><Data ss:Type="String">Fans</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">Đà Nẵng, H? N?i</Data></Cell><Cell><Data ss:Type="Number">7</Data></Cell></Row>
</Table></Worksheet>
"#,
        )
        .into_bytes();
        // `Hà Nội` with its `ộ` turned into a lone lead byte 0xC3 followed by `i`, which cannot
        // follow it (the real export has such a sequence in a city name).
        let at = bytes.windows(7).position(|w| w == b"H? N?i<").unwrap();
        bytes.splice(at..at + 6, "Hà N".bytes().chain([0xC3, b'i']));
        let (text, encoding) = super::super::decode::decode(&bytes);
        assert_eq!(encoding, super::super::decode::Encoding::Utf8Lossy);
        let sheets = sheets(&text).unwrap();
        assert_eq!(
            sheets[0].1.rows[0].1,
            strings(&["Đà Nẵng, Hà N\u{fffd}i", "7"])
        );
    }

    #[test]
    fn broken_files_are_refused_with_the_sheet_and_line() {
        let e = sheets(&book(
            "<Worksheet ss:Name=\"A\"><Table>\n<Row ss:Index=\"3\"/>\n<Row ss:Index=\"2\"/>\n</Table></Worksheet>\n",
        ))
        .unwrap_err();
        assert!(
            e.contains("sheet `A`") && e.contains("line 6") && e.contains("goes back to a row"),
            "{e}"
        );
        let e = sheets(&book(
            "<Worksheet ss:Name=\"B\"><Table>\n<Row><Cell ss:Index=\"3\"/><Cell ss:Index=\"2\"/></Row>\n</Table></Worksheet>\n",
        ))
        .unwrap_err();
        assert!(e.contains("goes back to a column"), "{e}");
        let cut = book("<Worksheet ss:Name=\"C\"><Table><Row><Cell><Data ss:Type=\"String\">x");
        let e = sheets(&cut[..cut.find("</Workbook>").unwrap()]).unwrap_err();
        assert!(e.contains("sheet `C`") && e.contains("cut short"), "{e}");
        let e = sheets(&book(
            "<Worksheet ss:Name=\"D\"><Table></Row></Table></Worksheet>",
        ))
        .unwrap_err();
        assert!(e.contains("not well-formed XML"), "{e}");
        assert!(!is_spreadsheetml("<?xml version=\"1.0\"?><rss/>"));
        assert!(!is_spreadsheetml("Date,Views\n"));
    }

    #[test]
    fn a_workbook_with_more_cells_than_allowed_is_refused() {
        let mut state = State {
            cells_left: Some(1),
            ..State::default()
        };
        let row = "<Row><Cell><Data ss:Type=\"Number\">1</Data></Cell><Cell><Data ss:Type=\"Number\">2</Data></Cell></Row>";
        let text = book(&format!(
            "<Worksheet ss:Name=\"Big\"><Table>{row}</Table></Worksheet>"
        ));
        let mut reader = Reader::from_str(&text);
        let mut refused = None;
        loop {
            let r = match reader.read_event().unwrap() {
                Event::Start(e) => state.open(&e, false),
                Event::End(e) => state.close(e.local_name().as_ref()),
                Event::Text(t) => {
                    state.text(&t.xml10_content());
                    Ok(())
                }
                Event::Eof => break,
                _ => Ok(()),
            };
            if let Err(e) = r {
                refused = Some(e);
                break;
            }
        }
        let e = refused.expect("the second cell is over the limit");
        assert!(e.contains("more than 20000000 cells"), "{e}");
    }

    #[test]
    fn the_real_insights_workbooks_read() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/exports/facebook");
        let (Ok(posts), Ok(page)) = (
            std::fs::read(
                dir.join("Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls"),
            ),
            std::fs::read(dir.join("Facebook Insights Data Export - LOK - 2017-07-05.xls")),
        ) else {
            eprintln!("skipped: the shared Facebook workbooks are not here");
            return;
        };
        let (text, _) = super::super::decode::decode(&posts);
        let post_sheets = sheets(&text).unwrap();
        assert_eq!(post_sheets.len(), 7);
        let (name, key) = &post_sheets[0];
        assert_eq!(name, "Key Metrics");
        assert_eq!(key.header.len(), 33);
        assert_eq!(key.header[8], "post_impressions_unique:lifetime");
        // Row 2 (descriptions) and the 7 posts of rows 3 to 9.
        let lines: Vec<u64> = key.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, (2..=9).collect::<Vec<u64>>());
        assert_eq!(key.rows[1].1[6], "2017-07-22T05:30:00");
        let (text, encoding) = super::super::decode::decode(&page);
        assert_eq!(encoding, super::super::decode::Encoding::Utf8Lossy);
        let page_sheets = sheets(&text).unwrap();
        assert_eq!(page_sheets[0].1.header.len(), 56);
        // The invalid sequence is in a city's name, a column of a breakdown sheet.
        let replaced = |t: &RawTable| {
            t.header
                .iter()
                .chain(t.rows.iter().flat_map(|(_, r)| r))
                .any(|c| c.contains('\u{fffd}'))
        };
        assert!(page_sheets.iter().any(|(_, t)| replaced(t)));
    }
}
