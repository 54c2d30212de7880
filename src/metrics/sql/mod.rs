//! `tolok sql`: the catalogue's metrics for one pipeline as SQL for another engine (DuckDB,
//! Spark, Trino, DataFusion) over the Parquet store, so the same definitions run where the
//! data has outgrown one machine, and so tolok's own figures can be checked against an
//! independent engine (the DuckDB parity test).
//!
//! The printed SQL does what the polars engine does: one statement per group of metrics
//! that share a table, row filter and aggregation shape (as `plan.rs` groups them), each
//! computing the period rows as `frames.rs` does, then the same "not available" rules, and
//! one statement per derived metric. Aggregations tolok computes outside SQL are listed in
//! a comment. Dialect differences live in `dialect.rs`, the catalogue's expressions are
//! reprinted by `expr.rs`, the period rows built by `period_rows.rs`, the statements by
//! `query.rs`.

mod dialect;
mod expr;
mod period_rows;
mod query;

pub use dialect::Dialect;

use super::catalogue::MetricDef;
use super::MetricsError;
use crate::pipeline::Pipeline;
use crate::schema::Table;
use crate::store::Store;
use period_rows::{Bounds, Source};
use query::{Builder, GroupKey, Rows};
use std::collections::{BTreeMap, BTreeSet};

/// A named common table expression (`name AS (body)`).
pub struct Cte {
    pub name: String,
    pub body: String,
}

impl Cte {
    fn new(name: &str, body: String) -> Cte {
        Cte {
            name: name.to_string(),
            body,
        }
    }
}

/// The tables the store at `store` holds rows of, from its manifest; `None` when there is
/// no manifest (the SQL is meant for a copy of the store elsewhere: every table is assumed).
pub fn tables_in_store(store: &Store) -> Result<Option<BTreeSet<Table>>, MetricsError> {
    if !store.root().join("manifest.json").exists() {
        return Ok(None);
    }
    let manifest = store.manifest()?;
    Ok(Some(
        manifest
            .files
            .iter()
            .filter(|f| !f.parts.is_empty())
            .filter_map(|f| Table::parse(&f.table))
            .collect(),
    ))
}

/// The SQL computing the metrics `pipeline` needs, for its period and comparison period,
/// over the store at `store` (the path as the engine will read it). `present`: the tables
/// the store holds (see `tables_in_store`), `None` for all.
pub fn render(
    pipeline: &Pipeline,
    store: &str,
    present: Option<&BTreeSet<Table>>,
    dialect: Dialect,
) -> String {
    let metrics = super::needed_metrics(pipeline);
    let builder = Builder {
        source: Source {
            dialect,
            store,
            pipeline,
        },
        periods: vec![
            Bounds::new("current", &pipeline.period, pipeline.tz),
            Bounds::new("previous", &pipeline.previous, pipeline.tz),
        ],
        present: present
            .cloned()
            .unwrap_or_else(|| Table::ALL.into_iter().collect()),
    };

    let mut groups: BTreeMap<GroupKey, Vec<&MetricDef>> = BTreeMap::new();
    for m in metrics
        .iter()
        .filter(|m| !m.is_derived() && !m.is_computed())
    {
        if let Some(key) = GroupKey::of(m) {
            groups.entry(key).or_default().push(m);
        }
    }
    let derived: Vec<&MetricDef> = metrics.iter().copied().filter(|m| m.is_derived()).collect();

    let mut statements: Vec<String> = Vec::new();
    let mut not_expressible: Vec<String> = metrics
        .iter()
        .filter(|m| m.is_computed())
        .map(|m| computed_note(m))
        .collect();
    let total = groups.len() + derived.len();
    for (i, (key, members)) in groups.iter().enumerate() {
        let head = group_comment(i + 1, total, key, members, &builder);
        match builder.group(key, members, "") {
            Ok(rows) => statements.push(format!("{head}{}", rows.statement(dialect))),
            Err(e) => {
                tracing::warn!("{e}");
                not_expressible.push(e.to_string());
                statements.push(format!("{head}-- not expressible in portable SQL: {e}\n"));
            }
        }
    }
    for (i, m) in derived.iter().enumerate() {
        let head = format!(
            "-- [{}/{total}] {} ({}): {} / {}, overall and per scope either has\n--   {}\n",
            groups.len() + i + 1,
            m.id,
            unit_name(m),
            m.numerator_metric.as_deref().unwrap_or_default(),
            m.denominator_metric.as_deref().unwrap_or_default(),
            m.label.get(crate::i18n::Lang::En),
        );
        match metric_rows(pipeline, &builder, m, "", 0) {
            Ok(rows) => statements.push(format!("{head}{}", rows.statement(dialect))),
            Err(e) => {
                not_expressible.push(format!("{} ({e})", m.id));
                statements.push(format!("{head}-- not expressible here: {e}\n"));
            }
        }
    }

    let mut used: BTreeSet<Table> = groups.keys().map(|k| k.table).collect();
    used.retain(|t| builder.present.contains(t));
    let used: Vec<Table> = used.into_iter().collect();
    let mut out = header(pipeline, store, dialect, &builder.periods, &not_expressible);
    for line in dialect.prelude(store, &used) {
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out.push_str(&statements.join("\n"));
    out
}

/// The rows of one metric alone, for a derived metric's statement: its group with it as
/// the only member, or (for a derived input) that metric's own derived rows.
fn metric_rows(
    pipeline: &Pipeline,
    builder: &Builder,
    m: &MetricDef,
    prefix: &str,
    depth: usize,
) -> Result<Rows, MetricsError> {
    let unsupported = |message: String| MetricsError::Sql {
        metric: m.id.clone(),
        message,
    };
    if depth > 8 {
        return Err(unsupported("derived metrics nest too deeply".into()));
    }
    if m.is_computed() {
        return Err(unsupported(format!(
            "computed by tolok ({}), not expressible here",
            m.formula()
        )));
    }
    if !m.is_derived() {
        let key = GroupKey::of(m).expect("catalogue validated");
        return builder.group(&key, &[m], prefix);
    }
    let input = |id: Option<&str>, side: &str| -> Result<Rows, MetricsError> {
        let def = id
            .and_then(|id| pipeline.catalogue.metric(id))
            .ok_or_else(|| unsupported("refers to an unknown metric".into()))?;
        metric_rows(
            pipeline,
            builder,
            def,
            &format!("{prefix}{side}_"),
            depth + 1,
        )
    };
    let numerator = input(m.numerator_metric.as_deref(), "n")?;
    let denominator = input(m.denominator_metric.as_deref(), "d")?;
    Ok(builder.derived(m, numerator, denominator, prefix))
}

/// A serialised enum's name (`percent`, `first_response_median`).
fn name_of(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn unit_name(m: &MetricDef) -> String {
    name_of(m.unit)
}

/// A metric tolok computes outside SQL, as the header lists it.
fn computed_note(m: &MetricDef) -> String {
    format!(
        "{}: {} (`{}`, aggregation {})",
        m.id,
        m.label.get(crate::i18n::Lang::En),
        m.table,
        name_of(m.aggregation)
    )
}

/// `-- [3/20] posts, rows where …: metric (unit): formula` lines above a statement.
fn group_comment(
    n: usize,
    total: usize,
    key: &GroupKey,
    members: &[&MetricDef],
    builder: &Builder,
) -> String {
    let scope = if key.table == Table::Outcomes {
        "overall and per source"
    } else {
        "overall and per platform"
    };
    let mut out = format!("-- [{n}/{total}] `{}`", key.table);
    if let Some(kind) = &key.campaigns_with {
        out.push_str(&format!(
            ", the campaigns with a row of kind `{kind}` in the period"
        ));
    }
    if let Some(f) = &key.filter {
        out.push_str(&format!(", rows where {f}"));
    }
    if key.per_account {
        out.push_str(&format!(
            ", per account (rows in `{}` order) then added up",
            key.table.time_column()
        ));
    }
    out.push_str(&format!("; {scope}\n"));
    for m in members {
        let scale = if m.unit == super::catalogue::Unit::Percent && m.denominator.is_some() {
            " × 100"
        } else {
            ""
        };
        out.push_str(&format!(
            "--   {} ({}): {}{scale}\n",
            m.id,
            unit_name(m),
            m.formula()
        ));
    }
    if !builder.present.contains(&key.table) {
        out.push_str(&format!(
            "--   The store holds no `{}` rows: not available, as tolok reports it.\n",
            key.table
        ));
    }
    out
}

/// UTC milliseconds as `2026-09-30 17:00`.
fn utc_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn header(
    pipeline: &Pipeline,
    store: &str,
    dialect: Dialect,
    periods: &[Bounds],
    not_expressible: &[String],
) -> String {
    let mut lines = vec![
        format!(
            "-- tolok sql --dialect {}: the metrics of pipeline `{}` as {} SQL.",
            dialect.name(),
            pipeline.name,
            dialect.title()
        ),
        format!(
            "-- Catalogue sha256 {}; pipeline sha256 {}.",
            pipeline.catalogue.sha256, pipeline.sha256
        ),
    ];
    lines.extend(dialect.notes().iter().map(|n| format!("-- {n}")));
    lines.push(format!(
        "-- Store: {store} (hive-partitioned Parquet, <table>/platform=<p>/month=<yyyy-mm>/*.parquet)."
    ));
    lines.push(format!(
        "-- Periods, days in {} (bounds as UTC instants, as the store keeps times):",
        pipeline.tz
    ));
    for b in periods {
        lines.push(format!(
            "--   {} ({}): {} .. {}, from {} to before {} UTC",
            b.period.id,
            b.label,
            b.period.start,
            b.period.end,
            utc_text(b.starts_at),
            utc_text(b.ends_before)
        ));
    }
    lines.extend(
        [
            "-- Each statement returns rows (metric, scope, period, value, numerator, denominator), as",
            "-- `tolok metrics --format csv` does: scope `all`, or a platform (outcomes: their source);",
            "-- value NULL where tolok says \"not available\". Before aggregating, as tolok does: each",
            "-- post's latest snapshot taken by the period end (else its earliest), without the rows of",
            "-- Meta's video export whose video is also a post; account-day rows merged column by column",
            "-- by the same snapshot rule; mentions marked `own` or a competitor by the pipeline's",
            "-- [listening] queries.",
        ]
        .map(String::from),
    );
    if !not_expressible.is_empty() {
        lines.push("-- Computed by tolok, not expressible here:".into());
        lines.extend(not_expressible.iter().map(|m| format!("--   {m}")));
    }
    let mut out = lines.join("\n");
    out.push_str("\n\n");
    out
}
