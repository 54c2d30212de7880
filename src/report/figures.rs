//! Which charts the report shows, and from which figures: this module turns the context and
//! the metric table's per-day and per-slot figures into the inputs of `charts`, with titles
//! and axis labels from the report's UI strings. A chart without data is left out (the
//! section's tables say "no data"), never drawn empty.

use super::charts::{self, Chart, Colour, HeatCell, Marker, Series};
use super::context::{ChartView, ReportContext};
use super::format;
use super::sections::weekday_label;
use super::ReportError;
use crate::i18n::Lang;
use crate::metrics::content::{ContentStats, DayStats};
use std::collections::BTreeMap;

/// Every chart of the report, by id.
pub fn charts(
    ctx: &ReportContext,
    content: &ContentStats,
    strings: &BTreeMap<String, String>,
    lang: Lang,
) -> Result<BTreeMap<String, ChartView>, ReportError> {
    let t = |key: &str| -> Result<String, ReportError> {
        strings
            .get(key)
            .cloned()
            .ok_or_else(|| ReportError::MissingStrings {
                keys: key.to_string(),
            })
    };
    let whole = |v: f64| format::number(v, 0, lang);
    let one_decimal = |v: f64| format::number(v, 1, lang);
    let mut out: Vec<Result<Chart, charts::ChartError>> = Vec::new();

    // Interactions per day against the previous period, aligned by day of the period.
    if content.days.iter().any(|d| d.posts > 0) {
        out.push(charts::line(
            &charts::LineChart {
                id: "activity".into(),
                title: t("chart_activity_title")?,
                lang,
                x_labels: day_labels(&content.days),
                value_label: t("chart_interactions_axis")?,
                series: vec![
                    Series::new(t("chart_this_period")?, interactions(&content.days))
                        .with_colour(Colour::Blue),
                ],
                previous: content
                    .previous_days
                    .iter()
                    .any(|d| d.posts > 0)
                    .then(|| -> Result<Series, ReportError> {
                        Ok(Series::new(
                            t("chart_previous_period")?,
                            interactions(&content.previous_days),
                        ))
                    })
                    .transpose()?,
                markers: vec![],
            },
            &whole,
        ));
    }

    // Interactions per platform, this period and the previous one.
    let per_platform: Vec<(String, Option<f64>, Option<f64>)> = ctx
        .platforms
        .iter()
        .filter_map(|p| {
            let row = p.metrics.iter().find(|r| r.id == "interactions")?;
            Some((p.name.clone(), row.value, row.previous))
        })
        .collect();
    if per_platform.iter().any(|(_, v, _)| v.is_some()) {
        out.push(charts::bars(
            &charts::BarChart {
                id: "platforms".into(),
                title: t("chart_platforms_title")?,
                lang,
                categories: per_platform.iter().map(|(n, _, _)| n.clone()).collect(),
                value_label: t("chart_interactions_axis")?,
                series: vec![
                    Series::new(
                        t("chart_this_period")?,
                        per_platform.iter().map(|(_, v, _)| *v).collect(),
                    )
                    .with_colour(Colour::Blue),
                    Series::new(
                        t("chart_previous_period")?,
                        per_platform.iter().map(|(_, _, p)| *p).collect(),
                    )
                    .with_colour(Colour::Grey),
                ],
            },
            &whole,
        ));
    }

    // Best time to post: mean interactions per post by local weekday and hour.
    if !content.slots.is_empty() {
        let mut cells = [[HeatCell::default(); 24]; 7];
        for slot in &content.slots {
            cells[slot.weekday.min(6) as usize][slot.hour.min(23) as usize] = HeatCell {
                posts: slot.posts,
                mean: (slot.posts > 0).then(|| slot.interactions as f64 / slot.posts as f64),
            };
        }
        out.push(charts::heatmap(
            &charts::Heatmap {
                id: "best_time".into(),
                title: t("chart_best_time_title")?,
                lang,
                row_labels: std::array::from_fn(|d| weekday_label(d as u32, lang).to_string()),
                column_labels: charts::hour_labels(),
                column_axis: t("chart_hour_axis")?,
                value_label: t("chart_mean_interactions_axis")?,
                cells,
            },
            &one_decimal,
        ));
    }

    // Formats: mean interactions per post, this period and the previous one.
    if !ctx.content.formats.is_empty() {
        out.push(charts::bars(
            &charts::BarChart {
                id: "formats".into(),
                title: t("chart_formats_title")?,
                lang,
                categories: ctx
                    .content
                    .formats
                    .iter()
                    .map(|f| f.label.clone())
                    .collect(),
                value_label: t("chart_mean_interactions_axis")?,
                series: vec![
                    Series::new(
                        t("chart_this_period")?,
                        ctx.content.formats.iter().map(|f| f.mean).collect(),
                    )
                    .with_colour(Colour::Blue),
                    Series::new(
                        t("chart_previous_period")?,
                        ctx.content
                            .formats
                            .iter()
                            .map(|f| f.previous_mean)
                            .collect(),
                    )
                    .with_colour(Colour::Grey),
                ],
            },
            &one_decimal,
        ));
    }

    // Audience growth: followers per platform and day.
    if !content.followers.is_empty() {
        let dates: Vec<&str> = content.days.iter().map(|d| d.date.as_str()).collect();
        let mut platforms: Vec<&str> = content
            .followers
            .iter()
            .map(|f| f.platform.as_str())
            .collect();
        platforms.dedup();
        let palette = [
            Colour::Blue,
            Colour::Orange,
            Colour::Green,
            Colour::Vermillion,
            Colour::Purple,
            Colour::Sky,
        ];
        let by_day: BTreeMap<(&str, &str), i64> = content
            .followers
            .iter()
            .map(|f| ((f.platform.as_str(), f.date.as_str()), f.followers))
            .collect();
        let series = platforms
            .iter()
            .enumerate()
            .map(|(i, platform)| {
                let values = dates
                    .iter()
                    .map(|date| by_day.get(&(*platform, *date)).map(|&n| n as f64))
                    .collect();
                Series::new(super::context::platform_name(platform), values)
                    .with_colour(palette[i % palette.len()])
            })
            .collect();
        out.push(charts::line(
            &charts::LineChart {
                id: "followers".into(),
                title: t("chart_followers_title")?,
                lang,
                x_labels: day_labels(&content.days),
                value_label: t("chart_followers_axis")?,
                series,
                previous: None,
                markers: vec![],
            },
            &whole,
        ));
    }

    if let Some(listening) = &ctx.listening {
        let labels: Vec<String> = listening.days.iter().map(|d| short_date(&d.date)).collect();
        let spike = t("chart_spike")?;
        let mut markers = Vec::new();
        for (i, d) in listening.days.iter().enumerate() {
            if d.spike_all {
                markers.push(Marker {
                    series: 0,
                    index: i,
                    label: spike.clone(),
                });
            }
            if d.spike_negative {
                markers.push(Marker {
                    series: 1,
                    index: i,
                    label: spike.clone(),
                });
            }
        }
        out.push(charts::line(
            &charts::LineChart {
                id: "mentions".into(),
                title: t("chart_mentions_title")?,
                lang,
                x_labels: labels.clone(),
                value_label: t("chart_mentions_axis")?,
                series: vec![
                    Series::new(
                        t("series_all")?,
                        listening.days.iter().map(|d| Some(d.all as f64)).collect(),
                    )
                    .with_colour(Colour::Blue),
                    Series::new(
                        t("series_negative")?,
                        listening
                            .days
                            .iter()
                            .map(|d| Some(d.negative as f64))
                            .collect(),
                    )
                    .with_colour(Colour::Vermillion),
                ],
                previous: None,
                markers,
            },
            &whole,
        ));
        out.push(charts::stacked_bars(
            &charts::StackedBarChart {
                id: "sentiment".into(),
                title: t("chart_sentiment_title")?,
                lang,
                x_labels: labels,
                value_label: t("chart_mentions_axis")?,
                parts: vec![
                    Series::new(
                        t("sentiment_negative")?,
                        listening
                            .days
                            .iter()
                            .map(|d| Some(d.negative as f64))
                            .collect(),
                    )
                    .with_colour(Colour::Vermillion),
                    Series::new(
                        t("chart_neutral_or_unscored")?,
                        listening
                            .days
                            .iter()
                            .map(|d| Some(d.all.saturating_sub(d.negative + d.positive) as f64))
                            .collect(),
                    )
                    .with_colour(Colour::Grey),
                    Series::new(
                        t("sentiment_positive")?,
                        listening
                            .days
                            .iter()
                            .map(|d| Some(d.positive as f64))
                            .collect(),
                    )
                    .with_colour(Colour::Green),
                ],
            },
            &whole,
        ));
    }

    let mut views = BTreeMap::new();
    for chart in out {
        let chart = chart.map_err(|source| ReportError::Chart { source })?;
        views.insert(
            chart.id.clone(),
            ChartView {
                title: chart.title,
                svg: chart.svg,
                alt: chart.alt,
            },
        );
    }
    Ok(views)
}

fn interactions(days: &[DayStats]) -> Vec<Option<f64>> {
    days.iter().map(|d| Some(d.interactions as f64)).collect()
}

fn day_labels(days: &[DayStats]) -> Vec<String> {
    days.iter().map(|d| short_date(&d.date)).collect()
}

/// `2026-10-09` → `9/10` (day/month, as both languages write it).
fn short_date(iso: &str) -> String {
    let mut parts = iso.split('-').skip(1);
    match (parts.next(), parts.next()) {
        (Some(month), Some(day)) => format!(
            "{}/{}",
            day.trim_start_matches('0'),
            month.trim_start_matches('0')
        ),
        _ => iso.to_string(),
    }
}
