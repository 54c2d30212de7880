//! What every chart shares: the drawing surface, the title and the legend row above the
//! plot, and the step from drawing to finished [`Chart`].
//!
//! The legend is drawn here rather than by plotters (whose legend box sits inside the plot
//! and can cover data): one row under the title, wrapping when it is too long.

use super::style::{self, bold_font, font, text_width, LEGEND_PX, TITLE_PX};
use super::{svg, Chart, ChartError};
use plotters::coord::Shift;
use plotters::element::{DashedPathElement, PathElement, Rectangle, Text};
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(super) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// Space left of the title and legend, and right of the widest element.
pub(super) const MARGIN: i32 = 16;
const TITLE_TOP: i32 = 12;
const LEGEND_TOP: i32 = 40;
const LEGEND_ROW: i32 = 20;
const SWATCH_WIDTH: i32 = 24;
const SWATCH_GAP: i32 = 6;
const ENTRY_GAP: i32 = 18;

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy)]
pub(super) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Block(RGBColor),
    /// An empty box (heatmap cells without posts).
    Outline(RGBColor),
}

#[derive(Debug, Clone)]
pub(super) struct LegendEntry {
    pub label: String,
    pub swatch: Swatch,
}

/// Entries placed left to right, wrapping to a new row when `width` is used up:
/// (row, x) of each entry.
fn legend_layout(entries: &[LegendEntry], width: u32) -> Vec<(i32, i32)> {
    let right_edge = width as i32 - MARGIN;
    let (mut row, mut x) = (0, MARGIN);
    entries
        .iter()
        .map(|entry| {
            let entry_width =
                SWATCH_WIDTH + SWATCH_GAP + text_width(&entry.label, LEGEND_PX).ceil() as i32;
            if x > MARGIN && x + entry_width > right_edge {
                row += 1;
                x = MARGIN;
            }
            let place = (row, x);
            x += entry_width + ENTRY_GAP;
            place
        })
        .collect()
}

/// Height of the title and legend band above the plot.
pub(super) fn header_height(entries: &[LegendEntry], width: u32) -> u32 {
    let rows = legend_layout(entries, width)
        .last()
        .map_or(0, |(row, _)| row + 1);
    (LEGEND_TOP + rows * LEGEND_ROW + 4) as u32
}

/// Draws the title (shortened to the width; `<title>` keeps it whole) and the legend.
pub(super) fn draw_header(
    area: &Area,
    title: &str,
    entries: &[LegendEntry],
) -> Result<(), DrawError> {
    let width = area.dim_in_pixel().0;
    let title_room = f64::from(width) - 2.0 * f64::from(MARGIN);
    let max_chars = (title_room / (TITLE_PX * 0.62)) as usize;
    area.draw(&Text::new(
        style::shorten(title, max_chars),
        (MARGIN, TITLE_TOP),
        bold_font(TITLE_PX),
    ))?;
    for (entry, (row, x)) in entries.iter().zip(legend_layout(entries, width)) {
        let centre = LEGEND_TOP + row * LEGEND_ROW + LEGEND_ROW / 2;
        draw_swatch(area, entry.swatch, x, centre)?;
        area.draw(&Text::new(
            entry.label.clone(),
            (x + SWATCH_WIDTH + SWATCH_GAP, centre),
            font(LEGEND_PX).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

fn draw_swatch(area: &Area, swatch: Swatch, x: i32, centre: i32) -> Result<(), DrawError> {
    let ends = vec![(x, centre), (x + SWATCH_WIDTH, centre)];
    let block = [(x + 6, centre - 6), (x + SWATCH_WIDTH, centre + 6)];
    match swatch {
        Swatch::Line(colour) => area.draw(&PathElement::new(ends, colour.stroke_width(3))),
        Swatch::Dashed(colour) => {
            area.draw(&DashedPathElement::new(ends, 5, 3, colour.stroke_width(2)))
        }
        Swatch::Block(colour) => area.draw(&Rectangle::new(block, colour.filled())),
        Swatch::Outline(colour) => area.draw(&Rectangle::new(block, colour.stroke_width(1))),
    }
}

/// Draws a chart of `size` pixels with `draw` and finishes it into a [`Chart`].
pub(super) fn render(
    id: &str,
    title: &str,
    alt: String,
    size: (u32, u32),
    draw: impl FnOnce(&Area) -> Result<(), DrawError>,
) -> Result<Chart, ChartError> {
    svg::check_id(id)?;
    let mut drawn = String::new();
    {
        let root = SVGBackend::with_string(&mut drawn, size).into_drawing_area();
        root.fill(&style::BACKGROUND)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present())
            .map_err(|source| ChartError::Draw {
                chart: id.to_string(),
                message: source.to_string(),
            })?;
    }
    let svg = svg::finish(&drawn, id, size, title, &alt)?;
    Ok(Chart {
        id: id.to_string(),
        title: title.to_string(),
        svg,
        alt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str) -> LegendEntry {
        LegendEntry {
            label: label.to_string(),
            swatch: Swatch::Block(style::TEXT),
        }
    }

    #[test]
    fn legend_wraps_when_the_row_is_full() {
        // Each entry: 24 + 6 + 10 chars × 12 px × 0.62 (74.4 → 75) = 105 px, then 18 px gap.
        let entries: Vec<_> = (0..6).map(|_| entry("abcdefghij")).collect();
        let places = legend_layout(&entries, 400);
        // Rows hold 16 + 105 = 121, 244, 367 ≤ 384 → three entries per row.
        assert_eq!(
            places,
            vec![(0, 16), (0, 139), (0, 262), (1, 16), (1, 139), (1, 262)]
        );
        assert_eq!(header_height(&entries, 400), 40 + 2 * 20 + 4);
        assert_eq!(header_height(&[], 400), 44);
    }
}
