//! Meta Business Suite content exports (post level), Facebook and Instagram.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

const META_POST_TYPES: &[(&str, &str)] = &[
    ("Photos", "photo"),
    ("Photo", "photo"),
    ("Reels", "reel"),
    ("Links", "link"),
    ("Link", "link"),
    ("Videos", "video"),
    ("Video", "video"),
    ("Text", "text"),
    ("Status", "text"),
    ("Live", "live"),
    ("IG image", "photo"),
    ("IG reel", "reel"),
    ("IG carousel", "carousel"),
    ("IG story", "story"),
];

/// Meta Business Suite → Insights → Content → Export, Facebook Page posts.
pub fn facebook_posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_facebook_posts".into(),
        name: "Meta Business Suite content export (Facebook posts)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post ID", "Page ID", "Publish time", "Permalink"]),
        excludes: strings(&["Account username", "Video asset ID"]),
        platform: PlatformRule::Fixed("facebook".into()),
        account: AccountRule::Column("Page ID".into()),
        fields: vec![
            field("post_id", &["Post ID"], Text),
            field("text", &["Description", "Title"], Text),
            field("duration_s", &["Duration (sec)"], Real),
            field(
                "published_at",
                &["Publish time"],
                InstantLocal("%m/%d/%Y %H:%M"),
            ),
            field("permalink", &["Permalink"], Text),
            field("post_type", &["Post type"], PostType(META_POST_TYPES)),
            // Views replaced impressions in 2024–25; older exports still say Impressions.
            field("impressions", &["Views", "Impressions"], Count),
            field("reach", &["Reach"], Count),
            field("likes", &["Reactions"], Count),
            field("comments", &["Comments"], Count),
            field("shares", &["Shares"], Count),
            field("all_clicks", &["Total clicks"], Count),
            field("link_clicks", &["Link Clicks"], Count),
            field("watch_time_s", &["Seconds viewed"], Real),
            field("video_views", &["3-second video views"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// Meta Business Suite → Insights → Content → Export, Instagram posts and reels.
pub fn instagram_posts() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_instagram_posts".into(),
        name: "Meta Business Suite content export (Instagram posts)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Post ID", "Account ID", "Account username", "Publish time"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("instagram".into()),
        account: AccountRule::Column("Account ID".into()),
        fields: vec![
            field("post_id", &["Post ID"], Text),
            field("text", &["Description"], Text),
            field("duration_s", &["Duration (sec)"], Real),
            field(
                "published_at",
                &["Publish time"],
                InstantLocal("%m/%d/%Y %H:%M"),
            ),
            field("permalink", &["Permalink"], Text),
            field("post_type", &["Post type"], PostType(META_POST_TYPES)),
            field("impressions", &["Views", "Impressions"], Count),
            field("reach", &["Reach"], Count),
            field("likes", &["Likes"], Count),
            field("shares", &["Shares"], Count),
            field("comments", &["Comments"], Count),
            field("saves", &["Saves"], Count),
            field("follows", &["Follows"], Count),
            field("profile_visits", &["Profile visits"], Count),
            field("link_clicks", &["Link clicks"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}

/// Prefix of the `post_id` of rows from the video export: a video asset id is not a post
/// id, and the same video may also be in the content export as a post (see
/// `metrics::frames`, which counts such a video once).
pub const FACEBOOK_VIDEO_ID_PREFIX: &str = "video:";

/// Meta Business Suite → Insights → Content → Export with the video columns chosen: one row
/// per Facebook video or Reel, keyed by its video asset id. It has no permalink, post type,
/// views or clicks, but watch time, 3-second and 1-minute views and viewers; the retention
/// curve (`Percentage of 15-second views at interval N`) and the per-country and per-audience
/// view counts fit no canonical column and are not read.
pub fn facebook_videos() -> Adapter {
    use Parse::*;
    Adapter {
        id: "meta_facebook_videos".into(),
        name: "Meta Business Suite content export (Facebook videos and Reels)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["Video asset ID", "Page ID", "Publish time"]),
        excludes: vec![],
        platform: PlatformRule::Fixed("facebook".into()),
        account: AccountRule::Column("Page ID".into()),
        fields: vec![
            field(
                "post_id",
                &["Video asset ID"],
                Prefixed(FACEBOOK_VIDEO_ID_PREFIX),
            ),
            // Every row of this export is a video; Meta does not say which were Reels.
            field("post_type", &["Video asset ID"], Constant("video")),
            field("text", &["Title", "Description"], Text),
            field("duration_s", &["Duration (sec)"], Real),
            field(
                "published_at",
                &["Publish time"],
                InstantLocal("%m/%d/%Y %H:%M"),
            ),
            field("reach", &["Reach"], Count),
            field("likes", &["Reactions"], Count),
            field("comments", &["Comments"], Count),
            field("shares", &["Shares"], Count),
            field("watch_time_s", &["Seconds viewed"], Real),
            field("video_views", &["3-second video views"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}
