//! How many mentions fall on each Jakarta day and hour of the generated range.
//!
//! The whole plan is a few hundred numbers, computed before any row is written, so that every
//! mentions file can be generated on its own (in parallel) and still know exactly which rows
//! of the global, time-ordered sequence are its own. Volumes are apportioned with integer
//! arithmetic (largest remainder), so the days add up to the requested total exactly.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, Weekday};

use super::super::calendar::Month;
use super::super::rng::{count, Rng};

/// What makes a spike day busy: people warning about a fake account (negative), or a
/// campaign video that travels (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spike {
    FakeAccount,
    ViralCampaign,
}

/// One Jakarta calendar day of the range.
#[derive(Debug, Clone)]
pub(crate) struct PlannedDay {
    pub date: NaiveDate,
    /// Global index of the day's first mention.
    pub first_row: u64,
    /// Mentions per Jakarta hour, 00–23; they add up to the day's volume.
    pub hours: [u64; 24],
    pub spike: Option<Spike>,
}

impl PlannedDay {
    pub(crate) fn rows(&self) -> u64 {
        self.hours.iter().sum()
    }
}

/// The rows of one Jakarta hour that belong to one file, and the seconds they may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HourSlice {
    pub day: usize,
    pub hour: u32,
    /// Global index of the slice's first mention.
    pub first_row: u64,
    pub rows: u64,
    /// Seconds within the hour. An hour split between two files gives the first file the
    /// early seconds, so rows stay in time order across files.
    pub seconds: Range<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct VolumePlan {
    pub days: Vec<PlannedDay>,
}

/// Jakarta's rhythm: quiet at night, busy at lunch and in the evening (weights per hour).
const JAKARTA_HOUR_WEIGHTS: [u64; 24] = [
    3, 2, 1, 1, 2, 4, 6, 8, 9, 8, 7, 7, 9, 8, 7, 6, 7, 7, 6, 8, 10, 11, 9, 5,
];

/// Weekends are quieter; Thursday evening and Friday are for sedekah Jumat.
pub(crate) fn weekday_factor(date: NaiveDate) -> f64 {
    match date.weekday() {
        Weekday::Fri => 1.45,
        Weekday::Thu => 1.1,
        Weekday::Sat => 0.7,
        Weekday::Sun => 0.6,
        _ => 1.0,
    }
}

/// Day weights are scaled to integers with this resolution before apportioning.
const WEIGHT_SCALE: f64 = 1_000_000.0;

/// The conversation grows by half over the range, as an audience does.
const GROWTH_OVER_RANGE: f64 = 0.5;

impl VolumePlan {
    /// `total` mentions over `months` months from `first`, drawn from the seed's own stream.
    pub(crate) fn new(seed: u64, first: Month, months: u32, total: u64) -> Self {
        let dates: Vec<NaiveDate> = (0..months)
            .flat_map(|index| first.plus(index).days())
            .collect();
        let mut rng = Rng::stream(seed, "scale-volume", 0);
        let spikes = spike_days(&mut rng, dates.len(), months);
        let last = (dates.len() - 1).max(1) as f64;
        let weights: Vec<u64> = dates
            .iter()
            .enumerate()
            .map(|(index, &date)| {
                let trend = 1.0 + GROWTH_OVER_RANGE * index as f64 / last;
                let mut weight = trend * weekday_factor(date) * rng.uniform(0.85, 1.15);
                if spikes.iter().any(|&(day, _)| day == index) {
                    weight *= rng.uniform(5.0, 10.0);
                }
                count(weight * WEIGHT_SCALE).max(1)
            })
            .collect();
        let per_day = apportion(total, &weights);
        let mut first_row = 0;
        let days = dates
            .iter()
            .zip(per_day)
            .enumerate()
            .map(|(index, (&date, rows))| {
                let shares = apportion(rows, &JAKARTA_HOUR_WEIGHTS);
                let mut hours = [0; 24];
                hours.copy_from_slice(&shares);
                let day = PlannedDay {
                    date,
                    first_row,
                    hours,
                    spike: spikes
                        .iter()
                        .find(|&&(day, _)| day == index)
                        .map(|&(_, kind)| kind),
                };
                first_row += day.rows();
                day
            })
            .collect();
        Self { days }
    }

    /// The hour slices holding global rows `rows`, in time order.
    pub(crate) fn slices(&self, rows: Range<u64>) -> Vec<HourSlice> {
        let mut slices = Vec::new();
        for (day_index, day) in self.days.iter().enumerate() {
            let mut hour_start = day.first_row;
            for (hour, &hour_rows) in day.hours.iter().enumerate() {
                let hour_end = hour_start + hour_rows;
                let first = hour_start.max(rows.start);
                let end = hour_end.min(rows.end);
                if first < end {
                    slices.push(HourSlice {
                        day: day_index,
                        hour: hour as u32,
                        first_row: first,
                        rows: end - first,
                        seconds: seconds_for(first - hour_start, end - hour_start, hour_rows),
                    });
                }
                hour_start = hour_end;
            }
        }
        slices
    }
}

/// The seconds of the hour for rows `from..to` of the hour's `of` rows: a proportional share,
/// at least one second wide.
fn seconds_for(from: u64, to: u64, of: u64) -> Range<u32> {
    let start = (3600 * u128::from(from) / u128::from(of)) as u32;
    let end = (3600 * u128::from(to) / u128::from(of)) as u32;
    start.min(3599)..end.max(start + 1).min(3600)
}

/// Two spike days, plus one for every three months, on distinct days after the first week
/// (so the days before each spike give it a baseline). The first is negative; then they
/// alternate.
fn spike_days(rng: &mut Rng, day_count: usize, months: u32) -> Vec<(usize, Spike)> {
    let wanted = 2 + months as usize / 3;
    let mut days: Vec<usize> = Vec::with_capacity(wanted);
    while days.len() < wanted {
        let day = rng.range(7, day_count as u64 - 1) as usize;
        if !days.iter().any(|&taken| taken.abs_diff(day) < 7) {
            days.push(day);
        }
    }
    days.into_iter()
        .enumerate()
        .map(|(order, day)| {
            let kind = if order % 2 == 0 {
                Spike::FakeAccount
            } else {
                Spike::ViralCampaign
            };
            (day, kind)
        })
        .collect()
}

/// Splits `total` in proportion to `weights` (not all zero): each part gets the floor of its
/// exact quota, and the remaining units go to the largest remainders (ties to the first).
pub(crate) fn apportion(total: u64, weights: &[u64]) -> Vec<u64> {
    let weight_sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    debug_assert!(weight_sum > 0);
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, &weight) in weights.iter().enumerate() {
        let exact = u128::from(total) * u128::from(weight);
        parts.push((exact / weight_sum) as u64);
        remainders.push((exact % weight_sum, index));
    }
    let missing = total - parts.iter().sum::<u64>();
    // Largest remainder first; equal remainders keep index order.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, index) in remainders.iter().take(missing as usize) {
        parts[index] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_adds_up_and_follows_the_weights() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[2, 1, 4]), vec![2, 1, 4]);
        // 5 * [3, 3, 4] / 10 = [1.5, 1.5, 2]: one unit left, to the first largest remainder.
        assert_eq!(apportion(5, &[3, 3, 4]), vec![2, 1, 2]);
        assert_eq!(apportion(0, &[5, 9]), vec![0, 0]);
    }

    #[test]
    fn days_add_up_and_hours_follow_jakarta() {
        let first = Month::new(2026, 1).unwrap();
        let plan = VolumePlan::new(3, first, 3, 100_000);
        assert_eq!(plan.days.len(), 31 + 28 + 31);
        assert_eq!(plan.days.iter().map(PlannedDay::rows).sum::<u64>(), 100_000);
        let last = plan.days.last().unwrap();
        assert_eq!(last.first_row + last.rows(), 100_000);
        let spikes = plan.days.iter().filter(|day| day.spike.is_some()).count();
        assert_eq!(spikes, 3);
        // 03:00 is the quietest hour, 21:00 the busiest.
        let ordinary = plan.days.iter().find(|day| day.spike.is_none()).unwrap();
        assert!(ordinary.hours[3] < ordinary.hours[21] / 5);
    }

    #[test]
    fn slices_cover_a_row_range_exactly_once_and_in_order() {
        let plan = VolumePlan::new(9, Month::new(2026, 5).unwrap(), 3, 5_000);
        let first = plan.slices(0..2_500);
        let second = plan.slices(2_500..5_000);
        let rows = |slices: &[HourSlice]| slices.iter().map(|s| s.rows).sum::<u64>();
        assert_eq!((rows(&first), rows(&second)), (2_500, 2_500));
        let (last, next) = (first.last().unwrap(), &second[0]);
        assert_eq!(last.first_row + last.rows, next.first_row);
        if (last.day, last.hour) == (next.day, next.hour) {
            // The hour is split: the first file's seconds end where the second's begin.
            assert_eq!(last.seconds.end, next.seconds.start);
        }
        assert!(first.iter().chain(&second).all(|s| !s.seconds.is_empty()));
    }

    #[test]
    fn split_hours_share_their_seconds() {
        assert_eq!(seconds_for(0, 10, 10), 0..3600);
        assert_eq!(seconds_for(0, 5, 10), 0..1800);
        assert_eq!(seconds_for(5, 10, 10), 1800..3600);
        // Far more rows than seconds: a single row still gets a second of its own.
        assert_eq!(seconds_for(9_999, 10_000, 10_000), 3599..3600);
    }
}
