//! Stage 2: map a raw table onto the canonical schema with an adapter's declared mapping.
//! Each row is either typed completely or quarantined whole, with the file, line, column,
//! value and reason; nothing is dropped silently.

pub mod adapters;
pub mod snapshot;
pub mod values;

use crate::ingest::RawTable;
use crate::pipeline::InputSpec;
use crate::schema::{Kind, Table};
use adapters::{AccountRule, Adapter, Parse, PlatformRule, Unpivot};
use polars::prelude::*;
use std::collections::BTreeMap;

/// What normalising one file produced.
#[derive(Debug)]
pub struct Normalised {
    pub table: Table,
    /// All columns of the canonical table, in schema order, plus nothing else.
    pub frame: DataFrame,
    pub quarantine: Vec<QuarantinedRow>,
    pub rows_read: u64,
}

/// A row that could not be typed, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuarantinedRow {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// Everything about the file that is not in its rows.
pub struct FileContext<'a> {
    /// The file's path as shown to the user; stored in `source_file`.
    pub source_file: &'a str,
    pub tz: chrono_tz::Tz,
    /// When the export was taken (UTC ms); applied to every row of tables keyed by it.
    pub snapshot_at: i64,
    /// Dataset name for `mentions.source`.
    pub source_name: &'a str,
}

/// One typed cell.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Text(String),
    Int(i64),
    Real(f64),
    Bool(bool),
}

/// A field with its canonical column's index and its source column's index in the file.
type ResolvedField<'a> = (usize, Option<usize>, &'a adapters::Field);

/// Reads one file's raw table with its adapter: the adapter's own `read_with` when it
/// declares one, else the declared mapping (`normalise`).
pub fn read_file(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    match adapter.read_with {
        Some(read) => read(adapter, raw, ctx),
        None => normalise(adapter, raw, ctx),
    }
}

pub fn normalise(adapter: &Adapter, raw: &RawTable, ctx: &FileContext) -> Normalised {
    let table = adapter.table;
    let columns = table.columns();
    let mut typed: Vec<Vec<Value>> = vec![Vec::with_capacity(raw.rows.len()); columns.len()];
    let mut quarantine = Vec::new();
    let index_of = |name: &str| {
        columns
            .iter()
            .position(|c| c.name == name)
            .expect("canonical column")
    };
    let fields = resolve(&adapter.fields, raw, table);
    // A wide file's measures (one row each, see `Unpivot`) are numeric columns too.
    let measure_fields = adapter
        .unpivot
        .as_ref()
        .map(Unpivot::fields)
        .unwrap_or_default();
    let measures = resolve(&measure_fields, raw, table);
    let style = number_style(raw, &[fields.as_slice(), measures.as_slice()].concat());

    for (line, cells) in &raw.rows {
        let mut row = vec![Value::Null; columns.len()];
        let mut problem: Option<QuarantinedRow> = None;
        let mut reject = |column: &str, value: &str, reason: String| {
            problem.get_or_insert_with(|| QuarantinedRow {
                file: ctx.source_file.to_string(),
                line: *line,
                column: column.to_string(),
                value: value.to_string(),
                reason,
            });
        };
        if raw.unwrapped && cells.len() != raw.header.len() {
            // A line the spreadsheet re-save broke beyond unwrapping: its cells no longer
            // line up with the header, so no value in it can be trusted.
            reject(
                "",
                &cells.len().to_string(),
                format!(
                    "the row has {} cells where the header has {}: the spreadsheet program \
                     that re-saved this file broke it; export the file again from the platform",
                    cells.len(),
                    raw.header.len()
                ),
            );
        }
        for (target, source, field) in &fields {
            let Some(source) = source else { continue };
            let cell = cells.get(*source).map_or("", String::as_str);
            match parse_cell(&field.parse, cell, ctx.tz, style) {
                Ok(v) => row[*target] = v,
                Err(reason) => reject(&raw.header[*source], cell, reason),
            }
        }
        if table.column("platform").is_some() {
            row[index_of("platform")] = Value::Text(platform_of(&adapter.platform, raw, cells));
        }
        match account_of(&adapter.account, raw, cells) {
            Ok(Some(account)) => row[index_of("account_id")] = Value::Text(account),
            Ok(None) => {}
            Err((column, value, reason)) => reject(&column, &value, reason),
        }
        if table.column("snapshot_at").is_some() {
            row[index_of("snapshot_at")] = Value::Int(ctx.snapshot_at);
        }
        if matches!(table, Table::Mentions | Table::Outcomes) {
            row[index_of("source")] = Value::Text(ctx.source_name.to_string());
        }
        row[index_of("source_file")] = Value::Text(ctx.source_file.to_string());
        row[index_of("source_row")] = Value::Int(*line as i64);
        let rows = match &adapter.unpivot {
            None => vec![row],
            Some(unpivot) => {
                let mut rows = Vec::new();
                for (measure, (value_target, source, field)) in
                    unpivot.measures.iter().zip(&measures)
                {
                    let Some(source) = source else { continue };
                    let cell = cells.get(*source).map_or("", String::as_str);
                    match parse_cell(&field.parse, cell, ctx.tz, style) {
                        Ok(Value::Null) => {}
                        Ok(value) => {
                            let mut measured = row.clone();
                            measured[index_of(unpivot.name_target)] =
                                Value::Text(measure.name.clone());
                            measured[*value_target] = value;
                            for (target, text) in &measure.constants {
                                measured[index_of(target)] = Value::Text(text.clone());
                            }
                            rows.push(measured);
                        }
                        Err(reason) => reject(&raw.header[*source], cell, reason),
                    }
                }
                if rows.is_empty() {
                    let sources: Vec<&str> =
                        unpivot.measures.iter().map(|m| m.source.as_str()).collect();
                    reject(
                        &sources.join(", "),
                        "",
                        "every measure column is empty".into(),
                    );
                }
                rows
            }
        };
        for row in &rows {
            for (i, column) in columns.iter().enumerate() {
                if column.required && row[i] == Value::Null {
                    let header = fields
                        .iter()
                        .find(|(t, _, _)| *t == i)
                        .and_then(|(_, s, f)| {
                            s.map(|s| raw.header[s].clone())
                                .or_else(|| f.sources.first().cloned())
                        })
                        .unwrap_or_else(|| column.name.to_string());
                    // Meta writes why a row is incomplete into `Data comment` (`An error
                    // occurred while computing metadata for content with ID …`).
                    let said = raw
                        .column("Data comment")
                        .and_then(|c| cells.get(c))
                        .map(|c| c.trim())
                        .filter(|c| !c.is_empty());
                    reject(
                        &header,
                        "",
                        match said {
                            Some(comment) => format!(
                                "`{}` is required but empty; the export's `Data comment` says: {comment}",
                                column.name
                            ),
                            None => format!("`{}` is required but empty", column.name),
                        },
                    );
                }
            }
        }
        match problem {
            Some(q) => quarantine.push(q),
            None => {
                for row in rows {
                    for (i, v) in row.into_iter().enumerate() {
                        typed[i].push(v);
                    }
                }
            }
        }
    }

    let series: Vec<Column> = columns
        .iter()
        .zip(typed)
        .map(|(c, values)| to_column(c.name, c.kind, values))
        .collect();
    let frame = DataFrame::new_infer_height(series).expect("columns have equal length");
    Normalised {
        table,
        frame,
        quarantine,
        rows_read: raw.rows.len() as u64,
    }
}

/// Each field's canonical column and source column, resolved once per file.
fn resolve<'f>(
    fields: &'f [adapters::Field],
    raw: &RawTable,
    table: Table,
) -> Vec<ResolvedField<'f>> {
    fields
        .iter()
        .map(|f| {
            let target = table
                .columns()
                .iter()
                .position(|c| c.name == f.target)
                .expect("canonical column");
            (target, f.sources.iter().find_map(|s| raw.column(s)), f)
        })
        .collect()
}

/// How this file writes numbers, from every cell of its count and real columns.
fn number_style(
    raw: &RawTable,
    fields: &[(usize, Option<usize>, &adapters::Field)],
) -> values::NumberStyle {
    let numeric: Vec<(values::NumberKind, usize)> = fields
        .iter()
        .filter_map(|(_, source, f)| match f.parse {
            Parse::Count => source.map(|s| (values::NumberKind::Count, s)),
            Parse::Real => source.map(|s| (values::NumberKind::Real, s)),
            _ => None,
        })
        .collect();
    values::NumberStyle::sniff(raw.rows.iter().flat_map(|(_, cells)| {
        numeric
            .iter()
            .filter_map(|(kind, i)| cells.get(*i).map(|c| (*kind, c.as_str())))
    }))
}

fn parse_cell(
    parse: &Parse,
    cell: &str,
    tz: chrono_tz::Tz,
    style: values::NumberStyle,
) -> Result<Value, String> {
    let v = match parse {
        Parse::Text => text(cell.trim()),
        Parse::HtmlText => text(&values::html_unescape(cell.trim())),
        Parse::Count => values::count(cell, style)?.map_or(Value::Null, Value::Int),
        Parse::Real => values::real(cell, style)?.map_or(Value::Null, Value::Real),
        Parse::Bool => values::boolean(cell)?.map_or(Value::Null, Value::Bool),
        Parse::InstantWithOffset(f) => {
            values::instant_with_offset(cell, f)?.map_or(Value::Null, Value::Int)
        }
        Parse::InstantLocal(f) => {
            values::instant_local(cell, f, tz)?.map_or(Value::Null, Value::Int)
        }
        Parse::InstantIso => values::instant_iso(cell, tz)?.map_or(Value::Null, Value::Int),
        Parse::DateOfTimestamp => values::date_prefix(cell)?.map_or(Value::Null, Value::Int),
        Parse::Date(f) => values::date(cell, f)?.map_or(Value::Null, Value::Int),
        Parse::DateFormat(f) => values::date(cell, f)?.map_or(Value::Null, Value::Int),
        Parse::UrlLastSegment => values::url_last_segment(cell)?.map_or(Value::Null, Value::Text),
        Parse::Prefixed(prefix) => match cell.trim() {
            "" => Value::Null,
            id => Value::Text(format!("{prefix}{id}")),
        },
        Parse::InstantUtc(formats) => {
            values::instant_utc(cell, formats)?.map_or(Value::Null, Value::Int)
        }
        Parse::SnowflakeTime => values::snowflake_time(cell)?.map_or(Value::Null, Value::Int),
        Parse::InstantFormat(f) => {
            values::instant_in_format(cell, f, tz)?.map_or(Value::Null, Value::Int)
        }
        Parse::Mapped(map) => {
            let t = cell.trim();
            if values::is_null_token(t) {
                Value::Null
            } else {
                let canonical = map
                    .iter()
                    .find(|(from, _)| from.trim().eq_ignore_ascii_case(t))
                    .map(|(_, to)| to.clone())
                    .ok_or_else(|| {
                        let known: Vec<&str> = map.iter().map(|(from, _)| from.as_str()).collect();
                        format!(
                            "`{t}` is none of the values mapped in the pipeline ({})",
                            known.join(", ")
                        )
                    })?;
                Value::Text(canonical)
            }
        }
        Parse::Constant(v) => Value::Text(v.to_string()),
        Parse::DateLocal(f) => match values::date(cell, f)? {
            None => Value::Null,
            Some(days) => {
                let day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")
                    + chrono::Duration::days(days);
                Value::Int(crate::metrics::local_midnight_utc(day, tz))
            }
        },
        Parse::PostType(map) => {
            let t = cell.trim();
            if values::is_null_token(t) {
                Value::Null
            } else {
                let canonical = map
                    .iter()
                    .find(|(from, _)| from.eq_ignore_ascii_case(t))
                    .map_or("other", |(_, to)| *to);
                Value::Text(canonical.to_string())
            }
        }
    };
    Ok(v)
}

fn text(cell: &str) -> Value {
    if cell.is_empty() {
        Value::Null
    } else {
        Value::Text(cell.to_string())
    }
}

fn cell<'a>(raw: &RawTable, cells: &'a [String], column: &str) -> Option<&'a str> {
    raw.column(column)
        .and_then(|i| cells.get(i))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

fn platform_of(rule: &PlatformRule, raw: &RawTable, cells: &[String]) -> String {
    match rule {
        PlatformRule::Fixed(p) => p.clone(),
        // `Adapter::for_file` has replaced it by the input's platform.
        PlatformRule::FromInput => "unknown".into(),
        PlatformRule::Column { source, default } => cell(raw, cells, source)
            .map(|p| p.to_ascii_lowercase())
            .unwrap_or_else(|| default.clone()),
    }
}

type Rejection = (String, String, String);

fn account_of(
    rule: &AccountRule,
    raw: &RawTable,
    cells: &[String],
) -> Result<Option<String>, Rejection> {
    match rule {
        AccountRule::None => Ok(None),
        AccountRule::Column(column) => Ok(cell(raw, cells, column).map(str::to_string)),
        AccountRule::Fixed(name) => Ok(Some(name.clone())),
        AccountRule::PermalinkHandle(column) => {
            let Some(link) = cell(raw, cells, column) else {
                return Ok(None);
            };
            // https://twitter.com/<handle>/status/<id>
            let handle = link
                .split("://")
                .nth(1)
                .and_then(|rest| rest.split('/').nth(1))
                .map(|h| h.trim_start_matches('@'))
                .filter(|h| !h.is_empty());
            match handle {
                Some(h) => Ok(Some(h.to_string())),
                None => Err((
                    column.clone(),
                    link.to_string(),
                    "no account handle in the permalink".into(),
                )),
            }
        }
    }
}

fn to_column(name: &str, kind: Kind, values: Vec<Value>) -> Column {
    let name = PlSmallStr::from_str(name);
    let int = |v: Value| match v {
        Value::Int(n) => Some(n),
        _ => None,
    };
    match kind {
        Kind::Text => Column::new(
            name,
            pick(values, |v| match v {
                Value::Text(s) => Some(s),
                _ => None,
            }),
        ),
        Kind::Count => Column::new(name, pick(values, int)),
        Kind::Real => Column::new(
            name,
            pick(values, |v| match v {
                Value::Real(f) => Some(f),
                Value::Int(n) => Some(n as f64),
                _ => None,
            }),
        ),
        Kind::Bool => Column::new(
            name,
            pick(values, |v| match v {
                Value::Bool(b) => Some(b),
                _ => None,
            }),
        ),
        Kind::Instant => Column::new(name, pick(values, int))
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
            .expect("i64 casts to datetime"),
        Kind::Date => {
            let days = pick(values, |v| int(v).map(|n| n as i32));
            Column::new(name, days)
                .cast(&DataType::Date)
                .expect("i32 casts to date")
        }
    }
}

/// The typed values of one column; cells of another kind (nulls) become `None`.
fn pick<T>(values: Vec<Value>, typed: impl Fn(Value) -> Option<T>) -> Vec<Option<T>> {
    values.into_iter().map(typed).collect()
}

/// Checks an `[[input]]` of a pipeline file without reading data. Returns every problem,
/// each as (key below the input, such as `.kinds.donation`, or empty; message).
pub fn check_input_spec(input: &InputSpec) -> Vec<(String, String)> {
    let whole = |message: String| vec![(String::new(), message)];
    let adapter = input.adapter.as_deref();
    let mut problems = Vec::new();
    if adapter != Some("generic_outcomes") {
        for (key, set) in [
            ("kinds", !input.kinds.is_empty()),
            ("campaign", input.campaign.is_some()),
            (
                "date-format",
                input.date_format.is_some() && adapter != Some(adapters::GENERIC_CARE),
            ),
            ("currency", input.currency.is_some()),
        ] {
            if set {
                problems.push((
                    format!(".{key}"),
                    format!("`{key}` needs `adapter = \"generic_outcomes\"`"),
                ));
            }
        }
    }
    if adapter != Some(adapters::GENERIC_CARE) && !input.direction_values.is_empty() {
        problems.push((
            ".direction-values".into(),
            "`direction-values` needs `adapter = \"generic_care\"`".into(),
        ));
    }
    problems.extend(match adapter {
        None => {
            if input.columns.is_empty() {
                vec![]
            } else {
                whole(
                    "`columns` needs `adapter = \"generic_mentions\"`, `\"generic_outcomes\"`, `\"generic_care\"` or `\"facepager\"`"
                        .into(),
                )
            }
        }
        Some("generic_mentions") => {
            adapters::generic_mentions(&input.columns, "input", input.platform.as_deref())
                .err()
                .map_or_else(Vec::new, whole)
        }
        Some("generic_outcomes") => match adapters::generic_outcomes(input) {
            Ok(_) => vec![],
            Err(problems) => problems
                .into_iter()
                .map(|(key, message)| (format!(".{key}"), message))
                .collect(),
        },
        Some(adapters::GENERIC_CARE) => match adapters::generic_care(input) {
            Ok(_) => vec![],
            Err(problems) => problems
                .into_iter()
                .map(|(key, message)| (format!(".{key}"), message))
                .collect(),
        },
        Some(adapters::FACEPAGER) => match adapters::facepager_with_columns(&input.columns) {
            Ok(_) => vec![],
            Err(problems) => problems
                .into_iter()
                .map(|(key, message)| (format!(".{key}"), message))
                .collect(),
        },
        Some(other) => {
            if adapters::builtin().iter().any(|a| a.id == other) {
                if input.columns.is_empty() {
                    vec![]
                } else {
                    // A built-in adapter's mapping is fixed: a mapping here would be ignored.
                    vec![(
                        ".columns".into(),
                        format!(
                            "`{other}` maps its columns itself; `columns` needs `adapter = \"generic_mentions\"`, `\"generic_outcomes\"`, `\"generic_care\"` or `\"facepager\"`"
                        ),
                    )]
                }
            } else {
                let known: Vec<String> = adapters::builtin().into_iter().map(|a| a.id).collect();
                whole(format!(
                    "unknown adapter `{other}`; known: {}, generic_mentions, generic_outcomes, generic_care",
                    known.join(", ")
                ))
            }
        }
    });
    problems
}

/// The adapter for an input: forced by the pipeline, or `None` to detect.
pub fn forced_adapter(input: &InputSpec) -> Result<Option<Adapter>, String> {
    match input.adapter.as_deref() {
        None => Ok(None),
        Some("generic_mentions") => {
            let source = input.source.as_deref().unwrap_or("mentions");
            adapters::generic_mentions(&input.columns, source, input.platform.as_deref()).map(Some)
        }
        Some("generic_outcomes") => adapters::generic_outcomes(input).map(Some).map_err(|p| {
            p.into_iter()
                .map(|(key, message)| format!("`{key}`: {message}"))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        Some(adapters::GENERIC_CARE) => adapters::generic_care(input).map(Some).map_err(|p| {
            p.into_iter()
                .map(|(key, message)| format!("`{key}`: {message}"))
                .collect::<Vec<_>>()
                .join("; ")
        }),
        Some(adapters::FACEPAGER) if !input.columns.is_empty() => {
            adapters::facepager_with_columns(&input.columns)
                .map(Some)
                .map_err(|p| {
                    p.into_iter()
                        .map(|(key, message)| format!("`{key}`: {message}"))
                        .collect::<Vec<_>>()
                        .join("; ")
                })
        }
        Some(id) => Ok(adapters::builtin().into_iter().find(|a| a.id == id)),
    }
}

/// How many rows of the file `frame` holds rows of. A file row is one row of most tables,
/// but one row per measure of a wide file (see [`adapters::Unpivot`]); the store counts
/// file rows, so that rows read = stored + quarantined + duplicates.
pub fn source_rows(frame: &DataFrame) -> u64 {
    frame
        .column("source_row")
        .and_then(|c| c.n_unique())
        .unwrap_or(frame.height()) as u64
}

/// Counts of quarantine reasons, for summaries: reason → rows.
pub fn reason_counts(rows: &[QuarantinedRow]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for r in rows {
        *counts
            .entry(format!("{}: {}", r.column, generalise(&r.reason)))
            .or_insert(0) += 1;
    }
    counts
}

/// "`abc` is not a number" → "is not a number", so reasons count together.
fn generalise(reason: &str) -> String {
    // The first quoted value only: the rest of the reason may quote names too.
    match reason.strip_prefix('`').and_then(|rest| rest.find("` ")) {
        Some(i) => reason[i + 3..].to_string(),
        None => reason.to_string(),
    }
}

/// Sets `snapshot_at` on every row, for files whose snapshot is only known after reading
/// them (the latest time in the file).
pub fn set_snapshot(normalised: &mut Normalised, snapshot_at: i64) {
    if normalised.table.column("snapshot_at").is_none() {
        return;
    }
    let height = normalised.frame.height();
    let column = Column::new(
        PlSmallStr::from_static("snapshot_at"),
        vec![snapshot_at; height],
    )
    .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
    .expect("i64 casts to datetime");
    normalised.frame.with_column(column).expect("same height");
}

/// Moves every typed row into quarantine with one reason, for a file that is readable but
/// cannot be stored as it is (it does not say when it was taken). Each file row keeps its
/// line.
pub fn quarantine_all(normalised: &mut Normalised, source_file: &str, reason: &str) {
    // One entry per file row: a wide file's row is several table rows.
    let lines: std::collections::BTreeSet<u64> = normalised
        .frame
        .column("source_row")
        .ok()
        .and_then(|c| c.as_materialized_series().cast(&DataType::Int64).ok())
        .map(|s| {
            s.i64()
                .map(|ca| ca.iter().map(|v| v.unwrap_or(0) as u64).collect())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    for line in lines {
        normalised.quarantine.push(QuarantinedRow {
            file: source_file.to_string(),
            line,
            column: String::new(),
            value: String::new(),
            reason: reason.to_string(),
        });
    }
    normalised.frame = normalised.frame.clear();
}
