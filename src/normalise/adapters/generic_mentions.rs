//! Listening CSVs whose columns a pipeline maps onto the `mentions` table.

use super::{AccountRule, Adapter, Field, Parse, PlatformRule};
use crate::schema::Table;

/// A listening CSV whose columns the pipeline maps (`[input.columns]`, canonical = source).
pub fn generic_mentions(
    columns: &std::collections::BTreeMap<String, String>,
    source_name: &str,
    platform: Option<&str>,
) -> Result<Adapter, String> {
    let mut fields = Vec::new();
    let mut platform_column = None;
    for (target, source) in columns {
        if target == "platform" {
            platform_column = Some(source.clone());
            continue;
        }
        let column = Table::Mentions
            .column(target)
            .filter(|c| !matches!(c.name, "source" | "source_file" | "source_row"))
            .ok_or_else(|| {
                format!("`columns.{target}`: `{target}` is not a column of the mentions table")
            })?;
        let parse = match (column.name, column.kind) {
            (_, crate::schema::Kind::Instant) => Parse::InstantIso,
            (_, crate::schema::Kind::Count) => Parse::Count,
            (_, crate::schema::Kind::Real) => Parse::Real,
            (_, crate::schema::Kind::Bool) => Parse::Bool,
            _ => Parse::Text,
        };
        fields.push(Field {
            target: column.name,
            sources: vec![source.clone()],
            parse,
        });
    }
    for required in ["mention_id", "published_at"] {
        if !columns.contains_key(required) {
            return Err(format!(
                "`columns.{required}` is required for generic mentions"
            ));
        }
    }
    let default_platform = platform.unwrap_or("unknown").to_string();
    let signature: Vec<String> = columns.values().cloned().collect();
    Ok(Adapter {
        id: "generic_mentions".into(),
        name: format!("listening CSV `{source_name}` (columns mapped in the pipeline)"),
        version: 1,
        table: Table::Mentions,
        signature,
        excludes: vec![],
        platform: match platform_column {
            Some(source) => PlatformRule::Column {
                source,
                default: default_platform,
            },
            None => PlatformRule::Column {
                source: String::new(),
                default: default_platform,
            },
        },
        account: AccountRule::None,
        fields,
        dataset: Some(source_name.to_string()),
        series: None,
        unpivot: None,
        read_with: None,
    })
}
