//! Parsers for the values found in export cells. Each returns `Ok(None)` for the tokens
//! exports use for "not available" and `Err(reason)` for text that is not a value of the
//! expected type; the reason ends up in the quarantine file.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Cells that mean "no value": empty, `-`, `--`, `N/A`, `NaN`.
pub fn is_null_token(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty()
        || t == "-"
        || t == "--"
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("nan")
}

/// How a file writes its numbers: which mark is the decimal point. The other mark groups
/// thousands, and so do spaces (plain, no-break U+00A0, narrow no-break U+202F, thin
/// U+2009). `1.234` is 1.234 in one style and 1234 in the other, so the style is decided
/// once per file ([`NumberStyle::sniff`]), never per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// `1,234.5`: the platforms' own exports (`3423.0`, `0.0052`, `80048.665`).
    #[default]
    DotDecimal,
    /// `1.234,5`: a re-save by a spreadsheet program in an Indonesian or European locale.
    CommaDecimal,
}

/// What a numeric column holds, for [`NumberStyle::sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Count,
    Real,
}

impl NumberStyle {
    fn decimal_mark(self) -> char {
        match self {
            NumberStyle::DotDecimal => '.',
            NumberStyle::CommaDecimal => ',',
        }
    }

    /// How this style writes one thousand two hundred thirty-four and a half.
    pub fn example(self) -> &'static str {
        match self {
            NumberStyle::DotDecimal => "1,234.5",
            NumberStyle::CommaDecimal => "1.234,5",
        }
    }

    /// The style of a file, from all cells of its count and real columns. A cell votes for
    /// a style when it reads as a number of its kind in that style only: `3,4` and
    /// `1.234,5` (a decimal comma) and, in a count column, `1.234` (a whole number only
    /// when `.` groups thousands) vote for the comma; `3423.0`, `1,234.5`, `1,234,567`
    /// vote for the dot; `1234`, `1 234` and a real `1.234` do not vote. The style with
    /// more votes wins; with no votes or a tie, the dot (the platforms' default). Cells
    /// that disagree with the winner then fail to parse, each with its reason.
    pub fn sniff<'a>(cells: impl IntoIterator<Item = (NumberKind, &'a str)>) -> NumberStyle {
        let (mut dot, mut comma) = (0usize, 0usize);
        for (kind, cell) in cells {
            if is_null_token(cell) {
                continue;
            }
            let reads = |style| match kind {
                NumberKind::Count => count(cell, style).is_ok(),
                NumberKind::Real => real(cell, style).is_ok(),
            };
            match (
                reads(NumberStyle::DotDecimal),
                reads(NumberStyle::CommaDecimal),
            ) {
                (true, false) => dot += 1,
                (false, true) => comma += 1,
                _ => {}
            }
        }
        if comma > dot {
            NumberStyle::CommaDecimal
        } else {
            NumberStyle::DotDecimal
        }
    }
}

/// A number as written: `digits` × 10^(`exponent` − `scale`), from digits without marks,
/// the count of digits after the decimal mark, and the suffix's power of ten.
struct Written {
    negative: bool,
    digits: String,
    scale: i32,
    exponent: i32,
    percent: bool,
    scientific: bool,
}

/// Spaces that group thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Reads the forms exports write: `1234`, `-2`, `1234.0`, `1,234` / `1.234` / `1 234`,
/// `1.234,5` / `1,234.5`, `3,4%`, `1.2K`, `3.5M`, `1,2 rb` (ribu, thousand), `4 jt` (juta,
/// million), `1.5e-05`. `M` is the English million, never the Indonesian `M` (miliar).
fn read_number(t: &str, style: NumberStyle) -> Result<Written, String> {
    let malformed = || {
        format!(
            "`{t}` is not a number as this file writes numbers (`{}`)",
            style.example()
        )
    };
    let (negative, rest) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (rest, percent) = match rest.strip_suffix('%') {
        Some(r) => (r.trim_end_matches(is_space), true),
        None => (rest, false),
    };
    let word_at = rest
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(rest.len(), |(i, _)| i);
    let (body, word) = rest.split_at(word_at);
    let mut exponent = match word.to_lowercase().as_str() {
        "" => 0,
        "k" | "rb" | "ribu" => 3,
        "jt" | "juta" => 6,
        _ if word == "M" => 6,
        _ => return Err(not_a("number", t)),
    };
    if percent && exponent != 0 {
        return Err(not_a("number", t));
    }
    let body = body.trim_end_matches(is_space);
    // Scientific notation (`1.5e-05`, `1.22158E+17`): the mantissa in the file's style.
    let (body, scientific) = match body.split_once(['e', 'E']) {
        Some((mantissa, power)) if word.is_empty() && !percent => {
            exponent = power.parse::<i32>().map_err(|_| not_a("number", t))?;
            (mantissa, true)
        }
        _ => (body, false),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c))
        || !body.chars().any(|c| c.is_ascii_digit())
    {
        return Err(not_a("number", t));
    }
    let decimal = style.decimal_mark();
    let (int, fraction) = match body.split_once(decimal) {
        Some((_, f)) if f.contains(decimal) => return Err(malformed()),
        Some((_, "")) => return Err(malformed()),
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    let separators: Vec<char> = int.chars().filter(|c| !c.is_ascii_digit()).collect();
    if let Some(&separator) = separators.first() {
        let groups: Vec<&str> = int.split(separator).collect();
        let grouped = separators.iter().all(|&c| c == separator)
            && (1..=3).contains(&groups[0].len())
            && !groups[0].starts_with('0')
            && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped || scientific {
            return Err(malformed());
        }
    }
    let digits: String = int
        .chars()
        .chain(fraction.chars())
        .filter(char::is_ascii_digit)
        .collect();
    Ok(Written {
        negative,
        digits,
        scale: fraction.len() as i32,
        exponent,
        percent,
        scientific,
    })
}

/// A whole count in `style`. A decimal part is allowed when it is zero (`3423.0`: X
/// writes counts as floats) or a suffix makes the number whole (`1.2K`); a percentage or
/// scientific notation is refused with its reason.
pub fn count(cell: &str, style: NumberStyle) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let n = read_number(t, style)?;
    if n.percent {
        return Err(format!(
            "`{t}` is a percentage, not a count; counts are stored as whole numbers"
        ));
    }
    if n.scientific {
        return Err(format!(
            "`{t}` is in scientific notation, as a spreadsheet program writes large numbers \
             after rounding them; export the file again and do not re-save it"
        ));
    }
    let too_large = || format!("`{t}` is too large for a count");
    // `3423.000` is 3423: drop the fraction's trailing zeros first.
    let mut digits = n.digits.as_str();
    let mut scale = n.scale;
    while scale > 0 && digits.ends_with('0') {
        digits = &digits[..digits.len() - 1];
        scale -= 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return Err(too_large());
    }
    let mantissa: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| too_large())?
    };
    let shift = n.exponent - scale;
    let whole = if shift >= 0 {
        10i128
            .checked_pow(shift as u32)
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or_else(too_large)?
    } else {
        let divisor = 10i128.checked_pow((-shift) as u32).unwrap_or(i128::MAX);
        if mantissa % divisor != 0 {
            return Err(format!("`{t}` is not a whole number"));
        }
        mantissa / divisor
    };
    let signed = if n.negative { -whole } else { whole };
    i64::try_from(signed).map(Some).map_err(|_| too_large())
}

/// A real number in `style`. A percentage is stored as written (`3,4%` → 3.4, not 0.034):
/// the real columns hold values in the unit the platform reports them in.
pub fn real(cell: &str, style: NumberStyle) -> Result<Option<f64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let n = read_number(t, style)?;
    // Correctly rounded: the decimal digits and their power of ten, parsed once.
    let value: f64 = format!("{}e{}", n.digits, n.exponent - n.scale)
        .parse()
        .map_err(|_| not_a("number", t))?;
    if !value.is_finite() {
        return Err(format!("`{t}` is too large"));
    }
    Ok(Some(if n.negative { -value } else { value }))
}

/// `0`/`1`, `true`/`false`, `yes`/`no`.
pub fn boolean(cell: &str) -> Result<Option<bool>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    match cell.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Ok(Some(true)),
        "0" | "false" | "no" => Ok(Some(false)),
        other => Err(not_a("yes/no value", other)),
    }
}

/// A time with its offset written in the cell (`2021-12-28 16:45 +0000`).
pub fn instant_with_offset(cell: &str, format: &str) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    DateTime::parse_from_str(t, format)
        .map(|d| Some(d.timestamp_millis()))
        .map_err(|_| format!("`{t}` is not a time of the form `{format}`"))
}

/// A local wall-clock time in the account's zone (`02/16/2025 05:14`), converted to UTC.
pub fn instant_local(cell: &str, format: &str, tz: chrono_tz::Tz) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let naive = NaiveDateTime::parse_from_str(t, format)
        .map_err(|_| format!("`{t}` is not a time of the form `{format}`"))?;
    local_to_utc(naive, tz)
        .map(Some)
        .ok_or_else(|| format!("`{t}` does not exist in time zone {tz}"))
}

/// ISO 8601 in the forms listening tools write: `2026-08-14T09:31:00Z`,
/// `2019-09-06T20:38:01.000Z`, `+07:00` offsets, or a naive `2026-08-14 09:31:00` / date,
/// read in the account's zone.
pub fn instant_iso(cell: &str, tz: chrono_tz::Tz) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(Some(d.timestamp_millis()));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return local_to_utc(naive, tz)
                .map(Some)
                .ok_or_else(|| format!("`{t}` does not exist in {tz}"));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        return local_to_utc(naive, tz)
            .map(Some)
            .ok_or_else(|| format!("`{t}` does not exist in {tz}"));
    }
    Err(format!(
        "`{t}` is not an ISO 8601 time (for example `2026-08-14T09:31:00Z`)"
    ))
}

/// The calendar date a cell starts with (`2025-01-01T01:00:00` → 2025-01-01), as days
/// since 1970-01-01. Meta's daily series write local midnight with an hour's artefact.
pub fn date_prefix(cell: &str) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let date = t
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| format!("`{t}` does not start with a date of the form yyyy-mm-dd"))?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    Ok(Some((date - epoch).num_days()))
}

/// A calendar date in `format` (`2025/10/31` with `%Y/%m/%d`) or ISO `yyyy-mm-dd`, as
/// days since 1970-01-01.
pub fn date(cell: &str, format: &str) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let date = NaiveDate::parse_from_str(t, format)
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| format!("`{t}` is not a date of the form `{format}`"))?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    Ok(Some((date - epoch).num_days()))
}

/// The last path segment of a URL (`https://www.tiktok.com/@h/video/75674` → `75674`),
/// ignoring a query, a fragment and a trailing `/`.
pub fn url_last_segment(cell: &str) -> Result<Option<String>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let path = t
        .split_once("://")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, path)| path.split(['?', '#']).next().unwrap_or_default());
    path.and_then(|p| p.trim_end_matches('/').rsplit('/').next())
        .filter(|segment| !segment.is_empty())
        .map(|segment| Some(segment.to_string()))
        .ok_or_else(|| format!("`{t}` is not a link with a path"))
}

/// A time that is UTC unless the cell says otherwise: RFC 3339 (`2026-10-02T03:15:00Z`), or
/// one of `formats` in turn, read with its offset when the format has one (`%z`), as UTC
/// when it has none, and as Unix seconds for `%s`. Research tools write times this way
/// (4CAT's `unix_timestamp` and `timestamp`, the APIs Facepager queries), never in the
/// account's zone.
pub fn instant_utc(cell: &str, formats: &[&str]) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(Some(d.timestamp_millis()));
    }
    for format in formats {
        if *format == "%s" {
            if let Some(ms) = t
                .parse::<i64>()
                .ok()
                .and_then(|s| s.checked_mul(1000))
                .filter(|_| t.bytes().all(|b| b.is_ascii_digit()))
            {
                return Ok(Some(ms));
            }
            continue;
        }
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Ok(Some(d.timestamp_millis()));
        }
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(Some(naive.and_utc().timestamp_millis()));
        }
    }
    // No backquotes after the value: summaries count reasons together by the text after it.
    let shown: Vec<&str> = formats
        .iter()
        .map(|f| if *f == "%s" { "Unix seconds" } else { f })
        .collect();
    Err(format!(
        "`{t}` is not a time in ISO 8601 or {}",
        shown.join(" or ")
    ))
}

/// Milliseconds between the Unix epoch and X's (Twitter's) id epoch, 2010-11-04T01:42:54.657Z.
const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

/// The creation time an X post id carries: ids since November 2010 are "snowflakes" whose
/// bits above the lowest 22 count milliseconds since X's epoch. Older (sequential) ids carry
/// no time and are refused rather than read as 2010.
pub fn snowflake_time(cell: &str) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    let id: u64 = t
        .parse()
        .map_err(|_| format!("`{t}` is not an X post id (a whole number)"))?;
    let since_epoch = (id >> 22) as i64;
    if since_epoch == 0 {
        return Err(format!(
            "`{t}` is an X post id from before November 2010, which carries no time"
        ));
    }
    Ok(Some(SNOWFLAKE_EPOCH_MS + since_epoch))
}

/// A local time in a `chrono` format the pipeline file gives (`date-format`), or ISO 8601
/// (`instant_iso`) when the cell is not in that format.
pub fn instant_in_format(
    cell: &str,
    format: &str,
    tz: chrono_tz::Tz,
) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    if let Ok(d) = DateTime::parse_from_str(cell.trim(), format) {
        return Ok(Some(d.timestamp_millis()));
    }
    instant_local(cell, format, tz)
        .or_else(|in_format| instant_iso(cell, tz).map_err(|_| in_format))
}

fn local_to_utc(naive: NaiveDateTime, tz: chrono_tz::Tz) -> Option<i64> {
    // In a DST gap there is no such local time; in an overlap take the earlier one.
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|d| d.with_timezone(&Utc).timestamp_millis())
}

/// Undoes the HTML entities X writes into tweet text (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&#39;`).
pub fn html_unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn not_a(what: &str, t: &str) -> String {
    format!("`{t}` is not a {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    use NumberKind::{Count, Real};
    use NumberStyle::{CommaDecimal as Comma, DotDecimal as Dot};

    #[test]
    fn counts_as_exports_write_them() {
        let n = |cell, style| count(cell, style);
        for style in [Dot, Comma] {
            assert_eq!(n("1234", style), Ok(Some(1234)));
            assert_eq!(n(" 18 ", style), Ok(Some(18)));
            assert_eq!(n("-2", style), Ok(Some(-2)));
            assert_eq!(n("1\u{A0}234", style), Ok(Some(1234)));
            assert_eq!(n("1\u{2009}234\u{2009}567", style), Ok(Some(1_234_567)));
            assert_eq!(n("12\u{202F}345", style), Ok(Some(12_345)));
            assert_eq!(n("-", style), Ok(None));
            assert_eq!(n("", style), Ok(None));
            assert_eq!(n("NAN", style), Ok(None));
        }
        assert_eq!(n("3423.0", Dot), Ok(Some(3423)));
        assert_eq!(n("3423,0", Comma), Ok(Some(3423)));
        assert_eq!(n("1,234", Dot), Ok(Some(1234)));
        assert_eq!(n("1.234", Comma), Ok(Some(1234)));
        assert_eq!(n("1,234,567", Dot), Ok(Some(1_234_567)));
        assert_eq!(n("1.234.567", Comma), Ok(Some(1_234_567)));
        assert_eq!(n("1,234.0", Dot), Ok(Some(1234)));
        assert_eq!(n("1.234,0", Comma), Ok(Some(1234)));
        // Suffixes: 1.2 × 1000, 3.5 × 1 000 000, 1,2 ribu, 4 juta.
        assert_eq!(n("1.2K", Dot), Ok(Some(1200)));
        assert_eq!(n("15k", Dot), Ok(Some(15_000)));
        assert_eq!(n("3.5M", Dot), Ok(Some(3_500_000)));
        assert_eq!(n("1,2 rb", Comma), Ok(Some(1200)));
        assert_eq!(n("1,2\u{A0}rb", Comma), Ok(Some(1200)));
        assert_eq!(n("4 jt", Comma), Ok(Some(4_000_000)));
        assert_eq!(n("2,5 Juta", Comma), Ok(Some(2_500_000)));
        assert_eq!(n("12 ribu", Comma), Ok(Some(12_000)));
    }

    #[test]
    fn counts_that_are_refused_and_why() {
        let n = |cell, style| count(cell, style).unwrap_err();
        assert!(n("banyak", Dot).ends_with("is not a number"));
        assert!(n("abc", Comma).ends_with("is not a number"));
        assert_eq!(n("2.5", Dot), "`2.5` is not a whole number");
        assert_eq!(n("1.2345K", Dot), "`1.2345K` is not a whole number");
        // In a dot-decimal file `1.234` is one and a bit.
        assert_eq!(n("1.234", Dot), "`1.234` is not a whole number");
        for (cell, style) in [
            ("12,34", Dot),
            ("12,34,5", Dot),
            ("12.34.5", Comma),
            ("1..2", Dot),
            ("1,,2", Comma),
            ("1.2.3", Dot),
            ("0,123", Dot),
            ("1,234.", Dot),
            ("1,234.5,6", Dot),
            ("1.234 567", Comma),
        ] {
            assert_eq!(
                n(cell, style),
                format!(
                    "`{cell}` is not a number as this file writes numbers (`{}`)",
                    style.example()
                )
            );
        }
        for cell in [
            "1.2.3K", "1e", "e5", "+", "1 2 3%x", "3.5m", "1.2%K", "1,5 B",
        ] {
            assert!(count(cell, Dot).is_err(), "{cell}");
        }
        assert_eq!(
            n("3,4%", Comma),
            "`3,4%` is a percentage, not a count; counts are stored as whole numbers"
        );
        assert!(n("3.4%", Dot).contains("is a percentage, not a count"));
        assert!(n("1.22158E+17", Dot).contains("scientific notation"));
        assert!(n("99999999999999999999", Dot).contains("too large"));
        // Reasons count together in summaries: the cell comes first, in backticks.
        assert!(n("12,34,5", Dot).starts_with("`12,34,5` "));
    }

    #[test]
    fn reals_as_exports_write_them() {
        let r = |cell, style| real(cell, style).unwrap().unwrap();
        assert_eq!(r("80048.665", Dot), 80048.665);
        assert_eq!(r("0.0052585451358457495", Dot), 0.0052585451358457495);
        assert_eq!(r("1,234.5", Dot), 1234.5);
        assert_eq!(r("1.234,5", Comma), 1234.5);
        assert_eq!(r("1.234", Dot), 1.234);
        assert_eq!(r("1.234", Comma), 1234.0);
        assert_eq!(r("1234", Comma), 1234.0);
        assert_eq!(r("-0,5", Comma), -0.5);
        assert_eq!(r(".5", Dot), 0.5);
        assert_eq!(r("1\u{A0}234,5", Comma), 1234.5);
        // A percentage in a real column is stored as written: 3.4, not 0.034.
        assert_eq!(r("3,4%", Comma), 3.4);
        assert_eq!(r("3.4%", Dot), 3.4);
        assert_eq!(r("3.4 %", Dot), 3.4);
        assert_eq!(r("1.2K", Dot), 1200.0);
        assert_eq!(r("1,2 rb", Comma), 1200.0);
        assert_eq!(r("3.5M", Dot), 3_500_000.0);
        assert_eq!(r("1.5e-05", Dot), 0.000015);
        assert_eq!(r("1,5E-05", Comma), 0.000015);
        assert_eq!(real("N/A", Dot), Ok(None));
        for (cell, style) in [
            ("12,34,5", Dot),
            ("1..2", Dot),
            ("abc", Dot),
            ("3,4", Dot),
            ("1,234.5", Comma),
            ("inf", Dot),
            ("1e999", Dot),
        ] {
            assert!(real(cell, style).is_err(), "{cell}");
        }
    }

    #[test]
    fn the_style_is_decided_by_the_cells_that_only_one_style_reads() {
        let sniff = |cells: &[(NumberKind, &str)]| NumberStyle::sniff(cells.iter().copied());
        assert_eq!(sniff(&[]), Dot);
        assert_eq!(sniff(&[(Count, "12"), (Real, "1.234"), (Count, "")]), Dot);
        assert_eq!(sniff(&[(Real, "3,4")]), Comma);
        assert_eq!(sniff(&[(Real, "1.234,5")]), Comma);
        assert_eq!(sniff(&[(Real, "1,234.5")]), Dot);
        // A count `1.234` is only whole when `.` groups thousands.
        assert_eq!(sniff(&[(Count, "1.234"), (Count, "7")]), Comma);
        assert_eq!(sniff(&[(Count, "1,234")]), Dot);
        assert_eq!(sniff(&[(Count, "3423.0"), (Real, "0.005")]), Dot);
        assert_eq!(sniff(&[(Real, "1,2 rb")]), Comma);
        // The majority wins; a tie is the platforms' default.
        assert_eq!(sniff(&[(Real, "3,4"), (Real, "5,6"), (Real, "7.8")]), Comma);
        assert_eq!(sniff(&[(Real, "3,4"), (Real, "7.8")]), Dot);
    }

    /// A small deterministic generator (no new crate): 64-bit LCG.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        /// A value with a random number of digits (0 to `max_digits`).
        fn magnitude(&mut self, max_digits: u32) -> u64 {
            let digits = (self.next() % u64::from(max_digits + 1)) as u32;
            let full = (self.next() << 31) ^ self.next();
            full % 10u64.pow(digits).max(1)
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    /// `n` with thousands grouped by `group` (no grouping when `None`).
    fn grouped(n: u64, group: Option<char>) -> String {
        let plain = n.to_string();
        let Some(g) = group else { return plain };
        let mut out = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i).is_multiple_of(3) {
                out.push(g);
            }
            out.push(c);
        }
        out
    }

    fn marks(style: NumberStyle) -> (char, &'static [Option<char>]) {
        match style {
            Dot => (
                '.',
                &[None, Some(','), Some('\u{A0}'), Some('\u{2009}'), Some(' ')],
            ),
            Comma => (
                ',',
                &[None, Some('.'), Some('\u{A0}'), Some('\u{202F}'), Some(' ')],
            ),
        }
    }

    /// A count written in `style` the ways exports write it, and its value.
    fn written_count(rng: &mut Lcg, style: NumberStyle) -> (String, i64) {
        let (decimal, groups) = marks(style);
        let n = rng.magnitude(15);
        let negative = rng.next().is_multiple_of(5);
        let mut s = grouped(n, rng.pick(groups));
        match rng.next() % 4 {
            0 => s = format!("{s}{decimal}0"),
            1 if n.is_multiple_of(100) && n >= 1000 => {
                // 12300 → `12.3K` / `12,3 rb`.
                let (k, suffix) = if style == Dot {
                    (n / 100, "K")
                } else {
                    (n / 100, " rb")
                };
                s = format!("{}{decimal}{}{suffix}", grouped(k / 10, None), k % 10);
            }
            _ => {}
        }
        let value = if negative { -(n as i64) } else { n as i64 };
        (if negative { format!("-{s}") } else { s }, value)
    }

    /// A real with one or two decimals written in `style`, and its value.
    fn written_real(rng: &mut Lcg, style: NumberStyle) -> (String, f64) {
        let (decimal, groups) = marks(style);
        let decimals = 1 + (rng.next() % 2) as u32;
        let m = rng.magnitude(14);
        let unit = 10u64.pow(decimals);
        let s = format!(
            "{}{decimal}{:0width$}",
            grouped(m / unit, rng.pick(groups)),
            m % unit,
            width = decimals as usize
        );
        let value: f64 = format!("{m}e-{decimals}").parse().unwrap();
        match rng.next() % 3 {
            0 => (format!("{s}%"), value),
            _ => (s, value),
        }
    }

    #[test]
    fn numbers_written_in_either_style_read_back_as_the_same_number() {
        let mut rng = Lcg(7);
        for style in [Dot, Comma] {
            for _ in 0..5000 {
                let (cell, value) = written_count(&mut rng, style);
                assert_eq!(count(&cell, style), Ok(Some(value)), "{cell:?} {style:?}");
                let (cell, value) = written_real(&mut rng, style);
                assert_eq!(real(&cell, style), Ok(Some(value)), "{cell:?} {style:?}");
            }
        }
    }

    #[test]
    fn a_generated_file_is_read_in_the_style_it_was_written_in() {
        let mut rng = Lcg(11);
        for file in 0..400 {
            let style = if file % 2 == 0 { Dot } else { Comma };
            let mut cells = Vec::new();
            let mut expected = Vec::new();
            for _ in 0..(1 + rng.next() % 12) {
                let (cell, value) = written_count(&mut rng, style);
                cells.push((Count, cell));
                expected.push(value as f64);
                if rng.next().is_multiple_of(2) {
                    let (cell, value) = written_real(&mut rng, style);
                    cells.push((Real, cell));
                    expected.push(value);
                }
            }
            let found = NumberStyle::sniff(cells.iter().map(|(k, c)| (*k, c.as_str())));
            for ((kind, cell), value) in cells.iter().zip(&expected) {
                let read = match kind {
                    Count => count(cell, found).map(|n| n.map(|n| n as f64)),
                    Real => real(cell, found),
                };
                assert_eq!(read, Ok(Some(*value)), "{cell:?} in {cells:?}");
            }
        }
    }

    #[test]
    fn times_in_each_export_form() {
        let jakarta: chrono_tz::Tz = "Asia/Jakarta".parse().unwrap();
        let x = instant_with_offset("2021-12-28 16:45 +0000", "%Y-%m-%d %H:%M %z")
            .unwrap()
            .unwrap();
        assert_eq!(
            DateTime::from_timestamp_millis(x).unwrap().to_rfc3339(),
            "2021-12-28T16:45:00+00:00"
        );
        let meta = instant_local("02/16/2025 05:14", "%m/%d/%Y %H:%M", jakarta)
            .unwrap()
            .unwrap();
        assert_eq!(
            DateTime::from_timestamp_millis(meta).unwrap().to_rfc3339(),
            "2025-02-15T22:14:00+00:00"
        );
        let iso = instant_iso("2019-09-06T20:38:01.000Z", jakarta)
            .unwrap()
            .unwrap();
        assert_eq!(
            DateTime::from_timestamp_millis(iso).unwrap().to_rfc3339(),
            "2019-09-06T20:38:01+00:00"
        );
        assert!(instant_local("16/02/2025 05:14", "%m/%d/%Y %H:%M", jakarta).is_err());
    }

    #[test]
    fn dates_and_link_segments() {
        assert_eq!(date("2025/10/31", "%Y/%m/%d"), Ok(Some(20_392)));
        assert_eq!(date("2025-10-31", "%Y/%m/%d"), Ok(Some(20_392)));
        assert_eq!(date("NAN", "%Y/%m/%d"), Ok(None));
        assert!(date("April 12", "%Y/%m/%d")
            .unwrap_err()
            .contains("%Y/%m/%d"));
        let link = "https://www.tiktok.com/@vintagerest.bg/video/7567452112981069079";
        assert_eq!(
            url_last_segment(link),
            Ok(Some("7567452112981069079".into()))
        );
        assert_eq!(
            url_last_segment(&format!("{link}/?is_from_webapp=1#x")),
            Ok(Some("7567452112981069079".into()))
        );
        assert_eq!(url_last_segment("--"), Ok(None));
        assert!(url_last_segment("https://www.tiktok.com/").is_err());
        assert!(url_last_segment("7567452112981069079").is_err());
    }

    #[test]
    fn entities() {
        assert_eq!(html_unescape("R &amp; D &lt;3"), "R & D <3");
        assert_eq!(html_unescape("&amp;lt;"), "&lt;");
    }

    #[test]
    fn utc_times_from_research_tools() {
        let ms = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .timestamp_millis()
        };
        let fourcat = ["%s", "%Y-%m-%d %H:%M:%S"];
        assert_eq!(
            instant_utc("1791335700", &fourcat),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        // A naive time is UTC, not the account's zone.
        assert_eq!(
            instant_utc("2026-10-07 01:15:00", &fourcat),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        let facepager = ["%Y-%m-%dT%H:%M:%S%z", "%a %b %d %H:%M:%S %z %Y"];
        assert_eq!(
            instant_utc("2026-10-07T08:15:00+0700", &facepager),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        assert_eq!(
            instant_utc("Wed Oct 07 01:15:00 +0000 2026", &facepager),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        assert_eq!(instant_utc("", &fourcat), Ok(None));
        let err = instant_utc("undefined", &fourcat).unwrap_err();
        assert!(
            err == "`undefined` is not a time in ISO 8601 or Unix seconds or %Y-%m-%d %H:%M:%S",
            "{err}"
        );
        assert!(instant_utc("-5", &["%s"]).is_err());
    }

    #[test]
    fn snowflake_ids_carry_their_time() {
        // An id made the way X makes them: milliseconds since its epoch, then 22 bits
        // of machine and sequence number.
        let created = chrono::DateTime::parse_from_rfc3339("2026-10-07T01:15:00.250Z")
            .unwrap()
            .timestamp_millis();
        let id = (((created - SNOWFLAKE_EPOCH_MS) as u64) << 22) | 0b10_1101_0011;
        assert_eq!(snowflake_time(&id.to_string()), Ok(Some(created)));
        assert!(snowflake_time("20")
            .unwrap_err()
            .contains("before November 2010"));
        assert!(snowflake_time("1.4E+18").is_err());
        assert_eq!(snowflake_time(""), Ok(None));
    }

    #[test]
    fn times_in_a_pipeline_format_or_iso() {
        let tz = chrono_tz::Asia::Jakarta;
        let ms = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .timestamp_millis()
        };
        assert_eq!(
            instant_in_format("07/10/2026 08:15", "%d/%m/%Y %H:%M", tz),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        assert_eq!(
            instant_in_format("2026-10-07T08:15:00+07:00", "%d/%m/%Y %H:%M", tz),
            Ok(Some(ms("2026-10-07T01:15:00Z")))
        );
        assert!(instant_in_format("7 Okt", "%d/%m/%Y %H:%M", tz)
            .unwrap_err()
            .contains("%d/%m/%Y %H:%M"));
    }
}
