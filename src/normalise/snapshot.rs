//! When was an export taken? Platform counts keep growing, so every post row records the
//! snapshot it came from. The export files do not say it in their rows; their file names
//! do (the end of the exported date range). Failing that, the pipeline can state it, and
//! as a last resort the latest time in the file is used. File modification times are never
//! used: a fresh clone would change them and break byte-identical reruns.

use chrono::{NaiveDate, TimeZone};

/// UTC milliseconds of the end of the range named in an export's file name:
/// - X: `tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_<lang>.csv`, end exclusive;
/// - Meta Business Suite: `<Mon>-<DD>-<YYYY>_<Mon>-<DD>-<YYYY>_<id>.csv`, end inclusive,
///   in the account's zone;
/// - X (2024+): `account_analytics_content_<YYYY-MM-DD>_<YYYY-MM-DD>.csv`, end exclusive,
///   UTC;
/// - Legacy Facebook Page Insights: `Facebook Insights Data Export … - <YYYY-MM-DD>.xls`,
///   the end of the export's day, in the account's zone;
/// - LinkedIn Page analytics: `<page-slug>_{content,followers,visitors}_<epoch-ms>.xls(x)`,
///   the moment of the download itself.
pub fn from_file_name(file_name: &str, tz: chrono_tz::Tz) -> Option<i64> {
    let stem = file_name.rsplit(['/', '\\']).next()?.split('.').next()?;
    let parts: Vec<&str> = stem.split('_').collect();
    // X: the last two 8-digit parts before the language suffix.
    let dates: Vec<NaiveDate> = parts
        .iter()
        .filter(|p| p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|p| NaiveDate::parse_from_str(p, "%Y%m%d").ok())
        .collect();
    if stem.starts_with("tweet_activity_metrics_") && dates.len() >= 2 {
        let end = dates[dates.len() - 1].and_hms_opt(0, 0, 0)?;
        return Some(chrono::Utc.from_utc_datetime(&end).timestamp_millis());
    }
    // X (2024+): `account_analytics_content_<YYYY-MM-DD>_<YYYY-MM-DD>.csv`, the dates of the
    // range X's web app asked for, written in UTC; the range ends at the start of the last.
    if stem.starts_with("account_analytics_content_") {
        if let Some(end) = parts
            .last()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        {
            let end = end.and_hms_opt(0, 0, 0)?;
            return Some(chrono::Utc.from_utc_datetime(&end).timestamp_millis());
        }
    }
    if let [.., kind, ms] = parts.as_slice() {
        let linkedin = matches!(*kind, "content" | "followers" | "visitors");
        if linkedin && ms.len() == 13 && ms.bytes().all(|b| b.is_ascii_digit()) {
            return ms.parse().ok();
        }
    }
    // Legacy Facebook Page Insights: `Facebook Insights Data Export (Post Level) - <Page> -
    // <YYYY-MM-DD>.xls`, the day the export was made (its last day had not ended): the
    // midnight that ends that day, in the account's zone.
    if stem.starts_with("Facebook Insights Data Export") {
        let name = file_name.rsplit(['/', '\\']).next()?;
        let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if let Some(day) = name
            .rsplit(" - ")
            .next()
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        {
            let day_after = day.succ_opt()?.and_hms_opt(0, 0, 0)?;
            return tz
                .from_local_datetime(&day_after)
                .earliest()
                .map(|d| d.timestamp_millis());
        }
    }
    let meta: Vec<NaiveDate> = parts
        .iter()
        .filter_map(|p| NaiveDate::parse_from_str(p, "%b-%d-%Y").ok())
        .collect();
    if meta.len() == 2 {
        let day_after = meta[1].succ_opt()?.and_hms_opt(0, 0, 0)?;
        return tz
            .from_local_datetime(&day_after)
            .earliest()
            .map(|d| d.timestamp_millis());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_export_file_names() {
        let utc = chrono_tz::UTC;
        let x = from_file_name(
            "x/tweet_activity_metrics_rOpenSci_20211201_20220101_en.csv",
            utc,
        )
        .unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(x)
                .unwrap()
                .to_rfc3339(),
            "2022-01-01T00:00:00+00:00"
        );
        let jakarta: chrono_tz::Tz = "Asia/Jakarta".parse().unwrap();
        let meta = from_file_name("Jan-14-2025_Apr-14-2025_1396269028466733.csv", jakarta).unwrap();
        assert_eq!(
            chrono::DateTime::from_timestamp_millis(meta)
                .unwrap()
                .to_rfc3339(),
            "2025-04-14T17:00:00+00:00"
        );
        assert_eq!(from_file_name("INSTAGRAM_RAW.csv", utc), None);
        // LinkedIn: milliseconds since 1970, 2026-11-01T00:00:00Z.
        assert_eq!(
            from_file_name("amanah-zakat_content_1793491200000.xlsx", utc),
            Some(1_793_491_200_000)
        );
        assert_eq!(from_file_name("notes_content_2026.xlsx", utc), None);
        // X (2024+): the range's last date, at 00:00 UTC.
        assert_eq!(
            from_file_name("account_analytics_content_2026-10-01_2026-11-01.csv", utc)
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2026-11-01T00:00:00+00:00")
        );
    }

    #[test]
    fn reads_legacy_facebook_insights_file_names() {
        let saigon: chrono_tz::Tz = "Asia/Ho_Chi_Minh".parse().unwrap();
        let shown = |name: &str| {
            from_file_name(name, saigon)
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.to_rfc3339())
        };
        // The end of 2017-07-27 in Ho Chi Minh City (UTC+7).
        assert_eq!(
            shown("fb/Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls")
                .as_deref(),
            Some("2017-07-27T17:00:00+00:00")
        );
        assert_eq!(
            shown("Facebook Insights Data Export - A - B - 2017-07-05.csv").as_deref(),
            Some("2017-07-05T17:00:00+00:00")
        );
        assert_eq!(shown("Facebook Insights Data Export - LOK.xls"), None);
    }
}
