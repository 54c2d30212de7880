//! Exports that `detect` names but no adapter reads yet.

/// Exports tolok recognises but has no adapter for yet: `detect` names them instead of
/// saying "unknown", and `ingest` refuses them with that explanation.
pub struct Recognised {
    pub name: &'static str,
    /// All must be in the header (or the line above it).
    pub signature: &'static [&'static str],
    pub note: &'static str,
}

pub const RECOGNISED: &[Recognised] = &[
    Recognised {
        name: "Meta Business Suite content export (Facebook videos)",
        signature: &["Video asset ID", "Universal video ID"],
        note: "the video-level export is planned (issue #4)",
    },
    Recognised {
        name: "Meta Business Suite audience export (age and gender, cities, countries)",
        signature: &["Women", "Men"],
        note: "audience breakdowns are not part of the canonical schema yet",
    },
    Recognised {
        name: "YouTube Studio advanced-mode export, Chart data.csv (views per day and video)",
        signature: &["Date", "Content", "Video title"],
        note: "daily figures per video fit no canonical table; the same export's Table \
               data.csv (per video) and Totals.csv (per day) are read",
    },
    Recognised {
        name: "TikTok legacy web-analytics overview export",
        signature: &["Date", "Video Views", "Profile Views"],
        note: "dates have no year (`April 12`, `8 de marzo`), so its days cannot be placed in \
               time; download the data again from TikTok Studio (dates like `2025/10/31`), \
               whose Overview, Followers and Content exports tolok reads",
    },
];
