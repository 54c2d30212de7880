//! Builds and runs the lazy plans for one period: every base metric expression grouped by
//! (table, row filter, per-account), each group at two grains (all, per platform), plus
//! one availability plan per table. Plans are collected concurrently on rayon.

use super::catalogue::{MetricDef, Unit};
use super::frames::PeriodFrames;
use super::table::{MetricResult, Unavailable};
use super::{polars_err, MetricsError};
use crate::pipeline::period::Period;
use crate::schema::Table;
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Metrics sharing a table, a row filter and an aggregation shape share one plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    table: Table,
    filter: Option<String>,
    campaigns_with: Option<String>,
    per_account: bool,
}

/// One collected plan: rows are scopes, columns `<metric>__num` / `<metric>__den`, or
/// for availability plans `__rows` and one non-null count per column.
struct Collected {
    table: Table,
    frame: DataFrame,
}

/// `computed` holds the period's results computed outside SQL (care response times), so
/// that derived metrics can use them too.
pub fn compute_period(
    metrics: &[&MetricDef],
    frames: &PeriodFrames,
    period: &Period,
    computed: Vec<MetricResult>,
) -> Result<Vec<MetricResult>, MetricsError> {
    let from_sql = |m: &&&MetricDef| !m.is_derived() && !m.is_computed();
    let mut groups: BTreeMap<GroupKey, Vec<&MetricDef>> = BTreeMap::new();
    for m in metrics.iter().filter(from_sql) {
        let table = m.table().expect("catalogue validated");
        groups
            .entry(GroupKey {
                table,
                filter: m.filter.clone(),
                campaigns_with: m.campaigns_with.clone(),
                per_account: m.per_account,
            })
            .or_default()
            .push(m);
    }

    let mut plans: Vec<(Table, LazyFrame)> = Vec::new();
    for (key, members) in &groups {
        let Some(lf) = frames.get(key.table) else {
            continue;
        };
        let lf = match &key.campaigns_with {
            Some(kind) => only_campaigns_with(lf, kind),
            None => lf,
        };
        let lf = match &key.filter {
            Some(f) => lf.filter(sql(f, &members[0].id)?),
            None => lf,
        };
        let mut aggs = Vec::new();
        for m in members {
            let (num, den) = expressions(m)?;
            aggs.push(num.cast(DataType::Float64).alias(format!("{}__num", m.id)));
            if let Some(den) = den {
                aggs.push(den.cast(DataType::Float64).alias(format!("{}__den", m.id)));
            }
        }
        for lf in grains(lf, key.table, &aggs, key.per_account) {
            plans.push((key.table, lf));
        }
    }
    for (table, need_columns) in needed_columns(metrics) {
        let Some(lf) = frames.get(table) else {
            continue;
        };
        let mut aggs = vec![len().cast(DataType::Float64).alias("__rows")];
        aggs.extend(need_columns.iter().map(|c| {
            col(c.as_str())
                .count()
                .cast(DataType::Float64)
                .alias(c.as_str())
        }));
        for lf in grains(lf, table, &aggs, false) {
            plans.push((table, lf));
        }
    }

    let collected: Vec<Collected> = plans
        .into_par_iter()
        .map(|(table, lf)| {
            // Common-subexpression elimination in polars 0.55 mis-sizes a shared
            // subexpression inside a select of aggregates (a 1-row column beside a
            // 5-row one, then a panic); the plans are small, so it is turned off.
            let flags = lf.get_current_optimizations() & !OptFlags::COMM_SUBEXPR_ELIM;
            lf.with_optimizations(flags)
                .collect()
                .map(|frame| Collected { table, frame })
                .map_err(polars_err(format!(
                    "could not compute metrics over `{table}` for {period}"
                )))
        })
        .collect::<Result<_, _>>()?;

    let values = Values::from(&collected);
    let mut results = Vec::new();
    for m in metrics.iter().filter(from_sql) {
        results.extend(base_results(m, &values, frames, period));
    }
    results.extend(computed);
    for m in metrics.iter().filter(|m| m.is_derived()) {
        results.extend(derived_results(m, &results, period));
    }
    Ok(results)
}

/// The outcome rows of the campaigns that have a row of `kind`, from any source (the ads
/// export's spend and the careers portal's applications meet under the campaign's name),
/// in their order.
fn only_campaigns_with(lf: LazyFrame, kind: &str) -> LazyFrame {
    let campaigns = lf
        .clone()
        .filter(col("kind").eq(lit(kind)))
        .select([col("campaign")])
        .unique_stable(None, UniqueKeepStrategy::First);
    lf.join(
        campaigns,
        [col("campaign")],
        [col("campaign")],
        JoinArgs {
            maintain_order: MaintainOrderJoin::Left,
            ..JoinArgs::new(JoinType::Inner)
        },
    )
}

/// The SQL of a metric as polars expressions: (numerator or value, denominator).
fn expressions(m: &MetricDef) -> Result<(Expr, Option<Expr>), MetricsError> {
    let num = m
        .value
        .as_ref()
        .or(m.numerator.as_ref())
        .expect("catalogue validated");
    let den = m.denominator.as_ref().map(|d| sql(d, &m.id)).transpose()?;
    Ok((sql(num, &m.id)?, den))
}

pub(super) fn sql(text: &str, metric: &str) -> Result<Expr, MetricsError> {
    polars::sql::sql_expr(text).map_err(|e| MetricsError::Sql {
        metric: metric.to_string(),
        message: e.to_string(),
    })
}

/// The same aggregations overall (`scope = all`) and per platform.
fn grains(lf: LazyFrame, table: Table, aggs: &[Expr], per_account: bool) -> Vec<LazyFrame> {
    let part = table.partition_column();
    let scope = |lf: LazyFrame| lf.with_column(lit("all").alias("scope"));
    if per_account {
        // First aggregate each account over its rows in time order, then add accounts up.
        let time = table.time_column();
        let per_account = lf
            .sort([part, "account_id", time], SortMultipleOptions::default())
            .group_by_stable([col(part), col("account_id")])
            .agg(aggs);
        let sums: Vec<Expr> = aggs
            .iter()
            .map(|a| {
                let name = a
                    .clone()
                    .meta()
                    .output_name()
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                col(name.as_str()).sum().alias(name.as_str())
            })
            .collect();
        vec![
            scope(per_account.clone().select(&sums)),
            per_account
                .group_by_stable([col(part)])
                .agg(&sums)
                .rename([part], ["scope"], true),
        ]
    } else {
        vec![
            scope(lf.clone().select(aggs)),
            lf.group_by_stable([col(part)])
                .agg(aggs)
                .rename([part], ["scope"], true),
        ]
    }
}

/// Columns each table must be checked for: the union of the metrics' `needs`.
fn needed_columns(metrics: &[&MetricDef]) -> BTreeMap<Table, BTreeSet<String>> {
    let mut out: BTreeMap<Table, BTreeSet<String>> = BTreeMap::new();
    for m in metrics {
        if let Some(t) = m.table() {
            out.entry(t)
                .or_default()
                .extend(m.needs.iter().chain(&m.needs_any).cloned());
        }
    }
    out
}

/// Collected numbers addressed by (table, scope, column).
struct Values {
    cells: BTreeMap<(Table, String, String), Option<f64>>,
    scopes: BTreeMap<Table, BTreeSet<String>>,
}

impl Values {
    fn from(collected: &[Collected]) -> Values {
        let mut cells = BTreeMap::new();
        let mut scopes: BTreeMap<Table, BTreeSet<String>> = BTreeMap::new();
        for c in collected {
            let Ok(scope_col) = c.frame.column("scope").and_then(|s| s.str().cloned()) else {
                continue;
            };
            for column in c.frame.columns() {
                if column.name() == "scope" {
                    continue;
                }
                let Ok(values) = column.as_materialized_series().cast(&DataType::Float64) else {
                    continue;
                };
                let Ok(values) = values.f64().cloned() else {
                    continue;
                };
                for (scope, value) in scope_col.iter().zip(values.iter()) {
                    let scope = scope.unwrap_or("unknown").to_string();
                    scopes.entry(c.table).or_default().insert(scope.clone());
                    cells.insert((c.table, scope, column.name().to_string()), value);
                }
            }
        }
        Values { cells, scopes }
    }

    fn get(&self, table: Table, scope: &str, column: &str) -> Option<f64> {
        self.cells
            .get(&(table, scope.to_string(), column.to_string()))
            .copied()
            .flatten()
    }
}

fn base_results(
    m: &MetricDef,
    values: &Values,
    frames: &PeriodFrames,
    period: &Period,
) -> Vec<MetricResult> {
    let table = m.table().expect("catalogue validated");
    let result = |scope: &str, value, numerator, denominator, unavailable| MetricResult {
        metric: m.id.clone(),
        scope: scope.to_string(),
        period: period.id.clone(),
        value,
        numerator,
        denominator,
        unavailable,
    };
    if frames.get(table).is_none() {
        let reason = Unavailable::NoTable {
            table: table.name().to_string(),
        };
        return vec![result("all", None, None, None, Some(reason))];
    }
    let mut scopes: Vec<String> = vec!["all".into()];
    scopes.extend(
        values
            .scopes
            .get(&table)
            .into_iter()
            .flatten()
            .filter(|s| *s != "all")
            .cloned(),
    );
    scopes
        .iter()
        .map(|scope| {
            let rows = values.get(table, scope, "__rows").unwrap_or(0.0);
            let missing: Vec<&str> = m
                .needs
                .iter()
                .filter(|c| values.get(table, scope, c).unwrap_or(0.0) == 0.0)
                .map(String::as_str)
                .collect();
            let has = |c: &String| values.get(table, scope, c).unwrap_or(0.0) != 0.0;
            if rows == 0.0 && !(m.needs.is_empty() && m.needs_any.is_empty()) {
                return result(
                    scope,
                    None,
                    None,
                    None,
                    Some(Unavailable::NoRows {
                        table: table.name().to_string(),
                    }),
                );
            }
            if !missing.is_empty() {
                let columns = missing.iter().map(|c| c.to_string()).collect();
                return result(
                    scope,
                    None,
                    None,
                    None,
                    Some(Unavailable::MissingColumns { columns }),
                );
            }
            if !m.needs_any.is_empty() && !m.needs_any.iter().any(has) {
                return result(
                    scope,
                    None,
                    None,
                    None,
                    Some(Unavailable::MissingAnyColumn {
                        columns: m.needs_any.clone(),
                    }),
                );
            }
            let num = values.get(table, scope, &format!("{}__num", m.id));
            if m.denominator.is_none() {
                return result(scope, num, num, None, None);
            }
            let den = values.get(table, scope, &format!("{}__den", m.id));
            match (num, den) {
                (Some(n), Some(d)) if d != 0.0 => {
                    result(scope, Some(scale(m.unit, n / d)), Some(n), Some(d), None)
                }
                // No row passed the metric's filter: there is nothing to divide.
                (_, None) if m.filter.is_some() => {
                    let filter = m.filter.clone().unwrap_or_default();
                    let reason = Unavailable::NoMatchingRows { filter };
                    result(scope, None, num, den, Some(reason))
                }
                _ => result(scope, None, num, den, Some(Unavailable::ZeroDenominator)),
            }
        })
        .collect()
}

fn derived_results(m: &MetricDef, base: &[MetricResult], period: &Period) -> Vec<MetricResult> {
    let num_id = m.numerator_metric.as_deref().expect("validated");
    let den_id = m.denominator_metric.as_deref().expect("validated");
    let find = |id: &str, scope: &str| {
        base.iter()
            .find(|r| r.metric == id && r.scope == scope && r.period == period.id)
    };
    let mut scopes: Vec<&str> = base
        .iter()
        .filter(|r| (r.metric == num_id || r.metric == den_id) && r.period == period.id)
        .map(|r| r.scope.as_str())
        .collect();
    scopes.sort_by_key(|s| (*s != "all", *s));
    scopes.dedup();
    scopes
        .into_iter()
        .map(|scope| {
            let num = find(num_id, scope).and_then(|r| r.value);
            let den = find(den_id, scope).and_then(|r| r.value);
            let (value, unavailable) = match (num, den) {
                (Some(n), Some(d)) if d != 0.0 => (Some(scale(m.unit, n / d)), None),
                (Some(_), Some(_)) => (None, Some(Unavailable::ZeroDenominator)),
                (None, _) => (None, Some(depends(num_id, find(num_id, scope)))),
                (_, None) => (None, Some(depends(den_id, find(den_id, scope)))),
            };
            MetricResult {
                metric: m.id.clone(),
                scope: scope.to_string(),
                period: period.id.clone(),
                value,
                numerator: num,
                denominator: den,
                unavailable,
            }
        })
        .collect()
}

/// Why a derived metric is missing: the metric it divides by (or into) is missing.
fn depends(metric: &str, r: Option<&MetricResult>) -> Unavailable {
    let reason = r
        .and_then(|r| r.unavailable.clone())
        .unwrap_or(Unavailable::NoScope);
    Unavailable::Depends {
        metric: metric.to_string(),
        reason: Box::new(reason),
    }
}

fn scale(unit: Unit, ratio: f64) -> f64 {
    if unit == Unit::Percent {
        ratio * 100.0
    } else {
        ratio
    }
}
