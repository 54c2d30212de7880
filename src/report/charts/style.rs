//! Colours, fonts and text-size estimates shared by every chart.
//!
//! The palette is Okabe–Ito, readable with the common colour-vision deficiencies; the heatmap
//! uses one hue from light to dark so that "more" reads as "darker" in grey print too.

use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};
use serde::Serialize;

/// A colour of the Okabe–Ito palette, plus the grey used for previous-period series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Blue,
    Orange,
    Green,
    Vermillion,
    Purple,
    Sky,
    Yellow,
    Black,
    /// For a previous period or a "neutral" part: reads as background next to the others.
    Grey,
}

impl Colour {
    pub fn hex(self) -> &'static str {
        match self {
            Colour::Blue => "#0072B2",
            Colour::Orange => "#E69F00",
            Colour::Green => "#009E73",
            Colour::Vermillion => "#D55E00",
            Colour::Purple => "#CC79A7",
            Colour::Sky => "#56B4E9",
            Colour::Yellow => "#F0E442",
            Colour::Black => "#000000",
            Colour::Grey => "#8C8C8C",
        }
    }

    pub(super) fn rgb(self) -> RGBColor {
        match self {
            Colour::Blue => RGBColor(0x00, 0x72, 0xB2),
            Colour::Orange => RGBColor(0xE6, 0x9F, 0x00),
            Colour::Green => RGBColor(0x00, 0x9E, 0x73),
            Colour::Vermillion => RGBColor(0xD5, 0x5E, 0x00),
            Colour::Purple => RGBColor(0xCC, 0x79, 0xA7),
            Colour::Sky => RGBColor(0x56, 0xB4, 0xE9),
            Colour::Yellow => RGBColor(0xF0, 0xE4, 0x42),
            Colour::Black => RGBColor(0x00, 0x00, 0x00),
            Colour::Grey => RGBColor(0x8C, 0x8C, 0x8C),
        }
    }
}

/// Colours given to series without one, in order. Vermillion comes late because spike
/// markers use it; yellow last because thin yellow lines are faint on white.
const CYCLE: [Colour; 8] = [
    Colour::Blue,
    Colour::Orange,
    Colour::Green,
    Colour::Purple,
    Colour::Sky,
    Colour::Vermillion,
    Colour::Black,
    Colour::Yellow,
];

/// The colour of the `index`-th series: its own, or the next one of the cycle.
pub(super) fn series_colour(own: Option<Colour>, index: usize) -> RGBColor {
    own.unwrap_or(CYCLE[index % CYCLE.len()]).rgb()
}

/// Spike and other point markers.
pub(super) const MARKER: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Previous-period lines: dashed and grey, behind the current ones.
pub(super) const PREVIOUS: RGBColor = RGBColor(0x80, 0x80, 0x80);
pub(super) const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub(super) const MUTED_TEXT: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(super) const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub(super) const AXIS: RGBColor = RGBColor(0x80, 0x80, 0x80);
pub(super) const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Outline of a heatmap cell without posts: visibly "nothing here", unlike the lightest blue.
pub(super) const EMPTY_OUTLINE: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Fill of a heatmap cell with posts but no value of the metric.
pub(super) const NO_VALUE_FILL: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);

/// Stops of the heatmap's single-hue ramp, light to dark blue. The lightest is dark enough
/// to tell a low value from an empty (white, outlined) cell.
const RAMP: [(f64, (u8, u8, u8)); 3] = [
    (0.0, (0xDC, 0xEA, 0xF7)),
    (0.5, (0x5A, 0x9B, 0xD0)),
    (1.0, (0x0B, 0x2F, 0x66)),
];

/// The ramp colour at `t` in 0..=1 (clamped).
pub(super) fn ramp(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let upper = RAMP
        .iter()
        .position(|(stop, _)| *stop >= t)
        .unwrap_or(RAMP.len() - 1);
    let (t1, c1) = RAMP[upper];
    let (t0, c0) = RAMP[upper.saturating_sub(1)];
    let share = if t1 > t0 { (t - t0) / (t1 - t0) } else { 0.0 };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share).round() as u8;
    RGBColor(mix(c0.0, c1.0), mix(c0.1, c1.1), mix(c0.2, c1.2))
}

/// Dark text on light fills, white text on dark ones (WCAG relative luminance).
pub(super) fn text_on(fill: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(fill.0) + 0.7152 * linear(fill.1) + 0.0722 * linear(fill.2);
    if luminance < 0.3 {
        BACKGROUND
    } else {
        TEXT
    }
}

/// Font sizes in CSS pixels.
pub(super) const TITLE_PX: f64 = 16.0;
pub(super) const LEGEND_PX: f64 = 12.0;
pub(super) const LABEL_PX: f64 = 11.0;
pub(super) const SMALL_PX: f64 = 10.0;
pub(super) const TINY_PX: f64 = 9.0;

/// plotters' SVG backend writes `font-size` as the style's size divided by 1.24 (its notion
/// of points to pixels); scaling up here makes the written size the one asked for.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// A sans-serif text style of `px` CSS pixels, anchored by its left edge and top.
pub(super) fn font(px: f64) -> TextStyle<'static> {
    FontDesc::new(
        FontFamily::SansSerif,
        px * PLOTTERS_FONT_SCALE,
        FontStyle::Normal,
    )
    .color(&TEXT)
    .pos(Pos::new(HPos::Left, VPos::Top))
}

pub(super) fn bold_font(px: f64) -> TextStyle<'static> {
    FontDesc::new(
        FontFamily::SansSerif,
        px * PLOTTERS_FONT_SCALE,
        FontStyle::Bold,
    )
    .color(&TEXT)
    .pos(Pos::new(HPos::Left, VPos::Top))
}

/// Average advance of a character as a share of the font size. Generous (DejaVu Sans, the
/// widest of the fonts the PDF route uses, averages about 0.6 em), so that layouts computed
/// from it leave room rather than overlap. The real width is only known to the viewer.
const CHAR_WIDTH_EM: f64 = 0.62;

/// Estimated width in pixels of `text` at `px`.
pub(super) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * CHAR_WIDTH_EM
}

/// `text` cut to at most `max_chars` characters, with `…` when cut. For labels only: the
/// alt text always carries the whole name.
pub(super) fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_runs_light_to_dark_through_its_stops() {
        assert_eq!(ramp(0.0), RGBColor(0xDC, 0xEA, 0xF7));
        assert_eq!(ramp(0.5), RGBColor(0x5A, 0x9B, 0xD0));
        assert_eq!(ramp(1.0), RGBColor(0x0B, 0x2F, 0x66));
        // Halfway between the first two stops: (0xDC + 0x5A) / 2 = 0x9B, (0xEA + 0x9B) / 2 =
        // 194.5 → 0xC3, (0xF7 + 0xD0) / 2 = 227.5 → 0xE4.
        assert_eq!(ramp(0.25), RGBColor(0x9B, 0xC3, 0xE4));
        assert_eq!(ramp(-3.0), ramp(0.0));
        assert_eq!(ramp(f64::NAN), ramp(0.0));
    }

    #[test]
    fn text_contrasts_with_its_fill() {
        assert_eq!(text_on(ramp(0.0)), TEXT);
        assert_eq!(text_on(ramp(1.0)), BACKGROUND);
    }

    #[test]
    fn series_without_colour_take_the_cycle() {
        assert_eq!(series_colour(None, 0), Colour::Blue.rgb());
        assert_eq!(series_colour(None, 1), Colour::Orange.rgb());
        assert_eq!(series_colour(None, 8), Colour::Blue.rgb());
        assert_eq!(series_colour(Some(Colour::Grey), 0), Colour::Grey.rgb());
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Instagram", 20), "Instagram");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
        assert_eq!(shorten("ab  cdef", 4), "ab…");
    }
}
