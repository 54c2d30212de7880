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

/// A whole count. Accepts `3423`, `3423.0` (X writes counts as floats), and thousands
/// separators `1,234` / `1.234` only when every group has three digits.
pub fn count(cell: &str) -> Result<Option<i64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Ok(Some(n));
    }
    if let Some(int) = t.strip_suffix(".0") {
        if let Ok(n) = int.parse::<i64>() {
            return Ok(Some(n));
        }
    }
    for sep in [',', '.'] {
        let groups: Vec<&str> = t.split(sep).collect();
        if groups.len() > 1
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        {
            return Ok(Some(
                groups
                    .concat()
                    .parse()
                    .map_err(|_| not_a("whole number", t))?,
            ));
        }
    }
    match t.parse::<f64>() {
        Ok(f) if f.fract() != 0.0 => Err(format!("`{t}` is not a whole number")),
        _ => Err(not_a("number", t)),
    }
}

/// A real number with `.` as the decimal point.
pub fn real(cell: &str) -> Result<Option<f64>, String> {
    if is_null_token(cell) {
        return Ok(None);
    }
    let t = cell.trim();
    t.parse::<f64>().map(Some).map_err(|_| not_a("number", t))
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

    #[test]
    fn counts_as_exports_write_them() {
        assert_eq!(count("3423.0"), Ok(Some(3423)));
        assert_eq!(count(" 18 "), Ok(Some(18)));
        assert_eq!(count("1,234"), Ok(Some(1234)));
        assert_eq!(count("1.234.567"), Ok(Some(1_234_567)));
        assert_eq!(count("-"), Ok(None));
        assert_eq!(count(""), Ok(None));
        assert!(count("banyak").unwrap_err().contains("not a number"));
        assert!(count("2.5").unwrap_err().contains("whole"));
        assert!(count("12,34").is_err());
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
}
