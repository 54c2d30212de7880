//! X (Twitter) analytics "Tweet activity" export.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

/// analytics.twitter.com "Tweet activity" export (`tweet_activity_metrics_<handle>_….csv`).
pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "x_tweet_activity".into(),
        name: "X analytics tweet activity export".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&[
            "Tweet id",
            "Tweet permalink",
            "Tweet text",
            "time",
            "impressions",
            "engagements",
        ]),
        excludes: vec![],
        platform: PlatformRule::Fixed("x".into()),
        account: AccountRule::PermalinkHandle("Tweet permalink".into()),
        fields: vec![
            field("post_id", &["Tweet id"], Text),
            field("permalink", &["Tweet permalink"], Text),
            field("text", &["Tweet text"], HtmlText),
            field(
                "published_at",
                &["time"],
                InstantWithOffset("%Y-%m-%d %H:%M %z"),
            ),
            field("impressions", &["impressions"], Count),
            field("platform_engagements", &["engagements"], Count),
            field("shares", &["retweets"], Count),
            field("comments", &["replies"], Count),
            // Exports before 2015 call likes `favorites`.
            field("likes", &["likes", "favorites"], Count),
            field("profile_visits", &["user profile clicks"], Count),
            field("link_clicks", &["url clicks"], Count),
            field("follows", &["follows"], Count),
            field("video_views", &["media views"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}
