//! Stacked columns: per x label (day), parts stacked bottom to top (negative, neutral and
//! positive mentions), with a legend naming every part.

use super::frame::{self, Area, DrawError, LegendEntry, Swatch, MARGIN};
use super::scale::{all_whole, label_indices, nice_ticks, Axis};
use super::style::{self, font, series_colour, text_width, LABEL_PX};
use super::wording::{self, Point};
use super::{check_length, Chart, ChartError, Series, ValueFormat};
use crate::i18n::Lang;
use plotters::element::Rectangle;
use plotters::prelude::ChartBuilder;
use plotters::style::Color;

const SIZE: (u32, u32) = (720, 320);
const X_LABEL_AREA: u32 = 24;

#[derive(Debug, Clone, PartialEq)]
pub struct StackedBarChart {
    /// Prefix of the SVG's ids: an ASCII letter, then letters, digits, `-`, `_`.
    pub id: String,
    pub title: String,
    /// Language of the text alternative.
    pub lang: Lang,
    /// One label per column (`1 Okt`, …); thinned on the axis when crowded.
    pub x_labels: Vec<String>,
    /// The value axis' description, unit included (`Sebutan (jumlah)`).
    pub value_label: String,
    /// Parts stacked bottom to top, each with one value (≥ 0) per x label. A missing value
    /// adds nothing to its column; a column whose parts are all missing is left empty.
    pub parts: Vec<Series>,
}

/// Draws `chart`; `format_value` writes tick labels and the values in the text alternative.
pub fn stacked_bars(
    chart: &StackedBarChart,
    format_value: ValueFormat,
) -> Result<Chart, ChartError> {
    check(chart)?;
    let alt = alt_text(chart, format_value);
    frame::render(&chart.id, &chart.title, alt, SIZE, |root| {
        draw(root, chart, format_value)
    })
}

fn check(chart: &StackedBarChart) -> Result<(), ChartError> {
    let empty = |what| ChartError::Empty {
        chart: chart.id.clone(),
        what,
    };
    if chart.x_labels.is_empty() {
        return Err(empty("x labels"));
    }
    if chart.parts.is_empty() {
        return Err(empty("parts"));
    }
    for part in &chart.parts {
        check_length(&chart.id, part, chart.x_labels.len())?;
        if let Some(index) =
            (0..chart.x_labels.len()).find(|&i| part.value(i).is_some_and(|v| v < 0.0))
        {
            return Err(ChartError::NegativePart {
                chart: chart.id.clone(),
                part: part.name.clone(),
                at: chart.x_labels[index].clone(),
            });
        }
    }
    Ok(())
}

/// The column's total, or `None` when none of its parts has a value.
fn total(chart: &StackedBarChart, index: usize) -> Option<f64> {
    chart
        .parts
        .iter()
        .filter_map(|part| part.value(index))
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v))
}

fn draw(root: &Area, chart: &StackedBarChart, format_value: ValueFormat) -> Result<(), DrawError> {
    let len = chart.x_labels.len();
    let legend: Vec<LegendEntry> = chart
        .parts
        .iter()
        .enumerate()
        .map(|(i, part)| LegendEntry {
            label: part.name.clone(),
            swatch: Swatch::Block(series_colour(part.colour, i)),
        })
        .collect();
    let (top, body) = root.split_vertically(frame::header_height(&legend, SIZE.0));
    frame::draw_header(&top, &chart.title, &legend)?;

    let values: Vec<f64> = chart
        .parts
        .iter()
        .flat_map(|part| (0..len).filter_map(move |i| part.value(i)))
        .collect();
    let high = (0..len).filter_map(|i| total(chart, i)).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, high, 5, all_whole(&values));
    let widest_tick = ticks
        .iter()
        .map(|&t| text_width(&format_value(t), LABEL_PX))
        .fold(0.0, f64::max);
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
        .map(|i| i as f64 + 0.5)
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
                from: 0.0,
                to: len as f64,
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
            .get(x.floor().max(0.0) as usize)
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

    // Narrow gaps between many columns, wider ones between few.
    let padding = if len > 20 { 0.1 } else { 0.2 };
    for index in 0..len {
        let (left, right) = (index as f64 + padding, (index + 1) as f64 - padding);
        let mut base = 0.0;
        for (i, part) in chart.parts.iter().enumerate() {
            let Some(value) = part.value(index).filter(|v| *v > 0.0) else {
                continue;
            };
            let colour = series_colour(part.colour, i);
            plot.draw_series([Rectangle::new(
                [(left, base), (right, base + value)],
                colour.filled(),
            )])?;
            base += value;
        }
    }
    Ok(())
}

fn alt_text(chart: &StackedBarChart, format_value: ValueFormat) -> String {
    let len = chart.x_labels.len();
    let sums: Vec<f64> = chart
        .parts
        .iter()
        .map(|part| (0..len).filter_map(|i| part.value(i)).sum())
        .collect();
    let grand: f64 = sums.iter().sum();
    let parts: Vec<(String, String, Option<f64>)> = chart
        .parts
        .iter()
        .zip(&sums)
        .map(|(part, &sum)| {
            let share = (grand > 0.0).then(|| sum / grand * 100.0);
            (part.name.clone(), format_value(sum), share)
        })
        .collect();
    let mut text = wording::totals(chart.lang, &parts);
    let highest = (0..len)
        .filter_map(|i| total(chart, i).map(|t| (i, t)))
        .fold(None, |best: Option<(usize, f64)>, (i, t)| match best {
            Some((_, top)) if top >= t => best,
            _ => Some((i, t)),
        });
    if let Some((index, value)) = highest {
        let top = Point {
            at: chart.x_labels[index].clone(),
            value: format_value(value),
        };
        text.push(' ');
        text.push_str(&wording::highest_total(chart.lang, &top));
    }
    text
}
