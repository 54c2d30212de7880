//! Meta Business Suite daily series (Insights → Results → Export): one metric per file, one
//! row per day of the month.
//!
//! Format reproduced byte for byte: UTF-16 LE with BOM, LF, a `sep=,` line, the metric name
//! on a line of its own, `"Date","Primary"`, every field quoted, an empty line at the end. The
//! date is local midnight with an artefactual hour, mostly `T01:00:00`, sometimes
//! `T00:00:00`. Instagram's reach file says only `Reach`, so the platform is in the folder.
//!
//! The values follow the month's content exports: each post's lifetime reach is spread over
//! the days after it was published (most of it the first day or two), posts of the previous
//! month still count at the start of the month, and the Page or account adds reach no post
//! export shows (the profile itself, stories, old posts). Daily reach counts people once, so
//! it is a bit below the sum of the posts' shares. Follows are a few a day plus a small
//! fraction of what the posts reach, so they jump with a viral post; on Instagram they include
//! the follows the content export credits to posts. Visits are a share of the day's reach.

use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use super::meta::PublishedPost;
use super::rng::{count, Rng};
use super::{facebook, instagram, Accounts, MonthContext, SampleFile};

const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";

/// How one platform's daily numbers come about, and the files they go to.
struct Model {
    /// Folder under `meta_daily/<yyyy-mm>/`, and the label of the random streams.
    platform: &'static str,
    /// The month's posts, from the platform's content export.
    posts: fn(&MonthContext, &Accounts) -> Vec<PublishedPost>,
    /// `(file name, metric line)` for reach, follows and visits.
    reach_file: (&'static str, &'static str),
    follows_file: (&'static str, &'static str),
    visits_file: (&'static str, &'static str),
    /// People reached on a day by anything but the month's posts, in the first sample month.
    base_reach: f64,
    /// Daily reach is unique people: this share of the posts' summed reach remains.
    unique_share: (f64, f64),
    /// Follows on a day without posts, in the first sample month.
    base_follows: (f64, f64),
    /// Follows per person a post reaches (at least what the content export credits to it).
    follows_per_reach: (f64, f64),
    /// Visits on a quiet day, in the first sample month, and per person reached.
    base_visits: f64,
    visits_per_reach: (f64, f64),
}

const FACEBOOK: Model = Model {
    platform: "facebook",
    posts: facebook::published_posts,
    reach_file: ("Reach.csv", "Facebook reach"),
    follows_file: ("Follows.csv", "Facebook follows"),
    visits_file: ("Visits.csv", "Facebook visits"),
    base_reach: 260.0,
    unique_share: (0.78, 0.9),
    base_follows: (1.0, 6.0),
    follows_per_reach: (0.0006, 0.0015),
    base_visits: 18.0,
    visits_per_reach: (0.012, 0.022),
};

/// Instagram reaches more people outside the feed (stories), and profiles are visited more.
const INSTAGRAM: Model = Model {
    platform: "instagram",
    posts: instagram::published_posts,
    reach_file: ("Reach (1).csv", "Reach"),
    follows_file: ("Follows (1).csv", "Instagram follows"),
    visits_file: ("Visits (1).csv", "Instagram profile visits"),
    base_reach: 420.0,
    unique_share: (0.75, 0.88),
    base_follows: (2.0, 8.0),
    follows_per_reach: (0.0012, 0.0025),
    base_visits: 35.0,
    visits_per_reach: (0.03, 0.05),
};

/// The share of a post's lifetime reach
/// on the day it is published and the six days after, by Jakarta publish hour. A post
/// published in the evening collects most of its first-day reach the next day.
pub(crate) fn reach_spread(publish_hour: u32) -> [f64; 7] {
    match publish_hour {
        0..=11 => [0.55, 0.25, 0.09, 0.05, 0.03, 0.02, 0.01],
        12..=17 => [0.45, 0.32, 0.11, 0.05, 0.03, 0.02, 0.02],
        _ => [0.30, 0.44, 0.12, 0.06, 0.04, 0.02, 0.02],
    }
}

/// Fewer people look at a charity's Page on weekends; Friday (Jumat berkah) draws more.
pub(crate) fn weekday_factor(date: NaiveDate) -> f64 {
    match date.weekday() {
        Weekday::Sat => 0.9,
        Weekday::Sun => 0.85,
        Weekday::Fri => 1.1,
        _ => 1.0,
    }
}

/// The six daily series of the month: three for the Facebook Page, three for Instagram.
pub(crate) fn daily_series(context: &MonthContext, accounts: &Accounts) -> Vec<SampleFile> {
    // The month before the first sample month is not in the sample, but the Page existed
    // (see `MonthContext::previous`).
    let previous = context.previous();
    let mut files = Vec::new();
    for model in [&FACEBOOK, &INSTAGRAM] {
        let mut posts = (model.posts)(&previous, accounts);
        posts.extend((model.posts)(context, accounts));
        let days = simulate(model, context, &posts);
        let series = [
            (model.reach_file, &days.reach),
            (model.follows_file, &days.follows),
            (model.visits_file, &days.visits),
        ];
        for ((file_name, metric), values) in series {
            files.push(series_file(
                context,
                model.platform,
                file_name,
                metric,
                values,
            ));
        }
    }
    files
}

/// One value per day of the month, for each metric.
struct Days {
    reach: Vec<u64>,
    follows: Vec<u64>,
    visits: Vec<u64>,
}

fn simulate(model: &Model, context: &MonthContext, posts: &[PublishedPost]) -> Days {
    let mut rng = context.rng(&format!("{}-daily", model.platform));
    let first_day = context.month.first_day();
    let day_count = context.month.day_count() as usize;

    // What the posts bring each day: reach, and the follows that come with it. A viral post
    // reaches people who do not follow yet, and more of them follow.
    let viral_reach = 3 * median(posts.iter().map(|post| post.reach).collect());
    let mut post_reach = vec![0.0; day_count];
    let mut post_follows = vec![0.0; day_count];
    for post in posts {
        let (low, high) = model.follows_per_reach;
        let rate = rng.uniform(low, high) * if post.reach > viral_reach { 3.0 } else { 1.0 };
        let follows = (post.reach as f64 * rate).max(post.follows.unwrap_or(0) as f64);
        let published = post.local_time.date();
        for (offset, share) in reach_spread(post.local_time.hour()).iter().enumerate() {
            let day = (published - first_day).num_days() + offset as i64;
            if let Some(index) = usize::try_from(day).ok().filter(|&i| i < day_count) {
                post_reach[index] += share * post.reach as f64;
                post_follows[index] += share * follows;
            }
        }
    }

    let growth = context.audience_growth();
    let mut days = Days {
        reach: Vec::with_capacity(day_count),
        follows: Vec::with_capacity(day_count),
        visits: Vec::with_capacity(day_count),
    };
    for (index, date) in context.month.days().enumerate() {
        let weekday = weekday_factor(date);
        let base = model.base_reach * growth * weekday * rng.uniform(0.8, 1.2);
        let unique = rng.uniform(model.unique_share.0, model.unique_share.1);
        let reach = count(base + unique * post_reach[index]);
        let base_follows = rng.uniform(model.base_follows.0, model.base_follows.1) * growth;
        let follows = count(base_follows * weekday + post_follows[index]);
        let base_visits = model.base_visits * growth * weekday * rng.uniform(0.7, 1.3);
        let per_reach = rng.uniform(model.visits_per_reach.0, model.visits_per_reach.1);
        let visits = count(base_visits + per_reach * reach as f64);
        days.reach.push(reach);
        days.follows.push(follows);
        days.visits.push(visits);
    }
    days
}

fn median(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or(0)
}

/// `meta_daily/<yyyy-mm>/<platform>/<file name>` with one row per day.
fn series_file(
    context: &MonthContext,
    platform: &str,
    file_name: &str,
    metric: &str,
    values: &[u64],
) -> SampleFile {
    // Its own stream per file: the hour artefact never shifts the values.
    let mut rng = context.rng(&format!("{platform}-daily-hours-{file_name}"));
    let rows: Vec<(String, u64)> = context
        .month
        .days()
        .zip(values)
        .map(|(date, &value)| (date_cell(&mut rng, date), value))
        .collect();
    let month_folder = context.month.to_string();
    SampleFile {
        relative: ["meta_daily", &month_folder, platform, file_name]
            .iter()
            .collect(),
        bytes: series_bytes(metric, &rows),
    }
}

/// `2026-08-01T01:00:00`: local midnight, written an hour late most of the time.
fn date_cell(rng: &mut Rng, date: NaiveDate) -> String {
    let hour = if rng.chance(0.2) { "00" } else { "01" };
    format!("{}T{hour}:00:00", date.format("%Y-%m-%d"))
}

/// The file's exact bytes: UTF-16 LE with BOM, LF, every field quoted, an empty last line.
fn series_bytes(metric: &str, rows: &[(String, u64)]) -> Vec<u8> {
    let quoted = |field: &str| format!("\"{}\"", field.replace('"', "\"\""));
    let mut text = String::from("sep=,\n");
    text.push_str(&quoted(metric));
    text.push('\n');
    text.push_str(&format!("{},{}\n", quoted("Date"), quoted("Primary")));
    for (date, value) in rows {
        text.push_str(&format!(
            "{},{}\n",
            quoted(date),
            quoted(&value.to_string())
        ));
    }
    text.push('\n');
    let mut bytes = UTF16_LE_BOM.to_vec();
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_distribute_the_whole_reach() {
        for hour in [7, 12, 21] {
            let total: f64 = reach_spread(hour).iter().sum();
            assert!((total - 1.0).abs() < 1e-9, "{hour}: {total}");
        }
    }

    #[test]
    fn bytes_are_utf16_le_with_the_exact_layout() {
        let rows = [("2026-08-01T01:00:00".to_string(), 5)];
        let bytes = series_bytes("Facebook reach", &rows);
        assert!(bytes.starts_with(UTF16_LE_BOM));
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        assert_eq!(
            String::from_utf16(&units).unwrap(),
            "sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n\"2026-08-01T01:00:00\",\"5\"\n\n"
        );
    }
}
