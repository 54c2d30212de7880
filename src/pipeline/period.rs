//! Reporting periods: `2026-10`, `2026-Q3`, `2026-10-01..2026-10-15`, `last-month`; and the
//! comparison period before each (the previous month, quarter, or a range of equal length).

use chrono::{Datelike, Duration, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Label as the user wrote it, resolved (`last-month` becomes `2026-10`).
    pub id: String,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    kind: PeriodKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodKind {
    Month,
    Quarter,
    Range,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl Period {
    /// Parses a period; `today` resolves `last-month`.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Period, String> {
        let text = text.trim();
        if text == "last-month" {
            let first_this_month = today.with_day(1).expect("day 1 exists");
            let last = first_this_month - Duration::days(1);
            return Ok(Period::month(last.year(), last.month()));
        }
        if let Some((a, b)) = text.split_once("..") {
            let start = parse_date(a)?;
            let end = parse_date(b)?;
            if end < start {
                return Err(format!("period `{text}` ends before it starts"));
            }
            return Ok(Period {
                id: text.to_string(),
                start,
                end,
                kind: PeriodKind::Range,
            });
        }
        if let Some((y, q)) = text.split_once("-Q").or_else(|| text.split_once("-q")) {
            let year: i32 = y.parse().map_err(|_| bad(text))?;
            let quarter: u32 = q.parse().map_err(|_| bad(text))?;
            if !(1..=4).contains(&quarter) {
                return Err(format!("period `{text}`: a quarter is Q1 to Q4"));
            }
            return Ok(Period::quarter(year, quarter));
        }
        if let Some((y, m)) = text.split_once('-') {
            if let (Ok(year), Ok(month)) = (y.parse::<i32>(), m.parse::<u32>()) {
                if (1..=12).contains(&month) && m.len() == 2 {
                    return Ok(Period::month(year, month));
                }
            }
        }
        Err(bad(text))
    }

    pub fn month(year: i32, month: u32) -> Period {
        let start = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
        Period {
            id: format!("{year:04}-{month:02}"),
            start,
            end: last_day_of_month(year, month),
            kind: PeriodKind::Month,
        }
    }

    pub fn quarter(year: i32, quarter: u32) -> Period {
        let first_month = (quarter - 1) * 3 + 1;
        Period {
            id: format!("{year:04}-Q{quarter}"),
            start: NaiveDate::from_ymd_opt(year, first_month, 1).expect("valid quarter"),
            end: last_day_of_month(year, first_month + 2),
            kind: PeriodKind::Quarter,
        }
    }

    /// The period just before this one, of the same kind.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Month => {
                let before = self.start - Duration::days(1);
                Period::month(before.year(), before.month())
            }
            PeriodKind::Quarter => {
                let before = self.start - Duration::days(1);
                Period::quarter(before.year(), (before.month() - 1) / 3 + 1)
            }
            PeriodKind::Range => {
                let days = (self.end - self.start).num_days() + 1;
                let end = self.start - Duration::days(1);
                let start = end - Duration::days(days - 1);
                Period {
                    id: format!("{start}..{end}"),
                    start,
                    end,
                    kind: PeriodKind::Range,
                }
            }
        }
    }

    /// Number of days in the period.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{}` is not a date of the form yyyy-mm-dd", text.trim()))
}

fn bad(text: &str) -> String {
    format!("`{text}` is not a period: write `2026-10`, `2026-Q3`, `2026-10-01..2026-10-15` or `last-month`")
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("valid month") - Duration::days(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_quarters_ranges_and_their_previous_periods() {
        let today = d(2026, 11, 23);
        let oct = Period::parse("2026-10", today).unwrap();
        assert_eq!((oct.start, oct.end), (d(2026, 10, 1), d(2026, 10, 31)));
        assert_eq!(oct.previous().id, "2026-09");
        assert_eq!(Period::parse("last-month", today).unwrap(), oct);
        let jan = Period::parse("2026-01", today).unwrap();
        assert_eq!(jan.previous().id, "2025-12");
        let q1 = Period::parse("2026-Q1", today).unwrap();
        assert_eq!((q1.start, q1.end), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(q1.previous().id, "2025-Q4");
        let range = Period::parse("2026-10-01..2026-10-15", today).unwrap();
        assert_eq!(range.days(), 15);
        let before = range.previous();
        assert_eq!((before.start, before.end), (d(2026, 9, 16), d(2026, 9, 30)));
        let feb = Period::parse("2028-02", today).unwrap();
        assert_eq!(feb.end, d(2028, 2, 29));
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        let today = d(2026, 11, 23);
        for text in [
            "2026-13",
            "2026-Q5",
            "October",
            "2026-10-15..2026-10-01",
            "2026-1",
        ] {
            assert!(Period::parse(text, today).is_err(), "{text} should fail");
        }
    }
}
