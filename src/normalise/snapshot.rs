//! When was an export taken? Platform counts keep growing, so every post row records the
//! snapshot it came from. The export files do not say it in their rows; their file names
//! do (the end of the exported date range). Failing that, the pipeline can state it, and
//! as a last resort the latest time in the file is used. File modification times are never
//! used: a fresh clone would change them and break byte-identical reruns.

use chrono::{NaiveDate, TimeZone};

/// UTC milliseconds of the end of the range named in an export's file name:
/// - X: `tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_<lang>.csv`, end exclusive;
/// - Meta Business Suite: `<Mon>-<DD>-<YYYY>_<Mon>-<DD>-<YYYY>_<id>.csv`, end inclusive,
///   in the account's zone.
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
    }
}
