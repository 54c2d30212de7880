//! What the Facebook and Instagram exports of Meta Business Suite share: the file name, ids
//! that grow with time, the watch-time decimals of videos, and the posts the daily series
//! are built from.

use chrono::NaiveDateTime;

use super::calendar::{jakarta_to_utc, meta_file_date, Month};
use super::rng::{count, Rng};

/// `Aug-01-2026_Aug-31-2026_1602957316483920.csv`: the covered range, then an export id.
pub(crate) fn export_file_name(month: Month, export_id: u64) -> String {
    format!(
        "{}_{}_{export_id}.csv",
        meta_file_date(month.first_day()),
        meta_file_date(month.last_day())
    )
}

/// What the daily series need to know about a post of the content exports.
#[derive(Debug, Clone)]
pub(crate) struct PublishedPost {
    /// Asia/Jakarta wall-clock time.
    pub local_time: NaiveDateTime,
    /// Lifetime reach, as the content export prints it.
    pub reach: u64,
    /// Follows the export credits to the post, where it prints any (Instagram only).
    pub follows: Option<u64>,
}

/// Seconds since this instant are folded into ids, which keeps them within the digit counts
/// real ids have in 2026 while still increasing with publish time.
const ID_CLOCK_START_SECS: i64 = 1_600_000_000;

/// An id that grows with publish time, as Meta's do: `base`, plus the second of publishing
/// times a million, plus a random low part. Unique per post in practice, and sortable.
pub(crate) fn time_based_id(rng: &mut Rng, base: u64, local: NaiveDateTime) -> u64 {
    let seconds = jakarta_to_utc(local).and_utc().timestamp() - ID_CLOCK_START_SECS;
    let seconds = u64::try_from(seconds).expect("sample dates are after September 2020");
    base + seconds * 1_000_000 + rng.below(1_000_000)
}

/// Total and average watch time of a video, as Meta prints them: seconds with up to three
/// decimals (`14321.665`, `6.53`).
#[derive(Debug, Clone)]
pub(crate) struct WatchTime {
    pub seconds_viewed: String,
    pub average_seconds_viewed: String,
}

/// Viewers watch a share of the video that shrinks with its length.
pub(crate) fn simulate_watch_time(rng: &mut Rng, views: u64, duration_secs: u64) -> WatchTime {
    let average_share = rng.uniform(0.12, 0.4);
    let average_secs = (duration_secs as f64 * average_share).max(2.0);
    // Integer milliseconds, so both decimals are exact and formatted without float noise.
    let millis_viewed = count(views as f64 * average_secs * 1000.0);
    let average_millis = millis_viewed / views.max(1);
    WatchTime {
        seconds_viewed: seconds_from_millis(millis_viewed),
        average_seconds_viewed: seconds_from_millis(average_millis),
    }
}

/// `14321665` → `14321.665`, `6530` → `6.53`, `7000` → `7`.
fn seconds_from_millis(millis: u64) -> String {
    let whole = millis / 1000;
    let fraction = millis % 1000;
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:03}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_print_like_meta() {
        assert_eq!(seconds_from_millis(14_321_665), "14321.665");
        assert_eq!(seconds_from_millis(6_530), "6.53");
        assert_eq!(seconds_from_millis(7_000), "7");
        assert_eq!(seconds_from_millis(5), "0.005");
    }

    #[test]
    fn file_name_covers_the_month() {
        let month = Month::new(2026, 8).unwrap();
        assert_eq!(
            export_file_name(month, 1_602_957_316_483_920),
            "Aug-01-2026_Aug-31-2026_1602957316483920.csv"
        );
    }
}
