//! Calendar months, Jakarta wall-clock time and the date spellings the exports use.
//!
//! Asia/Jakarta has been UTC+7 without daylight saving since 1964, so a fixed offset is exact.
//! chrono's `%b` is always English (chrono consults no system locale), which is what the
//! platforms write in file names.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

pub(crate) const JAKARTA_UTC_OFFSET_HOURS: i64 = 7;

/// One calendar month, the unit every export covers. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Month {
    pub year: i32,
    pub month: u32,
}

/// `2026-08`.
impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Month {
    /// `None` when `month` is not 1..=12 or the year is outside chrono's range.
    pub(crate) fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    pub(crate) fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated in Month::new")
    }

    pub(crate) fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub(crate) fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month `count` months after this one.
    pub(crate) fn plus(self, count: u32) -> Self {
        (0..count).fold(self, |month, _| month.next())
    }

    pub(crate) fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    pub(crate) fn day_count(self) -> u32 {
        self.last_day().day()
    }

    /// Day `day` (1-based) of the month.
    pub(crate) fn day(self, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, day).expect("day within the month")
    }

    pub(crate) fn days(self) -> impl Iterator<Item = NaiveDate> {
        (1..=self.day_count()).map(move |day| self.day(day))
    }
}

/// Jakarta wall-clock time → UTC.
pub(crate) fn jakarta_to_utc(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(JAKARTA_UTC_OFFSET_HOURS)
}

/// `20260801`, as in X's export file names.
pub(crate) fn compact_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// `Aug-01-2026`, as in Meta Business Suite export file names.
pub(crate) fn meta_file_date(date: NaiveDate) -> String {
    date.format("%b-%d-%Y").to_string()
}

/// `08/28/2026 16:45`: Meta's `Publish time`, wall-clock time of the page's zone, no offset.
pub(crate) fn meta_publish_time(local: NaiveDateTime) -> String {
    local.format("%m/%d/%Y %H:%M").to_string()
}

/// `2026-08-28 16:45 +0000`: X's `time` column, UTC without seconds.
pub(crate) fn x_time(utc: NaiveDateTime) -> String {
    utc.format("%Y-%m-%d %H:%M +0000").to_string()
}

/// `2026-08-14T09:31:00Z`: ISO 8601 UTC, as listening tools export.
pub(crate) fn iso_utc(utc: NaiveDateTime) -> String {
    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Indonesian month name, for post texts ("laporan penyaluran Agustus").
pub(crate) fn indonesian_month_name(month: u32) -> &'static str {
    crate::report::format::month_name(month, crate::i18n::Lang::Id)
}

pub(crate) fn is_friday(date: NaiveDate) -> bool {
    date.weekday() == Weekday::Fri
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    #[test]
    fn month_arithmetic_crosses_years() {
        let november = Month::new(2026, 11).unwrap();
        assert_eq!(november.plus(2), Month::new(2027, 1).unwrap());
        assert_eq!(november.plus(2).previous(), Month::new(2026, 12).unwrap());
        assert_eq!(Month::new(2028, 2).unwrap().day_count(), 29);
        assert!(Month::new(2026, 13).is_none());
    }

    #[test]
    fn spellings_match_the_exports() {
        let local = NaiveDate::from_ymd_opt(2026, 8, 1)
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(7, 5, 0).unwrap());
        assert_eq!(meta_file_date(local.date()), "Aug-01-2026");
        assert_eq!(meta_publish_time(local), "08/01/2026 07:05");
        assert_eq!(x_time(jakarta_to_utc(local)), "2026-08-01 00:05 +0000");
        assert_eq!(iso_utc(jakarta_to_utc(local)), "2026-08-01T00:05:00Z");
    }
}
