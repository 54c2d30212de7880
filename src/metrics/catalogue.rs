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

    /// The metric's SQL as printed in definitions: `value`, or `numerator / denominator`.
    pub fn formula(&self) -> String {
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
