//! The report's tables as data, for the outputs that are tables rather than prose: one XLSX
//! sheet and one CSV file per `Table`. The report stage builds them from the same context the
//! templates read, so a figure in a sheet is the figure in the text.
//!
//! Cells keep their type (a count stays an integer, a rate a number) so that each writer can
//! format it its own way: XLSX with a number format, CSV in plain machine form.

use serde::Serialize;

/// One table of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// File stem and sheet name: lower-case ASCII, digits and `_`, at most 31 characters
    /// (Excel's limit on sheet names), unique within a report (`scorecard_fundraising`).
    pub name: String,
    /// Caption in the report language (`Kartu skor: Penggalangan dana`).
    pub title: String,
    pub columns: Vec<Column>,
    /// Every row has exactly `columns.len()` cells.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Header in the report language.
    pub header: String,
}

/// A cell and how its value is meant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    Empty,
    /// Free text, possibly user-supplied (post text, account and file names): writers must
    /// neutralise it (never a formula).
    Text(String),
    Integer(i64),
    /// A plain number (an average, a score).
    Number(f64),
    /// A percentage as shown (`4.85` means 4.85%), not a fraction.
    Percent(f64),
    /// An amount of money in the pipeline's currency (Rupiah).
    Currency(f64),
    /// A duration in seconds.
    Seconds(f64),
    /// An ISO date `yyyy-mm-dd`.
    Date(String),
    /// A local date and time, ISO `yyyy-mm-ddTHH:MM`.
    DateTime(String),
    /// A link: shown text and an `http(s)` address (writers refuse other schemes and then
    /// write the text alone).
    Link {
        text: String,
        url: String,
    },
}

impl Table {
    /// Checks the invariants above; the writers call it so a bad table is a bug found in
    /// tests, not a corrupt file.
    pub fn check(&self) -> Result<(), String> {
        let name_ok = !self.name.is_empty()
            && self.name.len() <= 31
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok {
            return Err(format!(
                "table name `{}` must be 1-31 characters of a-z, 0-9 and _",
                self.name
            ));
        }
        if let Some((i, row)) = self
            .rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != self.columns.len())
        {
            return Err(format!(
                "table `{}` row {} has {} cells for {} columns",
                self.name,
                i + 1,
                row.len(),
                self.columns.len()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            name: name.into(),
            title: "t".into(),
            columns: vec![Column { header: "a".into() }],
            rows,
        }
    }

    #[test]
    fn names_and_row_widths_are_checked() {
        assert!(table("headline", vec![vec![Cell::Integer(1)]])
            .check()
            .is_ok());
        assert!(table("Head line", vec![]).check().is_err());
        assert!(table(&"x".repeat(32), vec![]).check().is_err());
        let err = table("ok", vec![vec![], vec![Cell::Empty]])
            .check()
            .unwrap_err();
        assert!(err.contains("row 1 has 0 cells"), "{err}");
    }
}
