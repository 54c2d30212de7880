//! The foundation's posting calendar for one platform and month: when it posts, about what,
//! and how much each post will resonate. Platform modules turn plans into metrics.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::{is_friday, Month};
use super::content::{write_copy, PostCopy, Theme, EVERYDAY_THEMES};
use super::rng::Rng;
use super::MonthContext;

#[derive(Debug, Clone)]
pub(crate) struct PlannedPost {
    /// Asia/Jakarta wall-clock time.
    pub local_time: NaiveDateTime,
    pub theme: Theme,
    pub copy: PostCopy,
    /// Audience pull relative to an average post this month: theme appeal times luck.
    /// Around 1 for most posts, 6–25 for the month's one or two viral posts.
    pub popularity: f64,
}

/// Jakarta posting hours and their weights: morning commute, lunch, after work, evening.
/// Nothing before 07:00, so a post's UTC date is also its Jakarta date.
const POSTING_HOURS: [(u32, u32); 15] = [
    (7, 3),
    (8, 4),
    (9, 3),
    (10, 2),
    (11, 3),
    (12, 4),
    (13, 2),
    (14, 1),
    (15, 2),
    (16, 3),
    (17, 3),
    (18, 2),
    (19, 5),
    (20, 5),
    (21, 3),
];

/// Plans `count` posts for the month, sorted by publish time.
pub(crate) fn plan_month(rng: &mut Rng, context: &MonthContext, count: usize) -> Vec<PlannedPost> {
    let mut posts = event_posts(rng, context);
    let everyday_count = count.saturating_sub(posts.len());
    let first_everyday = posts.len();
    for _ in 0..everyday_count {
        let post = everyday_post(rng, context.month);
        posts.push(post);
    }
    make_some_viral(rng, &mut posts[first_everyday..]);
    vary_repeated_headlines(rng, context.month, &mut posts);
    // Stable sort: equal timestamps keep their draw order, so the result stays deterministic.
    posts.sort_by_key(|post| post.local_time);
    posts
}

/// Posts tied to a date: independence day, and the scam warning the foundation publishes the
/// day the negative-mention spike starts.
fn event_posts(rng: &mut Rng, context: &MonthContext) -> Vec<PlannedPost> {
    let mut posts = Vec::new();
    if context.month.month == 8 {
        let date = context.month.day(17);
        posts.push(planned(
            rng,
            context.month,
            date,
            8,
            Theme::Kemerdekaan,
            1.0,
        ));
    }
    if let Some(spike_start) = context.negative_spike_start {
        let hour = rng.range(10, 15) as u32;
        // Everyone shares a scam warning: it travels further than an ordinary post.
        let boost = rng.uniform(2.5, 4.0);
        posts.push(planned(
            rng,
            context.month,
            spike_start,
            hour,
            Theme::Klarifikasi,
            boost,
        ));
    }
    posts
}

fn everyday_post(rng: &mut Rng, month: Month) -> PlannedPost {
    let date = month.day(rng.range(1, u64::from(month.day_count())) as u32);
    let hour = rng.pick_weighted(&POSTING_HOURS);
    // Sedekah Jumat is a Friday ritual; on other days draw from the everyday mix.
    let theme = if is_friday(date) && rng.chance(0.55) {
        Theme::SedekahJumat
    } else {
        rng.pick_weighted(&EVERYDAY_THEMES)
    };
    planned(rng, month, date, hour, theme, 1.0)
}

fn planned(
    rng: &mut Rng,
    month: Month,
    date: NaiveDate,
    hour: u32,
    theme: Theme,
    boost: f64,
) -> PlannedPost {
    // Scheduled posts often go out on the hour or half hour.
    let minute = if rng.chance(0.4) {
        *rng.pick(&[0, 30])
    } else {
        rng.below(60) as u32
    };
    let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("valid posting time");
    let lucky = if rng.chance(0.15) {
        rng.uniform(1.5, 3.0)
    } else {
        1.0
    };
    PlannedPost {
        local_time: date.and_time(time),
        theme,
        copy: write_copy(rng, theme, month, date),
        popularity: theme.appeal() * rng.uniform(0.5, 1.4) * lucky * boost,
    }
}

/// A social-media manager does not post the same headline twice in a month: redraw the copy
/// of repeats a few times (themes have several headlines, so this almost always succeeds).
fn vary_repeated_headlines(rng: &mut Rng, month: Month, posts: &mut [PlannedPost]) {
    const ATTEMPTS: usize = 4;
    for index in 1..posts.len() {
        for _ in 0..ATTEMPTS {
            let headline = &posts[index].copy.headline;
            if !posts[..index]
                .iter()
                .any(|earlier| &earlier.copy.headline == headline)
            {
                break;
            }
            let post = &mut posts[index];
            post.copy = write_copy(rng, post.theme, month, post.local_time.date());
        }
    }
}

/// One or two posts a month take off; the rest of the distribution stays unchanged.
fn make_some_viral(rng: &mut Rng, posts: &mut [PlannedPost]) {
    if posts.is_empty() {
        return;
    }
    let viral_count = if rng.chance(0.5) { 2 } else { 1 };
    for _ in 0..viral_count {
        let index = rng.below(posts.len() as u64) as usize;
        // `max(1.0)` so a viral post outperforms the month's average even if its theme is dull.
        posts[index].popularity = posts[index].popularity.max(1.0) * rng.uniform(6.0, 18.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn plans_are_sorted_and_inside_the_month() {
        let month = Month::new(2026, 8).unwrap();
        let context = MonthContext::new(month, 0, 42, None);
        let mut rng = Rng::stream(42, "plan", 0);
        let posts = plan_month(&mut rng, &context, 35);
        assert_eq!(posts.len(), 35);
        assert!(posts.windows(2).all(|w| w[0].local_time <= w[1].local_time));
        assert!(posts.iter().all(|post| post.local_time.date().month() == 8));
        assert!(posts
            .iter()
            .any(|post| post.theme == Theme::Kemerdekaan && post.local_time.day() == 17));
        assert!(posts.iter().any(|post| post.popularity > 5.0));
    }
}
