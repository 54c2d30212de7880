//! Stage 4: compute the metrics a pipeline needs from the store, for the report period and
//! the comparison period, overall and per platform.
//!
//! One lazy plan per (table, row filter, grain) holds every metric expression that shares
//! them; the plans are collected concurrently on rayon. Results form a tidy table
//! (`MetricTable`). A metric whose inputs are missing is "not available", never zero.

pub mod care;
pub mod catalogue;
pub mod content;
mod frames;
mod plan;
pub mod sql;
pub mod table;
pub mod tidy;
mod top_posts;

use crate::pipeline::Pipeline;
use crate::store::Store;
use catalogue::MetricDef;

pub use frames::local_midnight_utc;
pub use table::{MetricResult, MetricTable, PostRow};

use plan::sql as plan_sql;

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("{context}")]
    Polars {
        context: String,
        #[source]
        source: polars::error::PolarsError,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("metric `{metric}`: SQL does not translate: {message}")]
    Sql { metric: String, message: String },
}

/// A column of a collected frame as text cells (cast to text), all empty when it is
/// missing: for turning a small result frame into rows.
pub(crate) fn text_cells(frame: &polars::prelude::DataFrame, name: &str) -> Vec<Option<String>> {
    use polars::prelude::DataType;
    frame
        .column(name)
        .ok()
        .and_then(|c| c.as_materialized_series().cast(&DataType::String).ok())
        .and_then(|s| {
            s.str()
                .ok()
                .map(|ca| ca.iter().map(|v| v.map(str::to_string)).collect())
        })
        .unwrap_or_else(|| vec![None; frame.height()])
}

/// A column as whole numbers (cast to `i64`: times become UTC milliseconds), all empty when
/// it is missing.
pub(crate) fn int_cells(frame: &polars::prelude::DataFrame, name: &str) -> Vec<Option<i64>> {
    use polars::prelude::DataType;
    frame
        .column(name)
        .ok()
        .and_then(|c| c.as_materialized_series().cast(&DataType::Int64).ok())
        .and_then(|s| s.i64().ok().map(|ca| ca.iter().collect()))
        .unwrap_or_else(|| vec![None; frame.height()])
}

pub(crate) fn polars_err(
    context: impl Into<String>,
) -> impl FnOnce(polars::error::PolarsError) -> MetricsError {
    let context = context.into();
    move |source| MetricsError::Polars { context, source }
}

/// The ids of every metric the pipeline shows or needs, in first-needed order, with the
/// metrics derived ones depend on.
pub fn needed_metrics(pipeline: &Pipeline) -> Vec<&MetricDef> {
    let cat = &pipeline.catalogue;
    let mut wanted: Vec<&str> = pipeline.file.headline.iter().map(String::as_str).collect();
    for o in pipeline
        .file
        .objectives
        .iter()
        .filter_map(|id| cat.objective(id))
    {
        wanted.extend(o.key.iter().chain(&o.supporting).map(|m| m.metric.as_str()));
    }
    wanted.extend(pipeline.targets.keys().map(String::as_str));
    wanted.push(&pipeline.file.top_posts.metric);
    // Only catalogue metrics are kept (validation has checked every reference).
    let mut out: Vec<&MetricDef> = Vec::new();
    for m in wanted.into_iter().filter_map(|id| cat.metric(id)) {
        if !out.iter().any(|o| o.id == m.id) {
            out.push(m);
        }
    }
    let mut i = 0;
    while i < out.len() {
        for dep in [&out[i].numerator_metric, &out[i].denominator_metric]
            .into_iter()
            .flatten()
        {
            if let Some(m) = cat.metric(dep) {
                if !out.iter().any(|o| o.id == m.id) {
                    out.push(m);
                }
            }
        }
        i += 1;
    }
    out
}

/// The period's mentions as the metrics see them (listening matches applied), for the
/// listening and intelligence sections; None when the store holds no mentions.
pub fn period_mentions(
    pipeline: &Pipeline,
    store: &Store,
    period: &crate::pipeline::period::Period,
) -> Result<Option<polars::prelude::LazyFrame>, MetricsError> {
    Ok(frames::PeriodFrames::load(store, period, pipeline)?.get(crate::schema::Table::Mentions))
}

/// A sum of real numbers (watch time in seconds, amounts of money) depends in its last bits
/// on the order polars adds the values in, and that order follows the thread count. Rounded to
/// 12 significant digits (far below any shown precision, far above those last bits), every
/// figure is the same at `--threads 1` and `--threads 8`, so tables and reports are too.
/// Whole numbers (counts) are exact whatever the order and are kept as they are.
pub fn canonical_float(value: f64) -> f64 {
    if !value.is_finite() || value.fract() == 0.0 {
        return value;
    }
    format!("{value:.11e}").parse().unwrap_or(value)
}

/// Computes every needed metric for the current and the previous period.
pub fn compute(pipeline: &Pipeline, store: &Store) -> Result<MetricTable, MetricsError> {
    let metrics = needed_metrics(pipeline);
    let current = frames::PeriodFrames::load(store, &pipeline.period, pipeline)?;
    let previous = frames::PeriodFrames::load(store, &pipeline.previous, pipeline)?;
    let care_log = if metrics.iter().any(|m| m.aggregation.is_care()) {
        care::CareLog::load(store)?
    } else {
        None
    };
    let care = |period| {
        care::compute_period(
            &metrics,
            care_log.as_ref(),
            &pipeline.care,
            period,
            pipeline.tz,
        )
    };
    let mut results =
        plan::compute_period(&metrics, &current, &pipeline.period, care(&pipeline.period))?;
    results.extend(plan::compute_period(
        &metrics,
        &previous,
        &pipeline.previous,
        care(&pipeline.previous),
    )?);
    for m in metrics
        .iter()
        .filter(|m| m.aggregation == catalogue::Aggregation::NegativeSpikes)
    {
        for (period, before) in [
            (&pipeline.period, pipeline.previous.clone()),
            (&pipeline.previous, pipeline.previous.previous()),
        ] {
            let count =
                crate::intelligence::negative_spike_count(pipeline, store, period, &before)?;
            results.push(MetricResult {
                metric: m.id.clone(),
                scope: "all".into(),
                period: period.id.clone(),
                value: count.map(|c| c as f64),
                numerator: count.map(|c| c as f64),
                denominator: None,
                unavailable: count.is_none().then(|| table::Unavailable::NoRows {
                    table: crate::schema::Table::Mentions.name().to_string(),
                }),
            });
        }
    }
    let ranking = pipeline
        .catalogue
        .metric(&pipeline.file.top_posts.metric)
        .expect("validated");
    for r in &mut results {
        r.value = r.value.map(canonical_float);
        r.numerator = r.numerator.map(canonical_float);
        r.denominator = r.denominator.map(canonical_float);
    }
    let count = pipeline.file.top_posts.count;
    let top = top_posts::top_posts(&current, ranking, count, top_posts::Order::Top)?;
    let bottom = top_posts::top_posts(&current, ranking, count, top_posts::Order::Bottom)?;
    let content = content::ContentStats::compute(
        &current,
        &previous,
        &pipeline.period,
        &pipeline.previous,
        pipeline.tz,
    )?;
    Ok(MetricTable {
        results,
        top_posts: top,
        bottom_posts: bottom,
        content,
    })
}

#[cfg(test)]
mod canonical_tests {
    use super::canonical_float;

    #[test]
    fn sums_that_differ_in_their_last_bits_become_equal() {
        assert_eq!(
            canonical_float(2401814.5200000005),
            canonical_float(2401814.52)
        );
        assert_eq!(canonical_float(2401814.52), 2401814.52);
        assert_eq!(canonical_float(0.1 + 0.2), 0.3);
        assert_eq!(canonical_float(-3.0), -3.0);
        assert_eq!(canonical_float(0.0), 0.0);
        assert_eq!(canonical_float(123456789012345.0), 123456789012345.0);
        assert_eq!(canonical_float(1234567.0123456789), 1234567.01235);
    }
}
