//! Axis ticks and label thinning, computed here rather than by plotters so that tick values
//! are round numbers a reader expects (0, 500, 1000 …), whole when the data are whole (no
//! `0,5 posts`), and identical on every machine (no floating-point logarithms).

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use std::ops::Range;

/// A linear axis over `from..to` with ticks exactly at `ticks`.
///
/// plotters' own f64 axis chooses its ticks itself, and wrapping it with custom key points
/// loses the formatter hook that `configure_mesh` requires; this small axis gives both (the
/// labels are then written by the caller's formatter through `*_label_formatter`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Axis {
    pub from: f64,
    pub to: f64,
    pub ticks: Vec<f64>,
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = if self.to > self.from {
            (value - self.from) / (self.to - self.from)
        } else {
            0.5
        };
        limit.0 + (f64::from(limit.1 - limit.0) * share).round() as i32
    }

    /// The ticks for grid lines and labels; no light (minor) grid lines.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.from..self.to
    }
}

/// Round tick values covering `low..=high` (zero included), about `target` steps apart.
/// Every value is built as an integer times a power of ten, so ticks print without
/// binary noise (`0.3`, never `0.30000000000000004`).
pub(super) fn nice_ticks(low: f64, high: f64, target: usize, whole: bool) -> Vec<f64> {
    let low = low.min(0.0);
    let mut high = high.max(0.0);
    if high - low <= 0.0 {
        high = 1.0;
    }
    let (mantissa, exponent) = nice_step((high - low) / target.max(1) as f64, whole);
    let value = |k: i64| scaled(k * mantissa, exponent);
    let step = value(1);
    // The small tolerance keeps 1000 / 250 = 4 from becoming 5 by a rounding error.
    let first = (low / step + 1e-9).floor() as i64;
    let last = (high / step - 1e-9).ceil() as i64;
    (first..=last.max(first + 1)).map(value).collect()
}

/// `digits × 10^exponent` as the nearest f64.
fn scaled(digits: i64, exponent: i32) -> f64 {
    if exponent >= 0 {
        digits as f64 * 10f64.powi(exponent)
    } else {
        digits as f64 / 10f64.powi(-exponent)
    }
}

/// The step nearest above `raw` among 1, 2, 5 × 10^k, as (mantissa, k). Whole data never
/// step by less than 1.
fn nice_step(raw: f64, whole: bool) -> (i64, i32) {
    let mut exponent = 0i32;
    while scaled(1, exponent) > raw && exponent > -12 {
        exponent -= 1;
    }
    while scaled(10, exponent) <= raw && exponent < 300 {
        exponent += 1;
    }
    // Now 10^exponent <= raw < 10^(exponent + 1).
    let step = [1, 2, 5]
        .into_iter()
        .find(|&m| scaled(m, exponent) >= raw)
        .map_or((1, exponent + 1), |m| (m, exponent));
    if whole && step.1 < 0 {
        (1, 0)
    } else {
        step
    }
}

/// True when every value is a whole number (counts), so ticks should be whole too.
pub(super) fn all_whole<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| v.fract() == 0.0)
}

/// Which of `count` category labels to print when only `room` fit: every n-th, from the
/// first, with n as small as possible.
pub(super) fn label_indices(count: usize, room: usize) -> Vec<usize> {
    let step = count.div_ceil(room.max(1)).max(1);
    (0..count).step_by(step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_data() {
        assert_eq!(
            nice_ticks(0.0, 1234.0, 5, true),
            vec![0.0, 500.0, 1000.0, 1500.0]
        );
        // 1000 / 4 = 250 rounds up to a step of 500 (steps are 1, 2 or 5 × 10^k).
        assert_eq!(nice_ticks(0.0, 1000.0, 4, true), vec![0.0, 500.0, 1000.0]);
        assert_eq!(
            nice_ticks(0.0, 9.0, 5, true),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
    }

    #[test]
    fn ticks_of_fractions_print_cleanly() {
        assert_eq!(nice_ticks(0.0, 0.9, 3, false), vec![0.0, 0.5, 1.0]);
        assert_eq!(nice_ticks(0.0, 0.27, 3, false), vec![0.0, 0.1, 0.2, 0.3]);
    }

    #[test]
    fn whole_data_never_get_fractional_ticks() {
        assert_eq!(nice_ticks(0.0, 2.0, 5, true), vec![0.0, 1.0, 2.0]);
        assert_eq!(
            nice_ticks(0.0, 2.0, 5, false),
            vec![0.0, 0.5, 1.0, 1.5, 2.0]
        );
    }

    #[test]
    fn ticks_include_zero_and_negatives() {
        assert_eq!(
            nice_ticks(-30.0, 45.0, 4, true),
            vec![-40.0, -20.0, 0.0, 20.0, 40.0, 60.0]
        );
        assert_eq!(
            nice_ticks(5.0, 5.0, 5, true),
            vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        );
        // Nothing at all: still an axis from 0 to 1.
        assert_eq!(nice_ticks(0.0, 0.0, 5, true), vec![0.0, 1.0]);
    }

    #[test]
    fn axis_maps_linearly_and_rounds_to_pixels() {
        let axis = Axis {
            from: 0.0,
            to: 1000.0,
            ticks: vec![0.0, 500.0, 1000.0],
        };
        assert_eq!(axis.map(&0.0, (10, 110)), 10);
        assert_eq!(axis.map(&500.0, (10, 110)), 60);
        assert_eq!(axis.map(&333.0, (10, 110)), 43);
        // plotters' y axes run from bottom to top: the limit is reversed.
        assert_eq!(axis.map(&250.0, (110, 10)), 85);
    }

    #[test]
    fn labels_are_thinned_evenly() {
        assert_eq!(label_indices(5, 10), vec![0, 1, 2, 3, 4]);
        assert_eq!(label_indices(31, 10), vec![0, 4, 8, 12, 16, 20, 24, 28]);
        assert_eq!(label_indices(3, 0), vec![0]);
        assert_eq!(label_indices(0, 4), Vec::<usize>::new());
    }

    #[test]
    fn whole_numbers_are_detected() {
        assert!(all_whole(&[1.0, 0.0, 1234.0]));
        assert!(!all_whole(&[1.0, 0.5]));
    }
}
