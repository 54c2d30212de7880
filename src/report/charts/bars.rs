//! Horizontal grouped bars: categories (platforms, post formats) down the side, up to three
//! series per category (this period, previous period …), each bar labelled with its value at
//! its end. A missing value gets no bar and a `—` label, so it never reads as zero.

use super::frame::{self, Area, DrawError, LegendEntry, Swatch, MARGIN};
use super::scale::{all_whole, nice_ticks, Axis};
use super::style::{self, font, series_colour, shorten, text_width, LABEL_PX, SMALL_PX};
use super::wording::{self, Point};
use super::{check_length, extremes, Chart, ChartError, Series, ValueFormat};
use crate::i18n::Lang;
use crate::report::format::MISSING;
use plotters::element::{EmptyElement, Rectangle, Text};
use plotters::prelude::ChartBuilder;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;

const WIDTH: u32 = 720;
const MIN_HEIGHT: u32 = 320;
/// At most this many series side by side: more bars per group stop being comparable.
const MAX_SERIES: usize = 3;
/// Pixels per bar, and the space between category groups.
const BAR_PX: u32 = 16;
const GROUP_GAP_PX: u32 = 14;
/// Share of a category's band left empty above and below its group.
const GROUP_PADDING: f64 = 0.12;
const X_LABEL_AREA: u32 = 40;
const CATEGORY_LABEL_CHARS: usize = 28;
const VALUE_LABEL_GAP: i32 = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Prefix of the SVG's ids: an ASCII letter, then letters, digits, `-`, `_`.
    pub id: String,
    pub title: String,
    /// Language of the text alternative.
    pub lang: Lang,
    /// Category names, drawn top to bottom in this order.
    pub categories: Vec<String>,
    /// The value axis' description, unit included (`Interaksi (jumlah)`).
    pub value_label: String,
    /// One to three series, each with one value per category; within a group the first
    /// series is the top bar.
    pub series: Vec<Series>,
}

/// Draws `chart`; `format_value` writes tick labels, bar labels and the values in the text
/// alternative. The chart grows taller than 320 px when the categories need it.
pub fn bars(chart: &BarChart, format_value: ValueFormat) -> Result<Chart, ChartError> {
    check(chart)?;
    let groups = chart.categories.len() as u32;
    let group_px = chart.series.len() as u32 * BAR_PX + GROUP_GAP_PX;
    let legend = legend(chart);
    let header = frame::header_height(&legend, WIDTH);
    let height = (header + X_LABEL_AREA + 8 + groups * group_px).max(MIN_HEIGHT);
    let alt = alt_text(chart, format_value);
    frame::render(&chart.id, &chart.title, alt, (WIDTH, height), |root| {
        draw(root, chart, &legend, format_value)
    })
}

fn check(chart: &BarChart) -> Result<(), ChartError> {
    let empty = |what| ChartError::Empty {
        chart: chart.id.clone(),
        what,
    };
    if chart.categories.is_empty() {
        return Err(empty("categories"));
    }
    if chart.series.is_empty() {
        return Err(empty("series"));
    }
    if chart.series.len() > MAX_SERIES {
        return Err(ChartError::TooManySeries {
            chart: chart.id.clone(),
            max: MAX_SERIES,
            found: chart.series.len(),
        });
    }
    for series in &chart.series {
        check_length(&chart.id, series, chart.categories.len())?;
    }
    Ok(())
}

fn legend(chart: &BarChart) -> Vec<LegendEntry> {
    chart
        .series
        .iter()
        .enumerate()
        .map(|(i, series)| LegendEntry {
            label: series.name.clone(),
            swatch: Swatch::Block(series_colour(series.colour, i)),
        })
        .collect()
}

fn draw(
    root: &Area,
    chart: &BarChart,
    legend: &[LegendEntry],
    format_value: ValueFormat,
) -> Result<(), DrawError> {
    let groups = chart.categories.len();
    let (top, body) = root.split_vertically(frame::header_height(legend, WIDTH));
    frame::draw_header(&top, &chart.title, legend)?;

    let values: Vec<f64> = chart
        .series
        .iter()
        .flat_map(|s| (0..groups).filter_map(move |i| s.value(i)))
        .collect();
    let low = values.iter().copied().fold(0.0, f64::min);
    let high = values.iter().copied().fold(0.0, f64::max);
    let ticks = nice_ticks(low, high, 5, all_whole(&values));

    let category_labels: Vec<String> = chart
        .categories
        .iter()
        .map(|c| shorten(c, CATEGORY_LABEL_CHARS))
        .collect();
    let widest_category = category_labels
        .iter()
        .map(|c| text_width(c, LABEL_PX))
        .fold(0.0, f64::max);
    let y_label_area = (widest_category + 14.0).ceil() as u32;

    // Room beyond the last tick (and before the first, for negative bars) for the value
    // labels: the axis is widened so that the widest label fits in pixels.
    let label_room = |negative: bool| {
        values
            .iter()
            .filter(|v| (**v < 0.0) == negative)
            .map(|v| text_width(&format_value(*v), SMALL_PX) + f64::from(VALUE_LABEL_GAP) + 4.0)
            .fold(0.0, f64::max)
            .max(text_width(MISSING, SMALL_PX) + 10.0)
    };
    let plot_px = f64::from(WIDTH) - f64::from(y_label_area) - 2.0 * f64::from(MARGIN);
    let right_share = label_room(false) / plot_px;
    let left_share = if low < 0.0 {
        label_room(true) / plot_px
    } else {
        0.0
    };
    let (first_tick, last_tick) = (ticks[0], ticks[ticks.len() - 1]);
    let total = (last_tick - first_tick) / (1.0 - right_share - left_share).max(0.4);

    let mut plot = ChartBuilder::on(&body)
        .margin_left(MARGIN)
        .margin_right(MARGIN)
        .margin_top(8)
        .margin_bottom(8)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(
            Axis {
                from: first_tick - left_share * total,
                to: last_tick + right_share * total,
                ticks: ticks.clone(),
            },
            Axis {
                from: 0.0,
                to: groups as f64,
                ticks: (0..groups).map(|i| i as f64 + 0.5).collect(),
            },
        )?;

    let x_label = |x: &f64| format_value(*x);
    // Category `i` (0 at the top) fills the band from groups − i − 1 to groups − i.
    let y_label = |y: &f64| {
        let from_bottom = y.floor().max(0.0) as usize;
        groups
            .checked_sub(from_bottom + 1)
            .and_then(|i| category_labels.get(i))
            .cloned()
            .unwrap_or_default()
    };
    plot.configure_mesh()
        .disable_y_mesh()
        .bold_line_style(style::GRID.stroke_width(1))
        .axis_style(style::AXIS.stroke_width(1))
        .set_all_tick_mark_size(4)
        .label_style(font(LABEL_PX).color(&style::MUTED_TEXT))
        .y_label_style(font(LABEL_PX))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(chart.value_label.as_str())
        .axis_desc_style(font(LABEL_PX))
        .draw()?;

    let bar_height = (1.0 - 2.0 * GROUP_PADDING) / chart.series.len() as f64;
    for (i, series) in chart.series.iter().enumerate() {
        let colour = series_colour(series.colour, i);
        for category in 0..groups {
            let band_top = (groups - category) as f64 - GROUP_PADDING;
            let bar_top = band_top - i as f64 * bar_height;
            // A sliver of white between the bars of one group.
            let (upper, lower) = (bar_top - 0.04 * bar_height, bar_top - 0.96 * bar_height);
            let centre = bar_top - bar_height / 2.0;
            let value = series.value(category);
            if let Some(value) = value {
                plot.draw_series([Rectangle::new(
                    [(0.0, upper), (value, lower)],
                    colour.filled(),
                )])?;
            }
            let (text, offset, anchor) = match value {
                Some(v) if v < 0.0 => (format_value(v), -VALUE_LABEL_GAP, HPos::Right),
                Some(v) => (format_value(v), VALUE_LABEL_GAP, HPos::Left),
                None => (MISSING.to_string(), VALUE_LABEL_GAP, HPos::Left),
            };
            let label = EmptyElement::at((value.unwrap_or(0.0), centre))
                + Text::new(
                    text,
                    (offset, 0),
                    font(SMALL_PX).pos(Pos::new(anchor, VPos::Center)),
                );
            plot.draw_series([label])?;
        }
    }
    Ok(())
}

fn alt_text(chart: &BarChart, format_value: ValueFormat) -> String {
    let groups = chart.categories.len();
    let show = |value: Option<f64>| value.map_or_else(|| MISSING.to_string(), format_value);
    let single = chart.series.len() == 1;
    let per_category: Vec<String> = chart
        .categories
        .iter()
        .enumerate()
        .map(|(index, category)| {
            let values: Vec<String> = chart
                .series
                .iter()
                .map(|series| {
                    let value = show(series.value(index));
                    if single {
                        value
                    } else {
                        format!("{} {value}", series.name)
                    }
                })
                .collect();
            format!("{category}: {}", values.join(", "))
        })
        .collect();
    let mut text = format!("{}.", per_category.join("; "));
    let first = &chart.series[0];
    if let Some(((index, value), _)) = extremes(first, groups) {
        let top = Point {
            at: chart.categories[index].clone(),
            value: format_value(value),
        };
        text.push(' ');
        text.push_str(&wording::highest_of(chart.lang, &first.name, &top));
    }
    text
}
