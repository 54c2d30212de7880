//! LinkedIn Page analytics exports (Page → Analytics → Export), one folder per month:
//! `linkedin/<yyyy-mm>/amanah-zakat-nusantara_{content,followers,visitors}_<epoch-ms>.xlsx`,
//! downloaded at 09:00 Jakarta time on the first day of the next month (the milliseconds in
//! the names).
//!
//! Format reproduced (from parser code, no real file; see the research notes): in every
//! sheet a one-cell description in row 1, the header in row 2, data from row 3; dates as
//! `MM/DD/YYYY` text; counts as numbers; rates as unrounded fractions. The content workbook
//! has `Metrics` (per day, organic / sponsored / total) and `All posts` (per post, lifetime);
//! the followers workbook `New followers` (per day, by source) and five demographic sheets;
//! the visitors workbook one sheet of page views and unique visitors per day.
//!
//! The numbers: 8–13 posts a month planned like the other platforms' posts, one of them
//! sponsored for a week (a campaign), impressions spread over the days after publishing as
//! on TikTok, engagement a few percent of impressions; new followers and page visits rise
//! with the day's impressions.

use chrono::{NaiveDate, NaiveTime};

use super::calendar::jakarta_to_utc;
use super::meta_daily::weekday_factor;
use super::plan::plan_month;
use super::rng::count;
use super::tiktok::view_share;
use super::xlsx::{self, Cell, Sheet};
use super::{MonthContext, SampleFile};

/// The Page's public name in LinkedIn URLs.
pub(crate) const PAGE_SLUG: &str = "amanah-zakat-nusantara";
const ACTIVITY_BASE: u64 = 7_300_000_000_000_000_000;
const TYPICAL_IMPRESSIONS: f64 = 700.0;
const CAMPAIGN_DAYS: i64 = 7;

#[derive(Debug, Clone)]
struct Post {
    activity: u64,
    title: String,
    date: NaiveDate,
    content_type: &'static str,
    sponsored: bool,
    impressions: u64,
    views: Option<u64>,
    clicks: u64,
    likes: u64,
    comments: u64,
    reposts: u64,
    follows: u64,
}

impl Post {
    fn engaged(&self) -> u64 {
        self.clicks + self.likes + self.comments + self.reposts + self.follows
    }
}

fn posts(context: &MonthContext) -> Vec<Post> {
    let mut rng = context.rng("linkedin");
    let count_planned = rng.range(8, 13) as usize;
    let plans = plan_month(&mut rng, context, count_planned);
    let sponsored_index = rng.below(plans.len() as u64) as usize;
    let growth = context.audience_growth();
    plans
        .iter()
        .enumerate()
        .map(|(i, planned)| {
            let sponsored = i == sponsored_index;
            let boost = if sponsored { 4.0 } else { 1.0 };
            let impressions = count(
                TYPICAL_IMPRESSIONS * growth * planned.popularity * boost * rng.uniform(0.7, 1.3),
            ) + 30;
            let content_type = *rng.pick(&["Image", "Image", "Text", "Document", "Video"]);
            let seconds = jakarta_to_utc(planned.local_time).and_utc().timestamp();
            let likes = count(impressions as f64 * rng.uniform(0.02, 0.05)).max(1);
            Post {
                activity: ACTIVITY_BASE + seconds as u64 * 1000 + rng.below(1000),
                title: planned.copy.headline.clone(),
                date: planned.local_time.date(),
                content_type,
                sponsored,
                impressions,
                views: (content_type == "Video")
                    .then(|| count(impressions as f64 * rng.uniform(0.2, 0.4))),
                clicks: count(impressions as f64 * rng.uniform(0.01, 0.04)),
                likes,
                comments: count(likes as f64 * rng.uniform(0.05, 0.15)),
                reposts: count(likes as f64 * rng.uniform(0.02, 0.08)),
                follows: count(impressions as f64 * rng.uniform(0.0, 0.004)),
            }
        })
        .collect()
}

/// One day of the Page, as (organic, sponsored) where LinkedIn splits it.
struct Day {
    date: NaiveDate,
    impressions: (u64, u64),
    unique: u64,
    clicks: (u64, u64),
    reactions: (u64, u64),
    comments: (u64, u64),
    reposts: (u64, u64),
    new_followers: (u64, u64, u64),
    page_views: [(u64, u64); 3],
    unique_visitors: (u64, u64),
}

fn simulate_days(context: &MonthContext) -> Vec<Day> {
    let mut all = posts(&context.previous());
    all.extend(posts(context));
    let mut rng = context.rng("linkedin-daily");
    let growth = context.audience_growth();
    context
        .month
        .days()
        .map(|date| {
            let (mut organic, mut sponsored) = (0.0, 0.0);
            let mut engaged = [0.0; 4];
            for post in &all {
                let age = (date - post.date).num_days();
                let share = view_share(age);
                if post.sponsored && (0..CAMPAIGN_DAYS).contains(&age) {
                    // A campaign's paid impressions run evenly over its week.
                    sponsored += post.impressions as f64 * 0.75 / CAMPAIGN_DAYS as f64;
                    organic += share * post.impressions as f64 * 0.25;
                } else {
                    organic += share * post.impressions as f64;
                }
                let counts = [post.clicks, post.likes, post.comments, post.reposts];
                for (sum, n) in engaged.iter_mut().zip(counts) {
                    *sum += share * n as f64;
                }
            }
            let base = 60.0 * growth * weekday_factor(date) * rng.uniform(0.8, 1.2);
            let organic = count(organic + base);
            let sponsored = count(sponsored);
            let paid_share = sponsored as f64 / (organic + sponsored).max(1) as f64;
            let mut split = |total: f64| {
                let total = count(total + base * 0.01 * rng.uniform(0.0, 2.0));
                let paid = count(total as f64 * paid_share);
                (total - paid.min(total), paid.min(total))
            };
            let clicks = split(engaged[0]);
            let reactions = split(engaged[1]);
            let comments = split(engaged[2]);
            let reposts = split(engaged[3]);
            let all_impressions = (organic + sponsored) as f64;
            let mut views = |share: f64| {
                let total = all_impressions * share * rng.uniform(0.8, 1.2);
                let desktop = count(total * 0.4);
                (desktop, count(total) - desktop.min(count(total)))
            };
            let page_views = [views(0.02), views(0.004), views(0.003)];
            let visitors = count(all_impressions * 0.015);
            let desktop_visitors = count(visitors as f64 * 0.4);
            Day {
                date,
                impressions: (organic, sponsored),
                unique: count(organic as f64 * rng.uniform(0.6, 0.8)),
                clicks,
                reactions,
                comments,
                reposts,
                new_followers: (
                    count(sponsored as f64 * 0.003),
                    count(rng.uniform(0.5, 2.5) * growth + organic as f64 * 0.002),
                    u64::from(rng.chance(0.1)),
                ),
                page_views,
                unique_visitors: (desktop_visitors, visitors - desktop_visitors.min(visitors)),
            }
        })
        .collect()
}

fn date_cell(date: NaiveDate) -> Cell {
    date.format("%m/%d/%Y").to_string().into()
}

fn rate(numerator: u64, denominator: u64) -> Cell {
    if denominator == 0 {
        Cell::Number(0.0)
    } else {
        Cell::Number(numerator as f64 / denominator as f64)
    }
}

fn text_row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| Cell::from(*c)).collect()
}

fn metrics_sheet(days: &[Day]) -> Sheet {
    let mut header = vec!["Date".to_string()];
    let parts = ["organic", "sponsored", "total"];
    let with_parts = |name: &'static str| parts.map(|p| format!("{name} ({p})"));
    header.extend(with_parts("Impressions"));
    header.push("Unique impressions (organic)".into());
    for name in [
        "Clicks",
        "Reactions",
        "Comments",
        "Reposts",
        "Engagement rate",
    ] {
        header.extend(with_parts(name));
    }
    let mut rows = vec![
        vec![Cell::from(
            "Metrics: daily impressions, clicks and social actions of the Page's posts",
        )],
        header.into_iter().map(Cell::from).collect(),
    ];
    for day in days {
        let mut row = vec![date_cell(day.date)];
        let (organic, sponsored) = day.impressions;
        row.extend([organic, sponsored, organic + sponsored].map(Cell::from));
        row.push(day.unique.into());
        let measures = [day.clicks, day.reactions, day.comments, day.reposts];
        for (o, s) in measures {
            row.extend([o, s, o + s].map(Cell::from));
        }
        let engaged_organic: u64 = measures.iter().map(|m| m.0).sum();
        let engaged_sponsored: u64 = measures.iter().map(|m| m.1).sum();
        row.push(rate(engaged_organic, organic));
        row.push(rate(engaged_sponsored, sponsored));
        row.push(rate(
            engaged_organic + engaged_sponsored,
            organic + sponsored,
        ));
        rows.push(row);
    }
    Sheet {
        name: "Metrics".into(),
        rows,
    }
}

const POSTS_HEADER: [&str; 20] = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views",
    "Offsite Views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
];

fn posts_sheet(posts: &[Post], context: &MonthContext) -> Sheet {
    let mut rows = vec![
        vec![Cell::from(
            "All posts: lifetime performance of each post created in the date range",
        )],
        text_row(&POSTS_HEADER),
    ];
    // Newest first, as the Page lists them.
    let mut posts = posts.to_vec();
    posts.sort_by_key(|p| std::cmp::Reverse((p.date, p.activity)));
    let month_name = super::calendar::indonesian_month_name(context.month.month);
    for post in &posts {
        let (campaign, start, end, audience) = if post.sponsored {
            (
                Cell::from(format!("Amanah {month_name} {}", context.month.year)),
                date_cell(post.date),
                date_cell(post.date + chrono::Duration::days(CAMPAIGN_DAYS - 1)),
                "Targeted",
            )
        } else {
            (Cell::Empty, Cell::Empty, Cell::Empty, "All followers")
        };
        rows.push(vec![
            post.title.clone().into(),
            format!(
                "https://www.linkedin.com/feed/update/urn:li:activity:{}",
                post.activity
            )
            .into(),
            if post.sponsored {
                "Sponsored"
            } else {
                "Organic"
            }
            .into(),
            campaign,
            "Amanah Zakat Nusantara".into(),
            date_cell(post.date),
            start,
            end,
            audience.into(),
            post.impressions.into(),
            post.views.map_or(Cell::Empty, Cell::from),
            post.views.map_or(Cell::Empty, |v| Cell::from(v / 40)),
            post.clicks.into(),
            rate(post.clicks, post.impressions),
            post.likes.into(),
            post.comments.into(),
            post.reposts.into(),
            post.follows.into(),
            rate(post.engaged(), post.impressions),
            post.content_type.into(),
        ]);
    }
    Sheet {
        name: "All posts".into(),
        rows,
    }
}

fn followers_sheets(days: &[Day], context: &MonthContext) -> Vec<Sheet> {
    let mut rows = vec![
        vec![Cell::from(
            "New followers: daily follows of the Page, by source",
        )],
        text_row(&[
            "Date",
            "Sponsored followers",
            "Organic followers",
            "Auto-invited followers",
            "Total followers",
        ]),
    ];
    for day in days {
        let (sponsored, organic, invited) = day.new_followers;
        rows.push(vec![
            date_cell(day.date),
            sponsored.into(),
            organic.into(),
            invited.into(),
            (sponsored + organic + invited).into(),
        ]);
    }
    let mut sheets = vec![Sheet {
        name: "New followers".into(),
        rows,
    }];
    let growth = context.audience_growth();
    let demographics: [(&str, &[(&str, f64)]); 5] = [
        (
            "Location",
            &[
                ("Jakarta, Indonesia", 0.38),
                ("Surabaya, Indonesia", 0.12),
                ("Bandung, Indonesia", 0.1),
                ("Medan, Indonesia", 0.06),
            ],
        ),
        (
            "Job function",
            &[
                ("Community and Social Services", 0.22),
                ("Education", 0.18),
                ("Finance", 0.12),
            ],
        ),
        (
            "Seniority",
            &[("Entry", 0.35), ("Senior", 0.3), ("Manager", 0.12)],
        ),
        (
            "Industry",
            &[
                ("Non-profit Organizations", 0.25),
                ("Banking", 0.1),
                ("Higher Education", 0.09),
            ],
        ),
        (
            "Company size",
            &[("1-10", 0.2), ("11-50", 0.18), ("10,001+", 0.15)],
        ),
    ];
    for (category, shares) in demographics {
        let mut rows = vec![
            vec![Cell::from(format!(
                "{category}: followers of the Page by {}",
                category.to_lowercase()
            ))],
            text_row(&[category, "Total followers"]),
        ];
        for (name, share) in shares {
            rows.push(vec![(*name).into(), count(2400.0 * growth * share).into()]);
        }
        sheets.push(Sheet {
            name: category.into(),
            rows,
        });
    }
    sheets
}

fn visitors_sheet(days: &[Day]) -> Sheet {
    let mut header = vec!["Date".to_string()];
    let devices = ["desktop", "mobile", "total"];
    for name in [
        "Overview page views",
        "Life page views",
        "Jobs page views",
        "Total page views",
        "Total unique visitors",
    ] {
        header.extend(devices.iter().map(|d| format!("{name} ({d})")));
    }
    let mut rows = vec![
        vec![Cell::from(
            "Visitor metrics: daily page views and unique visitors of the Page",
        )],
        header.into_iter().map(Cell::from).collect(),
    ];
    for day in days {
        let mut row = vec![date_cell(day.date)];
        let (mut desktop, mut mobile) = (0, 0);
        for (d, m) in day.page_views {
            row.extend([d, m, d + m].map(Cell::from));
            desktop += d;
            mobile += m;
        }
        row.extend([desktop, mobile, desktop + mobile].map(Cell::from));
        let (d, m) = day.unique_visitors;
        row.extend([d, m, d + m].map(Cell::from));
        rows.push(row);
    }
    Sheet {
        name: "Visitor metrics".into(),
        rows,
    }
}

/// `linkedin/<yyyy-mm>/<slug>_{content,followers,visitors}_<epoch-ms>.xlsx`.
pub(crate) fn exports(context: &MonthContext) -> Vec<SampleFile> {
    let days = simulate_days(context);
    let downloaded = context
        .month
        .next()
        .first_day()
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("09:00"));
    let ms = jakarta_to_utc(downloaded).and_utc().timestamp_millis();
    let folder = context.month.to_string();
    let path = |kind: &str| {
        [
            "linkedin",
            &folder,
            &format!("{PAGE_SLUG}_{kind}_{ms}.xlsx"),
        ]
        .iter()
        .collect()
    };
    vec![
        SampleFile {
            relative: path("content"),
            bytes: xlsx::workbook(&[metrics_sheet(&days), posts_sheet(&posts(context), context)]),
        },
        SampleFile {
            relative: path("followers"),
            bytes: xlsx::workbook(&followers_sheets(&days, context)),
        },
        SampleFile {
            relative: path("visitors"),
            bytes: xlsx::workbook(&[visitors_sheet(&days)]),
        },
    ]
}
