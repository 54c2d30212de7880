//! `ReportContext`: everything a template may read. Built from the metric table before
//! rendering; templates format, they never compute. Numbers stay numbers here (f64 or
//! integers) and are formatted by the template filters in the report language.

use crate::metrics::catalogue::{Direction, Stage, Unit};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReportContext {
    /// `id` or `en`.
    pub lang: String,
    pub title: String,
    pub organisation: String,
    pub period: PeriodView,
    /// ISO date (yyyy-mm-dd) the report describes as "generated": from `SOURCE_DATE_EPOCH`
    /// when set, otherwise the period end, so reruns are byte-identical.
    pub generated_on: String,
    pub time_zone: String,
    /// Headline figures for the summary (value, previous, change).
    pub headline: Vec<MetricRow>,
    /// One scorecard per objective chosen in the pipeline, in the pipeline's order.
    pub objectives: Vec<ObjectiveView>,
    /// Headline figures broken down per platform.
    pub platforms: Vec<PlatformView>,
    pub top_posts: TopPostsView,
    /// Volume, spikes, share of voice, sentiment and themes of the listening data; None when
    /// the period has no mentions.
    pub listening: Option<super::listening::ListeningView>,
    /// Findings and recommended actions derived from the listening data by stated rules.
    pub intelligence: super::listening::IntelligenceView,
    /// Which lexicons scored the mentions' sentiment.
    pub sentiment_method: super::listening::SentimentMethodView,
    /// The definition of every metric shown anywhere above, in first-shown order.
    pub definitions: Vec<DefinitionView>,
    /// Which exports covered which dates.
    pub coverage: Vec<CoverageView>,
    pub provenance: ProvenanceView,
    /// The six AMEC stages with the scorecards' metrics at each (empty: no data).
    pub amec: Vec<super::sections::AmecStageView>,
    /// Formats, posting times, hashtags and the bottom posts.
    pub content: super::sections::ContentView,
    /// Followers per platform over the period.
    pub audience: super::sections::AudienceView,
    pub branding: super::sections::BrandingView,
    /// Which export column became which canonical column, per adapter used.
    pub mappings: Vec<super::sections::MappingView>,
    /// Days of the period each platform's daily series covers (gaps).
    pub daily_coverage: Vec<super::sections::DailyCoverageView>,
    /// Rejected rows per file, with reasons.
    pub quarantine: Vec<super::sections::QuarantineView>,
    /// Charts by id (`activity`, `platforms`, `best_time`, `formats`, `followers`,
    /// `mentions`, `sentiment`); a chart without data is absent.
    pub charts: std::collections::BTreeMap<String, ChartView>,
    /// Sentences written from the figures by stated rules, and recommended actions.
    pub narrative: super::narrative::Narrative,
    /// The analyst's commentary per section (`commentary` in the pipeline).
    pub commentary: std::collections::BTreeMap<String, Vec<crate::pipeline::commentary::Block>>,
}

/// A chart as the templates place it: standalone SVG and its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub title: String,
    pub svg: String,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// Machine label as in the pipeline (`2026-10`, `2026-Q3`, `2026-10-01..2026-10-15`).
    pub id: String,
    /// First and last day, ISO dates, inclusive.
    pub start: String,
    pub end: String,
    pub previous_id: String,
    pub previous_start: String,
    pub previous_end: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricRow {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    pub direction: Direction,
    /// AMEC stage when the row belongs to an objective scorecard.
    pub stage: Option<Stage>,
    /// False when the inputs are missing; then `value` is None and `unavailable` says why.
    pub available: bool,
    pub unavailable: Option<String>,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub previous: Option<f64>,
    /// value − previous: percentage points for percent units, otherwise see `change_pct`.
    pub change_abs: Option<f64>,
    /// (value − previous) / previous × 100, for non-percent units.
    pub change_pct: Option<f64>,
    /// `up`, `down` or `flat`; `good` says whether that direction is the better one.
    pub trend: Option<String>,
    pub good: Option<bool>,
    /// The target as written in the pipeline (`>= 3%`), if any.
    pub target: Option<String>,
    /// `met`, `not_met`, `no_target` or `not_available`.
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    pub id: String,
    pub label: String,
    pub description: String,
    /// `verified` or `reconstructed`.
    pub provenance: String,
    pub key: Vec<MetricRow>,
    pub supporting: Vec<MetricRow>,
    /// Counts for the scorecard header.
    pub met: usize,
    pub with_target: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlatformView {
    /// `x`, `facebook`, `instagram`, …
    pub platform: String,
    /// Display name (`X`, `Facebook`, `Instagram`).
    pub name: String,
    pub metrics: Vec<MetricRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopPostsView {
    /// Metric the posts are ranked by.
    pub metric_id: String,
    pub metric_label: String,
    pub metric_unit: Unit,
    pub posts: Vec<PostView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub rank: usize,
    pub platform: String,
    pub platform_name: String,
    /// Local date and time, ISO `yyyy-mm-ddTHH:MM`.
    pub published_local: String,
    pub post_type: Option<String>,
    /// First 120 characters of the post text, one line.
    pub excerpt: String,
    pub permalink: Option<String>,
    /// The ranking metric's value for this post.
    pub value: Option<f64>,
    pub interactions: Option<i64>,
    pub reach: Option<i64>,
    pub impressions: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DefinitionView {
    pub id: String,
    pub label: String,
    pub definition: String,
    pub unit: Unit,
    /// `ratio_of_sums`, `sum`, … (snake case, translated by the template).
    pub aggregation: String,
    /// Canonical table the metric is computed over (`posts`, …, or `derived`).
    pub table: String,
    /// The catalogue SQL, verbatim: `value` or `numerator / denominator`.
    pub formula: String,
    pub filter: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageView {
    pub table: String,
    pub platform: String,
    pub adapter: String,
    pub source_file: String,
    /// ISO dates of the first and last row in the file.
    pub first: Option<String>,
    pub last: Option<String>,
    pub rows: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvenanceView {
    pub tool_version: String,
    pub pipeline_file: String,
    pub pipeline_sha256: String,
    pub catalogue_sha256: String,
    pub schema_version: u32,
    pub inputs: Vec<InputView>,
    pub quarantined_total: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputView {
    pub file: String,
    pub sha256: String,
    pub adapter: String,
    pub rows_read: u64,
    pub stored: u64,
    pub quarantined: u64,
    pub duplicates: u64,
}

use crate::metrics::catalogue::{MetricDef, ObjectiveMetric};
use crate::metrics::tidy::status;
use crate::metrics::{table::Unavailable, MetricTable};
use crate::pipeline::Pipeline;
use crate::store::manifest::Manifest;

/// Display names of platforms; unknown ones are shown as stored.
pub fn platform_name(platform: &str) -> String {
    match platform {
        "x" => "X".into(),
        "facebook" => "Facebook".into(),
        "instagram" => "Instagram".into(),
        "linkedin" => "LinkedIn".into(),
        "youtube" => "YouTube".into(),
        "tiktok" => "TikTok".into(),
        other => other.to_string(),
    }
}

impl ReportContext {
    pub fn build(
        pipeline: &Pipeline,
        table: &MetricTable,
        manifest: &Manifest,
        listening: Option<&crate::intelligence::Analysis>,
    ) -> ReportContext {
        let lang = pipeline.lang;
        let cat = &pipeline.catalogue;
        let mut shown: Vec<&MetricDef> = Vec::new();
        let row = |id: &str, scope: &str, stage| metric_row(pipeline, table, id, scope, stage);

        let headline: Vec<MetricRow> = pipeline
            .file
            .headline
            .iter()
            .map(|id| row(id, "all", None))
            .collect();
        for id in &pipeline.file.headline {
            remember(cat.metric(id), &mut shown);
        }
        let mut objectives = Vec::new();
        for o in pipeline
            .file
            .objectives
            .iter()
            .filter_map(|id| cat.objective(id))
        {
            for om in o.key.iter().chain(&o.supporting) {
                remember(cat.metric(&om.metric), &mut shown);
            }
            let rows = |list: &[ObjectiveMetric]| -> Vec<MetricRow> {
                list.iter()
                    .map(|om| row(&om.metric, "all", Some(om.stage)))
                    .collect()
            };
            let key = rows(&o.key);
            let supporting = rows(&o.supporting);
            let with_target = key
                .iter()
                .chain(&supporting)
                .filter(|r| r.target.is_some())
                .count();
            let met = key
                .iter()
                .chain(&supporting)
                .filter(|r| r.status == "met")
                .count();
            objectives.push(ObjectiveView {
                id: o.id.clone(),
                label: o.label.get(lang).to_string(),
                description: o.description.get(lang).to_string(),
                provenance: o.provenance.clone(),
                key,
                supporting,
                met,
                with_target,
            });
        }
        let platforms = table
            .platforms()
            .into_iter()
            .filter(|p| {
                table
                    .results
                    .iter()
                    .any(|r| r.scope == *p && r.metric == "posts_published")
            })
            .map(|p| PlatformView {
                name: platform_name(&p),
                metrics: pipeline
                    .file
                    .headline
                    .iter()
                    .map(|id| row(id, &p, None))
                    .collect(),
                platform: p,
            })
            .collect();
        let top_def = cat
            .metric(&pipeline.file.top_posts.metric)
            .expect("validated");
        remember(Some(top_def), &mut shown);
        let top_posts = TopPostsView {
            metric_id: top_def.id.clone(),
            metric_label: top_def.label.get(lang).to_string(),
            metric_unit: top_def.unit,
            posts: post_views(&table.top_posts, pipeline.tz),
        };
        // Derived metrics are explained together with the metrics they divide.
        let mut i = 0;
        while i < shown.len() {
            for dep in [&shown[i].numerator_metric, &shown[i].denominator_metric]
                .into_iter()
                .flatten()
            {
                remember(cat.metric(dep), &mut shown);
            }
            i += 1;
        }
        let definitions = shown.iter().map(|m| definition(m, lang)).collect();
        let coverage = manifest
            .files
            .iter()
            .map(|f| CoverageView {
                table: f.table.clone(),
                platform: f.platforms.join(", "),
                adapter: f.adapter.clone(),
                source_file: f.path.clone(),
                first: f.first.clone(),
                last: f.last.clone(),
                rows: f.stored,
            })
            .collect();
        let provenance = ProvenanceView {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            pipeline_file: crate::pipeline::normalise_path(&pipeline.path)
                .display()
                .to_string(),
            pipeline_sha256: pipeline.sha256.clone(),
            catalogue_sha256: cat.sha256.clone(),
            schema_version: crate::schema::SCHEMA_VERSION,
            inputs: manifest
                .files
                .iter()
                .map(|f| InputView {
                    file: f.path.clone(),
                    sha256: f.sha256.clone(),
                    adapter: f.adapter.clone(),
                    rows_read: f.rows_read,
                    stored: f.stored,
                    quarantined: f.quarantined,
                    duplicates: f.duplicates,
                })
                .collect(),
            quarantined_total: manifest.quarantined_total(),
        };
        let generated_on = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map_or_else(
                || pipeline.period.end.to_string(),
                |d| d.date_naive().to_string(),
            );
        let content = super::sections::content_view(
            &table.content,
            post_views(&table.bottom_posts, pipeline.tz),
            lang,
        );
        let amec = super::sections::amec_stages(&objectives, lang);
        ReportContext {
            amec,
            content,
            audience: super::sections::audience_view(&table.content),
            branding: super::sections::branding_view(&pipeline.branding),
            mappings: super::sections::mappings(manifest, &crate::normalise::adapters::builtin()),
            quarantine: super::sections::quarantine(manifest),
            daily_coverage: super::sections::daily_coverage(&table.content),
            commentary: pipeline.commentary.sections.clone(),
            charts: std::collections::BTreeMap::new(),
            narrative: super::narrative::Narrative::default(),
            lang: lang.code().to_string(),
            title: pipeline.file.title.as_ref().map_or_else(
                || pipeline.file.organisation.clone(),
                |t| t.get(lang).to_string(),
            ),
            organisation: pipeline.file.organisation.clone(),
            period: PeriodView {
                id: pipeline.period.id.clone(),
                start: pipeline.period.start.to_string(),
                end: pipeline.period.end.to_string(),
                previous_id: pipeline.previous.id.clone(),
                previous_start: pipeline.previous.start.to_string(),
                previous_end: pipeline.previous.end.to_string(),
            },
            generated_on,
            time_zone: pipeline.tz.name().to_string(),
            headline,
            objectives,
            platforms,
            top_posts,
            listening: listening.map(|a| super::listening::listening_view(pipeline, a)),
            intelligence: super::listening::intelligence_view(listening, lang),
            sentiment_method: super::listening::SentimentMethodView::of(listening),
            definitions,
            coverage,
            provenance,
        }
    }
}

/// Ranked posts as the report shows them: local time, a one-line excerpt.
fn post_views(posts: &[crate::metrics::PostRow], tz: chrono_tz::Tz) -> Vec<PostView> {
    posts
        .iter()
        .enumerate()
        .map(|(i, p)| PostView {
            rank: i + 1,
            platform_name: platform_name(&p.platform),
            platform: p.platform.clone(),
            published_local: chrono::DateTime::from_timestamp_millis(p.published_at)
                .map(|d| d.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            post_type: p.post_type.clone(),
            excerpt: excerpt(p.text.as_deref().unwrap_or(""), 120),
            permalink: p.permalink.clone(),
            value: p.value,
            interactions: p.interactions,
            reach: p.reach,
            impressions: p.impressions,
        })
        .collect()
}

fn remember<'a>(m: Option<&'a MetricDef>, shown: &mut Vec<&'a MetricDef>) {
    if let Some(m) = m {
        if !shown.iter().any(|s| s.id == m.id) {
            shown.push(m);
        }
    }
}

fn metric_row(
    pipeline: &Pipeline,
    table: &MetricTable,
    id: &str,
    scope: &str,
    stage: Option<Stage>,
) -> MetricRow {
    let def = pipeline.catalogue.metric(id).expect("validated");
    let current = table.get(id, scope, &pipeline.period.id);
    let previous = table
        .get(id, scope, &pipeline.previous.id)
        .and_then(|r| r.value);
    let value = current.and_then(|r| r.value);
    let unavailable = current
        .and_then(|r| r.unavailable.clone())
        .unwrap_or(Unavailable::NoScope)
        .describe(def, &pipeline.catalogue, pipeline.lang);
    let (change_abs, change_pct) = match (value, previous) {
        (Some(v), Some(p)) => {
            let pct = if def.unit == Unit::Percent || p == 0.0 {
                None
            } else {
                Some((v - p) / p.abs() * 100.0)
            };
            (Some(v - p), pct)
        }
        _ => (None, None),
    };
    let trend = change_abs.map(|c| {
        if c.abs() < 1e-12 {
            "flat"
        } else if c > 0.0 {
            "up"
        } else {
            "down"
        }
    });
    let good = trend.and_then(|t| match (t, def.direction) {
        ("flat", _) => None,
        ("up", Direction::HigherIsBetter) | ("down", Direction::LowerIsBetter) => Some(true),
        _ => Some(false),
    });
    let target = if scope == "all" {
        pipeline.targets.get(id).map(|t| t.text.clone())
    } else {
        None
    };
    let status = match current {
        Some(r) => status(pipeline, r).to_string(),
        None => "not_available".to_string(),
    };
    MetricRow {
        id: id.to_string(),
        label: def.label.get(pipeline.lang).to_string(),
        unit: def.unit,
        direction: def.direction,
        stage,
        available: value.is_some(),
        unavailable: value.is_none().then_some(unavailable),
        value,
        numerator: current.and_then(|r| r.numerator),
        denominator: current.and_then(|r| r.denominator),
        previous,
        change_abs,
        change_pct,
        trend: trend.map(str::to_string),
        good,
        target,
        status,
    }
}

fn definition(m: &MetricDef, lang: crate::i18n::Lang) -> DefinitionView {
    DefinitionView {
        id: m.id.clone(),
        label: m.label.get(lang).to_string(),
        definition: m.definition.get(lang).to_string(),
        unit: m.unit,
        aggregation: serde_json::to_value(m.aggregation)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        table: m.table.clone(),
        formula: m.formula(),
        filter: m.filter.clone(),
    }
}

/// One line of at most `max` characters, cut at a character boundary with `…`.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
