//! The report's tables (`tables::Table`) built from the same `ReportContext` the templates
//! read: the XLSX workbook gets one sheet per table and the CSV folder one file per table,
//! so a figure in a sheet is the figure in the text. Headers come from the report's UI
//! strings (`i18n/<lang>.toml`); a missing string is an error, as in the templates.

use super::context::{MetricRow, PostView, ReportContext};
use super::tables::{Cell, Column, Table};
use super::ReportError;
use crate::i18n::Lang;
use crate::metrics::catalogue::Unit;
use std::collections::BTreeMap;

/// UI strings by key, failing on a missing one.
struct Strings<'a> {
    map: &'a BTreeMap<String, String>,
    lang: Lang,
    missing: Vec<String>,
}

impl Strings<'_> {
    fn get(&mut self, key: &str) -> String {
        match self.map.get(key) {
            Some(text) => text.clone(),
            None => {
                self.missing.push(key.to_string());
                key.to_string()
            }
        }
    }

    fn columns(&mut self, keys: &[&str]) -> Vec<Column> {
        keys.iter()
            .map(|key| Column {
                header: self.get(key),
            })
            .collect()
    }
}

/// A metric value as a typed cell: rates as percentages, money as currency, durations in
/// seconds, counts as integers when whole.
fn metric_cell(value: Option<f64>, unit: Unit) -> Cell {
    let Some(v) = value else {
        return Cell::Empty;
    };
    match unit {
        Unit::Percent => Cell::Percent(v),
        Unit::Currency => Cell::Currency(v),
        Unit::Seconds => Cell::Seconds(v),
        Unit::Count if v.fract() == 0.0 && v.abs() < 9.0e15 => Cell::Integer(v as i64),
        _ => Cell::Number(v),
    }
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn opt_text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
}

fn int(value: impl TryInto<i64>) -> Cell {
    value.try_into().map_or(Cell::Empty, Cell::Integer)
}

fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Number)
}

/// Change as shown in the report: percentage points for percent units, else percent.
fn change_cell(row: &MetricRow) -> Cell {
    if row.unit == Unit::Percent {
        number(row.change_abs)
    } else {
        number(row.change_pct)
    }
}

fn metric_rows(
    name: &str,
    title: String,
    rows: &[MetricRow],
    with_targets: bool,
    s: &mut Strings,
) -> Table {
    let mut keys = vec![
        "col_metric",
        "col_unit",
        "col_value",
        "col_previous",
        "col_change_number",
    ];
    // Stage, target and status only on scorecards.
    if with_targets {
        keys.extend(["col_stage", "col_target", "col_status"]);
    }
    Table {
        name: name.into(),
        title,
        columns: s.columns(&keys),
        rows: rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    text(&r.label),
                    text(super::format::unit_label(r.unit, s.lang)),
                    metric_cell(r.value, r.unit),
                    metric_cell(r.previous, r.unit),
                    change_cell(r),
                ];
                if with_targets {
                    cells.push(r.stage.map_or(Cell::Empty, |st| {
                        text(super::format::stage_label(st, s.lang))
                    }));
                    cells.push(opt_text(r.target.as_deref()));
                    cells.push(text(status_word(&r.status, s)));
                }
                cells
            })
            .collect(),
    }
}

fn status_word(code: &str, s: &Strings) -> String {
    super::format::status(code, s.lang)
        .map(str::to_string)
        .unwrap_or_else(|_| code.to_string())
}

fn posts(name: &str, title: String, posts: &[PostView], s: &mut Strings, metric: &str) -> Table {
    let mut columns = s.columns(&[
        "col_rank",
        "col_platform",
        "col_published",
        "col_type",
        "col_excerpt",
    ]);
    columns.push(Column {
        header: metric.to_string(),
    });
    columns.push(Column {
        header: s.get("col_link"),
    });
    Table {
        name: name.into(),
        title,
        columns,
        rows: posts
            .iter()
            .map(|p| {
                // The excerpt stays text (neutralised like any user text); the address gets
                // its own column, a hyperlink in the workbook when it is a web address.
                let link = p.permalink.as_ref().map_or(Cell::Empty, |url| Cell::Link {
                    text: url.clone(),
                    url: url.clone(),
                });
                vec![
                    int(p.rank as i64),
                    text(&p.platform_name),
                    Cell::DateTime(p.published_local.clone()),
                    opt_text(p.post_type.as_deref()),
                    text(&p.excerpt),
                    number(p.value),
                    link,
                ]
            })
            .collect(),
    }
}

/// Every table of the report, in report order.
pub fn report_tables(
    ctx: &ReportContext,
    strings: &BTreeMap<String, String>,
    lang: Lang,
) -> Result<Vec<Table>, ReportError> {
    let mut s = Strings {
        map: strings,
        lang,
        missing: Vec::new(),
    };
    let mut tables = Vec::new();
    let title = s.get("summary_title");
    tables.push(metric_rows("headline", title, &ctx.headline, false, &mut s));
    for o in &ctx.objectives {
        let rows: Vec<MetricRow> = o.key.iter().chain(&o.supporting).cloned().collect();
        // Sheet names are at most 31 characters: `scorecard_` + 21 of the objective id.
        let id: String = o.id.chars().take(21).collect();
        tables.push(metric_rows(
            &format!("scorecard_{id}"),
            format!("{}: {}", s.get("scorecard"), o.label),
            &rows,
            true,
            &mut s,
        ));
    }
    let mut platform_rows = Vec::new();
    for p in &ctx.platforms {
        for r in &p.metrics {
            platform_rows.push(vec![
                text(&p.name),
                text(&r.label),
                text(super::format::unit_label(r.unit, lang)),
                metric_cell(r.value, r.unit),
                metric_cell(r.previous, r.unit),
                change_cell(r),
            ]);
        }
    }
    tables.push(Table {
        name: "platforms".into(),
        title: s.get("platforms_title"),
        columns: s.columns(&[
            "col_platform",
            "col_metric",
            "col_unit",
            "col_value",
            "col_previous",
            "col_change_number",
        ]),
        rows: platform_rows,
    });
    let metric = ctx.top_posts.metric_label.clone();
    let title = s.get("top_posts_title");
    tables.push(posts(
        "top_posts",
        title,
        &ctx.top_posts.posts,
        &mut s,
        &metric,
    ));
    let title = s.get("bottom_posts_title");
    tables.push(posts(
        "bottom_posts",
        title,
        &ctx.content.bottom_posts,
        &mut s,
        &metric,
    ));
    tables.push(Table {
        name: "formats".into(),
        title: s.get("formats_title"),
        columns: s.columns(&[
            "col_type",
            "col_posts",
            "col_mean_interactions",
            "col_previous_posts",
            "col_previous_mean",
        ]),
        rows: ctx
            .content
            .formats
            .iter()
            .map(|f| {
                vec![
                    text(&f.label),
                    int(f.posts as i64),
                    number(f.mean),
                    int(f.previous_posts as i64),
                    number(f.previous_mean),
                ]
            })
            .collect(),
    });
    tables.push(Table {
        name: "best_times".into(),
        title: s.get("best_times_title"),
        columns: s.columns(&["col_day", "col_hour", "col_posts", "col_mean_interactions"]),
        rows: ctx
            .content
            .best_slots
            .iter()
            .map(|b| {
                vec![
                    text(&b.weekday_label),
                    int(b.hour as i64),
                    int(b.posts as i64),
                    Cell::Number(b.mean),
                ]
            })
            .collect(),
    });
    tables.push(Table {
        name: "hashtags".into(),
        title: s.get("hashtags_title"),
        columns: s.columns(&["col_hashtag", "col_posts", "col_mean_interactions"]),
        rows: ctx
            .content
            .hashtags
            .iter()
            .map(|h| vec![text(&h.tag), int(h.posts as i64), Cell::Number(h.mean)])
            .collect(),
    });
    tables.push(Table {
        name: "audience".into(),
        title: s.get("audience_title"),
        columns: s.columns(&[
            "col_platform",
            "col_first_day",
            "col_followers_start",
            "col_last_day",
            "col_followers_end",
            "col_change",
        ]),
        rows: ctx
            .audience
            .platforms
            .iter()
            .map(|p| {
                vec![
                    text(&p.name),
                    Cell::Date(p.first_date.clone()),
                    int(p.first),
                    Cell::Date(p.last_date.clone()),
                    int(p.last),
                    int(p.change),
                ]
            })
            .collect(),
    });
    if let Some(listening) = &ctx.listening {
        tables.push(Table {
            name: "mentions_per_day".into(),
            title: s.get("volume_title"),
            columns: s.columns(&["col_date", "series_all", "series_negative"]),
            rows: listening
                .days
                .iter()
                .map(|d| {
                    vec![
                        Cell::Date(d.date.clone()),
                        int(d.all as i64),
                        int(d.negative as i64),
                    ]
                })
                .collect(),
        });
    }
    tables.push(Table {
        name: "definitions".into(),
        title: s.get("definitions_title"),
        columns: s.columns(&[
            "col_metric",
            "col_definition",
            "col_formula",
            "col_filter",
            "col_aggregation",
            "col_table",
        ]),
        rows: ctx
            .definitions
            .iter()
            .map(|d| {
                vec![
                    text(&d.label),
                    text(&d.definition),
                    text(&d.formula),
                    opt_text(d.filter.as_deref()),
                    text(&d.aggregation),
                    text(&d.table),
                ]
            })
            .collect(),
    });
    tables.push(Table {
        name: "coverage".into(),
        title: s.get("coverage_title"),
        columns: s.columns(&[
            "col_table",
            "col_platform",
            "col_adapter",
            "col_file",
            "col_first_day",
            "col_last_day",
            "col_rows",
        ]),
        rows: ctx
            .coverage
            .iter()
            .map(|c| {
                vec![
                    text(&c.table),
                    text(&c.platform),
                    text(&c.adapter),
                    text(&c.source_file),
                    c.first.clone().map_or(Cell::Empty, Cell::Date),
                    c.last.clone().map_or(Cell::Empty, Cell::Date),
                    int(c.rows as i64),
                ]
            })
            .collect(),
    });
    tables.push(Table {
        name: "inputs".into(),
        title: s.get("inputs_title"),
        columns: s.columns(&[
            "col_file",
            "col_sha256",
            "col_adapter",
            "col_read",
            "col_stored",
            "col_quarantined",
            "col_duplicates",
        ]),
        rows: ctx
            .provenance
            .inputs
            .iter()
            .map(|i| {
                vec![
                    text(&i.file),
                    text(&i.sha256),
                    text(&i.adapter),
                    int(i.rows_read as i64),
                    int(i.stored as i64),
                    int(i.quarantined as i64),
                    int(i.duplicates as i64),
                ]
            })
            .collect(),
    });
    if !s.missing.is_empty() {
        s.missing.sort();
        s.missing.dedup();
        return Err(ReportError::MissingStrings {
            keys: s.missing.join(", "),
        });
    }
    for table in &tables {
        table
            .check()
            .map_err(|why| ReportError::Table { message: why })?;
    }
    Ok(tables)
}
