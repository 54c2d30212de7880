//! The tidy metric table: one row per metric, scope and period. The report reads it;
//! `tolok metrics` prints it so any figure in the report can be checked.

use super::catalogue::{Catalogue, MetricDef};
use crate::i18n::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricResult {
    pub metric: String,
    /// `all`, or a platform (`x`, `facebook`, …).
    pub scope: String,
    /// Period id (`2026-10`).
    pub period: String,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Why the value is missing, when it is.
    pub unavailable: Option<Unavailable>,
}

/// Why a metric has no value. Kept structured so the report can say it in its language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unavailable {
    /// The store holds no rows of the metric's table at all.
    NoTable {
        table: String,
    },
    /// The table has no rows in the period (and scope).
    NoRows {
        table: String,
    },
    /// Rows exist but none carries these columns.
    MissingColumns {
        columns: Vec<String>,
    },
    /// Rows exist but none carries any of these columns.
    MissingAnyColumn {
        columns: Vec<String>,
    },
    ZeroDenominator,
    /// Rows exist, but none passes the metric's filter (e.g. no post has both columns).
    NoMatchingRows {
        filter: String,
    },
    /// A derived metric's input is unavailable.
    Depends {
        metric: String,
        reason: Box<Unavailable>,
    },
    /// The scope (a platform) has none of the inputs.
    NoScope,
    /// Care messages exist, but no conversation had a customer's message in the period.
    NoInboundThreads,
    /// Customers wrote in the period, but no conversation was answered by a person.
    NoAnsweredThreads,
}

impl Unavailable {
    /// One phrase in the report language, naming which exports would provide the data.
    pub fn describe(&self, metric: &MetricDef, catalogue: &Catalogue, lang: Lang) -> String {
        let source = metric.source.get(lang);
        let id = lang == Lang::Id;
        match self {
            Unavailable::NoTable { table } => {
                if id {
                    format!("perlu data `{table}` dari {source}")
                } else {
                    format!("needs `{table}` rows from {source}")
                }
            }
            Unavailable::NoRows { table } => {
                if id {
                    format!("tidak ada baris `{table}` dalam periode ini")
                } else {
                    format!("no `{table}` rows in this period")
                }
            }
            Unavailable::MissingColumns { columns } => {
                let cols = columns
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if id {
                    format!("perlu {cols} dari {source}")
                } else {
                    format!("needs {cols} from {source}")
                }
            }
            Unavailable::MissingAnyColumn { columns } => {
                let cols = columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
                if id {
                    format!("perlu {} dari {source}", cols.join(" atau "))
                } else {
                    format!("needs {} from {source}", cols.join(" or "))
                }
            }
            Unavailable::ZeroDenominator => {
                if id {
                    "penyebutnya nol dalam periode ini".into()
                } else {
                    "the denominator is zero in this period".into()
                }
            }
            Unavailable::NoMatchingRows { filter } => {
                if id {
                    format!("tidak ada baris yang memenuhi `{filter}` dalam periode ini")
                } else {
                    format!("no rows match `{filter}` in this period")
                }
            }
            Unavailable::Depends {
                metric: other,
                reason,
            } => match catalogue.metric(other) {
                Some(def) => {
                    let inner = reason.describe(def, catalogue, lang);
                    if id {
                        format!("perlu {} ({inner})", def.label.get(lang))
                    } else {
                        format!("needs {} ({inner})", def.label.get(lang))
                    }
                }
                None => other.clone(),
            },
            Unavailable::NoScope => {
                if id {
                    "tidak ada data untuk cakupan ini".into()
                } else {
                    "no data for this scope".into()
                }
            }
            Unavailable::NoInboundThreads => {
                if id {
                    "tidak ada percakapan yang dimulai pelanggan dalam periode ini".into()
                } else {
                    "no conversation with a customer's message in this period".into()
                }
            }
            Unavailable::NoAnsweredThreads => {
                if id {
                    "tidak ada percakapan pelanggan yang dijawab petugas dalam periode ini".into()
                } else {
                    "no customer conversation in this period was answered by a person".into()
                }
            }
        }
    }
}

/// One post in the top-posts list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRow {
    pub platform: String,
    pub post_id: String,
    /// UTC milliseconds.
    pub published_at: i64,
    pub post_type: Option<String>,
    pub text: Option<String>,
    pub permalink: Option<String>,
    pub value: Option<f64>,
    pub interactions: Option<i64>,
    pub reach: Option<i64>,
    pub impressions: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MetricTable {
    pub results: Vec<MetricResult>,
    pub top_posts: Vec<PostRow>,
    /// The lowest-ranked posts by the same metric, lowest first.
    pub bottom_posts: Vec<PostRow>,
    /// Per-day, per-slot, per-format and per-hashtag figures for charts and the content
    /// section.
    pub content: super::content::ContentStats,
}

impl MetricTable {
    pub fn get(&self, metric: &str, scope: &str, period: &str) -> Option<&MetricResult> {
        self.results
            .iter()
            .find(|r| r.metric == metric && r.scope == scope && r.period == period)
    }

    /// Platforms that appear as a scope, sorted.
    pub fn platforms(&self) -> Vec<String> {
        let mut p: Vec<String> = self
            .results
            .iter()
            .filter(|r| r.scope != "all")
            .map(|r| r.scope.clone())
            .collect();
        p.sort();
        p.dedup();
        p
    }
}
