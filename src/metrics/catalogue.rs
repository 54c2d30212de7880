//! The metric catalogue (`pipelines/catalogue/metrics.toml`) and the objectives
//! (`pipelines/catalogue/objectives.toml`): definitions as data, validated whole on load.

use crate::i18n::Text;
use crate::schema::Table;
use serde::{Deserialize, Serialize};

/// `metrics.toml`: `version = 1` and one `[[metric]]` table per metric.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsFile {
    pub version: u32,
    #[serde(rename = "metric")]
    pub metrics: Vec<MetricDef>,
}

/// One metric. Exactly one of three forms:
/// - `value`: one aggregate SQL expression (a count or a sum);
/// - `numerator` + `denominator`: two aggregate SQL expressions over the same rows, value =
///   numerator / denominator (× 100 when `unit = "percent"`);
/// - `numerator_metric` + `denominator_metric`: the ratio of two other metrics, possibly from
///   different tables (`table = "derived"`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    pub id: String,
    /// A canonical table name, or `derived`.
    pub table: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    #[serde(default)]
    pub numerator_metric: Option<String>,
    #[serde(default)]
    pub denominator_metric: Option<String>,
    /// SQL boolean over one row: only rows where it holds are aggregated.
    #[serde(default)]
    pub filter: Option<String>,
    /// `outcomes` only: aggregate only the rows of campaigns that have at least one row of
    /// this kind in scope (cost per applicant: the spend of the campaigns that brought
    /// applications, not the whole ad budget).
    #[serde(default)]
    pub campaigns_with: Option<String>,
    /// Aggregate per account first (e.g. the last follower count of each account), then sum
    /// the accounts' numerators and denominators. Rows are ordered by date before.
    #[serde(default)]
    pub per_account: bool,
    pub unit: Unit,
    pub direction: Direction,
    pub aggregation: Aggregation,
    /// Canonical columns that must hold at least one value in scope; otherwise the metric is
    /// "not available" (never zero).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Canonical columns of which at least one must hold a value in scope (clicks: all
    /// clicks where a platform reports them, else link clicks).
    #[serde(default)]
    pub needs_any: Vec<String>,
    /// Which exports provide what `needs` lists, for the "not available" message.
    pub source: Text,
    pub label: Text,
    /// One sentence: numerator, denominator, aggregation.
    pub definition: Text,
}

impl MetricDef {
    pub fn table(&self) -> Option<Table> {
        Table::parse(&self.table)
    }
    pub fn is_derived(&self) -> bool {
        self.table == "derived"
    }
    /// Computed per conversation in `care.rs`, not from SQL.
    pub fn is_computed(&self) -> bool {
        self.aggregation.is_computed()
    }

    /// The metric's SQL as printed in definitions: `value`, or `numerator / denominator`.
    pub fn formula(&self) -> String {
        if self.aggregation.is_care() {
            return format!(
                "first-response time per care thread (first outbound message sent by a person at or after the first inbound message − that message); {}",
                self.aggregation.computation()
            );
        }
        if self.is_computed() {
            // Negative spikes: counted by the listening analysis, not a per-thread time.
            return format!(
                "negative mentions per interval against the intervals before it; {}",
                self.aggregation.computation()
            );
        }
        match (&self.value, &self.numerator, &self.denominator) {
            (Some(v), _, _) => v.clone(),
            (None, Some(n), Some(d)) => format!("({n}) / ({d})"),
            _ => format!(
                "{} / {}",
                self.numerator_metric.as_deref().unwrap_or_default(),
                self.denominator_metric.as_deref().unwrap_or_default()
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A whole number of things (posts, impressions).
    Count,
    /// A ratio shown ×100 with a % sign; changes are in percentage points.
    Percent,
    /// An average per post (comments per post).
    PerPost,
    /// A plain ratio (impressions per reach).
    Ratio,
    /// A duration in seconds, shown as h/min/s.
    Seconds,
    /// Money in the currency of the outcome rows.
    Currency,
    /// A score on a scale (satisfaction 1–5, sentiment −1…1).
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Count of rows in the period.
    Count,
    /// Sum over rows in the period.
    Sum,
    /// Σ numerator / Σ denominator over the period's rows (the headline default).
    RatioOfSums,
    /// Median over posts of a per-post value ("the typical post").
    MedianOfPosts,
    /// The last value in the period (per account, then summed over accounts).
    LastValue,
    /// Change between the first and last value in the period, relative to the first.
    GrowthRate,
    /// Ratio of two other metrics.
    RatioOfMetrics,
    // Computed per conversation in `care.rs` (no SQL): first-response times of the care
    // threads whose first inbound message falls in the period.
    /// Median first-response time of the answered threads.
    FirstResponseMedian,
    /// 90th percentile of the answered threads' first-response times.
    #[serde(rename = "first_response_p90")]
    FirstResponseP90,
    /// Share of threads answered within the pipeline's `[care] sla`.
    FirstResponseWithinSla,
    /// Mean of the fastest 90 % of first-response times (Meta's response time).
    #[serde(rename = "first_response_fastest_90_mean")]
    FirstResponseFastest90Mean,
    /// Computed in `intelligence` (no SQL): intervals of the period in which negative
    /// mentions about the organisation spiked, by the pipeline's `[crisis]` rule.
    NegativeSpikes,
}

impl Aggregation {
    /// Computed by tolok per conversation rather than written in SQL in the catalogue.
    pub fn is_computed(self) -> bool {
        self.is_care() || self == Aggregation::NegativeSpikes
    }

    /// Computed per care thread in `care.rs`.
    pub fn is_care(self) -> bool {
        matches!(
            self,
            Aggregation::FirstResponseMedian
                | Aggregation::FirstResponseP90
                | Aggregation::FirstResponseWithinSla
                | Aggregation::FirstResponseFastest90Mean
        )
    }

    /// The table a computed aggregation reads.
    fn computed_over(self) -> Table {
        if self.is_care() {
            Table::Care
        } else {
            Table::Mentions
        }
    }

    /// How a computed aggregation is computed, printed where other metrics print SQL.
    fn computation(self) -> &'static str {
        match self {
            Aggregation::FirstResponseMedian => "median over answered threads",
            Aggregation::FirstResponseP90 => "90th percentile over answered threads",
            Aggregation::FirstResponseWithinSla => {
                "threads answered within [care] sla / threads with an inbound message"
            }
            Aggregation::FirstResponseFastest90Mean => {
                "mean of the fastest 90 % (rounded up) over answered threads"
            }
            Aggregation::NegativeSpikes => {
                "intervals of the period whose negative mentions spike by the [crisis] rule"
            }
            _ => "",
        }
    }
}

/// `objectives.toml`: the eleven objective categories.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectivesFile {
    pub version: u32,
    #[serde(rename = "objective")]
    pub objectives: Vec<ObjectiveDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveDef {
    pub id: String,
    pub order: u32,
    /// `verified` (metric list read in the Indonesian source) or `reconstructed`.
    pub provenance: String,
    pub label: Text,
    pub description: Text,
    pub key: Vec<ObjectiveMetric>,
    #[serde(default)]
    pub supporting: Vec<ObjectiveMetric>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveMetric {
    pub metric: String,
    /// AMEC Integrated Evaluation Framework stage.
    pub stage: Stage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Input,
    Activity,
    Output,
    Outtake,
    Outcome,
    Impact,
}

/// Both catalogue files, loaded and checked.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub metrics: Vec<MetricDef>,
    pub objectives: Vec<ObjectiveDef>,
    /// SHA-256 over `metrics.toml` then `objectives.toml`, for provenance.
    pub sha256: String,
}

impl Catalogue {
    /// Loads `metrics.toml` and `objectives.toml` from `dir`; returns every problem found.
    pub fn load(dir: &std::path::Path) -> Result<Catalogue, Vec<String>> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map_err(|e| vec![format!("cannot read `{}`: {e}", path.display())])
        };
        let metrics_text = read("metrics.toml")?;
        let objectives_text = read("objectives.toml")?;
        let mut errors = Vec::new();
        let metrics: Option<MetricsFile> = toml::from_str(&metrics_text)
            .map_err(|e| errors.push(format!("{}: {e}", dir.join("metrics.toml").display())))
            .ok();
        let objectives: Option<ObjectivesFile> = toml::from_str(&objectives_text)
            .map_err(|e| errors.push(format!("{}: {e}", dir.join("objectives.toml").display())))
            .ok();
        let (Some(metrics), Some(objectives)) = (metrics, objectives) else {
            return Err(errors);
        };
        let catalogue = Catalogue {
            metrics: metrics.metrics,
            objectives: objectives.objectives,
            sha256: crate::pipeline::hex_sha256(
                format!("{metrics_text}{objectives_text}").as_bytes(),
            ),
        };
        errors.extend(catalogue.check());
        if errors.is_empty() {
            Ok(catalogue)
        } else {
            Err(errors)
        }
    }

    pub fn metric(&self, id: &str) -> Option<&MetricDef> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn objective(&self, id: &str) -> Option<&ObjectiveDef> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn objective_ids(&self) -> Vec<&str> {
        self.objectives.iter().map(|o| o.id.as_str()).collect()
    }

    /// Every semantic problem: duplicate ids, wrong forms, unknown tables, columns and
    /// references, SQL that does not parse.
    fn check(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for m in &self.metrics {
            let at = format!("metrics.toml: metric `{}`", m.id);
            if !seen.insert(m.id.as_str()) {
                errors.push(format!("{at}: defined twice"));
            }
            if m.is_computed() {
                errors.extend(check_computed(m, &at));
                continue;
            }
            let forms = [
                m.value.is_some(),
                m.numerator.is_some() || m.denominator.is_some(),
                m.numerator_metric.is_some() || m.denominator_metric.is_some(),
            ];
            if forms.iter().filter(|f| **f).count() != 1 {
                errors.push(format!(
                    "{at}: give exactly one of `value`, `numerator` + `denominator`, or `numerator_metric` + `denominator_metric`"
                ));
            }
            if m.numerator.is_some() != m.denominator.is_some() {
                errors.push(format!("{at}: `numerator` and `denominator` go together"));
            }
            if m.is_derived() {
                for r in [&m.numerator_metric, &m.denominator_metric]
                    .into_iter()
                    .flatten()
                {
                    if self.metric(r).is_none() {
                        errors.push(format!("{at}: refers to unknown metric `{r}`"));
                    }
                }
                if m.numerator_metric.is_none() || m.denominator_metric.is_none() {
                    errors.push(format!(
                        "{at}: a derived metric needs `numerator_metric` and `denominator_metric`"
                    ));
                }
                continue;
            }
            let Some(table) = m.table() else {
                errors.push(format!("{at}: unknown table `{}`", m.table));
                continue;
            };
            if m.campaigns_with.is_some() && table != Table::Outcomes {
                errors.push(format!(
                    "{at}: `campaigns_with` is for `outcomes` metrics (their rows have a campaign)"
                ));
            }
            for (key, cols) in [("needs", &m.needs), ("needs_any", &m.needs_any)] {
                for col in cols {
                    if table.column(col).is_none() {
                        errors.push(format!(
                            "{at}: `{key}` names `{col}`, which is not a column of `{table}`"
                        ));
                    }
                }
            }
            for sql in [&m.value, &m.numerator, &m.denominator, &m.filter]
                .into_iter()
                .flatten()
            {
                match polars::sql::sql_expr(sql) {
                    Err(e) => errors.push(format!("{at}: SQL `{sql}` does not parse: {e}")),
                    Ok(expr) => {
                        for name in expr.meta().root_names() {
                            if table.column(&name).is_none() {
                                errors.push(format!(
                                    "{at}: SQL `{sql}` uses `{name}`, which is not a column of `{table}`"
                                ));
                            }
                        }
                    }
                }
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for o in &self.objectives {
            if !seen.insert(o.id.as_str()) {
                errors.push(format!(
                    "objectives.toml: objective `{}` defined twice",
                    o.id
                ));
            }
            for om in o.key.iter().chain(&o.supporting) {
                if self.metric(&om.metric).is_none() {
                    errors.push(format!(
                        "objectives.toml: objective `{}` lists unknown metric `{}`",
                        o.id, om.metric
                    ));
                }
            }
        }
        errors
    }
}

/// A computed metric takes its rows from the care table and has no SQL of its own.
fn check_computed(m: &MetricDef, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let table = m.aggregation.computed_over();
    if m.table() != Some(table) {
        errors.push(format!(
            "{at}: aggregation `{:?}` is computed over `{table}`; set `table = \"{table}\"`",
            m.aggregation
        ));
    }
    let sql_given = [
        ("value", m.value.is_some()),
        ("numerator", m.numerator.is_some()),
        ("denominator", m.denominator.is_some()),
        ("numerator_metric", m.numerator_metric.is_some()),
        ("denominator_metric", m.denominator_metric.is_some()),
        ("filter", m.filter.is_some()),
        ("campaigns_with", m.campaigns_with.is_some()),
        ("per_account", m.per_account),
    ];
    for (key, given) in sql_given {
        if given {
            errors.push(format!(
                "{at}: `{key}` does not apply: this aggregation is computed per thread by tolok"
            ));
        }
    }
    for col in m.needs.iter().chain(&m.needs_any) {
        if table.column(col).is_none() {
            errors.push(format!(
                "{at}: `needs` names `{col}`, which is not a column of `{table}`"
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(toml_text: &str) -> MetricDef {
        toml::from_str(toml_text).expect("a metric")
    }

    #[test]
    fn computed_metrics_take_no_sql_and_read_care() {
        let fine = metric(
            r#"
            id = "first_response_median"
            table = "care"
            unit = "seconds"
            direction = "lower_is_better"
            aggregation = "first_response_median"
            needs = ["direction"]
            source = { id = "x", en = "x" }
            label = { id = "x", en = "x" }
            definition = { id = "x", en = "x" }
            "#,
        );
        assert!(fine.is_computed());
        assert!(check_computed(&fine, "m").is_empty());
        assert!(fine.formula().contains("median over answered threads"));

        let wrong = metric(
            r#"
            id = "p90"
            table = "mentions"
            value = "count(*)"
            filter = "true"
            unit = "seconds"
            direction = "lower_is_better"
            aggregation = "first_response_p90"
            needs = ["reach"]
            source = { id = "x", en = "x" }
            label = { id = "x", en = "x" }
            definition = { id = "x", en = "x" }
            "#,
        );
        let errors = check_computed(&wrong, "m");
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].contains("set `table = \"care\"`"), "{errors:?}");
        assert!(errors[1].contains("`value` does not apply"), "{errors:?}");
        assert!(errors[2].contains("`filter` does not apply"), "{errors:?}");
        assert!(errors[3].contains("`reach`"), "{errors:?}");
    }
}
