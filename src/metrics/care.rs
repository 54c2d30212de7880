//! Customer-care response times: the metrics that need one step per conversation, which
//! the catalogue's SQL (one aggregate over rows) cannot express. They are declared in the
//! catalogue like any metric (label, unit, direction, definition) with an aggregation that
//! names the computation here, and produce the same `MetricResult` rows.
//!
//! A thread's first-response time runs from its first inbound message to the first
//! outbound message after it that a person sent (automated replies are not responses, as in
//! Meta's and Sprout's definitions). A thread belongs to the period in which its first
//! inbound message was sent (in the pipeline's time zone); its response is looked for in
//! every stored message, so a question asked on the last evening of the month and answered
//! the next morning counts with its real delay instead of as unanswered. Threads the
//! organisation started and never heard back on have no first-response time.
//!
//! With a business-hours calendar (`[care] hours`, `days`) only the time inside those
//! hours counts: a message at 20:00 answered at 08:30 the next working day took 30 minutes.

use super::catalogue::{Aggregation, MetricDef};
use super::table::{MetricResult, Unavailable};
use super::{polars_err, MetricsError};
use crate::pipeline::period::Period;
use crate::pipeline::CareSettings;
use crate::schema::Table;
use crate::store::Store;
use chrono::{Datelike, NaiveDate, TimeZone, Weekday};
use polars::prelude::*;
use std::collections::BTreeSet;

/// The default service level when `[care] sla` is not set: one hour.
const DEFAULT_SLA_SECONDS: i64 = 3600;

/// `[care]` of the pipeline, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CareRules {
    /// The service level in seconds of (business) time.
    pub sla_seconds: i64,
    pub hours: Option<BusinessHours>,
}

impl Default for CareRules {
    fn default() -> Self {
        CareRules {
            sla_seconds: DEFAULT_SLA_SECONDS,
            hours: None,
        }
    }
}

/// Opening hours, the same on every working day, in the pipeline's time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessHours {
    /// Seconds after local midnight.
    pub open: u32,
    /// Seconds after local midnight; `24:00` closes at the next midnight.
    pub close: u32,
    /// Working days, Monday first.
    pub days: [bool; 7],
}

impl CareRules {
    /// Checks `[care]`; every problem at once, each as (key under `care`, message).
    pub fn from_settings(settings: &CareSettings) -> Result<CareRules, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let sla_seconds = match &settings.sla {
            None => DEFAULT_SLA_SECONDS,
            Some(text) => parse_duration(text).unwrap_or_else(|e| {
                problems.push(("sla".to_string(), e));
                DEFAULT_SLA_SECONDS
            }),
        };
        let window = match &settings.hours {
            None => None,
            Some(text) => parse_hours(text)
                .map_err(|e| problems.push(("hours".to_string(), e)))
                .ok(),
        };
        let days = match &settings.days {
            None => None,
            Some(names) => {
                let mut days = [false; 7];
                for name in names {
                    match parse_day(name) {
                        Some(day) => days[day.num_days_from_monday() as usize] = true,
                        None => problems.push((
                            "days".to_string(),
                            format!("`{name}` is not a day of the week; write `mon`, `tue`, … `sun` (or `senin` … `minggu`)"),
                        )),
                    }
                }
                if names.is_empty() {
                    problems.push(("days".to_string(), "list at least one working day".into()));
                }
                Some(days)
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        // Days without hours mean whole working days; hours without days mean Monday to
        // Friday, the working week of the offices this tool is written for.
        let hours = match (window, days) {
            (None, None) => None,
            (window, days) => {
                let (open, close) = window.unwrap_or((0, 24 * 3600));
                let days = days.unwrap_or([true, true, true, true, true, false, false]);
                Some(BusinessHours { open, close, days })
            }
        };
        Ok(CareRules { sla_seconds, hours })
    }
}

/// `1h`, `30min`, `1h30m`, `45 s`, `2 jam`: a positive duration in whole seconds.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let bad = || {
        format!("`{text}` is not a duration; write a number and a unit, for example `1h`, `30min`, `1h30m` or `90s`")
    };
    let mut rest = text.trim();
    let mut total = 0i64;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(bad());
        }
        let number: i64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = rest[digits..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_end] {
            "d" | "hari" => 86_400,
            "h" | "j" | "jam" => 3600,
            "m" | "min" | "mnt" | "menit" => 60,
            "s" | "dtk" | "detik" => 1,
            _ => return Err(bad()),
        };
        total = number
            .checked_mul(seconds)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(bad)?;
        rest = rest[unit_end..].trim_start();
    }
    if total == 0 {
        return Err(format!(
            "`{text}`: the service level must be longer than zero"
        ));
    }
    Ok(total)
}

/// `08:00-17:00` → (open, close) in seconds after midnight.
fn parse_hours(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!("`{text}` is not a span of opening hours; write `hh:mm-hh:mm`, for example `08:00-17:00`")
    };
    let (open, close) = text.split_once('-').ok_or_else(bad)?;
    let clock = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 3600 + m * 60)
    };
    let (open, close) = (clock(open).ok_or_else(bad)?, clock(close).ok_or_else(bad)?);
    if open >= close {
        return Err(format!(
            "`{text}`: opening hours must close after they open on the same day"
        ));
    }
    Ok((open, close))
}

fn parse_day(name: &str) -> Option<Weekday> {
    Some(match name.trim().to_lowercase().as_str() {
        "mon" | "monday" | "senin" => Weekday::Mon,
        "tue" | "tuesday" | "selasa" => Weekday::Tue,
        "wed" | "wednesday" | "rabu" => Weekday::Wed,
        "thu" | "thursday" | "kamis" => Weekday::Thu,
        "fri" | "friday" | "jumat" => Weekday::Fri,
        "sat" | "saturday" | "sabtu" => Weekday::Sat,
        "sun" | "sunday" | "minggu" => Weekday::Sun,
        _ => return None,
    })
}

/// One conversation, reduced to what response times need.
#[derive(Debug, Clone, PartialEq)]
struct Thread {
    platform: String,
    /// UTC milliseconds of its first inbound message.
    first_inbound: i64,
    /// UTC milliseconds of the first outbound message a person sent at or after it.
    first_response: Option<i64>,
}

/// Every stored care message that says its direction, as needed per period.
pub struct CareLog {
    threads: Vec<Thread>,
    /// (platform, sent_at, has a direction) of every message, for scopes and availability.
    messages: Vec<(String, i64, bool)>,
}

impl CareLog {
    /// Reads the care table; `None` when the store holds none.
    pub fn load(store: &Store) -> Result<Option<CareLog>, MetricsError> {
        let Some(lf) = store.scan(Table::Care)? else {
            return Ok(None);
        };
        let frame = lf
            .select([
                col("platform"),
                col("thread_id"),
                col("message_id"),
                col("sent_at").cast(DataType::Int64).alias("sent_ms"),
                col("direction"),
                col("is_automated").fill_null(lit(false)),
            ])
            .sort(
                ["platform", "thread_id", "sent_ms", "message_id"],
                SortMultipleOptions::default(),
            )
            .collect()
            .map_err(polars_err("could not read the care messages"))?;
        let text = |name: &str| {
            frame
                .column(name)
                .and_then(|c| c.str().cloned())
                .map_err(polars_err(format!("care column `{name}`")))
        };
        let platform = text("platform")?;
        let thread = text("thread_id")?;
        let direction = text("direction")?;
        let sent = frame
            .column("sent_ms")
            .and_then(|c| c.i64().cloned())
            .map_err(polars_err("care column `sent_at`"))?;
        let automated = frame
            .column("is_automated")
            .and_then(|c| c.bool().cloned())
            .map_err(polars_err("care column `is_automated`"))?;

        let mut threads: Vec<Thread> = Vec::new();
        let mut messages = Vec::with_capacity(frame.height());
        let mut current: Option<(String, String)> = None;
        // Outbound messages of the current thread sent by a person, in time order.
        let mut replies: Vec<i64> = Vec::new();
        let mut first_inbound: Option<i64> = None;
        let finish = |key: &Option<(String, String)>,
                      first_inbound: Option<i64>,
                      replies: &[i64],
                      threads: &mut Vec<Thread>| {
            if let (Some((platform, _)), Some(first)) = (key, first_inbound) {
                threads.push(Thread {
                    platform: platform.clone(),
                    first_inbound: first,
                    first_response: replies.iter().copied().find(|r| *r >= first),
                });
            }
        };
        for i in 0..frame.height() {
            let (Some(p), Some(t), Some(at)) = (platform.get(i), thread.get(i), sent.get(i)) else {
                continue;
            };
            let key = (p.to_string(), t.to_string());
            if current.as_ref() != Some(&key) {
                finish(&current, first_inbound, &replies, &mut threads);
                current = Some(key);
                replies.clear();
                first_inbound = None;
            }
            let dir = direction.get(i);
            messages.push((p.to_string(), at, dir.is_some()));
            let by_person = automated.get(i) != Some(true);
            match dir {
                Some("inbound") if by_person && first_inbound.is_none() => first_inbound = Some(at),
                Some("outbound") if by_person => replies.push(at),
                _ => {}
            }
        }
        finish(&current, first_inbound, &replies, &mut threads);
        Ok(Some(CareLog { threads, messages }))
    }
}

/// The results of the care metrics among `metrics` for one period: `all` and each platform
/// with care messages in the period.
pub fn compute_period(
    metrics: &[&MetricDef],
    log: Option<&CareLog>,
    rules: &CareRules,
    period: &Period,
    tz: chrono_tz::Tz,
) -> Vec<MetricResult> {
    let computed: Vec<&MetricDef> = metrics
        .iter()
        .copied()
        .filter(|m| m.aggregation.is_care())
        .collect();
    if computed.is_empty() {
        return Vec::new();
    }
    let result = |m: &MetricDef, scope: &str| MetricResult {
        metric: m.id.clone(),
        scope: scope.to_string(),
        period: period.id.clone(),
        value: None,
        numerator: None,
        denominator: None,
        unavailable: None,
    };
    let Some(log) = log else {
        return computed
            .iter()
            .map(|m| MetricResult {
                unavailable: Some(Unavailable::NoTable {
                    table: Table::Care.name().to_string(),
                }),
                ..result(m, "all")
            })
            .collect();
    };
    let start = super::local_midnight_utc(period.start, tz);
    let end = super::local_midnight_utc(period.end.succ_opt().expect("date after end"), tz);
    let in_period = |ms: i64| ms >= start && ms < end;
    let platforms: BTreeSet<&str> = log
        .messages
        .iter()
        .filter(|(_, at, _)| in_period(*at))
        .map(|(p, _, _)| p.as_str())
        .collect();
    let mut scopes = vec!["all"];
    scopes.extend(platforms);

    let mut out = Vec::new();
    for m in computed {
        for scope in &scopes {
            let in_scope = |p: &str| *scope == "all" || p == *scope;
            let messages = log
                .messages
                .iter()
                .filter(|(p, at, _)| in_scope(p) && in_period(*at));
            let mut any_message = false;
            let mut any_direction = false;
            for (_, _, has_direction) in messages {
                any_message = true;
                any_direction |= has_direction;
            }
            let threads: Vec<&Thread> = log
                .threads
                .iter()
                .filter(|t| in_scope(&t.platform) && in_period(t.first_inbound))
                .collect();
            let unavailable = if !any_message && threads.is_empty() {
                Some(Unavailable::NoRows {
                    table: Table::Care.name().to_string(),
                })
            } else if !any_direction && threads.is_empty() {
                Some(Unavailable::MissingColumns {
                    columns: vec!["direction".into()],
                })
            } else if threads.is_empty() {
                Some(Unavailable::NoInboundThreads)
            } else {
                None
            };
            if let Some(reason) = unavailable {
                out.push(MetricResult {
                    unavailable: Some(reason),
                    ..result(m, scope)
                });
                continue;
            }
            let mut times: Vec<f64> = threads
                .iter()
                .filter_map(|t| {
                    let reply = t.first_response?;
                    Some(match &rules.hours {
                        Some(hours) => business_seconds(t.first_inbound, reply, hours, tz),
                        None => (reply - t.first_inbound) as f64 / 1000.0,
                    })
                })
                .collect();
            times.sort_by(f64::total_cmp);
            let place = result(m, scope);
            out.push(
                figure(m, place.clone(), &times, threads.len(), rules).unwrap_or(MetricResult {
                    unavailable: Some(Unavailable::NoAnsweredThreads),
                    ..place
                }),
            );
        }
    }
    out
}

/// One metric's figure (in `blank`'s place) from the sorted response times of the answered threads and the
/// number of threads with an inbound message; `None` when no thread was answered.
fn figure(
    m: &MetricDef,
    blank: MetricResult,
    sorted_times: &[f64],
    threads: usize,
    rules: &CareRules,
) -> Option<MetricResult> {
    let single = |v: f64| MetricResult {
        value: Some(v),
        numerator: Some(v),
        ..blank.clone()
    };
    match m.aggregation {
        // Unanswered threads are part of the denominator: they were not answered in time.
        Aggregation::FirstResponseWithinSla => {
            let within = sorted_times
                .iter()
                .filter(|t| **t <= rules.sla_seconds as f64)
                .count() as f64;
            Some(MetricResult {
                value: Some(within / threads as f64 * 100.0),
                numerator: Some(within),
                denominator: Some(threads as f64),
                ..blank
            })
        }
        _ if sorted_times.is_empty() => None,
        Aggregation::FirstResponseMedian => Some(single(quantile(sorted_times, 0.5))),
        Aggregation::FirstResponseP90 => Some(single(quantile(sorted_times, 0.9))),
        Aggregation::FirstResponseFastest90Mean => {
            // The fastest 90 %, rounded up so that at least one time is kept.
            let kept = (sorted_times.len() * 9).div_ceil(10);
            let sum: f64 = sorted_times[..kept].iter().sum();
            Some(MetricResult {
                value: Some(sum / kept as f64),
                numerator: Some(sum),
                denominator: Some(kept as f64),
                ..blank
            })
        }
        _ => None,
    }
}

/// The `q` quantile of sorted values, interpolating linearly between the two nearest ranks
/// (the median of an even count is the mean of the middle two).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// Seconds between two instants that fall inside opening hours on working days.
fn business_seconds(from_ms: i64, to_ms: i64, hours: &BusinessHours, tz: chrono_tz::Tz) -> f64 {
    if to_ms <= from_ms {
        return 0.0;
    }
    let local_date = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .expect("a stored instant")
            .with_timezone(&tz)
            .date_naive()
    };
    let at = |day: NaiveDate, seconds: u32| {
        let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
        let local = midnight + chrono::Duration::seconds(i64::from(seconds));
        tz.from_local_datetime(&local).earliest().map_or_else(
            || local.and_utc().timestamp_millis(),
            |d| d.timestamp_millis(),
        )
    };
    let mut total_ms = 0i64;
    let mut day = local_date(from_ms);
    let last = local_date(to_ms);
    while day <= last {
        if hours.days[day.weekday().num_days_from_monday() as usize] {
            let open = at(day, hours.open).max(from_ms);
            let close = at(day, hours.close).min(to_ms);
            total_ms += (close - open).max(0);
        }
        day = day.succ_opt().expect("a date after");
    }
    total_ms as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAKARTA: chrono_tz::Tz = chrono_tz::Asia::Jakarta;

    /// UTC milliseconds of a Jakarta wall-clock time in October 2026.
    fn oct(day: u32, hour: u32, minute: u32) -> i64 {
        JAKARTA
            .with_ymd_and_hms(2026, 10, day, hour, minute, 0)
            .unwrap()
            .timestamp_millis()
    }

    fn office() -> BusinessHours {
        let settings = CareSettings {
            hours: Some("08:00-17:00".into()),
            days: Some(vec![
                "mon".into(),
                "tue".into(),
                "Wed".into(),
                "kamis".into(),
                "fri".into(),
            ]),
            ..Default::default()
        };
        CareRules::from_settings(&settings).unwrap().hours.unwrap()
    }

    #[test]
    fn durations_read_units_in_both_languages() {
        assert_eq!(parse_duration("1h"), Ok(3600));
        assert_eq!(parse_duration("1h30m"), Ok(5400));
        assert_eq!(parse_duration("90 s"), Ok(90));
        assert_eq!(parse_duration("2 jam 15 menit"), Ok(8100));
        assert!(parse_duration("1.5h").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("0m").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn care_settings_report_every_problem() {
        let settings = CareSettings {
            sla: Some("soon".into()),
            hours: Some("17:00-08:00".into()),
            days: Some(vec!["mon".into(), "someday".into()]),
        };
        let problems = CareRules::from_settings(&settings).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["sla", "hours", "days"], "{problems:?}");
        let hours_only = CareSettings {
            hours: Some("09:00-24:00".into()),
            ..Default::default()
        };
        let rules = CareRules::from_settings(&hours_only).unwrap();
        let hours = rules.hours.unwrap();
        assert_eq!((hours.open, hours.close), (9 * 3600, 24 * 3600));
        assert_eq!(hours.days, [true, true, true, true, true, false, false]);
        assert_eq!(rules.sla_seconds, 3600);
    }

    #[test]
    fn only_business_time_counts() {
        let hours = office();
        // 2026-10-05 is a Monday. Inside one working day: the plain difference.
        assert_eq!(
            business_seconds(oct(5, 9, 0), oct(5, 10, 30), &hours, JAKARTA),
            5400.0
        );
        // Monday 20:00 → Tuesday 08:30: only Tuesday's first half hour.
        assert_eq!(
            business_seconds(oct(5, 20, 0), oct(6, 8, 30), &hours, JAKARTA),
            1800.0
        );
        // Friday 16:00 → Monday 09:00: Friday's last hour and Monday's first.
        assert_eq!(
            business_seconds(oct(9, 16, 0), oct(12, 9, 0), &hours, JAKARTA),
            7200.0
        );
        // Saturday to Sunday: none.
        assert_eq!(
            business_seconds(oct(10, 9, 0), oct(11, 12, 0), &hours, JAKARTA),
            0.0
        );
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        let times = [60.0, 120.0, 300.0, 600.0];
        assert_eq!(quantile(&times, 0.5), 210.0);
        // Position 0.9 × 3 = 2.7: 300 + 0.7 × 300.
        assert!((quantile(&times, 0.9) - 510.0).abs() < 1e-9);
        assert_eq!(quantile(&[42.0], 0.9), 42.0);
    }
}
