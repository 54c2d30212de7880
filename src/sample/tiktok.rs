//! TikTok Studio exports (Analytics → Download data), one folder per month:
//! `tiktok/<yyyy-mm>/{Overview,Content,Followers}.csv`.
//!
//! Format reproduced: UTF-8 with BOM, LF, quotes only where needed; dates `2026/10/31`, post
//! times `2026/10/31 18:19:10` in the account's time (Asia/Jakarta); the Overview header's
//! trailing space (`Phone number clicks `); `--` where TikTok has no value (the account has
//! no phone-number or lead-form button, so those two columns are `--` every day).
//!
//! The numbers: 10–16 videos a month planned like the other platforms' posts (one or two take
//! off); a video collects its lifetime views over the days after it is published (a share
//! `1/((a+1)(a+2))` on day `a`, which sums to one), plus views of older videos the For You
//! feed keeps showing. Followers grow with the views; the Followers export's `Total followers`
//! is yesterday's total plus new minus lost, carried over from month to month.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::calendar::jakarta_to_utc;
use super::meta_daily::weekday_factor;
use super::plan::plan_month;
use super::rng::{count, Rng};
use super::{csv_bytes, Encoding, MonthContext, SampleFile};

pub(crate) const HANDLE: &str = "amanahzakat.id";

pub(crate) const OVERVIEW_HEADER: [&str; 12] = [
    "Date",
    "Video views",
    "Reached audience",
    "Profile views",
    "Likes",
    "Shares",
    "Comments",
    "Phone number clicks ",
    "Leads submission",
    "Net growth",
    "New followers",
    "Lost followers",
];

pub(crate) const CONTENT_HEADER: [&str; 8] = [
    "Video title",
    "Video link",
    "Post time",
    "Video views",
    "Likes",
    "Comments",
    "Shares",
    "Add to Favorites",
];

pub(crate) const FOLLOWERS_HEADER: [&str; 5] = [
    "Date",
    "New followers",
    "Total followers",
    "Reached audience",
    "Engaged audience",
];

/// Lifetime views of an average video in the first sample month.
const TYPICAL_VIEWS: f64 = 900.0;
/// Video ids are 19 digits: this base plus a time-based part.
const VIDEO_ID_BASE: u64 = 7_300_000_000_000_000_000;
const ID_CLOCK_START_SECS: i64 = 1_600_000_000;

#[derive(Debug, Clone)]
struct Video {
    id: u64,
    title: String,
    local_time: NaiveDateTime,
    views: u64,
    likes: u64,
    comments: u64,
    shares: u64,
    favorites: u64,
}

/// The share of a video's lifetime views on the `age`-th day after publishing (0 = the day
/// itself): `1/((a+1)(a+2))`, which telescopes to a total of one.
pub(crate) fn view_share(age: i64) -> f64 {
    if age < 0 {
        return 0.0;
    }
    let a = age as f64;
    1.0 / ((a + 1.0) * (a + 2.0))
}

fn videos(context: &MonthContext) -> Vec<Video> {
    let mut rng = context.rng("tiktok");
    let video_count = rng.range(10, 16) as usize;
    let plans = plan_month(&mut rng, context, video_count);
    let growth = context.audience_growth();
    plans
        .iter()
        .map(|planned| {
            let second = rng.below(60) as u32;
            let local_time = planned
                .local_time
                .with_second(second)
                .expect("valid second");
            let seconds = jakarta_to_utc(local_time).and_utc().timestamp() - ID_CLOCK_START_SECS;
            let seconds = u64::try_from(seconds).expect("sample dates are after September 2020");
            let id = VIDEO_ID_BASE + seconds * 1_000_000_000 + rng.below(1_000_000_000);
            let views =
                count(TYPICAL_VIEWS * growth * planned.popularity * rng.uniform(0.7, 1.3)) + 40;
            let likes = count(views as f64 * rng.uniform(0.04, 0.09)).max(1);
            let share_boost = if planned.theme.appeal() >= 1.4 {
                2.0
            } else {
                1.0
            };
            let tag_count = rng.range(2, 3) as usize;
            let tags =
                planned.copy.hashtags[..tag_count.min(planned.copy.hashtags.len())].join(" ");
            Video {
                id,
                title: format!("{} {tags}", planned.copy.headline),
                local_time,
                views,
                likes,
                comments: count(likes as f64 * rng.uniform(0.03, 0.1)),
                shares: count(likes as f64 * rng.uniform(0.03, 0.12) * share_boost),
                favorites: count(likes as f64 * rng.uniform(0.05, 0.15)),
            }
        })
        .collect()
}

/// One day of the Overview (and the Followers export's columns of that day).
#[derive(Debug, Clone)]
struct Day {
    date: NaiveDate,
    views: u64,
    reached: u64,
    profile_views: u64,
    likes: u64,
    shares: u64,
    comments: u64,
    new_followers: u64,
    lost_followers: u64,
    engaged: u64,
}

fn simulate_days(context: &MonthContext) -> Vec<Day> {
    let mut all = videos(&context.previous());
    all.extend(videos(context));
    let mut rng = context.rng("tiktok-daily");
    let growth = context.audience_growth();
    context
        .month
        .days()
        .map(|date| {
            let (mut views, mut likes, mut shares, mut comments) = (0.0, 0.0, 0.0, 0.0);
            for video in &all {
                let share = view_share((date - video.local_time.date()).num_days());
                views += share * video.views as f64;
                likes += share * video.likes as f64;
                shares += share * video.shares as f64;
                comments += share * video.comments as f64;
            }
            // Older videos the For You feed still shows.
            let base = 110.0 * growth * weekday_factor(date) * rng.uniform(0.8, 1.2);
            let views = count(base + views);
            let reached = count(views as f64 * rng.uniform(0.62, 0.8));
            let new_followers =
                count(rng.uniform(1.0, 4.0) * growth + views as f64 * rng.uniform(0.002, 0.005));
            Day {
                date,
                views,
                reached,
                profile_views: count(views as f64 * rng.uniform(0.015, 0.03)),
                likes: count(likes + base * 0.05),
                shares: count(shares + base * 0.003),
                comments: count(comments + base * 0.004),
                new_followers,
                lost_followers: rng.range(0, 3),
                engaged: count(reached as f64 * rng.uniform(0.06, 0.12)),
            }
        })
        .collect()
}

/// Followers at the end of the day before the month starts: a seed-fixed start before the
/// first sample month, plus the net growth of every sample month before this one.
fn followers_before(context: &MonthContext) -> i64 {
    let mut rng = Rng::stream(context.seed, "tiktok-followers-start", 0);
    let mut total = 1500 + rng.below(400) as i64;
    let mut month = context.month;
    for _ in 0..context.index {
        month = month.previous();
    }
    for index in 0..context.index {
        let earlier = MonthContext::new(month.plus(index), index, context.seed, None);
        total += simulate_days(&earlier)
            .iter()
            .map(|day| day.new_followers as i64 - day.lost_followers as i64)
            .sum::<i64>();
    }
    total
}

fn date_cell(date: NaiveDate) -> String {
    date.format("%Y/%m/%d").to_string()
}

/// `tiktok/<yyyy-mm>/Overview.csv`, `Content.csv` and `Followers.csv`.
pub(crate) fn exports(context: &MonthContext) -> Vec<SampleFile> {
    let days = simulate_days(context);
    let folder = context.month.to_string();
    let path = |name: &str| ["tiktok", &folder, name].iter().collect();

    let overview: Vec<Vec<String>> = days
        .iter()
        .map(|day| {
            let net = day.new_followers as i64 - day.lost_followers as i64;
            vec![
                date_cell(day.date),
                day.views.to_string(),
                day.reached.to_string(),
                day.profile_views.to_string(),
                day.likes.to_string(),
                day.shares.to_string(),
                day.comments.to_string(),
                "--".to_string(),
                "--".to_string(),
                net.to_string(),
                day.new_followers.to_string(),
                day.lost_followers.to_string(),
            ]
        })
        .collect();

    let mut total = followers_before(context);
    let followers: Vec<Vec<String>> = days
        .iter()
        .map(|day| {
            total += day.new_followers as i64 - day.lost_followers as i64;
            vec![
                date_cell(day.date),
                day.new_followers.to_string(),
                total.to_string(),
                day.reached.to_string(),
                day.engaged.to_string(),
            ]
        })
        .collect();

    // Newest first, as Studio lists them.
    let mut month_videos = videos(context);
    month_videos.sort_by_key(|video| std::cmp::Reverse(video.local_time));
    let content: Vec<Vec<String>> = month_videos
        .iter()
        .map(|video| {
            vec![
                video.title.clone(),
                format!("https://www.tiktok.com/@{HANDLE}/video/{}", video.id),
                video.local_time.format("%Y/%m/%d %H:%M:%S").to_string(),
                video.views.to_string(),
                video.likes.to_string(),
                video.comments.to_string(),
                video.shares.to_string(),
                video.favorites.to_string(),
            ]
        })
        .collect();

    vec![
        SampleFile {
            relative: path("Overview.csv"),
            bytes: csv_bytes(Encoding::MetaExport, &OVERVIEW_HEADER, &overview),
        },
        SampleFile {
            relative: path("Content.csv"),
            bytes: csv_bytes(Encoding::MetaExport, &CONTENT_HEADER, &content),
        },
        SampleFile {
            relative: path("Followers.csv"),
            bytes: csv_bytes(Encoding::MetaExport, &FOLLOWERS_HEADER, &followers),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_shares_add_up_to_almost_everything() {
        let total: f64 = (0..10_000).map(view_share).sum();
        assert!((total - 1.0).abs() < 1e-3, "{total}");
        assert_eq!(view_share(-1), 0.0);
    }
}
