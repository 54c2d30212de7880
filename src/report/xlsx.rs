//! The report's tables as one XLSX workbook, for readers who want to sort and filter.
//!
//! One sheet per `Table`, named after it: the title in bold on the first row, the column
//! headers on the second (bold, filled, with an autofilter, and frozen so they stay in view),
//! then the rows. Cells keep their type: numbers are numbers with a number format, dates are
//! real Excel dates, web links are hyperlinks. Excel shows thousands and decimal separators
//! in the reader's own locale; that is its business, not ours.
//!
//! Safety: there are no formulas anywhere. Text is always written as a string cell (never
//! through a call that could read `=...` as a formula) and is also neutralised with
//! `safety::neutralise_cell`, because a spreadsheet re-saving the sheet as CSV would otherwise
//! bring `=HYPERLINK(...)` back to life. Only `http(s)` links become hyperlinks.
//!
//! Determinism: the same tables and meta give the same bytes. The document's creation date
//! comes from `WorkbookMeta::created` (rust_xlsxwriter would stamp the current time), and
//! rust_xlsxwriter already writes a fixed time (1980-01-01) on every zip entry.

use super::format;
use super::safety::{is_web_url, neutralise_cell};
use super::tables::{Cell, Table};
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Url, Workbook, Worksheet};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What the workbook says about itself (File → Properties).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookMeta {
    pub title: String,
    /// The organisation the report is for.
    pub author: String,
    /// Creation date, ISO `yyyy-mm-dd`: fixed by the caller (the report's date), never the
    /// clock, so that the file is reproducible.
    pub created: String,
}

#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    #[error("table `{table}` cannot become a sheet: {reason} (this is a bug in tolok, please report it)")]
    InvalidTable { table: String, reason: String },
    #[error("table `{table}`, row {row}, column {column}: `{value}` is not an ISO {expected} (this is a bug in tolok, please report it)")]
    BadDate {
        table: String,
        /// Data row, counted from 1 (the header row not included).
        row: usize,
        /// Column, counted from 1.
        column: usize,
        value: String,
        expected: &'static str,
    },
    #[error(
        "workbook creation date `{value}` is not an ISO date (yyyy-mm-dd) between 1900 and 9999"
    )]
    BadCreated { value: String },
    #[error("could not write sheet `{sheet}` of the workbook")]
    Sheet {
        sheet: String,
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("could not assemble the XLSX workbook")]
    Save {
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
}

/// Sheet rows, counted from 0.
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;

/// Column widths in Excel's character units: content length plus a margin, within bounds so
/// that a long caption does not make a column wider than the screen.
const MIN_COLUMN_WIDTH: usize = 6;
const MAX_COLUMN_WIDTH: usize = 60;
const COLUMN_MARGIN: usize = 2;

/// Excel's limits: characters (UTF-16 units) in a cell, hyperlinks in a sheet, characters in
/// a hyperlink's address. Beyond them Excel reports the file as damaged.
const MAX_CELL_TEXT: usize = 32_767;
const MAX_HYPERLINKS_PER_SHEET: usize = 65_530;
const MAX_URL_LENGTH: usize = 2_080;

/// Decimals shown by the number formats; the cell keeps the full value.
const NUMBER_DECIMALS: usize = 2;
const SECONDS_DECIMALS: usize = 1;

/// The workbook of `tables`, one sheet each, in order.
///
/// `lang` picks the currency label of money cells (`Rp1,234` for `id`, `IDR 1,234` for
/// `en`, as in the report's text); everything else in a sheet is data or comes from the
/// tables. An empty `tables` gives a workbook with one empty sheet (XLSX needs one).
pub fn workbook(tables: &[Table], lang: Lang, meta: &WorkbookMeta) -> Result<Vec<u8>, XlsxError> {
    check_tables(tables)?;
    let created = excel_date(&meta.created).ok_or_else(|| XlsxError::BadCreated {
        value: meta.created.clone(),
    })?;
    let properties = DocProperties::new()
        .set_title(&meta.title)
        .set_author(&meta.author)
        .set_creation_datetime(&created);

    let formats = Formats::new(lang);
    let mut book = Workbook::new();
    book.set_properties(&properties);
    for table in tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, table, &formats).map_err(|error| match error {
            SheetError::Xlsx(source) => XlsxError::Sheet {
                sheet: table.name.clone(),
                source,
            },
            SheetError::Table(error) => error,
        })?;
    }
    book.save_to_buffer()
        .map_err(|source| XlsxError::Save { source })
}

/// Table invariants, unique sheet names, and sizes that fit the sheet's coordinates.
fn check_tables(tables: &[Table]) -> Result<(), XlsxError> {
    let invalid = |table: &Table, reason: String| XlsxError::InvalidTable {
        table: table.name.clone(),
        reason,
    };
    let mut names = BTreeSet::new();
    for table in tables {
        table.check().map_err(|reason| invalid(table, reason))?;
        if !names.insert(table.name.as_str()) {
            return Err(invalid(table, "two tables have this name".into()));
        }
        if u16::try_from(table.columns.len()).is_err() {
            return Err(invalid(table, "too many columns for a sheet".into()));
        }
        if u32::try_from(table.rows.len())
            .ok()
            .and_then(|rows| rows.checked_add(FIRST_DATA_ROW))
            .is_none()
        {
            return Err(invalid(table, "too many rows for a sheet".into()));
        }
    }
    Ok(())
}

/// The cell formats of one workbook.
struct Formats {
    title: Format,
    header: Format,
    integer: Format,
    number: Format,
    percent: Format,
    currency: Format,
    seconds: Format,
    date: Format,
    datetime: Format,
    /// Characters a money cell shows besides its digits (`Rp`), for column widths.
    currency_label_len: usize,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let numeric = |code: &str| Format::new().set_num_format(code);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9E1F2)),
            integer: numeric("#,##0"),
            number: numeric("#,##0.00"),
            // The cell holds the fraction (4.85 % is 0.0485), as Excel expects of percentages.
            percent: numeric("0.00%"),
            currency: numeric(currency_code(lang)),
            // Seconds stay seconds (the header says so) rather than `[h]:mm:ss`: response and
            // watch times are compared in seconds, and one decimal keeps 4.7 s apart from 5 s.
            seconds: numeric("#,##0.0"),
            date: numeric("yyyy-mm-dd"),
            datetime: numeric("yyyy-mm-dd hh:mm"),
            currency_label_len: currency_label_len(lang),
        }
    }
}

/// Money in Rupiah, labelled as the report's text labels it (`format::currency`).
fn currency_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "\"Rp\"#,##0",
        Lang::En => "\"IDR \"#,##0",
    }
}

fn currency_label_len(lang: Lang) -> usize {
    match lang {
        Lang::Id => 2,
        Lang::En => 4,
    }
}

enum SheetError {
    Xlsx(rust_xlsxwriter::XlsxError),
    Table(XlsxError),
}

impl From<rust_xlsxwriter::XlsxError> for SheetError {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        SheetError::Xlsx(error)
    }
}

fn write_sheet(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), SheetError> {
    sheet.set_name(&table.name)?;
    sheet.write_string_with_format(
        TITLE_ROW,
        0,
        excel_text(&table.title).as_ref(),
        &formats.title,
    )?;
    let mut widths: Vec<usize> = Vec::with_capacity(table.columns.len());
    for (col, column) in (0u16..).zip(&table.columns) {
        let header = excel_text(&column.header);
        widths.push(longest_line(&header));
        sheet.write_string_with_format(HEADER_ROW, col, header.as_ref(), &formats.header)?;
    }

    let mut links = 0;
    for (row, cells) in (FIRST_DATA_ROW..).zip(&table.rows) {
        for ((col, cell), width) in (0u16..).zip(cells).zip(widths.iter_mut()) {
            let place = Place { table, row, col };
            let shown = write_cell(sheet, place, cell, formats, &mut links)?;
            *width = (*width).max(shown);
        }
    }

    for (col, width) in (0u16..).zip(&widths) {
        let width = (width + COLUMN_MARGIN).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        // At most 60: exact in f64.
        sheet.set_column_width(col, width as f64)?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    if let Some(last_col) = widths.len().checked_sub(1) {
        // `check_tables` made sure both fit.
        let last_col = u16::try_from(last_col).unwrap_or(u16::MAX);
        let last_row = u32::try_from(table.rows.len())
            .unwrap_or(u32::MAX)
            .saturating_add(HEADER_ROW);
        sheet.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    }
    Ok(())
}

/// Where a cell goes, for writing it and for naming it in an error.
#[derive(Clone, Copy)]
struct Place<'a> {
    table: &'a Table,
    row: u32,
    col: u16,
}

impl Place<'_> {
    fn bad_date(self, value: &str, expected: &'static str) -> SheetError {
        SheetError::Table(XlsxError::BadDate {
            table: self.table.name.clone(),
            row: (self.row - FIRST_DATA_ROW) as usize + 1,
            column: usize::from(self.col) + 1,
            value: value.to_string(),
            expected,
        })
    }
}

/// A percentage as shown (`4.85`) as the fraction Excel's `%` format expects: `0.0485`, the
/// double nearest to the shown decimal moved two places, where `4.85 / 100.0` would give
/// `0.048499999999999995` to anyone computing with the cell.
fn percent_fraction(shown: f64) -> f64 {
    // `Display` of a finite f64 has no exponent, so appending one is a valid literal.
    format!("{shown}e-2").parse().unwrap_or(shown / 100.0)
}

/// Writes one data cell and returns how many characters it shows (for the column width).
fn write_cell(
    sheet: &mut Worksheet,
    place: Place,
    cell: &Cell,
    formats: &Formats,
    links: &mut usize,
) -> Result<usize, SheetError> {
    let Place { row, col, .. } = place;
    let mut number = |value: f64, format: &Format, shown: usize| {
        // NaN and infinities are no value: an empty cell, not `#NUM!` or a damaged file.
        if value.is_finite() {
            sheet.write_number_with_format(row, col, value, format)?;
            Ok::<_, SheetError>(shown)
        } else {
            Ok(0)
        }
    };
    // Shown lengths use the English separators: as long as the Indonesian ones.
    let digits =
        |value: f64, decimals: usize| format::number(value, decimals, Lang::En).chars().count();
    match cell {
        Cell::Empty => Ok(0),
        Cell::Text(text) => write_text(sheet, row, col, text),
        Cell::Integer(value) => {
            // Excel holds every number as f64: beyond 2^53 it rounds, as it would anyway.
            let shown = format::integer(i128::from(*value), Lang::En)
                .chars()
                .count();
            number(*value as f64, &formats.integer, shown)
        }
        Cell::Number(value) => number(*value, &formats.number, digits(*value, NUMBER_DECIMALS)),
        Cell::Percent(value) => number(
            percent_fraction(*value),
            &formats.percent,
            digits(*value, NUMBER_DECIMALS) + "%".len(),
        ),
        Cell::Currency(value) => number(
            *value,
            &formats.currency,
            digits(*value, 0) + formats.currency_label_len,
        ),
        Cell::Seconds(value) => number(*value, &formats.seconds, digits(*value, SECONDS_DECIMALS)),
        Cell::Date(iso) => {
            let date = excel_date(iso).ok_or_else(|| place.bad_date(iso, "date (yyyy-mm-dd)"))?;
            sheet.write_datetime_with_format(row, col, &date, &formats.date)?;
            Ok("yyyy-mm-dd".len())
        }
        Cell::DateTime(iso) => {
            let datetime = excel_datetime(iso)
                .ok_or_else(|| place.bad_date(iso, "date and time (yyyy-mm-ddTHH:MM)"))?;
            sheet.write_datetime_with_format(row, col, &datetime, &formats.datetime)?;
            Ok("yyyy-mm-dd hh:mm".len())
        }
        Cell::Link { text, url } => {
            let fits = url.encode_utf16().count() <= MAX_URL_LENGTH;
            if is_web_url(url) && fits && *links < MAX_HYPERLINKS_PER_SHEET {
                let label = excel_text(if text.is_empty() { url } else { text });
                sheet.write_url_with_text(row, col, Url::new(url.as_str()), label.as_ref())?;
                *links += 1;
                Ok(longest_line(&label))
            } else {
                // Not a web address (or over Excel's limits): the shown text alone.
                write_text(sheet, row, col, text)
            }
        }
    }
}

fn write_text(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<usize, SheetError> {
    let text = excel_text(text);
    // `write_string`, never `write`: a string cell is never read as a formula.
    sheet.write_string(row, col, text.as_ref())?;
    Ok(longest_line(&text))
}

/// Text as it goes into a cell: neutralised against formulas, then cut to Excel's cell limit
/// (with `…` at the cut) so that one very long caption cannot make the workbook fail.
fn excel_text(text: &str) -> Cow<'_, str> {
    let safe = neutralise_cell(text);
    if safe.encode_utf16().count() <= MAX_CELL_TEXT {
        return safe;
    }
    let mut kept = String::new();
    let mut units = 0;
    for c in safe.chars() {
        units += c.len_utf16();
        // Leave one unit for the ellipsis.
        if units > MAX_CELL_TEXT - 1 {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    Cow::Owned(kept)
}

/// Characters in the longest line: what the column must show.
fn longest_line(text: &str) -> usize {
    text.lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0)
}

/// An ISO date as an Excel date; `None` for anything else, or outside Excel's 1900–9999.
fn excel_date(iso: &str) -> Option<ExcelDateTime> {
    let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    ymd(date)
}

/// An ISO local date and time (`yyyy-mm-ddTHH:MM`, seconds allowed) as an Excel date-time.
fn excel_datetime(iso: &str) -> Option<ExcelDateTime> {
    let parsed = NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let hour = u16::try_from(parsed.hour()).ok()?;
    let minute = u8::try_from(parsed.minute()).ok()?;
    ymd(parsed.date())?
        .and_hms(hour, minute, parsed.second())
        .ok()
}

fn ymd(date: NaiveDate) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::Column;
    use calamine::{Data, Reader, Xlsx};
    use std::io::{Cursor, Read};

    fn meta() -> WorkbookMeta {
        WorkbookMeta {
            title: "Laporan evaluasi".into(),
            author: "Yayasan Contoh".into(),
            created: "2026-10-31".into(),
        }
    }

    fn columns(headers: &[&str]) -> Vec<Column> {
        headers
            .iter()
            .map(|h| Column {
                header: h.to_string(),
            })
            .collect()
    }

    /// Two sheets covering every cell type.
    fn sample() -> Vec<Table> {
        vec![
            Table {
                name: "headline".into(),
                title: "Ringkasan".into(),
                columns: columns(&["Metrik", "Jumlah", "Rasio", "Persen", "Dana", "Detik"]),
                rows: vec![
                    vec![
                        Cell::Text("Tayangan".into()),
                        Cell::Integer(1234567),
                        Cell::Number(1.5),
                        Cell::Percent(4.85),
                        Cell::Currency(2500000.0),
                        Cell::Seconds(4.7),
                    ],
                    vec![
                        Cell::Text("=HYPERLINK(\"x\")".into()),
                        Cell::Integer(-3),
                        Cell::Number(f64::NAN),
                        Cell::Empty,
                        Cell::Currency(-1000.0),
                        Cell::Seconds(3600.0),
                    ],
                ],
            },
            Table {
                name: "posts".into(),
                title: "Unggahan".into(),
                columns: columns(&["Tanggal", "Waktu", "Tautan"]),
                rows: vec![
                    vec![
                        Cell::Date("2026-10-05".into()),
                        Cell::DateTime("2026-10-05T14:30".into()),
                        Cell::Link {
                            text: "Post 1".into(),
                            url: "https://example.com/p/1".into(),
                        },
                    ],
                    vec![
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Link {
                            text: "@click".into(),
                            url: "javascript:alert(1)".into(),
                        },
                    ],
                ],
            },
        ]
    }

    fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
        Xlsx::new(Cursor::new(bytes)).expect("the workbook opens")
    }

    fn zip_entry(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut text = String::new();
        archive
            .by_name(name)
            .expect("entry exists")
            .read_to_string(&mut text)
            .expect("UTF-8 entry");
        text
    }

    #[test]
    fn sheets_headers_and_values_read_back() {
        let bytes = workbook(&sample(), Lang::Id, &meta()).unwrap();
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), vec!["headline", "posts"]);

        let headline = book.worksheet_range("headline").unwrap();
        assert_eq!(
            headline.get_value((0, 0)),
            Some(&Data::String("Ringkasan".into()))
        );
        let header: Vec<&Data> = (0..6).filter_map(|c| headline.get_value((1, c))).collect();
        assert_eq!(
            header,
            ["Metrik", "Jumlah", "Rasio", "Persen", "Dana", "Detik"]
                .map(|h| Data::String(h.into()))
                .iter()
                .collect::<Vec<_>>()
        );
        assert_eq!(headline.get_value((2, 1)), Some(&Data::Float(1234567.0)));
        assert_eq!(headline.get_value((2, 2)), Some(&Data::Float(1.5)));
        // Percent cells hold the fraction.
        assert_eq!(headline.get_value((2, 3)), Some(&Data::Float(0.0485)));
        assert_eq!(headline.get_value((2, 4)), Some(&Data::Float(2500000.0)));
        assert_eq!(headline.get_value((3, 1)), Some(&Data::Float(-3.0)));
        // The formula-looking text is a string with an apostrophe.
        assert_eq!(
            headline.get_value((3, 0)),
            Some(&Data::String("'=HYPERLINK(\"x\")".into()))
        );
        // NaN and Empty are empty cells.
        assert!(matches!(
            headline.get_value((3, 2)),
            None | Some(Data::Empty)
        ));
        assert!(matches!(
            headline.get_value((3, 3)),
            None | Some(Data::Empty)
        ));

        let posts = book.worksheet_range("posts").unwrap();
        // Excel serial dates: 2026-10-05 is day 46300; 14:30 is 29/48 of a day.
        match posts.get_value((2, 0)) {
            Some(Data::DateTime(date)) => assert_eq!(date.as_f64(), 46300.0),
            other => panic!("expected a date, got {other:?}"),
        }
        match posts.get_value((2, 1)) {
            Some(Data::DateTime(date)) => {
                assert!((date.as_f64() - (46300.0 + 29.0 / 48.0)).abs() < 1e-9)
            }
            other => panic!("expected a date-time, got {other:?}"),
        }
        assert_eq!(
            posts.get_value((2, 2)),
            Some(&Data::String("Post 1".into()))
        );
        // A `javascript:` link is plain (neutralised) text.
        assert_eq!(
            posts.get_value((3, 2)),
            Some(&Data::String("'@click".into()))
        );
    }

    #[test]
    fn no_cell_is_a_formula() {
        let bytes = workbook(&sample(), Lang::Id, &meta()).unwrap();
        let mut book = open(&bytes);
        for name in ["headline", "posts"] {
            let formulas = book.worksheet_formula(name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "sheet {name} has a formula"
            );
        }
        for entry in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            assert!(!zip_entry(&bytes, entry).contains("<f>"), "{entry}");
        }
    }

    #[test]
    fn only_the_web_link_is_a_hyperlink() {
        let bytes = workbook(&sample(), Lang::Id, &meta()).unwrap();
        let rels = zip_entry(&bytes, "xl/worksheets/_rels/sheet2.xml.rels");
        assert!(
            rels.contains("Target=\"https://example.com/p/1\""),
            "{rels}"
        );
        assert!(!rels.contains("javascript"), "{rels}");
        let sheet = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
        assert_eq!(sheet.matches("<hyperlink ").count(), 1, "{sheet}");
        assert!(sheet.contains("<hyperlink ref=\"C3\""), "{sheet}");
    }

    #[test]
    fn header_is_frozen_and_filtered_and_formats_are_set() {
        let bytes = workbook(&sample(), Lang::Id, &meta()).unwrap();
        let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("ySplit=\"2\""), "{sheet}");
        assert!(sheet.contains("topLeftCell=\"A3\""), "{sheet}");
        assert!(sheet.contains("<autoFilter ref=\"A2:F4\"/>"), "{sheet}");
        let styles = zip_entry(&bytes, "xl/styles.xml");
        for code in [
            "formatCode=\"#,##0\"",
            "formatCode=\"#,##0.00\"",
            "formatCode=\"0.00%\"",
            "formatCode=\"&quot;Rp&quot;#,##0\"",
            "formatCode=\"#,##0.0\"",
            "formatCode=\"yyyy-mm-dd\"",
            "formatCode=\"yyyy-mm-dd hh:mm\"",
        ] {
            assert!(styles.contains(code), "{code} missing in {styles}");
        }
        let english = workbook(&sample(), Lang::En, &meta()).unwrap();
        assert!(zip_entry(&english, "xl/styles.xml").contains("&quot;IDR &quot;#,##0"));
    }

    #[test]
    fn two_writes_are_byte_identical_and_dated_from_meta() {
        let first = workbook(&sample(), Lang::Id, &meta()).unwrap();
        let second = workbook(&sample(), Lang::Id, &meta()).unwrap();
        assert!(first == second, "two writes differ");
        let core = zip_entry(&first, "docProps/core.xml");
        assert!(
            core.contains(">2026-10-31T00:00:00Z</dcterms:created>"),
            "{core}"
        );
        assert!(
            core.contains("<dc:creator>Yayasan Contoh</dc:creator>"),
            "{core}"
        );
        assert!(
            core.contains("<dc:title>Laporan evaluasi</dc:title>"),
            "{core}"
        );
    }

    #[test]
    fn column_widths_follow_content_within_bounds() {
        let table = Table {
            name: "widths".into(),
            title: "A very long title that must not widen the first column at all".into(),
            columns: columns(&["a", "bb", "c"]),
            rows: vec![vec![
                Cell::Text("x".repeat(200)),
                Cell::Integer(1234567),
                Cell::Text("short\nline".into()),
            ]],
        };
        let bytes = workbook(&[table], Lang::Id, &meta()).unwrap();
        let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        // Capped at 60; `1,234,567` is 9 characters + 2; `short` is 5 + 2 → the minimum 6…
        // then 7. Excel stores widths with its padding added (60 → 60.7109375).
        let cols: Vec<&str> = sheet
            .match_indices("<col ")
            .map(|(i, _)| &sheet[i..])
            .collect();
        assert_eq!(cols.len(), 3, "{sheet}");
        assert!(cols[0].starts_with("<col min=\"1\" max=\"1\" width=\"60.7109375\""));
        assert!(cols[1].starts_with("<col min=\"2\" max=\"2\" width=\"11.7109375\""));
        assert!(cols[2].starts_with("<col min=\"3\" max=\"3\" width=\"7.7109375\""));
    }

    #[test]
    fn bad_dates_and_tables_are_errors_with_context() {
        let mut tables = sample();
        tables[1].rows[1][0] = Cell::Date("5 Oktober".into());
        let err = workbook(&tables, Lang::Id, &meta()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "table `posts`, row 2, column 1: `5 Oktober` is not an ISO date (yyyy-mm-dd) \
             (this is a bug in tolok, please report it)"
        );

        let mut tables = sample();
        tables[1].name = "headline".into();
        let err = workbook(&tables, Lang::Id, &meta()).unwrap_err();
        assert!(
            err.to_string().contains("two tables have this name"),
            "{err}"
        );

        let mut tables = sample();
        tables[0].rows[0].pop();
        assert!(matches!(
            workbook(&tables, Lang::Id, &meta()),
            Err(XlsxError::InvalidTable { .. })
        ));

        let bad_meta = WorkbookMeta {
            created: "today".into(),
            ..meta()
        };
        assert!(matches!(
            workbook(&sample(), Lang::Id, &bad_meta),
            Err(XlsxError::BadCreated { .. })
        ));
    }

    #[test]
    fn percentages_become_the_shown_decimal_fraction() {
        assert_eq!(percent_fraction(4.85), 0.0485);
        assert_eq!(percent_fraction(-12.5), -0.125);
        assert_eq!(percent_fraction(100.0), 1.0);
        assert_eq!(percent_fraction(0.0), 0.0);
        assert!(percent_fraction(f64::NAN).is_nan());
    }

    #[test]
    fn overlong_text_is_cut_to_excels_limit() {
        let long = "é".repeat(MAX_CELL_TEXT + 10);
        let cut = excel_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(cut.ends_with("é…"));
        assert_eq!(excel_text("=1"), "'=1");
        assert!(matches!(excel_text("plain"), Cow::Borrowed("plain")));
    }
}
