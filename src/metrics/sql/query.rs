//! The queries: one per group of metrics that share a table, a row filter and an
//! aggregation shape (as `metrics/plan.rs` groups them), and one per derived metric. Each
//! returns tidy rows `(metric, scope, period, value, numerator, denominator)` and applies
//! tolok's rules for what is "not available": no rows in scope, a needed column without
//! values, no row passing the filter, a zero denominator.

use super::dialect::Dialect;
use super::period_rows::{Bounds, Source};
use super::{expr, Cte};
use crate::metrics::catalogue::{MetricDef, Unit};
use crate::metrics::MetricsError;
use crate::schema::Table;
use std::collections::BTreeSet;

/// Metrics computed together: the key `metrics/plan.rs` groups them by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GroupKey {
    pub table: Table,
    pub filter: Option<String>,
    pub campaigns_with: Option<String>,
    pub per_account: bool,
}

impl GroupKey {
    pub fn of(m: &MetricDef) -> Option<GroupKey> {
        Some(GroupKey {
            table: m.table()?,
            filter: m.filter.clone(),
            campaigns_with: m.campaigns_with.clone(),
            per_account: m.per_account,
        })
    }
}

/// Common table expressions and a SELECT over them giving the result rows, with two more
/// columns to sort by (`period_order`, `metric_order`).
pub struct Rows {
    pub ctes: Vec<Cte>,
    pub select: String,
}

impl Rows {
    /// The statement: the rows in the order tolok lists them (period, metric, then the
    /// overall scope before the platforms, alphabetically).
    pub fn statement(&self, d: Dialect) -> String {
        let mut out = String::new();
        if !self.ctes.is_empty() {
            out.push_str("WITH\n");
            let ctes: Vec<String> = self
                .ctes
                .iter()
                .map(|c| format!("{} AS (\n  {}\n)", d.ident(&c.name), c.body))
                .collect();
            out.push_str(&ctes.join(",\n"));
            out.push('\n');
        }
        let q = |n: &str| d.ident(n);
        out.push_str(&format!(
            "SELECT {}, {}, {}, {}, {}, {}\nFROM (\n{}\n) AS {}\nORDER BY {}, {}, CASE WHEN {scope} = {all} THEN 0 ELSE 1 END, {scope};\n",
            q("metric"),
            q("scope"),
            q("period"),
            q("value"),
            q("numerator"),
            q("denominator"),
            self.select,
            q("results"),
            q("period_order"),
            q("metric_order"),
            scope = q("scope"),
            all = d.string("all"),
        ));
        out
    }
}

/// Everything a query is built from.
pub struct Builder<'a> {
    pub source: Source<'a>,
    pub periods: Vec<Bounds>,
    /// Tables the store holds rows of.
    pub present: BTreeSet<Table>,
}

impl Builder<'_> {
    fn d(&self) -> Dialect {
        self.source.dialect
    }

    fn q(&self, name: &str) -> String {
        self.d().ident(name)
    }

    fn lit(&self, text: &str) -> String {
        self.d().string(text)
    }

    /// The rows of `members`, which share `key`; common table expressions are prefixed with
    /// `prefix` so that several groups can stand in one statement.
    pub fn group(
        &self,
        key: &GroupKey,
        members: &[&MetricDef],
        prefix: &str,
    ) -> Result<Rows, MetricsError> {
        if !self.present.contains(&key.table) {
            return Ok(self.no_table(members));
        }
        let mut ctes = Vec::new();
        let mut selects = Vec::new();
        for (period_order, bounds) in self.periods.iter().enumerate() {
            let base = format!("{prefix}{}_{}", key.table.name(), bounds.label);
            ctes.extend(self.source.period_rows(key.table, bounds, &base));
            let scopes = format!("{base}_scopes");
            ctes.push(Cte::new(&scopes, self.scopes(key.table, &base, members)));
            let mut rows = base.clone();
            if let Some(kind) = &key.campaigns_with {
                rows = format!("{base}_campaign_rows");
                ctes.push(Cte::new(&rows, self.campaigns_with(&base, kind)));
            }
            let values = format!("{base}_values");
            ctes.extend(self.values(key, members, &rows, &values)?);
            for (metric_order, m) in members.iter().enumerate() {
                selects.push(self.metric_rows(
                    m,
                    bounds,
                    &scopes,
                    &values,
                    period_order,
                    metric_order,
                ));
            }
        }
        Ok(Rows {
            ctes,
            select: selects.join("\nUNION ALL\n"),
        })
    }

    /// The store holds no rows of the table: one `all` row per metric and period, without
    /// a value, as tolok reports it.
    fn no_table(&self, members: &[&MetricDef]) -> Rows {
        let null = "CAST(NULL AS DOUBLE)";
        let mut selects = Vec::new();
        for (period_order, bounds) in self.periods.iter().enumerate() {
            for (metric_order, m) in members.iter().enumerate() {
                selects.push(format!(
                    "SELECT {} AS {}, {} AS {}, {} AS {}, {null} AS {}, {null} AS {}, {null} AS {}, {period_order} AS {}, {metric_order} AS {}",
                    self.lit(&m.id),
                    self.q("metric"),
                    self.lit("all"),
                    self.q("scope"),
                    self.lit(&bounds.period.id),
                    self.q("period"),
                    self.q("value"),
                    self.q("numerator"),
                    self.q("denominator"),
                    self.q("period_order"),
                    self.q("metric_order"),
                ));
            }
        }
        Rows {
            ctes: vec![],
            select: selects.join("\nUNION ALL\n"),
        }
    }

    /// Columns whose values decide whether the members are available.
    fn needed_columns(members: &[&MetricDef]) -> BTreeSet<String> {
        members
            .iter()
            .flat_map(|m| m.needs.iter().chain(&m.needs_any).cloned())
            .collect()
    }

    /// One row per scope that has rows in the period (and always `all`): how many rows,
    /// and how many values each needed column holds.
    fn scopes(&self, table: Table, rows: &str, members: &[&MetricDef]) -> String {
        let mut counts = vec![format!("count(*) AS {}", self.q("row_count"))];
        counts.extend(
            Self::needed_columns(members)
                .iter()
                .map(|c| format!("count({}) AS {}", self.q(c), self.q(&format!("values_{c}")))),
        );
        let counts = counts.join(", ");
        let part = self.q(table.partition_column());
        format!(
            "SELECT {} AS {}, {counts} FROM {rows}\n  UNION ALL\n  SELECT {part}, {counts} FROM {rows} GROUP BY {part}",
            self.lit("all"),
            self.q("scope"),
            rows = self.q(rows),
        )
    }

    /// The rows of the campaigns that have a row of `kind` in the period, from any source.
    fn campaigns_with(&self, rows: &str, kind: &str) -> String {
        let campaign = self.q("campaign");
        format!(
            "SELECT r.* FROM {rows} AS r\n  JOIN (SELECT DISTINCT {campaign} FROM {rows} WHERE {} = {}) AS c\n    ON c.{campaign} = r.{campaign}",
            self.q("kind"),
            self.lit(kind),
            rows = self.q(rows),
        )
    }

    /// Each member's numerator (or value) and denominator, overall and per scope, over the
    /// rows that pass the group's filter; per account first where the group says so.
    fn values(
        &self,
        key: &GroupKey,
        members: &[&MetricDef],
        rows: &str,
        name: &str,
    ) -> Result<Vec<Cte>, MetricsError> {
        let part = self.q(key.table.partition_column());
        let order = if key.per_account {
            vec![self.q(key.table.time_column())]
        } else {
            vec![]
        };
        let ctx = expr::Context {
            dialect: self.d(),
            order: &order,
        };
        let mut aggregates = Vec::new();
        let mut names = Vec::new();
        for m in members {
            let num = m
                .value
                .as_deref()
                .or(m.numerator.as_deref())
                .expect("catalogue validated");
            let mut parts = vec![(format!("{}__num", m.id), num)];
            if let Some(den) = m.denominator.as_deref() {
                parts.push((format!("{}__den", m.id), den));
            }
            for (alias, text) in parts {
                let sql = expr::render(text, &m.id, &ctx)?;
                aggregates.push(format!("CAST({sql} AS DOUBLE) AS {}", self.q(&alias)));
                names.push(alias);
            }
        }
        let filter = match &key.filter {
            Some(f) => format!("\n  WHERE {}", expr::render(f, &members[0].id, &ctx)?),
            None => String::new(),
        };
        let rows = self.q(rows);
        let all = self.lit("all");
        let scope = self.q("scope");
        if !key.per_account {
            let aggregates = aggregates.join(",\n    ");
            return Ok(vec![Cte::new(
                name,
                format!(
                    "SELECT {all} AS {scope},\n    {aggregates}\n  FROM {rows}{filter}\n  UNION ALL\n  SELECT {part},\n    {aggregates}\n  FROM {rows}{filter}\n  GROUP BY {part}"
                ),
            )]);
        }
        if key.table.column("account_id").is_none() {
            return Err(MetricsError::Sql {
                metric: members[0].id.clone(),
                message: format!(
                    "per_account needs an `account_id` column, which `{}` has not",
                    key.table
                ),
            });
        }
        // Accounts first (their rows in time order), then their figures added up; a sum
        // over no accounts is 0, as polars adds.
        let accounts = format!("{name}_accounts");
        let account = self.q("account_id");
        let sums: Vec<String> = names
            .iter()
            .map(|n| format!("coalesce(sum({c}), 0) AS {c}", c = self.q(n)))
            .collect();
        let sums = sums.join(",\n    ");
        Ok(vec![
            Cte::new(
                &accounts,
                format!(
                    "SELECT {part}, {account},\n    {}\n  FROM {rows}{filter}\n  GROUP BY {part}, {account}",
                    aggregates.join(",\n    ")
                ),
            ),
            Cte::new(
                name,
                format!(
                    "SELECT {all} AS {scope},\n    {sums}\n  FROM {accounts}\n  UNION ALL\n  SELECT {part},\n    {sums}\n  FROM {accounts}\n  GROUP BY {part}",
                    accounts = self.q(&accounts)
                ),
            ),
        ])
    }

    /// One metric's rows for one period: a row per scope, the value only where tolok gives
    /// one.
    fn metric_rows(
        &self,
        m: &MetricDef,
        bounds: &Bounds,
        scopes: &str,
        values: &str,
        period_order: usize,
        metric_order: usize,
    ) -> String {
        let has = |c: &String| format!("s.{} > 0", self.q(&format!("values_{c}")));
        let mut conditions = Vec::new();
        if !(m.needs.is_empty() && m.needs_any.is_empty()) {
            conditions.push(format!("s.{} > 0", self.q("row_count")));
        }
        conditions.extend(m.needs.iter().map(has));
        if !m.needs_any.is_empty() {
            let any: Vec<String> = m.needs_any.iter().map(has).collect();
            conditions.push(format!("({})", any.join(" OR ")));
        }
        let num = format!("v.{}", self.q(&format!("{}__num", m.id)));
        let den = format!("v.{}", self.q(&format!("{}__den", m.id)));
        let (value, numerator, denominator) = if m.denominator.is_some() {
            (
                format!(
                    "CASE WHEN {den} <> 0 THEN {} END",
                    scaled(m.unit, &format!("{num} / {den}"))
                ),
                num,
                den,
            )
        } else {
            (num.clone(), num, "CAST(NULL AS DOUBLE)".to_string())
        };
        let available = |e: &str| {
            if conditions.is_empty() || e.starts_with("CAST(NULL") {
                e.to_string()
            } else {
                format!("CASE WHEN {} THEN {e} END", conditions.join(" AND "))
            }
        };
        format!(
            "SELECT {} AS {}, s.{scope} AS {scope}, {} AS {},\n    {} AS {},\n    {} AS {},\n    {} AS {},\n    {period_order} AS {}, {metric_order} AS {}\n  FROM {} AS s\n  LEFT JOIN {} AS v ON v.{scope} = s.{scope}",
            self.lit(&m.id),
            self.q("metric"),
            self.lit(&bounds.period.id),
            self.q("period"),
            available(&value),
            self.q("value"),
            available(&numerator),
            self.q("numerator"),
            available(&denominator),
            self.q("denominator"),
            self.q("period_order"),
            self.q("metric_order"),
            self.q(scopes),
            self.q(values),
            scope = self.q("scope"),
        )
    }

    /// A derived metric's rows: the ratio of two metrics' values in each scope either of
    /// them has, from their own rows (computed again inside this statement).
    pub fn derived(&self, m: &MetricDef, numerator: Rows, denominator: Rows, prefix: &str) -> Rows {
        let mut ctes = numerator.ctes;
        ctes.extend(denominator.ctes);
        let num = format!("{prefix}numerator_rows");
        let den = format!("{prefix}denominator_rows");
        let scopes = format!("{prefix}scopes");
        ctes.push(Cte::new(&num, numerator.select));
        ctes.push(Cte::new(&den, denominator.select));
        let (scope, period, order) = (self.q("scope"), self.q("period"), self.q("period_order"));
        ctes.push(Cte::new(
            &scopes,
            format!(
                "SELECT {scope}, {period}, {order} FROM {n}\n  UNION\n  SELECT {scope}, {period}, {order} FROM {d}",
                n = self.q(&num),
                d = self.q(&den)
            ),
        ));
        let value = self.q("value");
        let select = format!(
            "SELECT {} AS {}, s.{scope} AS {scope}, s.{period} AS {period},\n    CASE WHEN n.{value} IS NOT NULL AND d.{value} IS NOT NULL AND d.{value} <> 0 THEN {} END AS {value},\n    n.{value} AS {}, d.{value} AS {},\n    s.{order} AS {order}, 0 AS {}\n  FROM {} AS s\n  LEFT JOIN {} AS n ON n.{scope} = s.{scope} AND n.{period} = s.{period}\n  LEFT JOIN {} AS d ON d.{scope} = s.{scope} AND d.{period} = s.{period}",
            self.lit(&m.id),
            self.q("metric"),
            scaled(m.unit, &format!("n.{value} / d.{value}")),
            self.q("numerator"),
            self.q("denominator"),
            self.q("metric_order"),
            self.q(&scopes),
            self.q(&num),
            self.q(&den),
        );
        Rows { ctes, select }
    }
}

/// A ratio as the metric shows it: × 100 for percentages.
fn scaled(unit: Unit, ratio: &str) -> String {
    if unit == Unit::Percent {
        format!("{ratio} * 100")
    } else {
        ratio.to_string()
    }
}
