//! Customer-care message logs whose columns a pipeline maps onto the `care` table: one row
//! per message of a conversation, from a help-desk or inbox export (Meta Business Suite
//! inbox, a WhatsApp Business tool, a ticketing system). No platform exports these in one
//! fixed format, so the pipeline says which column is which, how times are written, and
//! which of the file's values mean a message came in or went out.
//!
//! ```toml
//! [[input]]
//! path = "care/*.csv"
//! adapter = "generic_care"
//! platform = "instagram"
//! date-format = "%d/%m/%Y %H:%M"
//! columns = { thread_id = "Percakapan", message_id = "ID Pesan", sent_at = "Waktu", direction = "Dari" }
//! direction-values = { inbound = ["pelanggan", "masuk"], outbound = ["agen", "halaman"] }
//! ```

use super::{field, AccountRule, Adapter, Parse, PlatformRule};
use crate::pipeline::InputSpec;
use crate::schema::Table;

/// Adapter id: what `adapter =` names.
pub const ID: &str = "generic_care";

/// The canonical columns a care mapping's `columns` may name.
const MAPPED_COLUMNS: &[&str] = &[
    "thread_id",
    "message_id",
    "sent_at",
    "direction",
    "is_automated",
    "resolved_at",
    "platform",
];
const REQUIRED: &[&str] = &["thread_id", "message_id", "sent_at"];
/// What `care.direction` holds.
const DIRECTIONS: &[&str] = &["inbound", "outbound"];

/// The adapter for an `[[input]]` with `adapter = "generic_care"`. Every problem with the
/// mapping is returned at once, each as (key within the input, message).
pub fn generic_care(input: &InputSpec) -> Result<Adapter, Vec<(String, String)>> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut problem = |key: &str, message: String| problems.push((key.to_string(), message));

    for (key, set) in [
        ("account", input.account.is_some()),
        ("source", input.source.is_some()),
    ] {
        if set {
            problem(
                key,
                format!("care rows have no {key}; name the platform with `platform` or `columns.platform`"),
            );
        }
    }
    for (target, column) in &input.columns {
        let key = format!("columns.{target}");
        if !MAPPED_COLUMNS.contains(&target.as_str()) {
            problem(
                &key,
                format!(
                    "`{target}` is not a column of the care table; map {}",
                    MAPPED_COLUMNS.join(", ")
                ),
            );
        } else if column.trim().is_empty() {
            problem(&key, "the column name is empty".into());
        }
    }
    for required in REQUIRED {
        if !input.columns.contains_key(*required) {
            problem(
                &format!("columns.{required}"),
                format!("required for `{ID}`: the file's column holding each message's {required}"),
            );
        }
    }
    let platform_column = input.columns.get("platform");
    let platform = input.platform.as_deref().map(str::trim);
    match (platform, platform_column) {
        (None, None) => problem(
            "platform",
            "required for `generic_care` unless `columns.platform` names a column: the platform every message was sent on (`instagram`, `whatsapp`)".into(),
        ),
        (Some(""), _) => problem("platform", "the platform name is empty".into()),
        _ => {}
    }
    let time_parse = match &input.date_format {
        None => Parse::InstantIso,
        Some(format) => match check_time_format(format) {
            Ok(()) => Parse::InstantFormat(format.clone()),
            Err(e) => {
                problem("date-format", e);
                Parse::InstantIso
            }
        },
    };
    let direction_map = direction_map(input, &mut problem);
    if !problems.is_empty() {
        return Err(problems);
    }

    let column = |target: &str| input.columns.get(target).map(String::as_str);
    let mut fields = Vec::new();
    let mut signature = Vec::new();
    for (target, parse) in [
        ("thread_id", Parse::Text),
        ("message_id", Parse::Text),
        ("sent_at", time_parse.clone()),
        ("direction", Parse::Mapped(direction_map)),
        ("is_automated", Parse::Bool),
        ("resolved_at", time_parse),
    ] {
        let Some(source) = column(target) else {
            continue;
        };
        let target = Table::Care.column(target).expect("a care column").name;
        fields.push(field(target, &[source], parse));
        signature.push(source.to_string());
    }
    if let Some(source) = platform_column {
        signature.push(source.clone());
    }
    Ok(Adapter {
        id: ID.into(),
        name: "customer-care log (columns mapped in the pipeline)".into(),
        version: 1,
        table: Table::Care,
        signature,
        excludes: vec![],
        platform: match platform_column {
            Some(source) => PlatformRule::Column {
                source: source.clone(),
                default: platform.unwrap_or("unknown").to_ascii_lowercase(),
            },
            None => PlatformRule::Fixed(platform.unwrap_or("unknown").to_ascii_lowercase()),
        },
        account: AccountRule::None,
        fields,
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    })
}

/// The file's direction values → `inbound`/`outbound`, from `direction-values`; without
/// it the column must say `inbound` or `outbound` itself.
fn direction_map(
    input: &InputSpec,
    problem: &mut impl FnMut(&str, String),
) -> Vec<(String, String)> {
    if input.direction_values.is_empty() {
        return DIRECTIONS
            .iter()
            .map(|d| (d.to_string(), d.to_string()))
            .collect();
    }
    if !input.columns.contains_key("direction") {
        problem(
            "direction-values",
            "says what the direction column's values mean, but `columns.direction` names no column"
                .into(),
        );
    }
    let mut map: Vec<(String, String)> = Vec::new();
    for (direction, values) in &input.direction_values {
        let key = format!("direction-values.{direction}");
        if !DIRECTIONS.contains(&direction.as_str()) {
            problem(
                &key,
                format!("`{direction}` is not a direction; use `inbound` (from the customer) and `outbound` (from the organisation)"),
            );
            continue;
        }
        if values.is_empty() {
            problem(
                &key,
                "list at least one value of the file's direction column".into(),
            );
        }
        for value in values {
            let v = value.trim();
            if v.is_empty() {
                problem(&key, "a value is empty".into());
            } else if let Some((_, other)) = map.iter().find(|(f, _)| f.eq_ignore_ascii_case(v)) {
                problem(
                    &key,
                    format!("`{v}` is listed under both `{other}` and `{direction}`"),
                );
            } else {
                map.push((v.to_string(), direction.clone()));
            }
        }
    }
    map
}

/// A care `date-format` must write and read back a whole time, to the minute.
fn check_time_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let bad = || {
        format!(
            "`{format}` is not a time format tolok can read: use `chrono` strftime fields for the year, month, day, hour and minute, for example `%d/%m/%Y %H:%M` for `31/10/2026 13:45`"
        )
    };
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(bad());
    }
    let sample = NaiveDate::from_ymd_opt(2026, 10, 31)
        .and_then(|d| d.and_hms_opt(13, 45, 0))
        .expect("valid time");
    let offset = chrono::FixedOffset::east_opt(7 * 3600).expect("valid offset");
    let written = sample
        .and_local_timezone(offset)
        .single()
        .expect("fixed offsets are unambiguous")
        .format(format)
        .to_string();
    let read_back = DateTime::parse_from_str(&written, format)
        .map(|d| d.naive_local())
        .or_else(|_| NaiveDateTime::parse_from_str(&written, format));
    match read_back {
        Ok(read) if read == sample => Ok(()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml_text: &str) -> InputSpec {
        toml::from_str(toml_text).expect("valid input")
    }

    #[test]
    fn a_mapping_types_each_column_and_maps_directions() {
        let adapter = generic_care(&spec(
            r#"
            path = "c.csv"
            adapter = "generic_care"
            platform = "Instagram"
            date-format = "%d/%m/%Y %H:%M"
            columns = { thread_id = "Thread", message_id = "Id", sent_at = "Sent", direction = "From" }
            direction-values = { inbound = ["customer", "masuk"], outbound = ["agent"] }
            "#,
        ))
        .unwrap();
        assert_eq!(adapter.signature, ["Thread", "Id", "Sent", "From"]);
        assert!(matches!(&adapter.platform, PlatformRule::Fixed(p) if p == "instagram"));
        let direction = adapter
            .fields
            .iter()
            .find(|f| f.target == "direction")
            .unwrap();
        let Parse::Mapped(map) = &direction.parse else {
            panic!("{direction:?}")
        };
        assert_eq!(
            map,
            &[
                ("customer".to_string(), "inbound".to_string()),
                ("masuk".into(), "inbound".into()),
                ("agent".into(), "outbound".into())
            ]
        );
        assert!(matches!(
            adapter
                .fields
                .iter()
                .find(|f| f.target == "sent_at")
                .unwrap()
                .parse,
            Parse::InstantFormat(_)
        ));
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let problems = generic_care(&spec(
            r#"
            path = "c.csv"
            adapter = "generic_care"
            account = "x"
            date-format = "%d/%m/%Y"
            columns = { thread_id = "Thread", sent_at = "Sent", reach = "Reach" }
            direction-values = { inbound = ["customer"], outbound = ["Customer"], sideways = ["x"] }
            "#,
        ))
        .unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "account",
                "columns.reach",
                "columns.message_id",
                "platform",
                "date-format",
                "direction-values",
                "direction-values.outbound",
                "direction-values.sideways"
            ],
            "{problems:?}"
        );
        assert!(problems[6]
            .1
            .contains("under both `inbound` and `outbound`"));
    }

    #[test]
    fn time_formats_must_read_back_to_the_minute() {
        assert!(check_time_format("%d/%m/%Y %H:%M").is_ok());
        assert!(check_time_format("%Y-%m-%d %H:%M:%S %z").is_ok());
        assert!(check_time_format("%d/%m/%Y").is_err());
        assert!(check_time_format("%Q").is_err());
    }
}
