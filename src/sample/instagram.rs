//! Meta Business Suite, Instagram account, content export. Same encoding and quoting as the
//! Facebook export (BOM, LF, minimal quoting); `Follows` is often empty (Meta only reports it
//! for some posts) and `Duration (sec)` only exists for reels.

use super::calendar::meta_publish_time;
use super::content::{PostCopy, ORG_NAME};
use super::meta::{export_file_name, time_based_id, PublishedPost};
use super::plan::{plan_month, PlannedPost};
use super::rng::{count, Rng};
use super::{csv_bytes, Accounts, Encoding, MonthContext, SampleFile};

pub(crate) const USERNAME: &str = "amanahzakat.id";

pub(crate) const HEADER: [&str; 18] = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Comments",
    "Saves",
    "Follows",
];

/// Reach of an average image post in the first sample month.
const TYPICAL_REACH: f64 = 1800.0;
/// Instagram media ids are 17 digits starting with 18.
const POST_ID_BASE: u64 = 18_000_000_000_000_000;
/// Generic hashtags Indonesian charity accounts add under the caption to be found.
const DISCOVERY_HASHTAGS: [&str; 6] = [
    "#Zakat",
    "#Sedekah",
    "#Infaq",
    "#BerbagiKebaikan",
    "#FilantropiIndonesia",
    "#Indonesia",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PostType {
    Image,
    Reel,
    Carousel,
}

impl PostType {
    fn label(self) -> &'static str {
        match self {
            PostType::Image => "IG image",
            PostType::Reel => "IG reel",
            PostType::Carousel => "IG carousel",
        }
    }

    fn reach_factor(self) -> f64 {
        match self {
            PostType::Reel => 2.0,
            PostType::Carousel => 1.1,
            PostType::Image => 0.85,
        }
    }
}

/// The month's Instagram content export.
pub(crate) fn content_export(context: &MonthContext, accounts: &Accounts) -> SampleFile {
    let (export_id, posts) = month_posts(context, accounts);
    let rows: Vec<Vec<String>> = posts.into_iter().map(|post| post.row).collect();
    let name = export_file_name(context.month, export_id);
    SampleFile {
        relative: ["instagram", name.as_str()].iter().collect(),
        bytes: csv_bytes(Encoding::MetaExport, &HEADER, &rows),
    }
}

/// The month's posts as the daily series see them: exactly those of the content export.
pub(crate) fn published_posts(context: &MonthContext, accounts: &Accounts) -> Vec<PublishedPost> {
    let (_, posts) = month_posts(context, accounts);
    posts.into_iter().map(|post| post.published).collect()
}

/// One post: its id, CSV row, and what the daily series need to know about it.
struct Post {
    id: u64,
    row: Vec<String>,
    published: PublishedPost,
}

/// The export id and the month's posts, newest first.
fn month_posts(context: &MonthContext, accounts: &Accounts) -> (u64, Vec<Post>) {
    let mut rng = context.rng("instagram");
    let export_id = rng.digits(16);
    let post_count = rng.range(25, 45) as usize;
    let plan = plan_month(&mut rng, context, post_count);
    let mut posts: Vec<Post> = plan
        .iter()
        .map(|planned| post_row(&mut rng, context, accounts, planned))
        .collect();
    // Newest first; ids grow with publish time.
    posts.sort_by_key(|post| std::cmp::Reverse(post.id));
    (export_id, posts)
}

fn post_row(
    rng: &mut Rng,
    context: &MonthContext,
    accounts: &Accounts,
    planned: &PlannedPost,
) -> Post {
    let post_type = choose_post_type(rng, planned);
    let id = time_based_id(rng, POST_ID_BASE, planned.local_time);
    let permalink = match post_type {
        PostType::Reel => format!("https://www.instagram.com/reel/{}/", shortcode(rng)),
        _ => format!("https://www.instagram.com/p/{}/", shortcode(rng)),
    };
    let reach_scale = context.audience_growth() * planned.popularity * post_type.reach_factor();
    let reach = count(TYPICAL_REACH * reach_scale * rng.uniform(0.85, 1.15)) + 50;
    let views = if post_type == PostType::Reel {
        count(reach as f64 * rng.uniform(1.6, 3.0))
    } else {
        count(reach as f64 * rng.uniform(1.25, 1.9))
    };
    let likes = count(reach as f64 * rng.uniform(0.025, 0.07)).max(1);
    let share_boost = if planned.theme.appeal() >= 1.4 {
        2.0
    } else {
        1.0
    };
    let save_boost = if planned.theme.is_reference_material() {
        3.0
    } else {
        1.0
    };
    let duration = (post_type == PostType::Reel).then(|| rng.range(8, 75));
    // Meta leaves `Follows` empty for many posts rather than writing 0.
    let follows = rng
        .chance(0.45)
        .then(|| count(reach as f64 * rng.uniform(0.0005, 0.003)));
    let row = vec![
        id.to_string(),
        accounts.instagram_account_id.to_string(),
        USERNAME.to_string(),
        ORG_NAME.to_string(),
        caption(rng, &planned.copy),
        duration.map(|d| d.to_string()).unwrap_or_default(),
        meta_publish_time(planned.local_time),
        permalink,
        post_type.label().to_string(),
        String::new(),
        "Lifetime".to_string(),
        views.to_string(),
        reach.to_string(),
        likes.to_string(),
        count(likes as f64 * rng.uniform(0.02, 0.2) * share_boost).to_string(),
        count(likes as f64 * rng.uniform(0.02, 0.09)).to_string(),
        count(likes as f64 * rng.uniform(0.02, 0.1) * save_boost).to_string(),
        follows.map(|f| f.to_string()).unwrap_or_default(),
    ];
    Post {
        id,
        row,
        published: PublishedPost {
            local_time: planned.local_time,
            reach,
            follows,
        },
    }
}

fn choose_post_type(rng: &mut Rng, planned: &PlannedPost) -> PostType {
    let weights = if planned.theme.is_visual_story() {
        [
            (PostType::Reel, 55),
            (PostType::Carousel, 25),
            (PostType::Image, 20),
        ]
    } else if planned.theme.is_reference_material() {
        [
            (PostType::Carousel, 60),
            (PostType::Image, 20),
            (PostType::Reel, 20),
        ]
    } else {
        [
            (PostType::Reel, 35),
            (PostType::Carousel, 35),
            (PostType::Image, 30),
        ]
    };
    rng.pick_weighted(&weights)
}

/// Instagram captions cannot hold clickable links, hence "link di bio"; the hashtag block is
/// pushed below the fold with dot lines, a common habit.
fn caption(rng: &mut Rng, copy: &PostCopy) -> String {
    let mut text = format!("{}\n\n{}", copy.headline, copy.detail);
    if let Some(partner) = copy.partner {
        text.push_str(&format!(" Bersama @{}.", partner.to_ascii_lowercase()));
    }
    text.push_str("\n\nLink donasi di bio 👆");
    let mut hashtags: Vec<&str> = copy.hashtags.clone();
    let extra = rng.range(2, DISCOVERY_HASHTAGS.len() as u64) as usize;
    hashtags.extend(&DISCOVERY_HASHTAGS[..extra]);
    if rng.chance(0.5) {
        text.push_str("\n.\n.\n");
    } else {
        text.push_str("\n\n");
    }
    text.push_str(&hashtags.join(" "));
    text
}

/// An 11-character shortcode from Instagram's URL-safe alphabet. Recent posts start with `D`.
pub(crate) fn shortcode(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let rest: String = (0..10).map(|_| char::from(*rng.pick(ALPHABET))).collect();
    format!("D{rest}")
}
