//! Exports that `detect` names but no adapter reads yet.

/// Exports tolok recognises but has no adapter for yet: `detect` names them instead of
/// saying "unknown", and `ingest` refuses them with that explanation.
pub struct Recognised {
    pub name: &'static str,
    /// All must be in the header (or the line above it).
    pub signature: &'static [&'static str],
    /// The header's first cell, where the signature alone could be another export's.
    pub first_cell: Option<&'static str>,
    pub note: &'static str,
}

pub const RECOGNISED: &[Recognised] = &[
    // The breakdown sheets of the legacy Page Insights workbooks (`fb_insights.rs` reads
    // their `Key Metrics` sheet): one figure split by type, source or audience.
    Recognised {
        name: "Facebook Page Insights breakdown sheet (per post)",
        signature: &["Description", "Post ID", "Post Message", "Posted"],
        first_cell: Some("Description"),
        note: "one lifetime figure of each post split by type (stories by action, consumers \
               by type, negative feedback by type) fits no canonical column; the same \
               workbook's `Key Metrics` sheet is read",
    },
    Recognised {
        name: "Facebook Page Insights breakdown sheet (per day)",
        signature: &["Description", "Date"],
        first_cell: Some("Description"),
        note: "one daily figure of the Page split by source, type or audience fits no \
               canonical column; the same workbook's `Key Metrics` sheet is read",
    },
];
