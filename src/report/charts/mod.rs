//! Report charts: pure functions from plain data to a standalone, accessible SVG string and a
//! text alternative. No queries here: the report stage gathers the numbers and the words
//! (titles, series names, axis and tick labels, already in the report language) and calls
//! [`line`], [`bars`], [`heatmap`] or [`stacked_bars`].
//!
//! Drawing goes through `plotters` (SVG backend, no font features: text stays real `<text>`
//! laid out by the viewer, and sizes are estimated from character counts). What plotters does
//! not do is done around it:
//! - ticks are computed here (`scale`) and bound to plotters' axes, so they are round,
//!   whole for whole data, and formatted by the caller's formatter (`1.234,5` in Indonesian);
//! - the title and legend band is drawn here (`frame`), above the plot, because plotters'
//!   legend box sits inside the plot and can hide data; a previous period gets a dashed
//!   swatch, and every series is named, never told by colour alone;
//! - the heatmap is drawn cell by cell on plotters' pixel canvas (rectangles and text), since
//!   a 7×24 grid with per-cell counts and an outlined "no posts" state is no plotters series;
//! - the accessible name and description (`role="img"`, `aria-labelledby`, `<title>`,
//!   `<desc>`, ids prefixed with the chart id) are added to plotters' output (`svg`).
//!
//! Output is deterministic: plotters writes integer pixel coordinates, and nothing here
//! depends on hash order or clocks. Text from the caller is XML-escaped (plotters escapes
//! what it draws; `svg` escapes the title and description). `Chart::alt` is plain text:
//! escape it wherever it is placed.

mod bars;
mod frame;
mod heatmap;
mod line;
mod scale;
mod stacked;
mod style;
mod svg;
mod wording;

pub use bars::{bars, BarChart};
pub use heatmap::{heatmap, hour_labels, HeatCell, Heatmap};
pub use line::{line, LineChart, Marker};
pub use stacked::{stacked_bars, StackedBarChart};
pub use style::Colour;

use serde::Serialize;

/// A finished chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// The id given by the caller; the SVG's inner ids start with it.
    pub id: String,
    pub title: String,
    /// A complete `<svg>` element, ready to inline in HTML or to hand to Typst.
    pub svg: String,
    /// A sentence or two summarising the data, in the report language (plain text). Also
    /// the SVG's `<desc>`.
    pub alt: String,
}

/// One named series of values, one per x label or category. `None` is a missing value,
/// drawn as a gap (never as zero); non-finite values count as missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Its colour; `None` takes the next of the palette.
    pub colour: Option<Colour>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            values,
            colour: None,
        }
    }

    pub fn with_colour(mut self, colour: Colour) -> Series {
        self.colour = Some(colour);
        self
    }

    /// The value at `index`, if present and finite.
    fn value(&self, index: usize) -> Option<f64> {
        self.values
            .get(index)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// Formats a value for tick labels, value labels and the text alternative, in the report
/// language (`|v| format::number(v, 0, lang)`).
pub type ValueFormat<'a> = &'a dyn Fn(f64) -> String;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    #[error(
        "chart id `{id}` is not usable as an SVG id: it must start with an ASCII letter and \
         hold only ASCII letters, digits, `-` and `_`"
    )]
    InvalidId { id: String },
    #[error("chart `{chart}` has nothing to draw: no {what}")]
    Empty { chart: String, what: &'static str },
    #[error("chart `{chart}`: series `{series}` has {found} values for {expected} labels")]
    LengthMismatch {
        chart: String,
        series: String,
        expected: usize,
        found: usize,
    },
    #[error("chart `{chart}` has {found} series; at most {max} fit")]
    TooManySeries {
        chart: String,
        max: usize,
        found: usize,
    },
    #[error("chart `{chart}`: marker `{label}` points at series {series}, position {index}, which has no value")]
    MarkerOutOfRange {
        chart: String,
        label: String,
        series: usize,
        index: usize,
    },
    #[error("chart `{chart}`: part `{part}` is negative at `{at}`; stacked parts must be ≥ 0")]
    NegativePart {
        chart: String,
        part: String,
        at: String,
    },
    #[error(
        "could not draw chart `{chart}` (this is a bug in tolok, please report it): {message}"
    )]
    Draw { chart: String, message: String },
    #[error("chart `{chart}`: the SVG writer produced an unexpected document (this is a bug in tolok, please report it)")]
    UnexpectedSvg { chart: String },
}

/// Checks that `series` has one value per label.
fn check_length(chart: &str, series: &Series, expected: usize) -> Result<(), ChartError> {
    if series.values.len() == expected {
        Ok(())
    } else {
        Err(ChartError::LengthMismatch {
            chart: chart.to_string(),
            series: series.name.clone(),
            expected,
            found: series.values.len(),
        })
    }
}

/// The first highest and the first lowest present value of `series`, as (index, value).
fn extremes(series: &Series, len: usize) -> Option<((usize, f64), (usize, f64))> {
    let present = (0..len).filter_map(|i| series.value(i).map(|v| (i, v)));
    present.fold(None, |best, (i, v)| match best {
        None => Some(((i, v), (i, v))),
        Some((high, low)) => Some((
            if v > high.1 { (i, v) } else { high },
            if v < low.1 { (i, v) } else { low },
        )),
    })
}

#[cfg(test)]
mod tests;
