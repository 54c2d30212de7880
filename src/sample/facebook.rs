//! Meta Business Suite, Facebook Page, post-level content export.
//!
//! Format quirks reproduced: UTF-8 with BOM, LF, quotes only where needed (so the header's
//! `"Reactions, Comments and Shares"` is quoted); `Publish time` is the Page's wall-clock time
//! without offset; `Date` is the literal `Lifetime`; metrics that do not apply to a post type
//! (watch time for photos, photo clicks for videos) are empty, not 0.

use chrono::NaiveDateTime;

use super::calendar::meta_publish_time;
use super::content::{PostCopy, ORG_NAME};
use super::meta::{export_file_name, simulate_watch_time, time_based_id, PublishedPost, WatchTime};
use super::plan::{plan_month, PlannedPost};
use super::rng::{count, Rng};
use super::{csv_bytes, Accounts, Encoding, MonthContext, SampleFile};

pub(crate) const HEADER: [&str; 31] = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link Clicks",
    "Other Clicks",
    "Matched Audience Targeting Consumption (Photo Click)",
    "Seconds viewed",
    "Average Seconds viewed",
    "Estimated earnings (USD)",
    "Ad impressions",
];

/// Reach of an average photo post in the first sample month.
const TYPICAL_REACH: f64 = 2200.0;
/// Post ids are 16 digits: this base plus a time-based part.
const POST_ID_BASE: u64 = 1_000_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PostType {
    Photos,
    Reels,
    Links,
    Videos,
    Text,
}

impl PostType {
    fn label(self) -> &'static str {
        match self {
            PostType::Photos => "Photos",
            PostType::Reels => "Reels",
            PostType::Links => "Links",
            PostType::Videos => "Videos",
            PostType::Text => "Text",
        }
    }

    /// Reach relative to a photo: the feed algorithm favours reels, buries links and text.
    fn reach_factor(self) -> f64 {
        match self {
            PostType::Reels => 1.8,
            PostType::Videos => 1.3,
            PostType::Photos => 1.0,
            PostType::Links => 0.7,
            PostType::Text => 0.6,
        }
    }

    fn is_video(self) -> bool {
        matches!(self, PostType::Reels | PostType::Videos)
    }
}

#[derive(Debug)]
struct Post {
    id: u64,
    post_type: PostType,
    title: String,
    description: String,
    publish_time: String,
    /// Jakarta wall-clock time of `publish_time`, for the daily series.
    local_time: NaiveDateTime,
    permalink: String,
    is_crosspost: bool,
    is_share: bool,
    boosted: bool,
    duration_secs: Option<u64>,
    views: u64,
    reach: u64,
    reactions: u64,
    comments: u64,
    shares: u64,
    link_clicks: u64,
    other_clicks: u64,
    photo_clicks: Option<u64>,
    watch_time: Option<WatchTime>,
}

impl Post {
    fn row(&self, accounts: &Accounts) -> Vec<String> {
        let optional = |value: Option<u64>| value.map(|v| v.to_string()).unwrap_or_default();
        let flag = |value: bool| if value { "1" } else { "0" }.to_string();
        let total_clicks = self.link_clicks + self.other_clicks + self.photo_clicks.unwrap_or(0);
        vec![
            self.id.to_string(),
            accounts.facebook_page_id.to_string(),
            ORG_NAME.to_string(),
            self.title.clone(),
            self.description.clone(),
            optional(self.duration_secs),
            self.publish_time.clone(),
            "N/A".to_string(),
            self.permalink.clone(),
            flag(self.is_crosspost),
            flag(self.is_share),
            self.post_type.label().to_string(),
            String::new(),
            String::new(),
            if self.boosted { "Boosted" } else { "" }.to_string(),
            String::new(),
            "Lifetime".to_string(),
            self.views.to_string(),
            self.reach.to_string(),
            (self.reactions + self.comments + self.shares).to_string(),
            self.reactions.to_string(),
            self.comments.to_string(),
            self.shares.to_string(),
            total_clicks.to_string(),
            self.link_clicks.to_string(),
            self.other_clicks.to_string(),
            optional(self.photo_clicks),
            self.watch_time
                .as_ref()
                .map(|watch| watch.seconds_viewed.clone())
                .unwrap_or_default(),
            self.watch_time
                .as_ref()
                .map(|watch| watch.average_seconds_viewed.clone())
                .unwrap_or_default(),
            String::new(),
            String::new(),
        ]
    }
}

/// The month's Facebook content export.
pub(crate) fn content_export(context: &MonthContext, accounts: &Accounts) -> SampleFile {
    let (export_id, posts) = month_posts(context, accounts);
    let rows: Vec<Vec<String>> = posts.iter().map(|post| post.row(accounts)).collect();
    let name = export_file_name(context.month, export_id);
    SampleFile {
        relative: ["facebook", name.as_str()].iter().collect(),
        bytes: csv_bytes(Encoding::MetaExport, &HEADER, &rows),
    }
}

/// The month's posts as the daily series see them: exactly those of the content export.
pub(crate) fn published_posts(context: &MonthContext, accounts: &Accounts) -> Vec<PublishedPost> {
    let (_, posts) = month_posts(context, accounts);
    posts
        .iter()
        .map(|post| PublishedPost {
            local_time: post.local_time,
            reach: post.reach,
            follows: None,
        })
        .collect()
}

/// The export id and the month's posts, newest first.
fn month_posts(context: &MonthContext, accounts: &Accounts) -> (u64, Vec<Post>) {
    let mut rng = context.rng("facebook");
    let export_id = rng.digits(16);
    let post_count = rng.range(25, 45) as usize;
    let plan = plan_month(&mut rng, context, post_count);
    let mut posts: Vec<Post> = plan
        .iter()
        .map(|planned| post_from_plan(&mut rng, context, accounts, planned))
        .collect();
    boost_one(&mut rng, &mut posts);
    // Newest first, like the Business Suite table the export is taken from.
    posts.sort_by_key(|post| std::cmp::Reverse(post.id));
    (export_id, posts)
}

fn post_from_plan(
    rng: &mut Rng,
    context: &MonthContext,
    accounts: &Accounts,
    planned: &PlannedPost,
) -> Post {
    let post_type = choose_post_type(rng, planned);
    let id = time_based_id(rng, POST_ID_BASE, planned.local_time);
    let permalink = if post_type == PostType::Reels {
        format!("https://www.facebook.com/reel/{}/", rng.digits(16))
    } else {
        format!(
            "https://www.facebook.com/{}/posts/{id}",
            accounts.facebook_page_id
        )
    };
    let reach_scale = context.audience_growth() * planned.popularity * post_type.reach_factor();
    let reach = count(TYPICAL_REACH * reach_scale * rng.uniform(0.85, 1.15)) + 30;
    let views = if post_type.is_video() {
        count(reach as f64 * rng.uniform(1.4, 2.6))
    } else {
        count(reach as f64 * rng.uniform(1.15, 1.8))
    };
    let duration_secs = match post_type {
        PostType::Reels => Some(rng.range(15, 90)),
        PostType::Videos => Some(rng.range(60, 240)),
        _ => None,
    };
    let reactions = count(reach as f64 * rng.uniform(0.012, 0.04)).max(1);
    // Disaster appeals and scam warnings are passed on far more than they are liked.
    let share_boost = if planned.theme.appeal() >= 1.4 {
        2.0
    } else {
        1.0
    };
    let description = description(rng, &planned.copy, post_type);
    let link_clicks = match post_type {
        PostType::Links => count(reach as f64 * rng.uniform(0.01, 0.03)),
        _ if description.contains("https://") => count(reach as f64 * rng.uniform(0.001, 0.005)),
        _ => 0,
    };
    Post {
        id,
        post_type,
        title: if post_type == PostType::Videos {
            planned.copy.title.clone()
        } else {
            String::new()
        },
        description,
        publish_time: meta_publish_time(planned.local_time),
        local_time: planned.local_time,
        permalink,
        // Reels are mostly published once and cross-posted from Instagram.
        is_crosspost: post_type == PostType::Reels && rng.chance(0.6),
        is_share: post_type == PostType::Links && rng.chance(0.2),
        boosted: false,
        duration_secs,
        views,
        reach,
        reactions,
        comments: count(reactions as f64 * rng.uniform(0.04, 0.18)),
        shares: count(reactions as f64 * rng.uniform(0.03, 0.22) * share_boost),
        link_clicks,
        other_clicks: count(reach as f64 * rng.uniform(0.005, 0.02)),
        photo_clicks: (post_type == PostType::Photos)
            .then(|| count(reach as f64 * rng.uniform(0.01, 0.04))),
        watch_time: duration_secs.map(|duration| simulate_watch_time(rng, views, duration)),
    }
}

fn choose_post_type(rng: &mut Rng, planned: &PlannedPost) -> PostType {
    if planned.theme.is_visual_story() {
        rng.pick_weighted(&[
            (PostType::Reels, 35),
            (PostType::Videos, 20),
            (PostType::Photos, 35),
            (PostType::Links, 5),
            (PostType::Text, 5),
        ])
    } else {
        rng.pick_weighted(&[
            (PostType::Photos, 45),
            (PostType::Links, 20),
            (PostType::Text, 15),
            (PostType::Reels, 12),
            (PostType::Videos, 8),
        ])
    }
}

/// Facebook captions are long-form: headline, detail, call to action with the full link, and
/// a hashtag line. Text-only posts stay short; reels keep only the headline.
fn description(rng: &mut Rng, copy: &PostCopy, post_type: PostType) -> String {
    let tag_count = rng.range(2, 3) as usize;
    let hashtags = copy.hashtags[..tag_count.min(copy.hashtags.len())].join(" ");
    let mut text = copy.headline.clone();
    match post_type {
        PostType::Reels => {
            text.push(' ');
            text.push_str(&hashtags);
        }
        PostType::Text => {
            text.push_str("\n\n");
            text.push_str(&copy.detail);
        }
        PostType::Links => {
            text.push_str(&format!("\n\n{} {}", copy.call, copy.link));
        }
        PostType::Photos | PostType::Videos => {
            text.push_str(&format!(
                "\n\n{}\n\n{} {}",
                copy.detail, copy.call, copy.link
            ));
            if let Some(partner) = copy.partner {
                text.push_str(&format!("\n\nBersama @{partner}"));
            }
            text.push_str("\n\n");
            text.push_str(&hashtags);
        }
    }
    text
}

/// One post a month gets paid distribution, which shows up as far higher reach.
fn boost_one(rng: &mut Rng, posts: &mut [Post]) {
    let candidates: Vec<usize> = (0..posts.len())
        .filter(|&index| matches!(posts[index].post_type, PostType::Photos | PostType::Links))
        .collect();
    let Some(&index) = candidates.get(rng.below(candidates.len().max(1) as u64) as usize) else {
        return;
    };
    let post = &mut posts[index];
    let factor = rng.uniform(2.5, 4.0);
    post.boosted = true;
    post.reach = count(post.reach as f64 * factor);
    post.views = count(post.views as f64 * factor);
    post.reactions = count(post.reactions as f64 * factor * 0.7);
    post.link_clicks = count(post.link_clicks as f64 * factor);
}
