//! Tests over finished charts: well-formed XML, accessible name and description, escaping,
//! determinism, text alternatives, gaps, and one snapshot per chart type.

use super::*;
use crate::i18n::Lang;
use crate::report::format;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// An element of a parsed SVG, in document order.
#[derive(Debug, Clone)]
pub(super) struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    /// Its own text (not its children's), entities undone, surrounding whitespace trimmed.
    pub text: String,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Parses `svg` strictly (panicking on any XML error, unmatched end tag included) into its
/// elements.
pub(super) fn parse(svg: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(svg);
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let text_of_open = |elements: &mut Vec<Element>, open: &[usize], text: &str| {
        if let Some(&index) = open.last() {
            elements[index].text.push_str(text);
        }
    };
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Start(e) => {
                elements.push(element(&e));
                open.push(elements.len() - 1);
            }
            Event::Empty(e) => elements.push(element(&e)),
            Event::End(_) => {
                open.pop().expect("an end tag closes an open element");
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                text_of_open(&mut elements, &open, &text);
            }
            Event::GeneralRef(r) => {
                let text = resolve_predefined_entity(&r).expect("only predefined entities");
                text_of_open(&mut elements, &open, text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    for element in &mut elements {
        element.text = element.text.trim().to_string();
    }
    elements
}

fn element(e: &quick_xml::events::BytesStart) -> Element {
    let attributes = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let key = a.key.into_inner().to_string();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .expect("attribute value decodes")
                .into_owned();
            (key, value)
        })
        .collect();
    Element {
        name: e.name().into_inner().to_string(),
        attributes,
        text: String::new(),
    }
}

pub(super) fn named<'a>(elements: &'a [Element], name: &str) -> Vec<&'a Element> {
    elements.iter().filter(|e| e.name == name).collect()
}

pub(super) fn texts(elements: &[Element]) -> Vec<&str> {
    named(elements, "text")
        .iter()
        .map(|e| e.text.as_str())
        .collect()
}

fn whole(lang: Lang) -> impl Fn(f64) -> String {
    move |v| format::number(v, 0, lang)
}

// ---------------------------------------------------------------------------------------------
// Sample charts, small enough to check by hand.

pub(super) fn sample_line(lang: Lang) -> LineChart {
    LineChart {
        id: "reach-daily".to_string(),
        title: "Jangkauan harian".to_string(),
        lang,
        x_labels: ["1 Okt", "2 Okt", "3 Okt", "4 Okt", "5 Okt"]
            .map(String::from)
            .to_vec(),
        value_label: "Akun".to_string(),
        series: vec![Series::new(
            "Jangkauan",
            vec![Some(1200.0), Some(1500.0), None, Some(3400.0), Some(900.0)],
        )],
        previous: Some(
            Series::new(
                "Periode sebelumnya",
                vec![Some(1000.0), Some(1100.0), Some(1000.0)],
            )
            .with_colour(Colour::Grey),
        ),
        markers: vec![Marker {
            series: 0,
            index: 3,
            label: "Lonjakan".to_string(),
        }],
    }
}

pub(super) fn sample_bars(lang: Lang) -> BarChart {
    BarChart {
        id: "platform-engagement".to_string(),
        title: "Interaksi per platform".to_string(),
        lang,
        categories: ["Instagram", "Facebook", "TikTok"]
            .map(String::from)
            .to_vec(),
        value_label: "Interaksi".to_string(),
        series: vec![
            Series::new("Periode ini", vec![Some(1234.0), Some(560.0), None]),
            Series::new(
                "Periode sebelumnya",
                vec![Some(1000.0), Some(0.0), Some(80.0)],
            )
            .with_colour(Colour::Grey),
        ],
    }
}

pub(super) fn sample_stacked(lang: Lang) -> StackedBarChart {
    StackedBarChart {
        id: "sentiment-daily".to_string(),
        title: "Sentimen sebutan".to_string(),
        lang,
        x_labels: ["1 Okt", "2 Okt", "3 Okt"].map(String::from).to_vec(),
        value_label: "Sebutan".to_string(),
        parts: vec![
            Series::new("negatif", vec![Some(2.0), Some(10.0), None])
                .with_colour(Colour::Vermillion),
            Series::new("netral", vec![Some(5.0), Some(3.0), None]).with_colour(Colour::Grey),
            Series::new("positif", vec![Some(3.0), Some(7.0), None]).with_colour(Colour::Blue),
        ],
    }
}

pub(super) fn sample_heatmap(lang: Lang) -> Heatmap {
    let mut cells = [[HeatCell::default(); 24]; 7];
    cells[0][9] = HeatCell {
        posts: 3,
        mean: Some(4.5),
    };
    cells[0][10] = HeatCell {
        posts: 2,
        mean: Some(0.0),
    };
    cells[4][19] = HeatCell {
        posts: 1,
        mean: Some(2.25),
    };
    cells[6][20] = HeatCell {
        posts: 1,
        mean: None,
    };
    Heatmap {
        id: "posting-times".to_string(),
        title: "Waktu unggah dan tingkat interaksi".to_string(),
        lang,
        row_labels: ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"].map(String::from),
        column_labels: hour_labels(),
        column_axis: "Jam (WIB)".to_string(),
        value_label: "Rata-rata tingkat interaksi (%)".to_string(),
        cells,
    }
}

fn all_samples(lang: Lang) -> Vec<Chart> {
    let one = |v: f64| format::number(v, 1, lang);
    vec![
        line(&sample_line(lang), &whole(lang)).unwrap(),
        bars(&sample_bars(lang), &whole(lang)).unwrap(),
        stacked_bars(&sample_stacked(lang), &whole(lang)).unwrap(),
        heatmap(&sample_heatmap(lang), &one).unwrap(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Every chart

#[test]
fn every_chart_is_well_formed_and_accessible() {
    for chart in all_samples(Lang::Id) {
        let elements = parse(&chart.svg);
        let root = &elements[0];
        assert_eq!(root.name, "svg");
        let id = &chart.id;
        assert_eq!(root.attribute("role"), Some("img"), "{id}");
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some(format!("{id}-title {id}-desc").as_str())
        );
        assert_eq!(root.attribute("font-family"), Some("sans-serif"));
        let (width, height) = (
            root.attribute("width").unwrap(),
            root.attribute("height").unwrap(),
        );
        assert_eq!(
            root.attribute("viewBox"),
            Some(format!("0 0 {width} {height}").as_str())
        );
        let title = &named(&elements, "title")[0];
        assert_eq!(title.attribute("id"), Some(format!("{id}-title").as_str()));
        assert_eq!(title.text, chart.title);
        let desc = &named(&elements, "desc")[0];
        assert_eq!(desc.attribute("id"), Some(format!("{id}-desc").as_str()));
        assert_eq!(desc.text, chart.alt);
        // Every id in the document carries the chart's prefix.
        for element in &elements {
            if let Some(inner) = element.attribute("id") {
                assert!(inner.starts_with(&format!("{id}-")), "{inner}");
            }
        }
        // Text stays text, in the default font.
        assert!(texts(&elements).contains(&chart.title.as_str()), "{id}");
        for text in named(&elements, "text") {
            assert_eq!(text.attribute("font-family"), Some("sans-serif"));
        }
    }
}

#[test]
fn charts_are_deterministic() {
    let first = all_samples(Lang::En);
    let second = all_samples(Lang::En);
    assert_eq!(first, second);
}

#[test]
fn caller_text_is_escaped() {
    let evil = r#"<script>alert('x & "y"')</script>"#;
    let mut line_chart = sample_line(Lang::En);
    line_chart.title = evil.to_string();
    line_chart.series[0].name = evil.to_string();
    line_chart.x_labels[0] = evil.to_string();
    line_chart.markers[0].label = evil.to_string();
    let mut bar_chart = sample_bars(Lang::En);
    bar_chart.categories[0] = evil.to_string();
    bar_chart.value_label = evil.to_string();
    let mut heat = sample_heatmap(Lang::En);
    heat.row_labels[0] = evil.to_string();
    heat.value_label = evil.to_string();
    let mut stacked = sample_stacked(Lang::En);
    stacked.parts[0].name = evil.to_string();
    stacked.x_labels[1] = evil.to_string();

    let charts = [
        line(&line_chart, &whole(Lang::En)).unwrap(),
        bars(&bar_chart, &whole(Lang::En)).unwrap(),
        heatmap(&heat, &whole(Lang::En)).unwrap(),
        stacked_bars(&stacked, &whole(Lang::En)).unwrap(),
    ];
    for chart in charts {
        assert!(!chart.svg.contains("<script"), "{}", chart.id);
        assert!(chart.svg.contains("&lt;script&gt;"), "{}", chart.id);
        // Parsing undoes the escaping: the reader sees the text as the caller wrote it.
        let elements = parse(&chart.svg);
        let shown = texts(&elements)
            .into_iter()
            .filter(|t| t.contains("<script>"))
            .count();
        assert!(shown >= 1, "{}", chart.id);
    }
}

#[test]
fn value_labels_use_the_callers_formatter() {
    let chart = bars(&sample_bars(Lang::Id), &whole(Lang::Id)).unwrap();
    let elements = parse(&chart.svg);
    let shown = texts(&elements);
    assert!(shown.contains(&"1.234"), "{shown:?}");
    let chart = bars(&sample_bars(Lang::En), &whole(Lang::En)).unwrap();
    assert!(texts(&parse(&chart.svg)).contains(&"1,234"));
}

// ---------------------------------------------------------------------------------------------
// Text alternatives

#[test]
fn line_alt_text_names_extremes_gaps_and_markers() {
    let chart = line(&sample_line(Lang::Id), &whole(Lang::Id)).unwrap();
    assert_eq!(
        chart.alt,
        "Jangkauan: tertinggi 4 Okt (3.400), terendah 5 Okt (900); tanpa data pada 1 dari 5 titik. \
         Periode sebelumnya (garis putus-putus): tertinggi 1.100, terendah 1.000; \
         tanpa data pada 2 dari 5 titik. Ditandai: 4 Okt (Lonjakan)."
    );
    let chart = line(&sample_line(Lang::En), &whole(Lang::En)).unwrap();
    assert!(chart.alt.starts_with(
        "Jangkauan: highest 4 Okt (3,400), lowest 5 Okt (900); no data for 1 of 5 points."
    ));
}

#[test]
fn bars_alt_text_lists_every_category() {
    let chart = bars(&sample_bars(Lang::En), &whole(Lang::En)).unwrap();
    assert_eq!(
        chart.alt,
        "Instagram: Periode ini 1,234, Periode sebelumnya 1,000; \
         Facebook: Periode ini 560, Periode sebelumnya 0; \
         TikTok: Periode ini —, Periode sebelumnya 80. \
         Highest Periode ini: Instagram (1,234)."
    );
}

#[test]
fn stacked_alt_text_gives_totals_and_shares() {
    // negatif 2 + 10 = 12, netral 5 + 3 = 8, positif 3 + 7 = 10; all 30.
    let chart = stacked_bars(&sample_stacked(Lang::Id), &whole(Lang::Id)).unwrap();
    assert_eq!(
        chart.alt,
        "Seluruhnya: negatif 12 (40,0%), netral 8 (26,7%), positif 10 (33,3%). \
         Total tertinggi: 2 Okt (20)."
    );
}

#[test]
fn heatmap_alt_text_names_best_and_worst_slots() {
    let one = |v: f64| format::number(v, 1, Lang::En);
    let chart = heatmap(&sample_heatmap(Lang::En), &one).unwrap();
    // 168 slots, 4 with posts.
    assert_eq!(
        chart.alt,
        "Highest mean: Sen at 09 (4.5; 3 posts). Lowest mean: Sen at 10 (0.0; 2 posts). \
         164 of 168 hours have no posts."
    );
}

// ---------------------------------------------------------------------------------------------
// Drawing rules

/// Polylines stroked in `colour`, each as its list of points.
fn polylines(elements: &[Element], colour: &str) -> Vec<Vec<String>> {
    named(elements, "polyline")
        .into_iter()
        // Width 2: the series; the legend's swatch is 3 wide.
        .filter(|e| {
            e.attribute("stroke") == Some(colour) && e.attribute("stroke-width") == Some("2")
        })
        .map(|e| {
            e.attribute("points")
                .unwrap()
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .collect()
}

#[test]
fn a_missing_value_breaks_the_line() {
    let mut chart = sample_line(Lang::En);
    chart.previous = None;
    chart.markers.clear();
    let gapped = parse(&line(&chart, &whole(Lang::En)).unwrap().svg);
    let pieces = polylines(&gapped, Colour::Blue.hex());
    // Values 1200, 1500, —, 3400, 900: two pieces of two points, nothing at the third day.
    assert_eq!(pieces.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 2]);

    chart.series[0].values[2] = Some(2000.0);
    let whole_line = parse(&line(&chart, &whole(Lang::En)).unwrap().svg);
    let pieces = polylines(&whole_line, Colour::Blue.hex());
    assert_eq!(pieces.iter().map(Vec::len).collect::<Vec<_>>(), vec![5]);
    // The gapped drawing has exactly the four points the full one has around the gap.
    let full = &pieces[0];
    let gapped_points: Vec<String> = polylines(&gapped, Colour::Blue.hex()).concat();
    assert_eq!(
        gapped_points,
        vec![
            full[0].clone(),
            full[1].clone(),
            full[3].clone(),
            full[4].clone()
        ]
    );
}

#[test]
fn a_lone_value_between_gaps_is_a_dot() {
    let mut chart = sample_line(Lang::En);
    chart.previous = None;
    chart.markers.clear();
    chart.series[0].values = vec![None, Some(5.0), None, None, None];
    let elements = parse(&line(&chart, &whole(Lang::En)).unwrap().svg);
    assert!(polylines(&elements, Colour::Blue.hex()).is_empty());
    let dots = named(&elements, "circle")
        .into_iter()
        .filter(|c| c.attribute("fill") == Some(Colour::Blue.hex()))
        .count();
    assert_eq!(dots, 1);
}

#[test]
fn markers_are_vermillion_dots_with_their_label() {
    let elements = parse(&line(&sample_line(Lang::En), &whole(Lang::En)).unwrap().svg);
    let dots = named(&elements, "circle")
        .into_iter()
        .filter(|c| c.attribute("fill") == Some(Colour::Vermillion.hex()))
        .count();
    assert_eq!(dots, 1);
    assert!(texts(&elements).contains(&"Lonjakan"));
}

#[test]
fn a_marker_at_the_top_gets_headroom_for_its_label() {
    // Highest value 3400 → ticks 0 … 4000 (steps of 1000); the marker is below 3600, so
    // no stretch.
    let shown = |chart: &LineChart| {
        let elements = parse(&line(chart, &whole(Lang::En)).unwrap().svg);
        texts(&elements).contains(&"5,000")
    };
    let mut chart = sample_line(Lang::En);
    assert!(!shown(&chart));
    // 3900 is in the top tenth of 0 … 4000: the axis goes on to 5000.
    chart.series[0].values[3] = Some(3900.0);
    assert!(shown(&chart));
}

#[test]
fn whole_data_get_whole_ticks() {
    // Values up to 3 posts: ticks 0, 1, 2, 3 rather than 0, 0.5, … printed as "1" twice.
    let mut chart = sample_line(Lang::En);
    chart.previous = None;
    chart.markers.clear();
    chart.series[0].values = vec![Some(1.0), Some(3.0), Some(2.0), Some(0.0), Some(1.0)];
    let elements = parse(&line(&chart, &whole(Lang::En)).unwrap().svg);
    let shown = texts(&elements);
    for tick in ["0", "1", "2", "3"] {
        assert_eq!(
            shown.iter().filter(|t| **t == tick).count(),
            1,
            "{tick}: {shown:?}"
        );
    }
}

#[test]
fn a_missing_bar_is_labelled_not_drawn_as_zero() {
    let elements = parse(&bars(&sample_bars(Lang::En), &whole(Lang::En)).unwrap().svg);
    let blue_bars = named(&elements, "rect")
        .into_iter()
        .filter(|r| r.attribute("fill") == Some(Colour::Blue.hex()))
        .count();
    // Legend swatch + Instagram + Facebook; TikTok has no value.
    assert_eq!(blue_bars, 3);
    assert!(texts(&elements).contains(&format::MISSING));
}

#[test]
fn crowded_day_labels_are_thinned() {
    let days: Vec<String> = (1..=31).map(|d| format!("{d} Okt")).collect();
    let chart = LineChart {
        x_labels: days.clone(),
        series: vec![Series::new(
            "Jangkauan",
            (1..=31).map(|d| Some(f64::from(d))).collect(),
        )],
        previous: None,
        markers: vec![],
        ..sample_line(Lang::Id)
    };
    let elements = parse(&line(&chart, &whole(Lang::Id)).unwrap().svg);
    let shown: Vec<&str> = texts(&elements)
        .into_iter()
        .filter(|t| t.ends_with(" Okt"))
        .collect();
    assert!(shown.len() < 31 && shown.len() >= 5, "{shown:?}");
    assert_eq!(shown[0], "1 Okt");
}

// ---------------------------------------------------------------------------------------------
// Refusals

#[test]
fn bad_input_is_refused_with_context() {
    let fmt = whole(Lang::En);
    let mut chart = sample_line(Lang::En);
    chart.series[0].values.pop();
    assert_eq!(
        line(&chart, &fmt).unwrap_err(),
        ChartError::LengthMismatch {
            chart: "reach-daily".into(),
            series: "Jangkauan".into(),
            expected: 5,
            found: 4
        }
    );

    let mut chart = sample_line(Lang::En);
    chart.markers[0].index = 2; // the gap
    assert!(matches!(
        line(&chart, &fmt),
        Err(ChartError::MarkerOutOfRange { index: 2, .. })
    ));

    let mut chart = sample_line(Lang::En);
    chart.id = "2 charts".into();
    assert!(matches!(
        line(&chart, &fmt),
        Err(ChartError::InvalidId { .. })
    ));

    let mut chart = sample_line(Lang::En);
    chart.x_labels.clear();
    chart.series.clear();
    assert!(matches!(line(&chart, &fmt), Err(ChartError::Empty { .. })));

    let mut chart = sample_bars(Lang::En);
    let extra = chart.series[0].clone();
    chart.series.push(extra.clone());
    chart.series.push(extra);
    assert!(matches!(
        bars(&chart, &fmt),
        Err(ChartError::TooManySeries {
            max: 3,
            found: 4,
            ..
        })
    ));

    let mut chart = sample_stacked(Lang::En);
    chart.parts[1].values[1] = Some(-1.0);
    assert_eq!(
        stacked_bars(&chart, &fmt).unwrap_err(),
        ChartError::NegativePart {
            chart: "sentiment-daily".into(),
            part: "netral".into(),
            at: "2 Okt".into()
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Snapshots

#[test]
fn snapshot_line() {
    insta::assert_snapshot!(line(&sample_line(Lang::Id), &whole(Lang::Id)).unwrap().svg);
}

#[test]
fn snapshot_bars() {
    insta::assert_snapshot!(bars(&sample_bars(Lang::Id), &whole(Lang::Id)).unwrap().svg);
}

#[test]
fn snapshot_stacked_bars() {
    insta::assert_snapshot!(
        stacked_bars(&sample_stacked(Lang::Id), &whole(Lang::Id))
            .unwrap()
            .svg
    );
}

#[test]
fn snapshot_heatmap() {
    let one = |v: f64| format::number(v, 1, Lang::Id);
    insta::assert_snapshot!(heatmap(&sample_heatmap(Lang::Id), &one).unwrap().svg);
}

// ---------------------------------------------------------------------------------------------
// For looking at: `cargo test --lib report::charts -- --ignored` writes a month-sized chart of
// each type to `<temp dir>/charts/` (open them in a browser).

#[test]
#[ignore = "writes files for a person to look at"]
fn write_month_samples() {
    let lang = Lang::Id;
    // A fixed pseudo-random sequence (no clock, no crate): the same charts every run.
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / f64::from(1u32 << 31)
    };
    let days: Vec<String> = (1..=31).map(|d| format!("{d} Okt")).collect();
    let reach: Vec<Option<f64>> = (0..31)
        .map(|d| {
            (d != 17)
                .then(|| (2000.0 + 1500.0 * next()).round() + if d == 11 { 6000.0 } else { 0.0 })
        })
        .collect();
    let previous: Vec<Option<f64>> = (0..30)
        .map(|_| Some((1800.0 + 1200.0 * next()).round()))
        .collect();
    let line_chart = LineChart {
        id: "reach".into(),
        title: "Jangkauan harian, Oktober 2026".into(),
        lang,
        x_labels: days.clone(),
        value_label: "Akun yang dijangkau".into(),
        series: vec![Series::new("Jangkauan", reach)],
        previous: Some(Series::new("September 2026", previous)),
        markers: vec![Marker {
            series: 0,
            index: 11,
            label: "Lonjakan".into(),
        }],
    };
    let bar_chart = BarChart {
        id: "platforms".into(),
        title: "Interaksi per platform".into(),
        lang,
        categories: ["Instagram", "Facebook", "TikTok", "YouTube", "LinkedIn"]
            .map(String::from)
            .to_vec(),
        value_label: "Interaksi (jumlah)".into(),
        series: vec![
            Series::new(
                "Oktober 2026",
                vec![
                    Some(48210.0),
                    Some(12045.0),
                    Some(30877.0),
                    None,
                    Some(1432.0),
                ],
            ),
            Series::new(
                "September 2026",
                vec![
                    Some(40120.0),
                    Some(13960.0),
                    Some(18000.0),
                    Some(950.0),
                    Some(1210.0),
                ],
            )
            .with_colour(Colour::Grey),
        ],
    };
    let parts = |scale: f64, next: &mut dyn FnMut() -> f64| -> Vec<Option<f64>> {
        (0..31).map(|_| Some((scale * next()).round())).collect()
    };
    let stacked = StackedBarChart {
        id: "sentiment".into(),
        title: "Sentimen sebutan per hari".into(),
        lang,
        x_labels: days,
        value_label: "Sebutan".into(),
        parts: vec![
            Series::new("negatif", parts(12.0, &mut next)).with_colour(Colour::Vermillion),
            Series::new("netral", parts(40.0, &mut next)).with_colour(Colour::Grey),
            Series::new("positif", parts(25.0, &mut next)).with_colour(Colour::Blue),
        ],
    };
    let mut heat = sample_heatmap(lang);
    for day in 0..7 {
        for hour in 6..23 {
            if next() < 0.45 {
                let posts = 1 + (next() * 6.0) as u64;
                heat.cells[day][hour] = HeatCell {
                    posts,
                    mean: Some((next() * 800.0).round() / 100.0),
                };
            }
        }
    }
    heat.cells[2][3] = HeatCell {
        posts: 2,
        mean: None,
    };
    let percent = |v: f64| format!("{}%", format::number(v, 1, lang));
    let dir = std::env::temp_dir().join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    for chart in [
        line(&line_chart, &whole(lang)).unwrap(),
        bars(&bar_chart, &whole(lang)).unwrap(),
        stacked_bars(&stacked, &whole(lang)).unwrap(),
        heatmap(&heat, &percent).unwrap(),
    ] {
        std::fs::write(dir.join(format!("{}.svg", chart.id)), &chart.svg).unwrap();
        std::fs::write(dir.join(format!("{}.txt", chart.id)), &chart.alt).unwrap();
    }
}
