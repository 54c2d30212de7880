//! The tidy metric table as users and scripts see it (`tolok metrics`, `metrics.csv`):
//! metric, objective, scope, period, value, numerator, denominator, unit, target, status.

use super::catalogue::{Catalogue, MetricDef};
use super::table::{MetricResult, MetricTable};
use crate::i18n::Lang;
use crate::pipeline::Pipeline;

pub const HEADERS: &[&str] = &[
    "metric",
    "objective",
    "scope",
    "period",
    "value",
    "numerator",
    "denominator",
    "unit",
    "target",
    "status",
];

/// Status of a result against the pipeline's target: `met`, `not_met`, `no_target` or
/// `not_available`. Targets apply to the overall scope.
pub fn status(pipeline: &Pipeline, r: &MetricResult) -> &'static str {
    let Some(value) = r.value else {
        return "not_available";
    };
    match pipeline.targets.get(&r.metric) {
        Some(t) if r.scope == "all" => {
            if t.is_met(value) {
                "met"
            } else {
                "not_met"
            }
        }
        _ => "no_target",
    }
}

/// One row per (objective or `summary`, metric, scope, period), in report order.
pub fn rows(pipeline: &Pipeline, table: &MetricTable) -> Vec<Vec<String>> {
    let cat = &pipeline.catalogue;
    let mut groups: Vec<(String, Vec<&str>)> = vec![(
        "summary".into(),
        pipeline.file.headline.iter().map(String::as_str).collect(),
    )];
    for id in &pipeline.file.objectives {
        if let Some(o) = cat.objective(id) {
            groups.push((
                o.id.clone(),
                o.key
                    .iter()
                    .chain(&o.supporting)
                    .map(|m| m.metric.as_str())
                    .collect(),
            ));
        }
    }
    let mut out = Vec::new();
    for (objective, metric_ids) in groups {
        for id in metric_ids {
            let Some(def) = cat.metric(id) else { continue };
            let results = table.results.iter().filter(|r| r.metric == id);
            for r in results {
                out.push(row(pipeline, def, &objective, r));
            }
        }
    }
    out
}

fn row(pipeline: &Pipeline, def: &MetricDef, objective: &str, r: &MetricResult) -> Vec<String> {
    let number = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let target = if r.scope == "all" {
        pipeline
            .targets
            .get(&r.metric)
            .map(|t| t.text.clone())
            .unwrap_or_default()
    } else {
        String::new()
    };
    vec![
        r.metric.clone(),
        objective.to_string(),
        r.scope.clone(),
        r.period.clone(),
        r.value.map(format_number).unwrap_or_else(|| {
            r.unavailable
                .as_ref()
                .map(|u| {
                    format!(
                        "not available: {}",
                        u.describe(def, &pipeline.catalogue, Lang::En)
                    )
                })
                .unwrap_or_default()
        }),
        number(r.numerator),
        number(r.denominator),
        serde_json::to_value(def.unit)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        target,
        status(pipeline, r).to_string(),
    ]
}

/// Full precision without trailing zeros, so scripts can recompute any figure.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.10}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn json(rows: &[Vec<String>]) -> String {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|r| {
            HEADERS
                .iter()
                .zip(r)
                .map(|(h, v)| (h.to_string(), serde_json::Value::String(v.clone())))
                .collect()
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&objects).expect("strings serialise");
    s.push('\n');
    s
}

/// `tolok catalogue`: every metric and objective with its definition, in one language.
pub fn catalogue_listing(cat: &Catalogue, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(if lang == Lang::Id {
        "METRIK\n\n"
    } else {
        "METRICS\n\n"
    });
    for m in &cat.metrics {
        out.push_str(&format!(
            "{}  ({}, {:?}, {})\n",
            m.id,
            m.label.get(lang),
            m.unit,
            m.table
        ));
        out.push_str(&format!("    {}\n", m.definition.get(lang)));
        let formula = m.formula();
        // Care response times are computed per conversation, not from SQL.
        let how = if m.is_computed() { "computed" } else { "SQL" };
        out.push_str(&format!("    {how}: {formula}\n"));
        if let Some(f) = &m.filter {
            out.push_str(&format!("    WHERE {f}\n"));
        }
        out.push('\n');
    }
    out.push_str(if lang == Lang::Id {
        "TUJUAN\n\n"
    } else {
        "OBJECTIVES\n\n"
    });
    for o in &cat.objectives {
        out.push_str(&format!(
            "{:>2}. {}  ({}; {})\n",
            o.order,
            o.label.get(lang),
            o.id,
            o.provenance
        ));
        let key: Vec<&str> = o.key.iter().map(|m| m.metric.as_str()).collect();
        out.push_str(&format!("    key: {}\n", key.join(", ")));
        if !o.supporting.is_empty() {
            let sup: Vec<&str> = o.supporting.iter().map(|m| m.metric.as_str()).collect();
            out.push_str(&format!("    supporting: {}\n", sup.join(", ")));
        }
    }
    out
}
