//! What the foundation's social media lead to, per month: `outcomes/donations_<yyyy-mm>.csv`
//! (a donation platform's daily totals per campaign), `outcomes/ga4_<yyyy-mm>.csv` (a Google
//! Analytics 4 exploration: Date, Sessions, Engaged sessions, Key events) and
//! `outcomes/ads_<yyyy-mm>.csv` (Meta Ads Manager by day and campaign) and
//! `outcomes/applications_<yyyy-mm>.csv` (a careers portal's applications per day and
//! opening: the volunteer and staff recruitment the LinkedIn page and posts advertise). No
//! adapter recognises
//! them from their headers: the example pipeline maps them with `generic_outcomes`.
//!
//! Format: UTF-8 without BOM, LF, quotes only where needed. GA4 writes its `#` comment block
//! above the header and dates as `20261031`; the others write ISO dates. Money is whole
//! rupiah.
//!
//! The numbers follow the social data: website sessions are a baseline plus a share of what
//! the Facebook and Instagram posts reach that day (spread over the days after publishing as
//! in the daily series), so days with popular posts bring more visits; key events and gifts
//! follow the sessions, and Friday (*sedekah Jumat*) brings more gifts, sedekah most of all.

use chrono::{NaiveDate, Timelike};

use super::calendar::{is_friday, Month};
use super::meta::PublishedPost;
use super::meta_daily::{reach_spread, weekday_factor};
use super::rng::count;
use super::{csv_bytes, facebook, instagram, Accounts, Encoding, MonthContext, SampleFile};

pub(crate) const DONATIONS_HEADER: [&str; 4] = ["Date", "Campaign", "Amount (IDR)", "Donations"];
pub(crate) const GA4_HEADER: [&str; 4] = ["Date", "Sessions", "Engaged sessions", "Key events"];
pub(crate) const ADS_HEADER: [&str; 4] = ["Day", "Campaign name", "Amount spent (IDR)", "Results"];
pub(crate) const APPLICATIONS_HEADER: [&str; 3] = ["Date", "Opening", "Applications"];

/// Openings on the careers page: name, applications on an ordinary weekday (range), and
/// whether the opening is closed at weekends (staff openings get few weekend applications).
const OPENINGS: [(&str, (f64, f64), bool); 2] = [
    ("Relawan Tebar Hewan Qurban", (0.5, 3.5), false),
    ("Staf Fundraising Digital", (0.2, 1.8), true),
];

/// Sessions on an ordinary day without posts, in the first sample month.
const BASE_SESSIONS: f64 = 140.0;

/// A donation campaign: gifts a day at the baseline, Friday factor, typical gift, rounding.
struct Campaign {
    name: &'static str,
    gifts_per_day: (f64, f64),
    friday: f64,
    typical_gift: f64,
    heavy_tail_cap: f64,
    round_to: u64,
}

const CAMPAIGNS: [Campaign; 3] = [
    Campaign {
        name: "Zakat Maal",
        gifts_per_day: (0.6, 2.6),
        friday: 1.5,
        typical_gift: 300_000.0,
        heavy_tail_cap: 10.0,
        round_to: 10_000,
    },
    Campaign {
        name: "Infaq Pendidikan",
        gifts_per_day: (1.0, 4.0),
        friday: 1.4,
        typical_gift: 60_000.0,
        heavy_tail_cap: 8.0,
        round_to: 5_000,
    },
    Campaign {
        name: "Sedekah Jumat",
        gifts_per_day: (1.5, 5.0),
        friday: 3.0,
        typical_gift: 25_000.0,
        heavy_tail_cap: 8.0,
        round_to: 1_000,
    },
];

/// Ad campaigns: name, daily budget in rupiah, cost per result range (link clicks). Each
/// has the name of what it advertises: a donation campaign, or the volunteer opening on the
/// careers portal, so that cost per donation and per applicant can match them.
const AD_CAMPAIGNS: [(&str, f64, (f64, f64)); 3] = [
    ("Zakat Maal", 120_000.0, (1_800.0, 3_200.0)),
    ("Sedekah Jumat", 60_000.0, (1_200.0, 2_400.0)),
    ("Relawan Tebar Hewan Qurban", 35_000.0, (900.0, 1_800.0)),
];

/// People the month's Facebook and Instagram posts reach on each day of the month.
fn social_reach(context: &MonthContext, accounts: &Accounts) -> Vec<f64> {
    let previous = context.previous();
    let mut posts: Vec<PublishedPost> = Vec::new();
    for source in [facebook::published_posts, instagram::published_posts] {
        posts.extend(source(&previous, accounts));
        posts.extend(source(context, accounts));
    }
    let first_day = context.month.first_day();
    let day_count = context.month.day_count() as usize;
    let mut reach = vec![0.0; day_count];
    for post in &posts {
        let published = post.local_time.date();
        for (offset, share) in reach_spread(post.local_time.hour()).iter().enumerate() {
            let day = (published - first_day).num_days() + offset as i64;
            if let Some(index) = usize::try_from(day).ok().filter(|&i| i < day_count) {
                reach[index] += share * post.reach as f64;
            }
        }
    }
    reach
}

struct Visits {
    date: NaiveDate,
    sessions: u64,
    engaged: u64,
    key_events: u64,
}

fn simulate_visits(context: &MonthContext, accounts: &Accounts) -> Vec<Visits> {
    let reach = social_reach(context, accounts);
    let mut rng = context.rng("ga4");
    let growth = context.audience_growth();
    context
        .month
        .days()
        .zip(reach)
        .map(|(date, reach)| {
            let base = BASE_SESSIONS * growth * weekday_factor(date) * rng.uniform(0.85, 1.15);
            let sessions = count(base + reach * rng.uniform(0.008, 0.013));
            let friday = if is_friday(date) { 1.3 } else { 1.0 };
            Visits {
                date,
                sessions,
                engaged: count(sessions as f64 * rng.uniform(0.48, 0.64)),
                key_events: count(sessions as f64 * rng.uniform(0.012, 0.028) * friday),
            }
        })
        .collect()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// GA4's comment block, the header and the rows, as GA4 writes a free-form exploration.
fn ga4_bytes(month: Month, visits: &[Visits]) -> Vec<u8> {
    let rule = "# ----------------------------------------\n";
    let mut text = String::new();
    text.push_str(rule);
    text.push_str("# Free form 1\n");
    text.push_str("# Account: Amanah Zakat Nusantara\n");
    text.push_str("# Property: amanahzakat.example - GA4\n");
    text.push_str(rule);
    text.push_str("#\n");
    text.push_str("# All Users\n");
    text.push_str(&format!(
        "# Start date: {}\n",
        month.first_day().format("%Y%m%d")
    ));
    text.push_str(&format!(
        "# End date: {}\n",
        month.last_day().format("%Y%m%d")
    ));
    text.push_str(rule);
    let rows: Vec<Vec<String>> = visits
        .iter()
        .map(|day| {
            vec![
                day.date.format("%Y%m%d").to_string(),
                day.sessions.to_string(),
                day.engaged.to_string(),
                day.key_events.to_string(),
            ]
        })
        .collect();
    let mut bytes = text.into_bytes();
    bytes.extend(csv_bytes(Encoding::PlainCsv, &GA4_HEADER, &rows));
    bytes
}

fn donation_rows(context: &MonthContext, visits: &[Visits]) -> Vec<Vec<String>> {
    let mut rng = context.rng("donations");
    let typical_sessions = BASE_SESSIONS * context.audience_growth();
    let mut rows = Vec::new();
    for day in visits {
        let pull = day.sessions as f64 / typical_sessions;
        for campaign in &CAMPAIGNS {
            let friday = if is_friday(day.date) {
                campaign.friday
            } else {
                1.0
            };
            let (low, high) = campaign.gifts_per_day;
            // A dampened pull: `sqrt` is correctly rounded in IEEE 754, so still byte-identical.
            let gifts = count(rng.uniform(low, high) * pull.max(0.0).sqrt() * friday);
            if gifts == 0 {
                continue;
            }
            let amount: u64 = (0..gifts)
                .map(|_| {
                    let gift = campaign.typical_gift * rng.heavy_tail(campaign.heavy_tail_cap);
                    (count(gift / campaign.round_to as f64) * campaign.round_to)
                        .max(campaign.round_to)
                })
                .sum();
            rows.push(vec![
                iso(day.date),
                campaign.name.to_string(),
                amount.to_string(),
                gifts.to_string(),
            ]);
        }
    }
    rows
}

fn ads_rows(context: &MonthContext) -> Vec<Vec<String>> {
    let mut rng = context.rng("ads");
    let mut rows = Vec::new();
    for date in context.month.days() {
        for (name, budget, (low, high)) in AD_CAMPAIGNS {
            let friday = if is_friday(date) { 1.8 } else { 1.0 };
            let spent = count(budget * friday * rng.uniform(0.82, 1.0));
            let results = count(spent as f64 / rng.uniform(low, high));
            rows.push(vec![
                iso(date),
                name.to_string(),
                spent.to_string(),
                results.to_string(),
            ]);
        }
    }
    rows
}

/// Applications per day and opening; days without any are not written (the portal's
/// report lists only days with applications). More on Mondays, fewer at weekends.
fn application_rows(context: &MonthContext) -> Vec<Vec<String>> {
    use chrono::Datelike;
    let mut rng = context.rng("applications");
    let mut rows = Vec::new();
    for date in context.month.days() {
        let weekday = date.weekday().num_days_from_monday();
        for (opening, (low, high), weekdays_only) in OPENINGS {
            let factor = match weekday {
                0 => 1.4,
                5 | 6 if weekdays_only => 0.2,
                5 | 6 => 0.6,
                _ => 1.0,
            };
            let applications = count(rng.uniform(low, high) * factor * context.audience_growth());
            if applications > 0 {
                rows.push(vec![
                    iso(date),
                    opening.to_string(),
                    applications.to_string(),
                ]);
            }
        }
    }
    rows
}

/// `outcomes/donations_<yyyy-mm>.csv`, `ga4_<yyyy-mm>.csv`, `ads_<yyyy-mm>.csv` and
/// `applications_<yyyy-mm>.csv`.
pub(crate) fn outcome_files(context: &MonthContext, accounts: &Accounts) -> Vec<SampleFile> {
    let visits = simulate_visits(context, accounts);
    let month = context.month.to_string();
    let path = |name: String| ["outcomes", &name].iter().collect();
    vec![
        SampleFile {
            relative: path(format!("donations_{month}.csv")),
            bytes: csv_bytes(
                Encoding::PlainCsv,
                &DONATIONS_HEADER,
                &donation_rows(context, &visits),
            ),
        },
        SampleFile {
            relative: path(format!("ga4_{month}.csv")),
            bytes: ga4_bytes(context.month, &visits),
        },
        SampleFile {
            relative: path(format!("ads_{month}.csv")),
            bytes: csv_bytes(Encoding::PlainCsv, &ADS_HEADER, &ads_rows(context)),
        },
        SampleFile {
            relative: path(format!("applications_{month}.csv")),
            bytes: csv_bytes(
                Encoding::PlainCsv,
                &APPLICATIONS_HEADER,
                &application_rows(context),
            ),
        },
    ]
}
