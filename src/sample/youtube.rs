//! YouTube Studio → Analytics → Advanced mode → Export (CSV), unpacked, one folder per month:
//! `youtube/<yyyy-mm>/Table data.csv` (one row per video, the channel's `Total` first) and
//! `Totals.csv` (`Date,Views`, one row per day). `Chart data.csv` is not written: nothing
//! reads it.
//!
//! Format reproduced: UTF-8 without BOM, LF, quotes only where needed (the publish date
//! `"Oct 3, 2026"` has a comma); decimals without trailing zeros (`20.2534`, `5.2`); average
//! view duration as `H:MM:SS`. The table covers the month: every video of the channel
//! published that month or before with views in it, most viewed first. The `Total` row is
//! the exact sum of the video rows (rates and averages computed from the sums), and the
//! daily views of `Totals.csv` add up to it.
//!
//! The channel posts 3–6 videos a month (Shorts and longer explainers); a video collects its
//! lifetime views like a TikTok video (see [`super::tiktok::view_share`]), and explainers
//! keep a trickle of search views for months.

use chrono::NaiveDate;

use super::calendar::Month;
use super::plan::plan_month;
use super::rng::{count, Rng};
use super::tiktok::view_share;
use super::{csv_bytes, Encoding, MonthContext, SampleFile};

pub(crate) const TABLE_HEADER: [&str; 14] = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Subscribers gained",
    "Likes",
    "Comments added",
    "Shares",
    "Impressions",
    "Impressions click-through rate (%)",
    "Average view duration",
];

/// Months of videos before the first sample month: the channel is older than the sample.
const ARCHIVE_MONTHS: u32 = 3;
const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug, Clone)]
struct Video {
    id: String,
    title: String,
    published: NaiveDate,
    duration_secs: u64,
    short: bool,
    lifetime_views: f64,
    /// Daily search views long after publishing, as a share of the lifetime views.
    trickle: f64,
}

fn month_videos(context: &MonthContext) -> Vec<Video> {
    let mut rng = context.rng("youtube");
    let video_count = rng.range(3, 6) as usize;
    let plans = plan_month(&mut rng, context, video_count);
    let growth = context.audience_growth();
    plans
        .iter()
        .map(|planned| {
            let id: String = (0..11).map(|_| *rng.pick(ID_ALPHABET) as char).collect();
            let short = rng.chance(0.6);
            let (duration_secs, typical, trickle) = if short {
                (rng.range(15, 59), 420.0, 0.0003)
            } else {
                (rng.range(180, 900), 260.0, 0.0015)
            };
            let title = if short {
                format!("{} #shorts", planned.copy.headline)
            } else {
                planned.copy.title.clone()
            };
            Video {
                id,
                title,
                published: planned.local_time.date(),
                duration_secs,
                short,
                lifetime_views: typical * growth * planned.popularity * rng.uniform(0.6, 1.4)
                    + 30.0,
                trickle,
            }
        })
        .collect()
}

/// Every video of the channel up to the end of `context`'s month, oldest month first.
fn channel_videos(context: &MonthContext) -> Vec<Video> {
    let mut first = context.month;
    for _ in 0..context.index + ARCHIVE_MONTHS {
        first = first.previous();
    }
    let mut videos = Vec::new();
    for offset in 0..=context.index + ARCHIVE_MONTHS {
        let month: Month = first.plus(offset);
        let index = offset.saturating_sub(ARCHIVE_MONTHS);
        // The last month's plan has the scam warning; earlier months never do.
        let spike = if month == context.month {
            context.negative_spike_start
        } else {
            None
        };
        videos.extend(month_videos(&MonthContext::new(
            month,
            index,
            context.seed,
            spike,
        )));
    }
    videos
}

/// `12.3456` from ten-thousandths, `5.2` from hundredths: trailing zeros dropped.
fn decimal(units: u64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let fraction = format!("{:0width$}", units % scale, width = places as usize);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        (units / scale).to_string()
    } else {
        format!("{}.{fraction}", units / scale)
    }
}

/// `0:02:32` from a number of seconds.
fn duration_cell(seconds: u64) -> String {
    format!(
        "{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Ratio `numerator / denominator` rounded to an integer (`denominator > 0`).
fn rounded_ratio(numerator: u64, denominator: u64) -> u64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// One row's additive figures; watch time in ten-thousandths of an hour.
#[derive(Debug, Default, Clone)]
struct Figures {
    views: u64,
    watch_units: u64,
    subscribers: i64,
    subscribers_gained: u64,
    likes: u64,
    comments: u64,
    shares: u64,
    impressions: u64,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.views += other.views;
        self.watch_units += other.watch_units;
        self.subscribers += other.subscribers;
        self.subscribers_gained += other.subscribers_gained;
        self.likes += other.likes;
        self.comments += other.comments;
        self.shares += other.shares;
        self.impressions += other.impressions;
    }

    fn cells(&self) -> Vec<String> {
        // Basis points of a percentage: hundredths of a percent.
        let ctr = rounded_ratio(self.views * 10_000, self.impressions.max(1));
        // One unit is 0.36 s.
        let average_secs = rounded_ratio(self.watch_units * 36, 100 * self.views.max(1));
        vec![
            self.views.to_string(),
            decimal(self.watch_units, 4),
            self.subscribers.to_string(),
            self.subscribers_gained.to_string(),
            self.likes.to_string(),
            self.comments.to_string(),
            self.shares.to_string(),
            self.impressions.to_string(),
            decimal(ctr, 2),
            duration_cell(average_secs),
        ]
    }
}

fn figures(rng: &mut Rng, video: &Video, views: u64) -> Figures {
    let watched_share = if video.short {
        rng.uniform(0.6, 0.95)
    } else {
        rng.uniform(0.25, 0.45)
    };
    let average_secs = video.duration_secs as f64 * watched_share;
    let gained = count(views as f64 * rng.uniform(0.002, 0.008));
    let lost = rng.range(0, gained / 3);
    let ctr = if video.short {
        rng.uniform(0.02, 0.05)
    } else {
        rng.uniform(0.03, 0.08)
    };
    Figures {
        views,
        watch_units: count(views as f64 * average_secs / 0.36),
        subscribers: gained as i64 - lost as i64,
        subscribers_gained: gained,
        likes: count(views as f64 * rng.uniform(0.02, 0.06)),
        comments: count(views as f64 * rng.uniform(0.001, 0.006)),
        shares: count(views as f64 * rng.uniform(0.002, 0.01)),
        impressions: count(views as f64 / ctr),
    }
}

/// `youtube/<yyyy-mm>/Table data.csv` and `Totals.csv`.
pub(crate) fn export(context: &MonthContext) -> Vec<SampleFile> {
    let videos = channel_videos(context);
    let days: Vec<NaiveDate> = context.month.days().collect();
    let last_day = context.month.last_day();
    let mut daily = vec![0u64; days.len()];
    let mut rows: Vec<(&Video, u64)> = Vec::new();
    for video in videos.iter().filter(|video| video.published <= last_day) {
        let mut month_views = 0;
        for (index, &date) in days.iter().enumerate() {
            let age = (date - video.published).num_days();
            if age < 0 {
                continue;
            }
            let share = view_share(age) + video.trickle;
            let views = count(video.lifetime_views * share);
            daily[index] += views;
            month_views += views;
        }
        if month_views > 0 {
            rows.push((video, month_views));
        }
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));

    let mut rng = context.rng("youtube-table");
    let mut total = Figures::default();
    let mut table = Vec::new();
    for (video, views) in &rows {
        let figures = figures(&mut rng, video, *views);
        total.add(&figures);
        let mut row = vec![
            video.id.clone(),
            video.title.clone(),
            video.published.format("%b %-d, %Y").to_string(),
            video.duration_secs.to_string(),
        ];
        row.extend(figures.cells());
        table.push(row);
    }
    let mut total_row = vec![
        "Total".to_string(),
        String::new(),
        String::new(),
        String::new(),
    ];
    total_row.extend(total.cells());
    table.insert(0, total_row);

    let totals: Vec<Vec<String>> = days
        .iter()
        .zip(&daily)
        .map(|(date, views)| vec![date.format("%Y-%m-%d").to_string(), views.to_string()])
        .collect();

    let folder = context.month.to_string();
    vec![
        SampleFile {
            relative: ["youtube", &folder, "Table data.csv"].iter().collect(),
            bytes: csv_bytes(Encoding::PlainCsv, &TABLE_HEADER, &table),
        },
        SampleFile {
            relative: ["youtube", &folder, "Totals.csv"].iter().collect(),
            bytes: csv_bytes(Encoding::PlainCsv, &["Date", "Views"], &totals),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_durations_are_written_as_studio_writes_them() {
        assert_eq!(decimal(202_534, 4), "20.2534");
        assert_eq!(decimal(520, 2), "5.2");
        assert_eq!(decimal(25_000, 4), "2.5");
        assert_eq!(decimal(30_000, 4), "3");
        assert_eq!(decimal(4_999, 4), "0.4999");
        assert_eq!(duration_cell(152), "0:02:32");
        assert_eq!(duration_cell(3723), "1:02:03");
    }
}
