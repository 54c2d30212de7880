//! Meta Business Suite → Insights → Audience → Export (`Audience.csv`): the audience's
//! shares by age and gender, by country and by city, as stacked blocks in one UTF-16
//! `sep=,` file:
//!
//! ```text
//! "Age & gender"
//! "","Women","Men"
//! "18-24","10.6","6.5"
//! …
//! "Top countries"
//! "South Africa","Nigeria",…
//! "75.1","5.9",…
//! ```
//!
//! Shares are percentages of the audience. The file says neither the platform (the same
//! layout comes from Facebook and Instagram) nor when it was taken, so the input says both
//! (`platform`, `snapshot-at`).

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::{FileContext, Normalised, QuarantinedRow};
use crate::schema::Table;
use polars::prelude::*;
use std::collections::BTreeSet;

/// Block titles tolok reads, the `dimension` each becomes, and whether the block is a
/// matrix (rows × columns, age × gender) rather than a row of names over a row of shares.
const BLOCKS: &[(&str, &str, bool)] = &[
    ("Age & gender", "age_gender", true),
    ("Top countries", "country", false),
    ("Top cities", "city", false),
];

/// Header of the long table the blocks are rewritten into before the declared mapping
/// types it.
const LONG_HEADER: [&str; 3] = ["Dimension", "Segment", "Share"];

pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_audience".into(),
        name: "Meta Business Suite audience export (age and gender, countries, cities)".into(),
        version: 1,
        table: Table::Audience,
        // The age × gender block's header; `read_with` checks the block titles too.
        signature: strings(&["Women", "Men"]),
        excludes: vec![],
        platform: PlatformRule::FromInput,
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("dimension", &[LONG_HEADER[0]], Text),
            field("segment", &[LONG_HEADER[1]], Text),
            field("share", &[LONG_HEADER[2]], Real),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// Rewrites the stacked blocks into one row per segment, then applies the mapping. Rows
/// of a block tolok does not know are quarantined with the block's name, so that every
/// row of the file is accounted for.
fn read(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    let mut unknown = Vec::new();
    let mut long = Vec::new();
    // The first block's title is above the first header, in the preamble.
    let mut title = raw.preamble.last().cloned().unwrap_or_default();
    let mut matrix_header = raw.header.clone();
    let mut names: Option<(u64, Vec<String>)> = None;
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.trim().is_empty()).count();
    for (line, cells) in std::mem::take(&mut raw.rows) {
        if filled(&cells) == 1 && !cells[0].trim().is_empty() {
            title = cells[0].trim().to_string();
            names = None;
            matrix_header.clear();
            continue;
        }
        let Some(&(_, dimension, is_matrix)) = BLOCKS
            .iter()
            .find(|(t, _, _)| t.eq_ignore_ascii_case(&title))
        else {
            unknown.push(QuarantinedRow {
                file: ctx.source_file.to_string(),
                line,
                column: title.clone(),
                value: cells.join(","),
                reason: format!(
                    "this block of the audience export is not read (tolok reads {})",
                    BLOCKS
                        .iter()
                        .map(|(t, _, _)| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            continue;
        };
        if is_matrix {
            // The block's own header (`"","Women","Men"`) when it is not the file's first.
            if matrix_header.is_empty() {
                matrix_header = cells.iter().map(|c| c.trim().to_string()).collect();
                continue;
            }
            let row_label = cells.first().map_or("", |c| c.trim());
            for (column, share) in cells.iter().enumerate().skip(1) {
                let column_label = matrix_header.get(column).map_or("", String::as_str);
                if column_label.is_empty() && share.trim().is_empty() {
                    continue;
                }
                long.push((
                    line,
                    vec![
                        dimension.to_string(),
                        format!("{row_label} {}", column_label.to_lowercase()),
                        share.clone(),
                    ],
                ));
            }
        } else {
            match names.take() {
                None => names = Some((line, cells)),
                Some((_, segment_names)) => {
                    for (segment, share) in segment_names.iter().zip(&cells) {
                        if segment.trim().is_empty() && share.trim().is_empty() {
                            continue;
                        }
                        long.push((
                            line,
                            vec![
                                dimension.to_string(),
                                segment.trim().to_string(),
                                share.clone(),
                            ],
                        ));
                    }
                }
            }
        }
    }
    if let Some((line, _)) = names {
        unknown.push(QuarantinedRow {
            file: ctx.source_file.to_string(),
            line,
            column: title.clone(),
            value: String::new(),
            reason: "the block names segments but has no row of shares under them".into(),
        });
    }
    raw.header = strings(&LONG_HEADER);
    raw.rows = long;
    let mut normalised = crate::normalise::normalise(adapter, raw, ctx);
    per_file_line(&mut normalised, &raw.rows);
    normalised.rows_read += unknown.len() as u64;
    normalised.quarantine.extend(unknown);
    normalised
}

/// Accounts per line of the file, as for other wide files (`Unpivot`): a line holding
/// several segments (`"18-24","10.6","6.5"`) is one row read, quarantined whole when one of
/// its shares cannot be read, so rows read = stored + quarantined + duplicates counts lines.
fn per_file_line(normalised: &mut Normalised, long: &[(u64, Vec<String>)]) {
    let lines: BTreeSet<u64> = long.iter().map(|(line, _)| *line).collect();
    normalised.rows_read = lines.len() as u64;
    let mut bad = BTreeSet::new();
    normalised.quarantine.retain(|q| bad.insert(q.line));
    if bad.is_empty() {
        return;
    }
    let keep: Vec<bool> = normalised
        .frame
        .column("source_row")
        .and_then(|c| c.as_materialized_series().cast(&DataType::Int64))
        .map(|s| {
            s.i64()
                .map(|ca| {
                    ca.iter()
                        .map(|line| !line.is_some_and(|l| bad.contains(&(l as u64))))
                        .collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if let Ok(kept) = normalised.frame.filter(&BooleanChunked::from_slice(
        PlSmallStr::from_static("keep"),
        &keep,
    )) {
        normalised.frame = kept;
    }
}
