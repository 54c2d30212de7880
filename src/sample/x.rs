//! X (Twitter) analytics "Tweet activity" export: `tweet_activity_metrics_<handle>_<from>_<to>_en.csv`.
//!
//! Format quirks reproduced from real exports: every field quoted (header too), LF line endings,
//! no BOM; counts from `impressions` to `permalink clicks` written as floats (`"3423.0"`) while
//! `app opens` onwards are integers; `engagement rate` is the unrounded fraction; promoted
//! columns hold `"-"` unless the tweet was promoted; text keeps X's HTML entities (`&amp;`)
//! and real newlines; rows newest first.

use chrono::NaiveDateTime;

use super::calendar::{compact_date, jakarta_to_utc, x_time};
use super::content::{PostCopy, PARTNER_HANDLES};
use super::plan::{plan_month, PlannedPost};
use super::rng::{count, Rng};
use super::{csv_bytes, Encoding, MonthContext, SampleFile};

pub(crate) const HANDLE: &str = "AmanahZakatID";

pub(crate) const HEADER: [&str; 40] = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
    "promoted impressions",
    "promoted engagements",
    "promoted engagement rate",
    "promoted retweets",
    "promoted replies",
    "promoted likes",
    "promoted user profile clicks",
    "promoted url clicks",
    "promoted hashtag clicks",
    "promoted detail expands",
    "promoted permalink clicks",
    "promoted app opens",
    "promoted app installs",
    "promoted follows",
    "promoted email tweet",
    "promoted dial phone",
    "promoted media views",
    "promoted media engagements",
];

/// Snowflake epoch (2010-11-04T01:42:54.657Z): tweet ids encode their creation time.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;
/// Impressions of an average tweet in the first sample month.
const TYPICAL_IMPRESSIONS: f64 = 900.0;
/// Short answers the account tweets in reply to partners and followers.
const REPLIES: [&str; 5] = [
    "Terima kasih atas kolaborasinya! 🙏",
    "Siap, tim kami sudah di lokasi sejak pagi.",
    "Jazakumullah khairan, semoga menjadi amal jariyah.",
    "Silakan cek laporan lengkapnya di website ya.",
    "Thank you for the support, see you at the next distribution!",
];

/// One tweet's metrics, organic or promoted; both use the same columns.
#[derive(Debug, Default, Clone)]
struct Metrics {
    impressions: u64,
    retweets: u64,
    replies: u64,
    likes: u64,
    user_profile_clicks: u64,
    url_clicks: u64,
    hashtag_clicks: u64,
    detail_expands: u64,
    permalink_clicks: u64,
    app_opens: u64,
    app_installs: u64,
    follows: u64,
    email_tweet: u64,
    dial_phone: u64,
    media_views: u64,
    media_engagements: u64,
}

impl Metrics {
    /// X's definition: every kind of interaction, media engagements included, views not.
    fn engagements(&self) -> u64 {
        self.retweets
            + self.replies
            + self.likes
            + self.user_profile_clicks
            + self.url_clicks
            + self.hashtag_clicks
            + self.detail_expands
            + self.permalink_clicks
            + self.app_opens
            + self.app_installs
            + self.follows
            + self.email_tweet
            + self.dial_phone
            + self.media_engagements
    }

    /// The 18 metric columns, in header order.
    fn columns(&self) -> Vec<String> {
        let engagements = self.engagements();
        // Rust's f64 Display is the shortest string that round-trips, the same digits X's
        // exporter prints. Impressions are never 0 and the rate never below 1e-4, so there is
        // no "0" vs "0.0" or exponent-notation mismatch.
        let rate = engagements as f64 / self.impressions as f64;
        let as_float = |value: u64| format!("{value}.0");
        let mut columns = vec![
            as_float(self.impressions),
            as_float(engagements),
            rate.to_string(),
        ];
        columns.extend(
            [
                self.retweets,
                self.replies,
                self.likes,
                self.user_profile_clicks,
                self.url_clicks,
                self.hashtag_clicks,
                self.detail_expands,
                self.permalink_clicks,
            ]
            .map(as_float),
        );
        columns.extend(
            [
                self.app_opens,
                self.app_installs,
                self.follows,
                self.email_tweet,
                self.dial_phone,
                self.media_views,
                self.media_engagements,
            ]
            .map(|value| value.to_string()),
        );
        columns
    }
}

/// What a tweet contains, which decides which interactions are possible.
#[derive(Debug, Clone, Copy)]
struct Shape {
    has_link: bool,
    has_media: bool,
    has_hashtags: bool,
    is_reply: bool,
}

#[derive(Debug)]
struct Tweet {
    id: u64,
    utc: NaiveDateTime,
    text: String,
    organic: Metrics,
    promoted: Option<Metrics>,
}

impl Tweet {
    fn row(&self) -> Vec<String> {
        let mut row = vec![
            self.id.to_string(),
            format!("https://twitter.com/{HANDLE}/status/{}", self.id),
            self.text.clone(),
            x_time(self.utc),
        ];
        row.extend(self.organic.columns());
        match &self.promoted {
            Some(promoted) => row.extend(promoted.columns()),
            None => row.extend(std::iter::repeat_n("-".to_string(), 18)),
        }
        row
    }
}

/// The month's tweet activity file.
pub(crate) fn tweet_activity(context: &MonthContext) -> SampleFile {
    let mut rng = context.rng("x");
    let post_count = rng.range(25, 45) as usize;
    let plan = plan_month(&mut rng, context, post_count);
    let mut tweets: Vec<Tweet> = plan
        .iter()
        .map(|post| tweet_from_plan(&mut rng, context, post))
        .collect();
    promote_one_or_two(&mut rng, &mut tweets);
    // Newest first, as X exports; the id orders by the exact second, the `time` column does not.
    tweets.sort_by_key(|tweet| std::cmp::Reverse(tweet.id));

    let month = context.month;
    let name = format!(
        "tweet_activity_metrics_{HANDLE}_{}_{}_en.csv",
        compact_date(month.first_day()),
        compact_date(month.next().first_day())
    );
    let rows: Vec<Vec<String>> = tweets.iter().map(Tweet::row).collect();
    SampleFile {
        relative: ["x", name.as_str()].iter().collect(),
        bytes: csv_bytes(Encoding::XTweetActivity, &HEADER, &rows),
    }
}

fn tweet_from_plan(rng: &mut Rng, context: &MonthContext, post: &PlannedPost) -> Tweet {
    let utc = jakarta_to_utc(post.local_time);
    let shape = Shape {
        has_link: rng.chance(0.65),
        has_media: rng.chance(0.55),
        has_hashtags: rng.chance(0.8),
        is_reply: rng.chance(0.08),
    };
    let text = if shape.is_reply {
        reply_text(rng)
    } else {
        tweet_text(rng, &post.copy, shape)
    };
    let mut reach_factor = context.audience_growth() * post.popularity;
    if shape.is_reply {
        // Replies are shown mostly to the people in the conversation.
        reach_factor *= 0.25;
    }
    let impressions = count(TYPICAL_IMPRESSIONS * reach_factor * rng.uniform(0.85, 1.15)) + 40;
    Tweet {
        id: snowflake_id(rng, utc),
        utc,
        text: escape_entities(&text),
        organic: simulate(rng, impressions, shape, 1.0),
        promoted: None,
    }
}

/// `@partner short answer`.
fn reply_text(rng: &mut Rng) -> String {
    format!("@{} {}", rng.pick(&PARTNER_HANDLES), rng.pick(&REPLIES))
}

/// A tweet-sized version of the copy: headline, maybe the call to action and a t.co link,
/// a couple of hashtags; half of them spread over several lines.
fn tweet_text(rng: &mut Rng, copy: &PostCopy, shape: Shape) -> String {
    let tag_count = if shape.has_hashtags {
        rng.range(1, 2) as usize
    } else {
        0
    };
    let hashtags = copy.hashtags[..tag_count].join(" ");
    let link = shape.has_link.then(|| short_link(rng));
    let mut text = copy.headline.clone();
    if rng.chance(0.5) {
        if let Some(link) = &link {
            text.push_str(&format!("\n\n{} {link}", copy.call));
        }
        if !hashtags.is_empty() {
            text.push('\n');
            text.push_str(&hashtags);
        }
    } else {
        for part in [link.as_deref(), Some(hashtags.as_str())]
            .into_iter()
            .flatten()
        {
            if !part.is_empty() {
                text.push(' ');
                text.push_str(part);
            }
        }
    }
    if let Some(partner) = copy.partner {
        text.push_str(&format!(" cc @{partner}"));
    }
    text
}

/// X rewrites every link to `https://t.co/<10 characters>`.
fn short_link(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let code: String = (0..10).map(|_| char::from(*rng.pick(ALPHABET))).collect();
    format!("https://t.co/{code}")
}

/// X stores tweet text HTML-escaped and its export keeps the entities.
fn escape_entities(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A 19-digit snowflake: milliseconds since the Twitter epoch, then 22 bits of worker and
/// sequence. The minute comes from the plan, the second and millisecond are drawn.
pub(crate) fn snowflake_id(rng: &mut Rng, utc: NaiveDateTime) -> u64 {
    let millis = utc.and_utc().timestamp_millis() + rng.below(60_000) as i64;
    let since_epoch =
        u64::try_from(millis - TWITTER_EPOCH_MS).expect("sample dates are after 2010");
    (since_epoch << 22) | rng.below(1 << 22)
}

/// Interactions for `impressions`, at typical organic rates scaled by `rate_scale`.
fn simulate(rng: &mut Rng, impressions: u64, shape: Shape, rate_scale: f64) -> Metrics {
    let seen = impressions as f64 * rate_scale;
    let likes = count(seen * rng.uniform(0.004, 0.014));
    let media_views = if shape.has_media {
        count(impressions as f64 * rng.uniform(0.08, 0.3))
    } else {
        0
    };
    Metrics {
        impressions,
        retweets: count(likes as f64 * rng.uniform(0.12, 0.35)),
        replies: count(likes as f64 * rng.uniform(0.03, 0.12)),
        likes,
        user_profile_clicks: count(seen * rng.uniform(0.001, 0.004)),
        url_clicks: if shape.has_link {
            count(seen * rng.uniform(0.002, 0.009))
        } else {
            0
        },
        hashtag_clicks: if shape.has_hashtags {
            count(seen * rng.uniform(0.0, 0.0015))
        } else {
            0
        },
        // At least one, so every tweet has a non-zero engagement rate.
        detail_expands: count(seen * rng.uniform(0.004, 0.014)).max(1),
        permalink_clicks: count(seen * rng.uniform(0.0, 0.0008)),
        follows: count(seen * rng.uniform(0.0, 0.0006)),
        media_views,
        media_engagements: count(media_views as f64 * rng.uniform(0.04, 0.15) * rate_scale),
        ..Metrics::default()
    }
}

/// One or two tweets a month get a paid push. Promoted metrics come from the ad audience:
/// more impressions, lower engagement rates.
fn promote_one_or_two(rng: &mut Rng, tweets: &mut [Tweet]) {
    let candidates: Vec<usize> = (0..tweets.len())
        .filter(|&index| !tweets[index].text.starts_with('@'))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let promoted_count = if rng.chance(0.5) { 2 } else { 1 };
    let mut promoted_so_far = 0;
    while promoted_so_far < promoted_count.min(candidates.len()) {
        let index = *rng.pick(&candidates);
        if tweets[index].promoted.is_some() {
            continue;
        }
        let impressions = rng.range(8_000, 30_000);
        let shape = Shape {
            has_link: true,
            has_media: true,
            has_hashtags: true,
            is_reply: false,
        };
        tweets[index].promoted = Some(simulate(rng, impressions, shape, 0.6));
        promoted_so_far += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflake_ids_have_19_digits_and_follow_time() {
        let mut rng = Rng::stream(1, "snowflake", 0);
        let earlier = chrono::NaiveDate::from_ymd_opt(2026, 8, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let later = earlier + chrono::Duration::minutes(2);
        let first = snowflake_id(&mut rng, earlier);
        let second = snowflake_id(&mut rng, later);
        assert_eq!(first.to_string().len(), 19);
        assert!(first < second);
    }

    #[test]
    fn entities_are_escaped_like_x_does() {
        assert_eq!(
            escape_entities("Zakat & infaq <3"),
            "Zakat &amp; infaq &lt;3"
        );
    }
}
