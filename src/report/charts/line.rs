//! Line chart: series over shared x labels (the days of the period), an optional
//! previous-period series drawn dashed and grey behind them, and optional markers (spikes)
//! drawn as vermillion dots with a label. A missing value breaks the line.

use super::frame::{self, Area, DrawError, LegendEntry, Swatch, MARGIN};
use super::scale::{all_whole, label_indices, nice_ticks, Axis};
use super::style::{self, font, series_colour, text_width, LABEL_PX, SMALL_PX};
use super::wording::{self, Point};
use super::{check_length, extremes, Chart, ChartError, Series, ValueFormat};
use crate::i18n::Lang;
use plotters::element::{Circle, EmptyElement, Text};
use plotters::prelude::{ChartBuilder, DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

const SIZE: (u32, u32) = (720, 320);
const Y_TICK_TARGET: usize = 5;
const X_LABEL_AREA: u32 = 24;

#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Prefix of the SVG's ids: an ASCII letter, then letters, digits, `-`, `_`.
    pub id: String,
    pub title: String,
    /// Language of the text alternative.
    pub lang: Lang,
    /// One label per position (`1 Okt`, `2 Okt`, …); thinned on the axis when crowded.
    pub x_labels: Vec<String>,
    /// The value axis' description, unit included (`Jangkauan (akun)`).
    pub value_label: String,
    /// Current-period series, each with one value per x label.
    pub series: Vec<Series>,
    /// The previous period aligned by position (its first day at the first label). It may be
    /// shorter or longer than the axis: values beyond the last label are not drawn.
    pub previous: Option<Series>,
    pub markers: Vec<Marker>,
}

/// A labelled dot on a point of a current series (a spike).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Index into [`LineChart::series`].
    pub series: usize,
    /// Index into [`LineChart::x_labels`].
    pub index: usize,
    /// Short text beside the dot (`Lonjakan`).
    pub label: String,
}

/// Draws `chart`; `format_value` writes tick labels and the values in the text alternative.
pub fn line(chart: &LineChart, format_value: ValueFormat) -> Result<Chart, ChartError> {
    check(chart)?;
    let alt = alt_text(chart, format_value);
    frame::render(&chart.id, &chart.title, alt, SIZE, |root| {
        draw(root, chart, format_value)
    })
}

fn check(chart: &LineChart) -> Result<(), ChartError> {
    let empty = |what| ChartError::Empty {
        chart: chart.id.clone(),
        what,
    };
    if chart.x_labels.is_empty() {
        return Err(empty("x labels"));
    }
    if chart.series.is_empty() {
        return Err(empty("series"));
    }
    for series in &chart.series {
        check_length(&chart.id, series, chart.x_labels.len())?;
    }
    for marker in &chart.markers {
        let has_value = chart
            .series
            .get(marker.series)
            .and_then(|series| series.value(marker.index))
            .is_some();
        if !has_value {
            return Err(ChartError::MarkerOutOfRange {
                chart: chart.id.clone(),
                label: marker.label.clone(),
                series: marker.series,
                index: marker.index,
            });
        }
    }
    Ok(())
}

/// Unbroken stretches of present values, as (position, value) points.
fn runs(len: usize, value: impl Fn(usize) -> Option<f64>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for index in 0..len {
        match value(index) {
            Some(v) => current.push((index as f64, v)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn draw(root: &Area, chart: &LineChart, format_value: ValueFormat) -> Result<(), DrawError> {
    let len = chart.x_labels.len();
    let previous = |i: usize| chart.previous.as_ref().and_then(|p| p.value(i));

    let mut legend: Vec<LegendEntry> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, series)| LegendEntry {
            label: series.name.clone(),
            swatch: Swatch::Line(series_colour(series.colour, i)),
        })
        .collect();
    if let Some(series) = &chart.previous {
        legend.push(LegendEntry {
            label: series.name.clone(),
            swatch: Swatch::Dashed(style::PREVIOUS),
        });
    }
    let header = frame::header_height(&legend, SIZE.0);
    let (top, body) = root.split_vertically(header);
    frame::draw_header(&top, &chart.title, &legend)?;

    let values: Vec<f64> = (0..len)
        .flat_map(|i| chart.series.iter().filter_map(move |s| s.value(i)))
        .chain((0..len).filter_map(previous))
        .collect();
    let low = values.iter().copied().fold(0.0, f64::min);
    let high = values.iter().copied().fold(0.0, f64::max);
    let whole = all_whole(&values);
    let mut ticks = nice_ticks(low, high, Y_TICK_TARGET, whole);
    // A marker's label sits above its dot: when a marker is in the top tenth, the axis is
    // stretched half a step (and so at least one tick) further, so the label stays below
    // the legend.
    let (bottom, top) = (ticks[0], ticks[ticks.len() - 1]);
    let crowded = chart.markers.iter().any(|m| {
        chart.series[m.series]
            .value(m.index)
            .is_some_and(|v| v > top - 0.1 * (top - bottom))
    });
    if crowded {
        let half_step = (ticks[1] - ticks[0]) / 2.0;
        ticks = nice_ticks(low, top + half_step, Y_TICK_TARGET, whole);
    }
    let tick_labels: Vec<String> = ticks.iter().map(|&t| format_value(t)).collect();
    let widest_tick = tick_labels
        .iter()
        .map(|t| text_width(t, LABEL_PX))
        .fold(0.0, f64::max);
    // Tick labels, the gap plotters leaves before them, and the rotated axis description.
    let y_label_area = (widest_tick + 12.0 + LABEL_PX * 2.0).ceil() as u32;

    let widest_x = chart
        .x_labels
        .iter()
        .map(|l| text_width(l, LABEL_PX))
        .fold(0.0, f64::max);
    let plot_width = f64::from(SIZE.0) - f64::from(y_label_area) - 2.0 * f64::from(MARGIN);
    let room = (plot_width / (widest_x + 12.0)) as usize;
    let x_keys: Vec<f64> = label_indices(len, room)
        .into_iter()
        .map(|i| i as f64)
        .collect();

    let (first_tick, last_tick) = (ticks[0], ticks[ticks.len() - 1]);
    let mut plot = ChartBuilder::on(&body)
        .margin_left(MARGIN)
        .margin_right(MARGIN)
        .margin_top(8)
        .margin_bottom(4)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(
            Axis {
                from: -0.5,
                to: len as f64 - 0.5,
                ticks: x_keys,
            },
            Axis {
                from: first_tick,
                to: last_tick,
                ticks: ticks.clone(),
            },
        )?;

    let x_label = |x: &f64| {
        chart
            .x_labels
            .get(x.round() as usize)
            .cloned()
            .unwrap_or_default()
    };
    let y_label = |y: &f64| format_value(*y);
    plot.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(style::GRID.stroke_width(1))
        .axis_style(style::AXIS.stroke_width(1))
        .set_all_tick_mark_size(4)
        .label_style(font(LABEL_PX).color(&style::MUTED_TEXT))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .y_desc(chart.value_label.as_str())
        .axis_desc_style(font(LABEL_PX))
        .draw()?;

    // Previous period first, so the current lines sit on top.
    for run in runs(len, previous) {
        if let [only] = run.as_slice() {
            plot.draw_series([Circle::new(*only, 3, style::PREVIOUS.filled())])?;
        } else {
            plot.draw_series(DashedLineSeries::new(
                run,
                6,
                4,
                style::PREVIOUS.stroke_width(2),
            ))?;
        }
    }
    for (i, series) in chart.series.iter().enumerate() {
        let colour: RGBColor = series_colour(series.colour, i);
        for run in runs(len, |index| series.value(index)) {
            if let [only] = run.as_slice() {
                // A lone value between gaps: a dot, since a one-point line is invisible.
                plot.draw_series([Circle::new(*only, 3, colour.filled())])?;
            } else {
                plot.draw_series(LineSeries::new(run, colour.stroke_width(2)))?;
            }
        }
    }
    for marker in &chart.markers {
        let Some(value) = chart.series[marker.series].value(marker.index) else {
            continue;
        };
        // Labels near the ends grow inwards so they stay inside the chart.
        let anchor = if marker.index * 5 < len {
            HPos::Left
        } else if marker.index * 5 >= len * 4 {
            HPos::Right
        } else {
            HPos::Center
        };
        let label_style = style::bold_font(SMALL_PX).pos(Pos::new(anchor, VPos::Bottom));
        let dot = EmptyElement::at((marker.index as f64, value))
            + Circle::new((0, 0), 6, style::BACKGROUND.filled())
            + Circle::new((0, 0), 4, style::MARKER.filled())
            + Text::new(marker.label.clone(), (0, -9), label_style);
        plot.draw_series([dot])?;
    }
    Ok(())
}

fn alt_text(chart: &LineChart, format_value: ValueFormat) -> String {
    let len = chart.x_labels.len();
    let point = |(index, value): (usize, f64)| Point {
        at: chart.x_labels[index].clone(),
        value: format_value(value),
    };
    let missing = |series: &Series| (0..len).filter(|&i| series.value(i).is_none()).count();
    let mut sentences: Vec<String> = chart
        .series
        .iter()
        .map(|series| {
            let extremes = extremes(series, len)
                .map(|(high, low)| (point(high).placed(), point(low).placed()));
            wording::series_summary(chart.lang, &series.name, extremes, missing(series), len)
        })
        .collect();
    if let Some(previous) = &chart.previous {
        // Values only: this period's day labels would misdate the previous period's days.
        let extremes = extremes(previous, len)
            .map(|((_, high), (_, low))| (format_value(high), format_value(low)));
        let name = wording::dashed(chart.lang, &previous.name);
        sentences.push(wording::series_summary(
            chart.lang,
            &name,
            extremes,
            missing(previous),
            len,
        ));
    }
    if !chart.markers.is_empty() {
        let marked: Vec<(String, String)> = chart
            .markers
            .iter()
            .map(|m| (chart.x_labels[m.index].clone(), m.label.clone()))
            .collect();
        sentences.push(wording::markers(chart.lang, &marked));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_missing_values() {
        let values = [
            Some(1.0),
            Some(2.0),
            None,
            Some(4.0),
            None,
            None,
            Some(7.0),
            Some(8.0),
        ];
        assert_eq!(
            runs(values.len(), |i| values[i]),
            vec![
                vec![(0.0, 1.0), (1.0, 2.0)],
                vec![(3.0, 4.0)],
                vec![(6.0, 7.0), (7.0, 8.0)],
            ]
        );
        assert!(runs(3, |_| None).is_empty());
    }
}
