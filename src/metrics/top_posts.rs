//! The period's top posts by a chosen posts metric, computed per post with the metric's own
//! SQL (so "top by engagement rate" uses exactly the catalogue's definition).

use super::catalogue::{MetricDef, Unit};
use super::frames::PeriodFrames;
use super::table::PostRow;
use super::{polars_err, MetricsError};
use crate::schema::Table;
use polars::prelude::*;

/// Which end of the ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Highest value first.
    Top,
    /// Lowest value first (the bottom posts, to learn from too).
    Bottom,
}

pub fn top_posts(
    frames: &PeriodFrames,
    metric: &MetricDef,
    count: usize,
    order: Order,
) -> Result<Vec<PostRow>, MetricsError> {
    let Some(lf) = frames.get(Table::Posts) else {
        return Ok(vec![]);
    };
    let lf = match &metric.filter {
        Some(f) => lf.filter(super::plan_sql(f, &metric.id)?),
        None => lf,
    };
    let num = metric
        .value
        .as_ref()
        .or(metric.numerator.as_ref())
        .expect("posts metric has SQL");
    let num = super::plan_sql(num, &metric.id)?.cast(DataType::Float64);
    let value = match &metric.denominator {
        Some(d) => {
            let ratio = num / super::plan_sql(d, &metric.id)?.cast(DataType::Float64);
            if metric.unit == Unit::Percent {
                ratio * lit(100.0)
            } else {
                ratio
            }
        }
        None => num,
    };
    let interactions = super::content::interactions_expr().sum();
    let frame = lf
        .group_by_stable([col("platform"), col("account_id"), col("post_id")])
        .agg([
            value.alias("value"),
            col("published_at")
                .first()
                .cast(DataType::Int64)
                .alias("published_at"),
            col("post_type").first(),
            col("text").first(),
            col("permalink").first(),
            interactions.alias("interactions"),
            col("reach").first(),
            col("impressions").first(),
        ])
        .filter(col("value").is_not_null())
        .sort_by_exprs(
            [col("value"), col("published_at"), col("post_id")],
            // Ties: the newer post first, then by id, at both ends.
            SortMultipleOptions::default().with_order_descending_multi([
                order == Order::Top,
                true,
                false,
            ]),
        )
        .limit(count as IdxSize)
        .collect()
        .map_err(polars_err("could not rank posts"))?;

    let strings = |name: &str| super::text_cells(&frame, name);
    let ints = |name: &str| super::int_cells(&frame, name);
    let values: Vec<Option<f64>> = frame
        .column("value")
        .ok()
        .and_then(|c| c.f64().ok().map(|ca| ca.iter().collect()))
        .unwrap_or_default();
    let (platform, post_id, post_type, text, permalink) = (
        strings("platform"),
        strings("post_id"),
        strings("post_type"),
        strings("text"),
        strings("permalink"),
    );
    let (published, inter, reach, impressions) = (
        ints("published_at"),
        ints("interactions"),
        ints("reach"),
        ints("impressions"),
    );
    Ok((0..frame.height())
        .map(|i| PostRow {
            platform: platform[i].clone().unwrap_or_default(),
            post_id: post_id[i].clone().unwrap_or_default(),
            published_at: published[i].unwrap_or_default(),
            post_type: post_type[i].clone(),
            text: text[i].clone(),
            permalink: permalink[i].clone(),
            value: values.get(i).copied().flatten(),
            interactions: inter[i],
            reach: reach[i],
            impressions: impressions[i],
        })
        .collect())
}
