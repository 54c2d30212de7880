//! Meta Business Suite → Insights → Overview/Results → Export: one daily series per file
//! (`Reach.csv`, `Follows.csv`, …). UTF-16 with a `sep=,` line, then the metric name on a
//! line of its own, then `"Date","Primary"`. Spreadsheet re-saves turn it into
//! semicolon-separated UTF-8 without the `sep=` line; both read the same.

use super::{
    field, strings, AccountRule, Adapter, Parse, PlatformRule, SeriesMetric, SERIES_VALUE,
};
use crate::schema::Table;

const fn series(
    name: &'static str,
    platform: Option<&'static str>,
    target: &'static str,
) -> SeriesMetric {
    SeriesMetric {
        name,
        platform,
        target,
    }
}

/// Metric lines seen in real exports, and where each goes in `account_daily`. "Views"
/// replaced impressions in 2024–25; "Viewers" is the unique count that replaced reach.
pub const METRICS: &[SeriesMetric] = &[
    series("Facebook reach", Some("facebook"), "reach"),
    series("Facebook follows", Some("facebook"), "followers_gained"),
    series("Facebook visits", Some("facebook"), "page_views"),
    series("Facebook views", Some("facebook"), "impressions"),
    series("Instagram reach", Some("instagram"), "reach"),
    series("Instagram follows", Some("instagram"), "followers_gained"),
    series(
        "Instagram profile visits",
        Some("instagram"),
        "profile_visits",
    ),
    series("Instagram views", Some("instagram"), "impressions"),
    series("Reach", None, "reach"),
    series("Viewers", None, "reach"),
    series("Views", None, "impressions"),
    series("Follows", None, "followers_gained"),
    series("Visits", None, "page_views"),
    series("Content interactions", None, "interactions"),
    series("Facebook link clicks", Some("facebook"), "link_clicks"),
    series("Instagram link clicks", Some("instagram"), "link_clicks"),
    series("Link clicks", None, "link_clicks"),
];

pub fn adapter() -> Adapter {
    Adapter {
        id: "meta_daily_series".into(),
        name: "Meta Business Suite daily series".into(),
        version: 1,
        table: Table::AccountDaily,
        signature: strings(&["Date", "Primary"]),
        excludes: vec![],
        // Replaced per file by `Adapter::for_file`, from the metric line or the input.
        platform: PlatformRule::Fixed(String::new()),
        account: AccountRule::Fixed("main".into()),
        fields: vec![
            field("date", &["Date"], Parse::DateOfTimestamp),
            field(SERIES_VALUE, &["Primary"], Parse::Count),
        ],
        dataset: None,
        series: Some(METRICS),
        unpivot: None,
        read_with: None,
    }
}
