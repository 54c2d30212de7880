//! Weekday × hour heatmap: 7 rows, 24 columns. A cell's colour is the mean of a metric over
//! the posts published in that hour slot (light to dark blue), its text the number of those
//! posts. A slot without posts is an empty outlined box, so it never reads as a low value;
//! a slot with posts but no value of the metric is grey.
//!
//! Drawn cell by cell on plotters' pixel canvas: a grid with per-cell labels is not one of
//! plotters' series, and pixel layout keeps every cell the same integer size.

use super::frame::{self, Area, DrawError, LegendEntry, Swatch, MARGIN};
use super::style::{self, font, ramp, text_on, text_width, LABEL_PX, LEGEND_PX, SMALL_PX, TINY_PX};
use super::wording::{self, Slot};
use super::{Chart, ChartError, ValueFormat};
use crate::i18n::Lang;
use crate::report::format;
use plotters::element::{Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

const DAYS: usize = 7;
const HOURS: usize = 24;
const SIZE: (u32, u32) = (720, 336);
const CELL_HEIGHT: i32 = 28;
/// Swatches of the colour legend, from the lowest to the highest value.
const LEGEND_STEPS: usize = 6;
const LEGEND_SWATCH: i32 = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Prefix of the SVG's ids: an ASCII letter, then letters, digits, `-`, `_`.
    pub id: String,
    pub title: String,
    /// Language of the text alternative and the legend's fixed words.
    pub lang: Lang,
    /// Weekday names, top to bottom, in the order of `cells`.
    pub row_labels: [String; DAYS],
    /// Hour names, left to right ([`hour_labels`] gives `00` … `23`).
    pub column_labels: [String; HOURS],
    /// Description under the hour axis, time zone included (`Jam (WIB)`).
    pub column_axis: String,
    /// What the colour shows, unit included (`Rata-rata tingkat interaksi (%)`).
    pub value_label: String,
    /// `cells[day][hour]`.
    pub cells: [[HeatCell; HOURS]; DAYS],
}

/// One hour slot: how many posts were published in it and the mean of the metric over them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HeatCell {
    pub posts: u64,
    pub mean: Option<f64>,
}

impl HeatCell {
    /// The mean, when the slot has posts and the mean is a number.
    fn value(&self) -> Option<f64> {
        self.mean.filter(|v| self.posts > 0 && v.is_finite())
    }
}

/// `00`, `01`, … `23`: hour labels that read the same in both languages.
pub fn hour_labels() -> [String; HOURS] {
    std::array::from_fn(|hour| format!("{hour:02}"))
}

/// Draws `chart`; `format_value` writes the colour legend's ends and the values in the text
/// alternative.
pub fn heatmap(chart: &Heatmap, format_value: ValueFormat) -> Result<Chart, ChartError> {
    let alt = alt_text(chart, format_value);
    frame::render(&chart.id, &chart.title, alt, SIZE, |root| {
        draw(root, chart, format_value)
    })
}

/// Every (day, hour, value) with a value, rows first.
fn valued(chart: &Heatmap) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    chart.cells.iter().enumerate().flat_map(|(day, row)| {
        row.iter()
            .enumerate()
            .filter_map(move |(hour, cell)| cell.value().map(|v| (day, hour, v)))
    })
}

/// Lowest and highest value of the map, if any cell has one.
fn value_range(chart: &Heatmap) -> Option<(f64, f64)> {
    valued(chart).fold(None, |range, (_, _, v)| match range {
        None => Some((v, v)),
        Some((low, high)) => Some((low.min(v), high.max(v))),
    })
}

/// Where `value` sits between `low` and `high`, 0..=1; the middle when all values are equal.
fn position(value: f64, (low, high): (f64, f64)) -> f64 {
    if high > low {
        (value - low) / (high - low)
    } else {
        0.5
    }
}

/// The grid's pixel geometry.
struct Grid {
    left: i32,
    top: i32,
    cell_width: i32,
}

impl Grid {
    fn new(chart: &Heatmap) -> Grid {
        let widest_day = chart
            .row_labels
            .iter()
            .map(|l| text_width(l, LABEL_PX))
            .fold(0.0, f64::max);
        let left = MARGIN + widest_day.ceil() as i32 + 8;
        let cell_width = (SIZE.0 as i32 - MARGIN - left) / HOURS as i32;
        Grid {
            left,
            top: frame::header_height(&[], SIZE.0) as i32,
            cell_width,
        }
    }

    fn bottom(&self) -> i32 {
        self.top + DAYS as i32 * CELL_HEIGHT
    }

    fn right(&self) -> i32 {
        self.left + HOURS as i32 * self.cell_width
    }

    /// Upper-left and lower-right corners of a cell, `inset` pixels inside its slot.
    fn cell(&self, day: usize, hour: usize, inset: i32) -> [(i32, i32); 2] {
        let x = self.left + hour as i32 * self.cell_width;
        let y = self.top + day as i32 * CELL_HEIGHT;
        [
            (x + inset, y + inset),
            (x + self.cell_width - inset, y + CELL_HEIGHT - inset),
        ]
    }
}

fn draw(root: &Area, chart: &Heatmap, format_value: ValueFormat) -> Result<(), DrawError> {
    frame::draw_header(root, &chart.title, &[])?;
    let grid = Grid::new(chart);
    let range = value_range(chart);
    let centred = |px| font(px).pos(Pos::new(HPos::Center, VPos::Center));

    for (day, label) in chart.row_labels.iter().enumerate() {
        let centre = grid.top + day as i32 * CELL_HEIGHT + CELL_HEIGHT / 2;
        root.draw(&Text::new(
            label.clone(),
            (grid.left - 8, centre),
            font(LABEL_PX).pos(Pos::new(HPos::Right, VPos::Center)),
        ))?;
    }
    for (day, row) in chart.cells.iter().enumerate() {
        for (hour, cell) in row.iter().enumerate() {
            if cell.posts == 0 {
                root.draw(&Rectangle::new(
                    grid.cell(day, hour, 3),
                    style::EMPTY_OUTLINE.stroke_width(1),
                ))?;
                continue;
            }
            let fill = match (cell.value(), range) {
                (Some(value), Some(range)) => ramp(position(value, range)),
                _ => style::NO_VALUE_FILL,
            };
            root.draw(&Rectangle::new(grid.cell(day, hour, 1), fill.filled()))?;
            let [(x0, y0), (x1, y1)] = grid.cell(day, hour, 0);
            let count = format::integer(i128::from(cell.posts), chart.lang);
            // Four digits and more get a smaller font to stay inside the cell.
            let px = if text_width(&count, SMALL_PX) > f64::from(grid.cell_width - 4) {
                TINY_PX
            } else {
                SMALL_PX
            };
            root.draw(&Text::new(
                count,
                ((x0 + x1) / 2, (y0 + y1) / 2),
                centred(px).color(&text_on(fill)),
            ))?;
        }
    }

    // Hour labels under the grid, thinned if the cells are too narrow for them.
    let widest_hour = chart
        .column_labels
        .iter()
        .map(|l| text_width(l, SMALL_PX))
        .fold(0.0, f64::max);
    let every = ((widest_hour + 4.0) / f64::from(grid.cell_width))
        .ceil()
        .max(1.0) as usize;
    for (hour, label) in chart.column_labels.iter().enumerate().step_by(every) {
        let centre = grid.left + hour as i32 * grid.cell_width + grid.cell_width / 2;
        root.draw(&Text::new(
            label.clone(),
            (centre, grid.bottom() + 5),
            font(SMALL_PX)
                .color(&style::MUTED_TEXT)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    root.draw(&Text::new(
        chart.column_axis.clone(),
        ((grid.left + grid.right()) / 2, grid.bottom() + 22),
        font(LABEL_PX).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;

    draw_legend(root, chart, &grid, range, format_value)
}

/// Two rows under the axis: the colour scale from its lowest to its highest value and what
/// it shows, then what an outlined (and a grey) box and the number in a cell mean.
fn draw_legend(
    root: &Area,
    chart: &Heatmap,
    grid: &Grid,
    range: Option<(f64, f64)>,
    format_value: ValueFormat,
) -> Result<(), DrawError> {
    let left_centre = |px| font(px).pos(Pos::new(HPos::Left, VPos::Center));
    let scale_row = grid.bottom() + 54;
    let mut x = MARGIN;
    let write = |text: String, x: &mut i32| -> Result<(), DrawError> {
        let width = text_width(&text, LEGEND_PX).ceil() as i32;
        root.draw(&Text::new(text, (*x, scale_row), left_centre(LEGEND_PX)))?;
        *x += width + 8;
        Ok(())
    };
    // The caller's label goes last: its width is only estimated, and a wrong estimate at
    // the end of the row leaves no odd gap.
    if let Some((low, high)) = range {
        write(format_value(low), &mut x)?;
        for step in 0..LEGEND_STEPS {
            let t = step as f64 / (LEGEND_STEPS - 1) as f64;
            let left = x + step as i32 * LEGEND_SWATCH;
            root.draw(&Rectangle::new(
                [(left, scale_row - 7), (left + LEGEND_SWATCH, scale_row + 7)],
                ramp(t).filled(),
            ))?;
        }
        x += LEGEND_STEPS as i32 * LEGEND_SWATCH + 8;
        write(format_value(high), &mut x)?;
    } else {
        write(format::MISSING.to_string(), &mut x)?;
    }
    write(chart.value_label.clone(), &mut x)?;

    let mut entries = vec![LegendEntry {
        label: wording::no_posts(chart.lang).to_string(),
        swatch: Swatch::Outline(style::EMPTY_OUTLINE),
    }];
    let has_unvalued = chart
        .cells
        .iter()
        .flatten()
        .any(|cell| cell.posts > 0 && cell.value().is_none());
    if has_unvalued {
        entries.push(LegendEntry {
            label: wording::no_value(chart.lang).to_string(),
            swatch: Swatch::Block(style::NO_VALUE_FILL),
        });
    }
    let key_row = scale_row + 22;
    let mut x = MARGIN;
    for entry in entries {
        let (corner, far) = ((x + 4, key_row - 7), (x + 20, key_row + 7));
        match entry.swatch {
            Swatch::Block(colour) => {
                root.draw(&Rectangle::new([corner, far], colour.filled()))?;
            }
            Swatch::Outline(colour) | Swatch::Line(colour) | Swatch::Dashed(colour) => {
                root.draw(&Rectangle::new([corner, far], colour.stroke_width(1)))?;
            }
        }
        let width = text_width(&entry.label, LEGEND_PX).ceil() as i32;
        root.draw(&Text::new(
            entry.label,
            (x + 28, key_row),
            left_centre(LEGEND_PX),
        ))?;
        x += 28 + width + 18;
    }
    let hint_colour: RGBColor = style::MUTED_TEXT;
    root.draw(&Text::new(
        wording::cell_count_hint(chart.lang),
        (x, key_row),
        left_centre(LEGEND_PX).color(&hint_colour),
    ))?;
    Ok(())
}

fn alt_text(chart: &Heatmap, format_value: ValueFormat) -> String {
    let slot = |(day, hour, value): (usize, usize, f64)| Slot {
        day: chart.row_labels[day].clone(),
        hour: chart.column_labels[hour].clone(),
        value: format_value(value),
        posts: chart.cells[day][hour].posts,
    };
    let extremes = valued(chart).fold(None, |best, cell| match best {
        None => Some((cell, cell)),
        Some((high, low)) => Some((
            if cell.2 > high.2 { cell } else { high },
            if cell.2 < low.2 { cell } else { low },
        )),
    });
    let empty = chart
        .cells
        .iter()
        .flatten()
        .filter(|c| c.posts == 0)
        .count();
    wording::heatmap_summary(
        chart.lang,
        extremes.map(|(high, low)| (slot(high), slot(low))),
        empty,
        DAYS * HOURS,
    )
}
