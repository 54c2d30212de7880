//! X (Twitter) account analytics "Content" export of 2024 and later
//! (`account_analytics_content_<YYYY-MM-DD>_<YYYY-MM-DD>.csv`, x.com → Analytics → Content
//! → Export): one row per post → `posts`.
//!
//! Header verified two ways, no real file having been found:
//! - X's own web app bundle (`bundle.AccountAnalytics`, seen in a public copy of it):
//!   the export's columns are `id, timestamp, text, link` and then the metrics
//!   `Impressions, Likes, Engagements, Bookmark, Share, Follows, Replies, Retweets,
//!   ProfileVisits, DetailExpands, UrlClicks, HashtagClicks, PermalinkClicks`, their headers
//!   translated into the user's language; the file name is built from the range's UTC
//!   dates; the link is `https://x.com/<screen_name>/status/<id>`.
//! - Two independent tools reading real exports agree on the English headers in that order:
//!   `Post id, Date, Post text, Post Link, Impressions, Likes, Engagements, Bookmarks,
//!   Shares, New follows, Replies, Reposts, Profile visits, Detail Expands, URL Clicks,
//!   Hashtag Clicks, Permalink Clicks`, with `Date` a day without time, `Sat, Dec 13, 2025`.
//!
//! Exports in other languages translate the headers and are not detected.
//!
//! The `Date` has no time of day, and is written in the zone of the browser that exported
//! it. The post id does carry the time (X ids are "snowflakes"), to the millisecond and in
//! UTC, so `published_at` comes from `Post id` and `Date` is not read.
//!
//! Mapped: `Reposts` → `shares` (the canonical shares are reposts); `Bookmarks` → `saves`;
//! `Replies` → `comments`; `New follows` → `follows`; `URL Clicks` → `link_clicks`;
//! `Profile visits`; `Engagements` → `platform_engagements` (X's figure, every click
//! included). Not mapped: `Shares` (sent by message or link copy: no canonical column, and
//! not the reposts that `shares` holds), `Detail Expands`, `Hashtag Clicks`, `Permalink
//! Clicks` (parts of `Engagements`, with no canonical column each).
//!
//! The account is the handle in `Post Link`.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "x_content".into(),
        name: "X account analytics content export (2024+)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post id", "Date", "Post text", "Post Link", "Impressions"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("x".into()),
        account: AccountRule::PermalinkHandle("Post Link".into()),
        fields: vec![
            field("post_id", &["Post id"], Text),
            field("published_at", &["Post id"], SnowflakeTime),
            // X's API writes `&amp;`, `&lt;` and `&gt;` into post text.
            field("text", &["Post text"], HtmlText),
            field("permalink", &["Post Link"], Text),
            field("impressions", &["Impressions"], Count),
            field("likes", &["Likes"], Count),
            field("platform_engagements", &["Engagements"], Count),
            field("saves", &["Bookmarks", "Bookmark"], Count),
            field("follows", &["New follows", "Follows"], Count),
            field("comments", &["Replies"], Count),
            field("shares", &["Reposts", "Retweets"], Count),
            field("profile_visits", &["Profile visits"], Count),
            field("link_clicks", &["URL Clicks", "Url clicks"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}
