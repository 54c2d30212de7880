//! Locale formatting for the report: numbers, metric values, changes, dates, periods and the
//! labels of catalogue codes, in Indonesian (`1.234.567,8`, `5 Oktober 2026`, `Rp1.234`) and
//! English (`1,234,567.8`, `5 October 2026`, `IDR 1,234`).
//!
//! These are plain functions over plain values; `render` wraps them as template filters so
//! that templates never format a number by hand. Rounding is half away from zero on the
//! decimal digits a reader would see (`0.125` → `0,13`), not on the binary float.

use crate::i18n::Lang;
use crate::metrics::catalogue::{Stage, Unit};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use std::borrow::Cow;

/// Shown wherever a value is missing or cannot be computed. Never `0`.
pub const MISSING: &str = "—";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("unknown {kind} `{code}`")]
    UnknownCode { kind: &'static str, code: String },
    #[error("`{value}` is not an ISO {expected}")]
    BadDate {
        value: String,
        expected: &'static str,
    },
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// Separators of one language: thousands, decimal.
fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// A number as the decimal digits of its magnitude, plus a sign. Working on digits (rather
/// than on `f64`) makes rounding exact for what is printed: `1.005` rounds to `1.01`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Digits {
    negative: bool,
    whole: Vec<u8>,
    fraction: Vec<u8>,
}

impl Digits {
    /// `f64`'s `Display` is the shortest decimal that round-trips and never uses exponents,
    /// so its digits are the number as people would write it.
    fn from_f64(value: f64) -> Digits {
        let text = format!("{}", value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        Digits {
            negative: value.is_sign_negative(),
            whole: whole.bytes().map(|b| b - b'0').collect(),
            fraction: fraction.bytes().map(|b| b - b'0').collect(),
        }
    }

    fn from_integer(value: i128) -> Digits {
        Digits {
            negative: value < 0,
            whole: value
                .unsigned_abs()
                .to_string()
                .bytes()
                .map(|b| b - b'0')
                .collect(),
            fraction: Vec::new(),
        }
    }

    /// Keeps `decimals` fraction digits, rounding half away from zero.
    fn rounded(mut self, decimals: usize) -> Digits {
        let round_up = self.fraction.get(decimals).is_some_and(|&d| d >= 5);
        self.fraction.resize(decimals, 0);
        if round_up {
            self.carry_one();
        }
        self
    }

    /// Adds one unit in the last kept place, carrying leftwards.
    fn carry_one(&mut self) {
        for digit in self
            .fraction
            .iter_mut()
            .rev()
            .chain(self.whole.iter_mut().rev())
        {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                return;
            }
        }
        self.whole.insert(0, 1);
    }

    fn is_zero(&self) -> bool {
        self.whole.iter().chain(&self.fraction).all(|&d| d == 0)
    }

    /// Digits with separators, without a sign.
    fn magnitude(&self, lang: Lang) -> String {
        let (thousands, decimal) = separators(lang);
        let as_char = |d: &u8| char::from(b'0' + d);
        // The leading group holds 1–3 digits; every later group exactly 3.
        let leading = match self.whole.len() % 3 {
            0 => 3,
            short => short,
        };
        let (head, rest) = self.whole.split_at(leading.min(self.whole.len()));
        let mut text: String = head.iter().map(as_char).collect();
        for group in rest.chunks(3) {
            text.push(thousands);
            text.extend(group.iter().map(as_char));
        }
        if !self.fraction.is_empty() {
            text.push(decimal);
            text.extend(self.fraction.iter().map(as_char));
        }
        text
    }

    /// `-` only when something non-zero is left after rounding (no `-0,00`).
    fn sign(&self) -> &'static str {
        if self.negative && !self.is_zero() {
            "-"
        } else {
            ""
        }
    }
}

/// `1234567.8` with 1 decimal → `1.234.567,8` (id) or `1,234,567.8` (en).
/// Non-finite values are not numbers a reader can use: they show as `—`.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let digits = Digits::from_f64(value).rounded(decimals);
    format!("{}{}", digits.sign(), digits.magnitude(lang))
}

/// An exact integer with thousands separators (row counts beyond 2^53 stay exact).
pub fn integer(value: i128, lang: Lang) -> String {
    let digits = Digits::from_integer(value);
    format!("{}{}", digits.sign(), digits.magnitude(lang))
}

/// A number that always carries a sign: `+1,5`, `-1,5`, `±0,0` (zero after rounding).
fn signed_number(value: f64, decimals: usize, lang: Lang) -> String {
    let digits = Digits::from_f64(value).rounded(decimals);
    let sign = if digits.is_zero() {
        "±"
    } else if digits.negative {
        "-"
    } else {
        "+"
    };
    format!("{sign}{}", digits.magnitude(lang))
}

// ---------------------------------------------------------------------------------------------
// Metric values and changes

/// Decimals shown for ratio-like units.
const RATIO_DECIMALS: usize = 2;
/// Decimals shown for a percent change (`+12,3%`).
const CHANGE_PCT_DECIMALS: usize = 1;

/// A metric value in its unit: `1.234` (count), `3,45%` (percent), `1,50` (per post, ratio,
/// score), `1 j 5 mnt` (seconds), `Rp1.234.567` (currency); `—` when there is no value.
pub fn metric(value: Option<f64>, unit: Unit, lang: Lang) -> String {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return MISSING.to_string();
    };
    match unit {
        Unit::Count => number(value, 0, lang),
        Unit::Percent => format!("{}%", number(value, RATIO_DECIMALS, lang)),
        Unit::PerPost | Unit::Ratio | Unit::Score => number(value, RATIO_DECIMALS, lang),
        Unit::Seconds => duration(value, lang),
        Unit::Currency => currency(value, lang),
    }
}

/// Money, rounded to whole units: `Rp1.234.567` (id), `IDR 1,234,567` (en).
pub fn currency(value: f64, lang: Lang) -> String {
    let digits = Digits::from_f64(value).rounded(0);
    let amount = digits.magnitude(lang);
    match lang {
        Lang::Id => format!("{}Rp{amount}", digits.sign()),
        Lang::En => format!("{}IDR {amount}", digits.sign()),
    }
}

/// Duration words: hours, minutes, seconds.
fn duration_units(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Id => ["j", "mnt", "dtk"],
        Lang::En => ["h", "min", "s"],
    }
}

/// `1 j 5 mnt` from an hour up (to the minute), `2 mnt 30 dtk` from a minute up (to the
/// second), `45 dtk` below; short waits keep one decimal (`4,7 dtk`) because a watch time of
/// 4.7 s rounded to 5 s hides real differences. Zero parts are left out (`2 mnt`).
pub fn duration(seconds: f64, lang: Lang) -> String {
    if !seconds.is_finite() {
        return MISSING.to_string();
    }
    let magnitude = seconds.abs();
    let [hour, minute, second] = duration_units(lang);
    let whole_seconds = magnitude.round() as u64;
    let text = if whole_seconds >= 3600 {
        let minutes = (magnitude / 60.0).round() as u64;
        two_parts(minutes / 60, hour, minutes % 60, minute, lang)
    } else if whole_seconds >= 60 {
        two_parts(whole_seconds / 60, minute, whole_seconds % 60, second, lang)
    } else if whole_seconds < 10 && magnitude.fract() != 0.0 {
        format!("{} {second}", number(magnitude, 1, lang))
    } else {
        format!("{whole_seconds} {second}")
    };
    // No `-0 dtk`: the sign only shows when something non-zero is left after rounding.
    let shows_nonzero = text.chars().any(|c| matches!(c, '1'..='9'));
    if seconds < 0.0 && shows_nonzero {
        format!("-{text}")
    } else {
        text
    }
}

fn two_parts(major: u64, major_unit: &str, minor: u64, minor_unit: &str, lang: Lang) -> String {
    let major = integer(i128::from(major), lang);
    if minor == 0 {
        format!("{major} {major_unit}")
    } else {
        format!("{major} {major_unit} {minor} {minor_unit}")
    }
}

/// The change against the previous period, with its sign: percentage points for percent
/// metrics (`+0,42 pp`, since a relative change of a rate misleads), a relative change for
/// everything else (`+12,3%`), `—` when it cannot be computed (no previous value, or zero).
pub fn change(unit: Unit, change_abs: Option<f64>, change_pct: Option<f64>, lang: Lang) -> String {
    let finite = |v: Option<f64>| v.filter(|v| v.is_finite());
    match unit {
        Unit::Percent => finite(change_abs).map_or_else(
            || MISSING.to_string(),
            |pp| format!("{} pp", signed_number(pp, RATIO_DECIMALS, lang)),
        ),
        _ => finite(change_pct).map_or_else(
            || MISSING.to_string(),
            |pct| format!("{}%", signed_number(pct, CHANGE_PCT_DECIMALS, lang)),
        ),
    }
}

/// An arrow for the direction of the change: `▲` up, `▼` down, `→` flat, `` when unknown.
pub fn trend_arrow(trend: Option<&str>) -> Result<&'static str, FormatError> {
    match trend {
        None => Ok(""),
        Some("up") => Ok("▲"),
        Some("down") => Ok("▼"),
        Some("flat") => Ok("→"),
        Some(other) => Err(unknown("trend", other)),
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and periods

/// The month's name in the report language (1 = January).
pub(crate) fn month_name(month: u32, lang: Lang) -> &'static str {
    const ID: [&str; 12] = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    };
    names[(month as usize).clamp(1, 12) - 1]
}

fn parse_date(iso: &str) -> Result<NaiveDate, FormatError> {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_err(|_| FormatError::BadDate {
        value: iso.to_string(),
        expected: "date (yyyy-mm-dd)",
    })
}

fn day_month_year(date: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month(), lang),
        date.year()
    )
}

/// `2026-10-05` → `5 Oktober 2026` / `5 October 2026`.
pub fn date(iso: &str, lang: Lang) -> Result<String, FormatError> {
    parse_date(iso).map(|d| day_month_year(d, lang))
}

/// `2026-10-05T14:30` → `5 Oktober 2026 14.30` (Indonesian writes times with a dot) /
/// `5 October 2026 14:30`. Seconds, when present, are dropped.
pub fn datetime(iso: &str, lang: Lang) -> Result<String, FormatError> {
    let parsed = NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| FormatError::BadDate {
            value: iso.to_string(),
            expected: "date and time (yyyy-mm-ddTHH:MM)",
        })?;
    let time_separator = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    Ok(format!(
        "{} {:02}{time_separator}{:02}",
        day_month_year(parsed.date(), lang),
        parsed.hour(),
        parsed.minute()
    ))
}

/// The reader's name for a period: `2026-10` → `Oktober 2026`; `2026-Q3` → `Kuartal III 2026`
/// / `Q3 2026`; anything else (a date range) from its first and last day: `5–20 Oktober 2026`,
/// `28 September – 3 Oktober 2026`, `28 Desember 2025 – 3 Januari 2026`.
pub fn period_label(id: &str, start: &str, end: &str, lang: Lang) -> Result<String, FormatError> {
    if let Some((year, month)) = parse_month_id(id) {
        return Ok(format!("{} {year}", month_name(month, lang)));
    }
    if let Some((year, quarter)) = parse_quarter_id(id) {
        return Ok(match lang {
            Lang::Id => format!("Kuartal {} {year}", roman_quarter(quarter)),
            Lang::En => format!("Q{quarter} {year}"),
        });
    }
    date_range(start, end, lang)
}

/// The days from `start` to `end` (ISO dates) as people write ranges: `5–20 Oktober 2026`,
/// `28 September – 3 Oktober 2026`, `28 Desember 2025 – 3 Januari 2026`, `5 Oktober 2026`.
pub fn date_range(start: &str, end: &str, lang: Lang) -> Result<String, FormatError> {
    Ok(day_span(parse_date(start)?, parse_date(end)?, lang))
}

/// `yyyy-mm` with a real month.
fn parse_month_id(id: &str) -> Option<(i32, u32)> {
    let (year, month) = id.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((year.parse().ok()?, month))
}

/// `yyyy-Qn` with n in 1..=4.
fn parse_quarter_id(id: &str) -> Option<(i32, u32)> {
    let (year, quarter) = id.split_once("-Q")?;
    if year.len() != 4 {
        return None;
    }
    let quarter: u32 = quarter.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some((year.parse().ok()?, quarter))
}

fn roman_quarter(quarter: u32) -> &'static str {
    ["I", "II", "III", "IV"][(quarter as usize).clamp(1, 4) - 1]
}

/// Shares the month and year between both ends when they agree.
fn day_span(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    let (from, to) = (start.min(end), start.max(end));
    let same_year = from.year() == to.year();
    let same_month = same_year && from.month() == to.month();
    if from == to {
        day_month_year(from, lang)
    } else if same_month {
        format!("{}–{}", from.day(), day_month_year(to, lang))
    } else if same_year {
        let from_text = format!("{} {}", from.day(), month_name(from.month(), lang));
        format!("{from_text} – {}", day_month_year(to, lang))
    } else {
        format!(
            "{} – {}",
            day_month_year(from, lang),
            day_month_year(to, lang)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Labels of codes

fn unknown(kind: &'static str, code: &str) -> FormatError {
    FormatError::UnknownCode {
        kind,
        code: code.to_string(),
    }
}

/// Picks the Indonesian or English word.
pub(crate) fn pick(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// A target status (`met`, `not_met`, `no_target`, `not_available`) in words.
pub fn status(code: &str, lang: Lang) -> Result<&'static str, FormatError> {
    Ok(match code {
        "met" => pick(lang, "Tercapai", "Met"),
        "not_met" => pick(lang, "Belum tercapai", "Not met"),
        "no_target" => pick(lang, "Tanpa target", "No target"),
        "not_available" => pick(lang, "Tidak tersedia", "Not available"),
        other => return Err(unknown("status", other)),
    })
}

/// A catalogue aggregation mode (`ratio_of_sums`, …) in words.
pub fn aggregation(code: &str, lang: Lang) -> Result<&'static str, FormatError> {
    Ok(match code {
        "count" => pick(lang, "jumlah baris", "count of rows"),
        "sum" => pick(lang, "total", "sum"),
        "ratio_of_sums" => pick(
            lang,
            "rasio jumlah (Σ pembilang ÷ Σ penyebut)",
            "ratio of sums (Σ numerator ÷ Σ denominator)",
        ),
        "median_of_posts" => pick(lang, "median per unggahan", "median over posts"),
        "mean_of_posts" => pick(lang, "rata-rata per unggahan", "mean over posts"),
        "last_value" => pick(
            lang,
            "nilai terakhir dalam periode",
            "last value in the period",
        ),
        "growth_rate" => pick(
            lang,
            "laju pertumbuhan (awal ke akhir periode)",
            "growth rate (first to last value in the period)",
        ),
        "ratio_of_metrics" => pick(lang, "rasio dua metrik", "ratio of two metrics"),
        // Customer-care response times, computed per conversation (src/metrics/care.rs).
        "first_response_median" => pick(
            lang,
            "median atas percakapan yang dijawab",
            "median over answered conversations",
        ),
        "first_response_p90" => pick(
            lang,
            "persentil ke-90 atas percakapan yang dijawab",
            "90th percentile over answered conversations",
        ),
        "first_response_within_sla" => pick(
            lang,
            "bagian percakapan yang dijawab dalam batas waktu layanan",
            "share of conversations answered within the service level",
        ),
        "first_response_fastest_90_mean" => pick(
            lang,
            "rata-rata 90 % tanggapan tercepat",
            "mean of the fastest 90 % of responses",
        ),
        "negative_spikes" => pick(
            lang,
            "banyaknya lonjakan menurut aturan [crisis]",
            "number of spikes by the [crisis] rule",
        ),
        other => return Err(unknown("aggregation", other)),
    })
}

/// The unit of a metric in words.
pub fn unit_label(unit: Unit, lang: Lang) -> &'static str {
    match unit {
        Unit::Count => pick(lang, "jumlah", "count"),
        Unit::Percent => pick(lang, "persen", "percent"),
        Unit::PerPost => pick(lang, "per unggahan", "per post"),
        Unit::Ratio => pick(lang, "rasio", "ratio"),
        Unit::Seconds => pick(lang, "detik", "seconds"),
        Unit::Currency => pick(lang, "rupiah", "rupiah"),
        Unit::Score => pick(lang, "skor", "score"),
    }
}

/// An AMEC Integrated Evaluation Framework stage in words.
pub fn stage_label(stage: Stage, lang: Lang) -> &'static str {
    match stage {
        Stage::Input => pick(lang, "Masukan", "Input"),
        Stage::Activity => pick(lang, "Aktivitas", "Activity"),
        Stage::Output => pick(lang, "Keluaran", "Output"),
        Stage::Outtake => pick(lang, "Serapan", "Outtake"),
        Stage::Outcome => pick(lang, "Hasil", "Outcome"),
        Stage::Impact => pick(lang, "Dampak", "Impact"),
    }
}

/// A canonical post type in words. Post types are data, not configuration, so an unexpected
/// one is shown as written rather than failing the report.
pub fn post_type(code: &str, lang: Lang) -> Cow<'static, str> {
    let word = match code {
        "text" => pick(lang, "teks", "text"),
        "photo" => pick(lang, "foto", "photo"),
        "video" => "video",
        "reel" => "reel",
        "story" => "story",
        "link" => pick(lang, "tautan", "link"),
        "carousel" => pick(lang, "karusel", "carousel"),
        "live" => pick(lang, "siaran langsung", "live"),
        "other" => pick(lang, "lainnya", "other"),
        // Posts whose export names no format (grouped under this code by the content stats).
        "unknown" => pick(lang, "tidak diketahui", "unknown"),
        other => return Cow::Owned(other.to_string()),
    };
    Cow::Borrowed(word)
}

// ---------------------------------------------------------------------------------------------
// Markdown safety

/// Makes user text safe inside a Markdown table cell: `|` would end the cell, a newline the
/// row, and `<` could open raw HTML.
pub fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '\r' => {
                // `\r\n` is one line break, not two spaces.
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// A Markdown code span that survives any content: the fence is one backtick longer than
/// the longest run inside, padded with spaces when the text touches a backtick. Pipes are
/// escaped too, since GitHub splits table cells before it reads code spans.
pub fn markdown_code(text: &str) -> String {
    let one_line: String = text
        .replace("\r\n", " ")
        .replace(['\r', '\n'], " ")
        .replace('|', "\\|");
    let longest_run = one_line
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{one_line}{pad}{fence}")
}

/// Only web addresses become links: a permalink from an export could hold `javascript:`.
pub fn is_web_link(url: &str) -> bool {
    let starts_with = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    starts_with("https://") || starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::{En, Id};

    #[test]
    fn numbers_use_locale_separators() {
        assert_eq!(number(1234567.8, 1, Id), "1.234.567,8");
        assert_eq!(number(1234567.8, 1, En), "1,234,567.8");
        assert_eq!(number(1234.0, 0, Id), "1.234");
        assert_eq!(number(123.0, 0, Id), "123");
        assert_eq!(number(1000.0, 2, En), "1,000.00");
        assert_eq!(number(0.5, 3, Id), "0,500");
    }

    #[test]
    fn numbers_handle_zero_and_negatives() {
        assert_eq!(number(0.0, 0, Id), "0");
        assert_eq!(number(0.0, 2, En), "0.00");
        assert_eq!(number(-1234567.8, 1, Id), "-1.234.567,8");
        assert_eq!(number(-0.004, 2, Id), "0,00");
        assert_eq!(number(-0.0, 1, En), "0.0");
    }

    #[test]
    fn numbers_round_half_away_from_zero() {
        assert_eq!(number(0.125, 2, Id), "0,13");
        assert_eq!(number(-0.125, 2, Id), "-0,13");
        assert_eq!(number(2.5, 0, En), "3");
        assert_eq!(number(-2.5, 0, En), "-3");
        // 1.005 is 1.00499999… in binary; readers see 1.005 and expect 1.01.
        assert_eq!(number(1.005, 2, En), "1.01");
        assert_eq!(number(999.95, 1, Id), "1.000,0");
        assert_eq!(number(9.999, 2, En), "10.00");
        assert_eq!(number(0.994, 2, En), "0.99");
    }

    #[test]
    fn non_finite_numbers_are_missing() {
        assert_eq!(number(f64::NAN, 2, Id), MISSING);
        assert_eq!(number(f64::INFINITY, 0, En), MISSING);
    }

    #[test]
    fn integers_are_exact() {
        assert_eq!(integer(9_007_199_254_740_993, Id), "9.007.199.254.740.993");
        assert_eq!(integer(-1234, En), "-1,234");
        assert_eq!(integer(0, Id), "0");
    }

    #[test]
    fn metric_counts_and_ratios() {
        assert_eq!(metric(Some(1234567.0), Unit::Count, Id), "1.234.567");
        assert_eq!(metric(Some(1234567.0), Unit::Count, En), "1,234,567");
        assert_eq!(metric(Some(1.5), Unit::PerPost, Id), "1,50");
        assert_eq!(metric(Some(1.005), Unit::Ratio, En), "1.01");
        assert_eq!(metric(Some(-0.256), Unit::Score, Id), "-0,26");
        assert_eq!(metric(Some(0.0), Unit::Count, Id), "0");
    }

    #[test]
    fn metric_percent_has_no_space_before_sign() {
        assert_eq!(metric(Some(3.4512), Unit::Percent, Id), "3,45%");
        assert_eq!(metric(Some(3.4512), Unit::Percent, En), "3.45%");
        assert_eq!(metric(Some(-1.2), Unit::Percent, Id), "-1,20%");
    }

    #[test]
    fn metric_currency() {
        assert_eq!(metric(Some(1234567.4), Unit::Currency, Id), "Rp1.234.567");
        assert_eq!(metric(Some(1234567.5), Unit::Currency, En), "IDR 1,234,568");
        assert_eq!(metric(Some(-2500.0), Unit::Currency, Id), "-Rp2.500");
        assert_eq!(metric(Some(0.0), Unit::Currency, En), "IDR 0");
    }

    #[test]
    fn metric_seconds() {
        assert_eq!(metric(Some(3900.0), Unit::Seconds, Id), "1 j 5 mnt");
        assert_eq!(metric(Some(3900.0), Unit::Seconds, En), "1 h 5 min");
        assert_eq!(metric(Some(150.0), Unit::Seconds, Id), "2 mnt 30 dtk");
        assert_eq!(metric(Some(150.0), Unit::Seconds, En), "2 min 30 s");
        assert_eq!(metric(Some(120.0), Unit::Seconds, Id), "2 mnt");
        assert_eq!(metric(Some(7200.0), Unit::Seconds, En), "2 h");
        assert_eq!(metric(Some(45.0), Unit::Seconds, Id), "45 dtk");
        assert_eq!(metric(Some(4.75), Unit::Seconds, Id), "4,8 dtk");
        assert_eq!(metric(Some(59.6), Unit::Seconds, En), "1 min");
        assert_eq!(metric(Some(0.0), Unit::Seconds, Id), "0 dtk");
        assert_eq!(metric(Some(-90.0), Unit::Seconds, En), "-1 min 30 s");
        assert_eq!(metric(Some(-0.04), Unit::Seconds, En), "0.0 s");
        assert_eq!(metric(Some(360_000.0), Unit::Seconds, Id), "100 j");
        assert_eq!(metric(Some(3_600_000.0), Unit::Seconds, Id), "1.000 j");
    }

    #[test]
    fn metric_none_is_missing_never_zero() {
        for unit in [Unit::Count, Unit::Percent, Unit::Seconds, Unit::Currency] {
            assert_eq!(metric(None, unit, Id), MISSING);
            assert_eq!(metric(Some(f64::NAN), unit, En), MISSING);
        }
    }

    #[test]
    fn change_in_percentage_points_for_percent_units() {
        assert_eq!(change(Unit::Percent, Some(0.4249), None, Id), "+0,42 pp");
        assert_eq!(
            change(Unit::Percent, Some(-1.005), Some(-20.0), En),
            "-1.01 pp"
        );
        assert_eq!(change(Unit::Percent, Some(0.0), None, Id), "±0,00 pp");
        assert_eq!(change(Unit::Percent, None, Some(10.0), Id), MISSING);
    }

    #[test]
    fn change_in_percent_for_other_units() {
        assert_eq!(change(Unit::Count, Some(120.0), Some(12.34), Id), "+12,3%");
        assert_eq!(change(Unit::Count, Some(120.0), Some(12.35), En), "+12.4%");
        assert_eq!(change(Unit::Seconds, None, Some(-4.25), Id), "-4,3%");
        assert_eq!(change(Unit::Count, Some(0.0), Some(0.04), En), "±0.0%");
        assert_eq!(
            change(Unit::Count, Some(1500.0), Some(1234.5), Id),
            "+1.234,5%"
        );
        assert_eq!(change(Unit::Count, Some(5.0), None, Id), MISSING);
    }

    #[test]
    fn trend_arrows() {
        assert_eq!(trend_arrow(Some("up")), Ok("▲"));
        assert_eq!(trend_arrow(Some("down")), Ok("▼"));
        assert_eq!(trend_arrow(Some("flat")), Ok("→"));
        assert_eq!(trend_arrow(None), Ok(""));
        assert!(trend_arrow(Some("sideways")).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-10-05", Id).unwrap(), "5 Oktober 2026");
        assert_eq!(date("2026-10-05", En).unwrap(), "5 October 2026");
        assert_eq!(date("2026-03-31", Id).unwrap(), "31 Maret 2026");
        assert!(date("05/10/2026", Id).is_err());
        assert!(date("2026-02-30", En).is_err());
    }

    #[test]
    fn datetimes() {
        assert_eq!(
            datetime("2026-10-05T07:30", Id).unwrap(),
            "5 Oktober 2026 07.30"
        );
        assert_eq!(
            datetime("2026-10-05T19:05:59", En).unwrap(),
            "5 October 2026 19:05"
        );
        assert!(datetime("2026-10-05", En).is_err());
    }

    #[test]
    fn period_labels_for_months_and_quarters() {
        let label = |id, lang| period_label(id, "2026-07-01", "2026-09-30", lang).unwrap();
        assert_eq!(label("2026-10", Id), "Oktober 2026");
        assert_eq!(label("2026-10", En), "October 2026");
        assert_eq!(label("2026-Q3", Id), "Kuartal III 2026");
        assert_eq!(label("2026-Q3", En), "Q3 2026");
        assert_eq!(label("2026-Q4", Id), "Kuartal IV 2026");
    }

    #[test]
    fn period_labels_for_ranges() {
        let range = |start, end, lang| period_label("x..y", start, end, lang).unwrap();
        assert_eq!(range("2026-10-05", "2026-10-20", Id), "5–20 Oktober 2026");
        assert_eq!(range("2026-10-05", "2026-10-20", En), "5–20 October 2026");
        assert_eq!(
            range("2026-09-28", "2026-10-03", Id),
            "28 September – 3 Oktober 2026"
        );
        assert_eq!(
            range("2025-12-28", "2026-01-03", En),
            "28 December 2025 – 3 January 2026"
        );
        assert_eq!(range("2026-10-05", "2026-10-05", Id), "5 Oktober 2026");
        assert!(period_label("2026-10-05..2026-10-20", "bad", "2026-10-20", Id).is_err());
        assert_eq!(
            date_range("2026-10-01", "2026-10-31", En).unwrap(),
            "1–31 October 2026"
        );
    }

    #[test]
    fn month_ids_must_be_real_months() {
        assert_eq!(parse_month_id("2026-13"), None);
        assert_eq!(parse_month_id("2026-1"), None);
        assert_eq!(parse_quarter_id("2026-Q5"), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(status("met", Id), Ok("Tercapai"));
        assert_eq!(status("met", En), Ok("Met"));
        assert_eq!(status("not_met", Id), Ok("Belum tercapai"));
        assert_eq!(status("not_met", En), Ok("Not met"));
        assert_eq!(status("no_target", Id), Ok("Tanpa target"));
        assert_eq!(status("no_target", En), Ok("No target"));
        assert_eq!(status("not_available", Id), Ok("Tidak tersedia"));
        assert_eq!(status("not_available", En), Ok("Not available"));
        assert!(status("done", Id).is_err());
    }

    #[test]
    fn aggregations_units_stages_and_post_types() {
        assert_eq!(
            aggregation("ratio_of_sums", En),
            Ok("ratio of sums (Σ numerator ÷ Σ denominator)")
        );
        assert_eq!(
            aggregation("median_of_posts", Id),
            Ok("median per unggahan")
        );
        assert!(aggregation("mode", Id).is_err());
        assert_eq!(unit_label(Unit::PerPost, Id), "per unggahan");
        assert_eq!(unit_label(Unit::Seconds, En), "seconds");
        assert_eq!(stage_label(Stage::Outcome, Id), "Hasil");
        assert_eq!(stage_label(Stage::Outtake, En), "Outtake");
        assert_eq!(post_type("photo", Id), "foto");
        assert_eq!(post_type("hologram", Id), "hologram");
    }

    #[test]
    fn markdown_cells_cannot_break_tables() {
        assert_eq!(markdown_cell("a | b"), "a \\| b");
        assert_eq!(markdown_cell("line\r\nnext\nlast"), "line next last");
        assert_eq!(markdown_cell("<b>x</b>"), "&lt;b>x&lt;/b>");
        assert_eq!(markdown_cell(""), "");
    }

    #[test]
    fn markdown_code_spans_fit_their_content() {
        assert_eq!(markdown_code("sum(likes)"), "`sum(likes)`");
        assert_eq!(markdown_code("a `b` c"), "``a `b` c``");
        assert_eq!(markdown_code("`x`"), "`` `x` ``");
        assert_eq!(markdown_code("a || b\nc"), "`a \\|\\| b c`");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_link("https://x.com/a/status/1"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("ftp://example.org"));
        assert!(!is_web_link("/relative"));
        assert!(!is_web_link(""));
    }
}
