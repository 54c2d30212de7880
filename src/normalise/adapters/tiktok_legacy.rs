//! TikTok's legacy web-analytics overview (`Overview.csv` / `.xlsx`, before TikTok Studio):
//! `"Date","Video Views","Profile Views","Likes","Comments","Shares"`, one row per day of
//! the last 7, 28 or 60 days, dates written in the interface's language without a year
//! (`April 12`, `8 de marzo`, `12 April`).
//!
//! The year comes from when the export was taken (the input's `snapshot-at`): each day is
//! the latest date with that month and day on or before the snapshot's day, so a range
//! across New Year (`December 30` … `January 2`) is placed right. Without `snapshot-at`
//! the rows are quarantined with that explanation.
//!
//! As in the Studio overview (`tiktok.rs`), Likes, Comments and Shares (daily totals over
//! all videos) are not read.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::{FileContext, Normalised, QuarantinedRow};
use crate::schema::Table;
use chrono::{Datelike, NaiveDate};

pub fn overview() -> Adapter {
    use Parse::*;
    Adapter {
        id: "tiktok_legacy_overview".into(),
        name: "TikTok legacy web-analytics overview export".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Video Views", "Profile Views"]),
        // TikTok Studio's overview has these columns too, and dates with a year.
        excludes: strings(&["Reached audience"]),
        platform: PlatformRule::Fixed("tiktok".into()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            // ISO after `read` has placed each day in its year.
            field("date", &["Date"], Date("%Y-%m-%d")),
            field("impressions", &["Video Views"], Count),
            field("profile_visits", &["Profile Views"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// Month names as TikTok's interface writes them, in English, Spanish and Indonesian
/// (full and short forms), 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("enero", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("febrero", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("marzo", 3),
    ("maret", 3),
    ("april", 4),
    ("apr", 4),
    ("abril", 4),
    ("may", 5),
    ("mayo", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("junio", 6),
    ("juni", 6),
    ("july", 7),
    ("jul", 7),
    ("julio", 7),
    ("juli", 7),
    ("august", 8),
    ("aug", 8),
    ("agosto", 8),
    ("agustus", 8),
    ("agu", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octubre", 10),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("noviembre", 11),
    ("nopember", 11),
    ("december", 12),
    ("dec", 12),
    ("diciembre", 12),
    ("desember", 12),
    ("des", 12),
];

/// Month and day of `April 12`, `12 April`, `8 de marzo` or `Apr 12,`.
fn month_day(cell: &str) -> Option<(u32, u32)> {
    let words: Vec<String> = cell
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("de"))
        .map(str::to_lowercase)
        .collect();
    let [a, b] = words.as_slice() else {
        return None;
    };
    let month = |w: &str| MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m);
    let (month, day) = match (month(a), month(b)) {
        (Some(m), None) => (m, b.parse().ok()?),
        (None, Some(m)) => (m, a.parse().ok()?),
        _ => return None,
    };
    (1..=31).contains(&day).then_some((month, day))
}

/// The latest date with this month and day on or before `taken` (29 February reaches back
/// to the last leap year at most four years away).
fn place_in_year(month: u32, day: u32, taken: NaiveDate) -> Option<NaiveDate> {
    (0..=4)
        .filter_map(|back| NaiveDate::from_ymd_opt(taken.year() - back, month, day))
        .find(|d| *d <= taken)
}

fn read(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    let Some(at) = raw.column("Date") else {
        return crate::normalise::normalise(adapter, raw, ctx);
    };
    if ctx.snapshot_at == 0 {
        let quarantine: Vec<QuarantinedRow> = raw
            .rows
            .iter()
            .map(|(line, cells)| QuarantinedRow {
                file: ctx.source_file.to_string(),
                line: *line,
                column: "Date".into(),
                value: cells.get(at).cloned().unwrap_or_default(),
                reason: "the date has no year: set `snapshot-at` on the input to the day \
                         the export was downloaded (or `tolok ingest --snapshot-at`), so each \
                         day can be placed in its year"
                    .into(),
            })
            .collect();
        raw.rows.clear();
        let mut normalised = crate::normalise::normalise(adapter, raw, ctx);
        normalised.rows_read = quarantine.len() as u64;
        normalised.quarantine = quarantine;
        return normalised;
    }
    let taken = chrono::DateTime::from_timestamp_millis(ctx.snapshot_at)
        .map(|t| t.with_timezone(&ctx.tz).date_naive());
    for (_, cells) in &mut raw.rows {
        let Some(cell) = cells.get_mut(at) else {
            continue;
        };
        // A cell that is no month and day stays as it is and is quarantined by the
        // mapping, with its value.
        if let Some(date) = taken
            .zip(month_day(cell))
            .and_then(|(taken, (m, d))| place_in_year(m, d, taken))
        {
            *cell = date.format("%Y-%m-%d").to_string();
        }
    }
    let mut normalised = crate::normalise::normalise(adapter, raw, ctx);
    for q in normalised
        .quarantine
        .iter_mut()
        .filter(|q| q.column == "Date")
    {
        q.reason = "is not a month and day (`April 12`, `8 de marzo`, `12 Agustus`)".into();
    }
    normalised
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_without_a_year_are_placed_before_the_snapshot() {
        assert_eq!(month_day("April 12"), Some((4, 12)));
        assert_eq!(month_day("8 de marzo"), Some((3, 8)));
        assert_eq!(month_day("12 Agustus"), Some((8, 12)));
        assert_eq!(month_day("Apr 12,"), Some((4, 12)));
        assert_eq!(month_day("2025/04/12"), None);
        assert_eq!(month_day("April 32"), None);
        let taken = NaiveDate::from_ymd_opt(2025, 1, 3).unwrap();
        assert_eq!(
            place_in_year(12, 30, taken),
            NaiveDate::from_ymd_opt(2024, 12, 30)
        );
        assert_eq!(
            place_in_year(1, 3, taken),
            NaiveDate::from_ymd_opt(2025, 1, 3)
        );
        assert_eq!(
            place_in_year(2, 29, taken),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }
}
