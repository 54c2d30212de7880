//! A report table as a CSV file, for machines rather than readers: numbers in plain machine
//! form (`.` decimal, no thousands separators, whatever the report language), dates ISO,
//! links as their address. Text is neutralised against formula injection before quoting.
//!
//! UTF-8 without a byte-order mark and `\n` line ends; the same table gives the same bytes.

use super::safety::{is_web_url, neutralise_cell};
use super::tables::{Cell, Table};
use std::borrow::Cow;

/// The table as CSV: the column headers, then one line per row. The title is not part of it
/// (the file name carries the table's name; a title line would break CSV readers).
///
/// Rows are written as they are; a table failing `Table::check` is a bug in the caller, so
/// debug builds stop on it.
pub fn table_csv(table: &Table) -> String {
    debug_assert_eq!(table.check(), Ok(()));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        // Ragged rows are a caller bug (see above); writing them beats losing the file.
        .flexible(true)
        .from_writer(Vec::new());
    let headers = table
        .columns
        .iter()
        .map(|column| neutralise_cell(&column.header));
    write_record(&mut writer, headers);
    for row in &table.rows {
        write_record(&mut writer, row.iter().map(cell_text));
    }
    let bytes = writer
        .into_inner()
        .expect("flushing a CSV writer into memory cannot fail");
    String::from_utf8(bytes).expect("CSV written from UTF-8 strings is UTF-8")
}

fn write_record<'a>(writer: &mut csv::Writer<Vec<u8>>, fields: impl Iterator<Item = Cow<'a, str>>) {
    let fields: Vec<Cow<str>> = fields.collect();
    writer
        .write_record(fields.iter().map(|field| field.as_bytes()))
        .expect("a flexible CSV writer into memory cannot fail");
}

/// One cell in machine form.
fn cell_text(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Integer(value) => Cow::Owned(value.to_string()),
        Cell::Number(value)
        | Cell::Percent(value)
        | Cell::Currency(value)
        | Cell::Seconds(value) => Cow::Owned(plain_number(*value)),
        // ISO dates start with a digit and pass unchanged; anything else is text like any other.
        Cell::Text(text) | Cell::Date(text) | Cell::DateTime(text) => neutralise_cell(text),
        Cell::Link { url, .. } if is_web_url(url) => neutralise_cell(url),
        // Not a web address: the shown text alone, as every writer does.
        Cell::Link { text, .. } => neutralise_cell(text),
    }
}

/// The shortest decimal that reads back as the same `f64` (Rust's `Display` for floats never
/// uses an exponent): `4.85`, `1234567.5`, `0.1`. Not-a-number and infinities are no value, so
/// an empty field; `-0` is `0`.
fn plain_number(value: f64) -> String {
    if !value.is_finite() {
        String::new()
    } else if value == 0.0 {
        "0".to_string()
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::Column;

    fn table(headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            name: "posts".into(),
            title: "Unggahan".into(),
            columns: headers
                .iter()
                .map(|h| Column {
                    header: h.to_string(),
                })
                .collect(),
            rows,
        }
    }

    #[test]
    fn numbers_are_plain_machine_form() {
        let t = table(
            &["n", "x", "pct", "rp", "s"],
            vec![
                vec![
                    Cell::Integer(1234567),
                    Cell::Number(1234.5),
                    Cell::Percent(4.85),
                    Cell::Currency(1500000.0),
                    Cell::Seconds(4.7),
                ],
                vec![
                    Cell::Integer(-3),
                    Cell::Number(-0.0),
                    Cell::Percent(0.1 + 0.2),
                    Cell::Currency(f64::NAN),
                    Cell::Seconds(f64::INFINITY),
                ],
                vec![
                    Cell::Integer(i64::MIN),
                    Cell::Number(1e21),
                    Cell::Percent(-12.5),
                    Cell::Currency(0.000001),
                    Cell::Empty,
                ],
            ],
        );
        assert_eq!(
            table_csv(&t),
            "n,x,pct,rp,s\n\
             1234567,1234.5,4.85,1500000,4.7\n\
             -3,0,0.30000000000000004,,\n\
             -9223372036854775808,1000000000000000000000,-12.5,0.000001,\n"
        );
    }

    #[test]
    fn text_is_neutralised_then_quoted() {
        let t = table(
            &["=header", "text"],
            vec![
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Text("a, \"b\"\nc".into()),
                ],
                vec![Cell::Text("@me".into()), Cell::Text("Ünï ok".into())],
            ],
        );
        assert_eq!(
            table_csv(&t),
            "'=header,text\n\
             \"'=HYPERLINK(\"\"x\"\")\",\"a, \"\"b\"\"\nc\"\n\
             '@me,Ünï ok\n"
        );
    }

    #[test]
    fn dates_stay_iso_and_links_are_their_address() {
        let t = table(
            &["d", "dt", "link"],
            vec![
                vec![
                    Cell::Date("2026-10-05".into()),
                    Cell::DateTime("2026-10-05T14:30".into()),
                    Cell::Link {
                        text: "Post".into(),
                        url: "https://example.com/p/1?a=1,2".into(),
                    },
                ],
                vec![
                    Cell::Date("-bad".into()),
                    Cell::Empty,
                    Cell::Link {
                        text: "=click".into(),
                        url: "javascript:alert(1)".into(),
                    },
                ],
            ],
        );
        assert_eq!(
            table_csv(&t),
            "d,dt,link\n\
             2026-10-05,2026-10-05T14:30,\"https://example.com/p/1?a=1,2\"\n\
             '-bad,,'=click\n"
        );
    }

    #[test]
    fn no_rows_is_the_header_line_alone() {
        let t = table(&["a", "b"], vec![]);
        assert_eq!(table_csv(&t), "a,b\n");
        assert!(!table_csv(&t).starts_with('\u{feff}'));
    }
}
