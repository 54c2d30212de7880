//! Outcome files whose columns a pipeline maps onto the `outcomes` table: web analytics
//! (sessions, engaged sessions, conversions), ads spend and results, donations, job
//! applications, satisfaction surveys.
//!
//! These exports are wide (one row per day, or per day × campaign, and one column per
//! measure) while `outcomes` is long (one row per day × source × campaign × kind). The
//! adapter types the row's date (and campaign) once and declares an [`Unpivot`]: each mapped
//! kind's column gives a row of its own, with the kind's name in `kind` and the cell in
//! `value`.

use super::{field, AccountRule, Adapter, Measure, Parse, PlatformRule, Unpivot};
use crate::pipeline::InputSpec;
use crate::schema::Table;

/// An outcome kind: what `outcomes.kind` holds.
#[derive(Debug, Clone, Copy)]
pub struct OutcomeKind {
    pub id: &'static str,
    /// An amount of money: its rows take the input's `currency`.
    pub money: bool,
}

const fn kind(id: &'static str, money: bool) -> OutcomeKind {
    OutcomeKind { id, money }
}

/// The outcome kinds, the one list pipeline mappings are checked against: the kinds the
/// catalogue's outcome metrics read (`pipelines/catalogue/metrics.toml`; a test keeps the
/// two in step). Counts unless marked as money.
pub const KINDS: &[OutcomeKind] = &[
    // Web analytics (GA4 "Sessions", "Engaged sessions", "Key events").
    kind("sessions", false),
    kind("engaged_sessions", false),
    kind("conversions", false),
    kind("leads", false),
    kind("applications", false),
    // Donations: the amount given, and the number of gifts.
    kind("donations", true),
    kind("donation_count", false),
    kind("revenue", true),
    // Ads: amount spent, and "Results" (Meta Ads Manager).
    kind("spend", true),
    kind("results", false),
    // Surveys: answers, and satisfied answers (4–5 of 5).
    kind("csat_responses", false),
    kind("csat_satisfied", false),
    // Net Promoter Score: answers, promoters (9–10), detractors (0–6).
    kind("nps_responses", false),
    kind("nps_promoters", false),
    kind("nps_detractors", false),
];

pub fn outcome_kind(id: &str) -> Option<&'static OutcomeKind> {
    KINDS.iter().find(|k| k.id == id)
}

/// The canonical columns an outcome mapping's `columns` may name; the measures go in
/// `kinds`.
const MAPPED_COLUMNS: &[&str] = &["date", "campaign"];

/// The campaign of rows when the input names neither a campaign nor a campaign column.
pub const DEFAULT_CAMPAIGN: &str = "all";

/// The adapter for an `[[input]]` with `adapter = "generic_outcomes"`. Every problem with
/// the mapping is returned at once, each as (key within the input, message).
pub fn generic_outcomes(input: &InputSpec) -> Result<Adapter, Vec<(String, String)>> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut problem = |key: &str, message: String| problems.push((key.to_string(), message));

    let source = input.source.as_deref().unwrap_or_default().trim();
    if source.is_empty() {
        problem(
            "source",
            "required for `generic_outcomes`: the name stored in `outcomes.source` (`ga4`, `kitabisa`, `meta-ads`)".into(),
        );
    }
    for (key, value) in [("platform", &input.platform), ("account", &input.account)] {
        if value.is_some() {
            problem(
                key,
                format!("outcome rows have no {key}; name where they come from with `source`"),
            );
        }
    }
    for (target, column) in &input.columns {
        if !MAPPED_COLUMNS.contains(&target.as_str()) {
            problem(
                &format!("columns.{target}"),
                "outcome files map only `date` and `campaign` here; measures go in `[input.kinds]` as `kind = \"column\"`"
                    .into(),
            );
        } else if column.trim().is_empty() {
            problem(
                &format!("columns.{target}"),
                "the column name is empty".into(),
            );
        }
    }
    let date_column = input.columns.get("date");
    if date_column.is_none() {
        problem(
            "columns.date",
            "required for `generic_outcomes`: the file's date column (`date = \"Date\"`)".into(),
        );
    }
    let campaign_column = input.columns.get("campaign");
    let campaign = match (&input.campaign, campaign_column) {
        (Some(_), Some(_)) => {
            problem(
                "campaign",
                "set either `campaign` (one campaign for every row) or `columns.campaign` (a column naming each row's campaign), not both".into(),
            );
            None
        }
        (Some(c), None) if c.trim().is_empty() => {
            problem("campaign", "the campaign name is empty".into());
            None
        }
        (Some(c), None) => Some(c.trim().to_string()),
        (None, Some(_)) => None,
        (None, None) => Some(DEFAULT_CAMPAIGN.to_string()),
    };
    let known = || KINDS.iter().map(|k| k.id).collect::<Vec<_>>().join(", ");
    if input.kinds.is_empty() {
        problem(
            "kinds",
            format!(
                "map at least one outcome kind to a column (`sessions = \"Sessions\"`); known kinds: {}",
                known()
            ),
        );
    }
    for (id, column) in &input.kinds {
        let key = format!("kinds.{id}");
        if outcome_kind(id).is_none() {
            problem(
                &key,
                format!("unknown outcome kind `{id}`; known: {}", known()),
            );
        } else if column.trim().is_empty() {
            problem(&key, "the column name is empty".into());
        }
    }
    let date_parse = match &input.date_format {
        None => Parse::Date("%Y-%m-%d"),
        Some(format) => match check_date_format(format) {
            Ok(()) => Parse::DateFormat(format.clone()),
            Err(e) => {
                problem("date-format", e);
                Parse::Date("%Y-%m-%d")
            }
        },
    };
    let money_kinds = || {
        KINDS
            .iter()
            .filter(|k| k.money)
            .map(|k| k.id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let currency = match &input.currency {
        None => None,
        Some(c) if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) => {
            problem(
                "currency",
                format!(
                    "`{c}` is not a three-letter ISO 4217 currency code such as `IDR` or `USD`"
                ),
            );
            None
        }
        Some(_)
            if !input
                .kinds
                .keys()
                .any(|k| outcome_kind(k).is_some_and(|k| k.money)) =>
        {
            problem(
                "currency",
                format!(
                    "applies to money kinds ({}), and this input maps none",
                    money_kinds()
                ),
            );
            None
        }
        Some(c) => Some(c.clone()),
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let date_column = date_column.expect("checked above");
    let mut fields = vec![field("date", &[date_column.as_str()], date_parse)];
    let mut signature = vec![date_column.clone()];
    if let Some(column) = campaign_column {
        fields.push(field("campaign", &[column.as_str()], Parse::Text));
        signature.push(column.clone());
    }
    let measures: Vec<Measure> = input
        .kinds
        .iter()
        .map(|(id, column)| {
            let mut constants = Vec::new();
            if let Some(c) = &campaign {
                constants.push(("campaign", c.clone()));
            }
            if let (Some(c), true) = (&currency, outcome_kind(id).is_some_and(|k| k.money)) {
                constants.push(("currency", c.clone()));
            }
            Measure {
                name: id.clone(),
                source: column.clone(),
                constants,
            }
        })
        .collect();
    for m in &measures {
        if !signature.iter().any(|s| s.eq_ignore_ascii_case(&m.source)) {
            signature.push(m.source.clone());
        }
    }
    Ok(Adapter {
        id: "generic_outcomes".into(),
        name: format!("outcome file `{source}` (columns mapped in the pipeline)"),
        version: 1,
        table: Table::Outcomes,
        signature,
        excludes: vec![],
        // `outcomes` has no platform or account.
        platform: PlatformRule::Fixed(String::new()),
        account: AccountRule::None,
        fields,
        dataset: Some(source.to_string()),
        series: None,
        unpivot: Some(Unpivot {
            name_target: "kind",
            value_target: "value",
            parse: Parse::Real,
            measures,
        }),
        read_with: None,
    })
}

/// A `date-format` must be a `chrono` format that writes and reads back a whole date.
fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    use chrono::NaiveDate;
    let bad = || {
        format!(
            "`{format}` is not a date format tolok can read: use `chrono` strftime fields for the year, month and day, for example `%Y%m%d` for `20261031` or `%d/%m/%Y` for `31/10/2026`"
        )
    };
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(bad());
    }
    let sample = NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid date");
    let written = sample.format(format).to_string();
    match NaiveDate::parse_from_str(&written, format) {
        Ok(read) if read == sample => Ok(()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn spec(toml_text: &str) -> InputSpec {
        toml::from_str(toml_text).expect("valid input")
    }

    #[test]
    fn every_kind_the_catalogue_reads_is_known_and_every_known_kind_is_read() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/pipelines/catalogue/metrics.toml"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let file: crate::metrics::catalogue::MetricsFile = toml::from_str(&text).unwrap();
        let mut used = BTreeSet::new();
        for m in file.metrics.iter().filter(|m| m.table == "outcomes") {
            for sql in [&m.value, &m.numerator, &m.denominator, &m.filter]
                .into_iter()
                .flatten()
            {
                for part in sql.split("kind = '").skip(1) {
                    used.insert(part.split('\'').next().unwrap().to_string());
                }
            }
        }
        let known: BTreeSet<String> = KINDS.iter().map(|k| k.id.to_string()).collect();
        assert_eq!(used, known);
    }

    #[test]
    fn a_mapping_becomes_one_measure_per_kind_with_currency_on_money_kinds() {
        let adapter = generic_outcomes(&spec(
            r#"
            path = "d.csv"
            adapter = "generic_outcomes"
            source = "kitabisa"
            currency = "IDR"
            columns = { date = "Tanggal" }
            kinds = { donations = "Amount (IDR)", donation_count = "Donations" }
            "#,
        ))
        .unwrap();
        assert_eq!(adapter.dataset.as_deref(), Some("kitabisa"));
        assert_eq!(adapter.signature, ["Tanggal", "Donations", "Amount (IDR)"]);
        let unpivot = adapter.unpivot.unwrap();
        let measures: Vec<String> = unpivot
            .measures
            .iter()
            .map(|m| format!("{} = {} {:?}", m.name, m.source, m.constants))
            .collect();
        assert_eq!(
            measures,
            [
                r#"donation_count = Donations [("campaign", "all")]"#,
                r#"donations = Amount (IDR) [("campaign", "all"), ("currency", "IDR")]"#,
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let problems = generic_outcomes(&spec(
            r#"
            path = "d.csv"
            adapter = "generic_outcomes"
            platform = "x"
            currency = "rupiah"
            date-format = "%Q"
            campaign = "ramadan"
            columns = { campaign = "Campaign", reach = "Reach" }
            kinds = { sessions = "Sessions", donation = "Amount" }
            "#,
        ))
        .unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "source",
                "platform",
                "columns.reach",
                "columns.date",
                "campaign",
                "kinds.donation",
                "date-format",
                "currency"
            ],
            "{problems:?}"
        );
        assert!(problems[5].1.contains("known: sessions, engaged_sessions"));
    }

    #[test]
    fn date_formats_must_read_back_a_whole_date() {
        assert!(check_date_format("%Y%m%d").is_ok());
        assert!(check_date_format("%d/%m/%Y").is_ok());
        assert!(check_date_format("%b %d, %Y").is_ok());
        assert!(check_date_format("%d/%m").is_err());
        assert!(check_date_format("%Q").is_err());
    }
}
