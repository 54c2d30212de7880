//! Crisis spikes: zero-filled volume series and two detectors over them.
//!
//! Both detectors compare each interval with the `window` intervals just before it (never
//! with itself, so a spike cannot hide in its own baseline):
//! - `rolling_sigma`: baseline = mean, spread = population standard deviation;
//! - `rolling_mad`: baseline = median, spread = 1.4826 × median absolute deviation, which a
//!   single earlier outlier in the window barely moves.
//!
//! z = (count − baseline) / spread, and an interval is a spike when z ≥ k and count ≥
//! `min_count` (so 1 → 3 mentions on a quiet day is not a crisis). Counts are whole
//! mentions, so a spread below one mention is taken as one: a flat series would otherwise
//! give an infinite z to a single extra mention.

use serde::Serialize;

/// The MAD of a normal distribution times this is its standard deviation.
pub const MAD_TO_SIGMA: f64 = 1.4826;

/// The smallest spread a baseline is given, in mentions per interval.
pub const MIN_SPREAD: f64 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    RollingSigma,
    RollingMad,
}

impl Method {
    pub fn parse(text: &str) -> Option<Method> {
        match text {
            "rolling_sigma" => Some(Method::RollingSigma),
            "rolling_mad" => Some(Method::RollingMad),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Method::RollingSigma => "rolling_sigma",
            Method::RollingMad => "rolling_mad",
        }
    }
}

/// Detector settings; `window` counts intervals (days, or hours for an hourly series).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detector {
    pub method: Method,
    pub window: usize,
    pub k: f64,
    pub min_count: u64,
}

/// One interval flagged as a spike, by its index in the series.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub index: usize,
    pub count: u64,
    pub baseline: f64,
    pub spread: f64,
    pub z: f64,
}

/// Buckets instants (UTC milliseconds, already shifted to local time by the caller) into
/// `intervals` consecutive buckets of `bucket_ms` starting at `start_ms`; instants outside
/// are ignored. Every bucket is present, zero when nothing fell in it.
pub fn zero_filled(instants: &[i64], start_ms: i64, bucket_ms: i64, intervals: usize) -> Vec<u64> {
    let mut counts = vec![0u64; intervals];
    for &t in instants {
        if t < start_ms {
            continue;
        }
        let i = ((t - start_ms) / bucket_ms) as usize;
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    counts
}

/// Baseline and spread of the window, by the method's rule.
pub fn baseline(window: &[u64], method: Method) -> (f64, f64) {
    let values: Vec<f64> = window.iter().map(|&c| c as f64).collect();
    let (centre, spread) = match method {
        Method::RollingSigma => {
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
            (mean, var.sqrt())
        }
        Method::RollingMad => {
            let med = median(&values);
            let deviations: Vec<f64> = values.iter().map(|v| (v - med).abs()).collect();
            (med, MAD_TO_SIGMA * median(&deviations))
        }
    };
    (centre, spread.max(MIN_SPREAD))
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The spikes among `series[from..]`. Intervals with fewer than `window` intervals before
/// them are not judged: their baseline would be partial.
pub fn detect(series: &[u64], from: usize, detector: &Detector) -> Vec<Flagged> {
    let window = detector.window.max(1);
    (from.max(window)..series.len())
        .filter_map(|index| {
            let count = series[index];
            let (baseline, spread) = baseline(&series[index - window..index], detector.method);
            let z = (count as f64 - baseline) / spread;
            (z >= detector.k && count >= detector.min_count).then_some(Flagged {
                index,
                count,
                baseline,
                spread,
                z,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector(method: Method) -> Detector {
        Detector {
            method,
            window: 7,
            k: 2.0,
            min_count: 5,
        }
    }

    #[test]
    fn a_flat_series_has_no_spike() {
        let series = vec![12; 30];
        for method in [Method::RollingSigma, Method::RollingMad] {
            assert!(detect(&series, 0, &detector(method)).is_empty());
        }
    }

    #[test]
    fn a_planted_spike_is_found_on_its_day_with_its_z_score() {
        // Window 10, 12, 10, 12, 10, 12, 10: mean 76/7; deviations −6/7 (four times) and
        // +8/7 (three times): σ² = (4·36 + 3·64) / 49 / 7 = 48/49, σ = 0.99 → taken as 1.
        // z = (30 − 76/7) / 1 = 19.14. The days after have 30 in their window: no spike.
        let mut series = vec![10, 12, 10, 12, 10, 12, 10, 12, 10, 12];
        series[7] = 30;
        let found = detect(&series, 0, &detector(Method::RollingSigma));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].index, 7);
        assert_eq!(found[0].count, 30);
        assert!((found[0].baseline - 76.0 / 7.0).abs() < 1e-9);
        assert_eq!(found[0].spread, 1.0);
        assert!((found[0].z - (30.0 - 76.0 / 7.0)).abs() < 1e-9);
    }

    #[test]
    fn sigma_uses_the_population_standard_deviation() {
        // 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and population σ 2 (the textbook example).
        let (mean, sd) = baseline(&[2, 4, 4, 4, 5, 5, 7, 9], Method::RollingSigma);
        assert_eq!((mean, sd), (5.0, 2.0));
    }

    #[test]
    fn mad_uses_the_median_and_scaled_mad() {
        // median of 1,2,3,4,100 is 3; |deviations| 2,1,0,1,97 → median 1; spread 1.4826.
        let (median, spread) = baseline(&[1, 2, 3, 4, 100], Method::RollingMad);
        assert_eq!(median, 3.0);
        assert!((spread - 1.4826).abs() < 1e-12);
    }

    #[test]
    fn mad_resists_an_earlier_outlier_that_hides_a_spike_from_sigma() {
        // Day 3 had an outlier of 60; day 8 has 24 against a usual 10 ± 1.
        let series = vec![10, 11, 9, 60, 10, 11, 9, 10, 24];
        // σ over days 1–7 (11, 9, 60, 10, 11, 9, 10): mean 120/7 ≈ 17.14, σ ≈ 17.5 → z ≈ 0.39.
        let sigma = detect(&series, 8, &detector(Method::RollingSigma));
        assert!(sigma.is_empty(), "{sigma:?}");
        // MAD: median 10, |dev| 1,1,50,0,1,1,0 → median 1, spread 1.4826, z = 14/1.4826.
        let mad = detect(&series, 8, &detector(Method::RollingMad));
        assert_eq!(mad.len(), 1);
        assert_eq!(mad[0].index, 8);
        assert!((mad[0].z - 14.0 / 1.4826).abs() < 1e-9);
    }

    #[test]
    fn min_count_keeps_a_quiet_day_from_being_a_crisis() {
        let series = vec![0, 0, 0, 0, 0, 0, 0, 3];
        assert!(detect(&series, 0, &detector(Method::RollingSigma)).is_empty());
        let loud = vec![0, 0, 0, 0, 0, 0, 0, 5];
        assert_eq!(detect(&loud, 0, &detector(Method::RollingSigma)).len(), 1);
    }

    #[test]
    fn intervals_without_a_full_window_are_not_judged() {
        let series = vec![0, 50, 0, 0, 0, 0, 0, 0, 0];
        assert!(detect(&series, 0, &detector(Method::RollingSigma)).is_empty());
    }

    #[test]
    fn zero_filled_counts_every_bucket_and_ignores_outsiders() {
        let day = 86_400_000;
        let counts = zero_filled(&[-1, 0, 5, day * 2 + 1, day * 3], 0, day, 3);
        assert_eq!(counts, vec![2, 0, 1]);
    }
}
