//! The foundation's customer-care inbox, per month: `care/inbox_<yyyy-mm>.csv`, one row per
//! message of the conversations donors and beneficiaries start on Instagram Direct and
//! WhatsApp Business, as an inbox tool exports them. No platform exports this in one fixed
//! format, so no adapter recognises it: the example pipeline maps it with `generic_care`.
//!
//! Format: UTF-8 without BOM, LF, quotes only where needed; Indonesian headers; times as
//! Jakarta wall-clock `dd/mm/yyyy hh:mm`; `Pengirim` is `Pelanggan` (the customer), `Admin`
//! (a person of the foundation) or `Bot` (an automated greeting, `Otomatis` = 1); `Selesai`
//! is when the admin marked the conversation done, empty while open.
//!
//! Behaviour: most questions come in the daytime and evening, some late at night. The admins
//! work Monday to Saturday from 08:00 to 21:00: inside those hours they answer within
//! minutes to an hour, outside them the next working morning, so night messages wait long.
//! WhatsApp greets every new conversation with an automated reply, Instagram sometimes; a
//! few conversations are never answered, and a few are started by the foundation (a
//! follow-up to a donor) before the customer writes back. Conversations are written to the
//! month they start in, with their replies even when those fall in the next month.

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::{csv_bytes, Encoding, MonthContext, SampleFile};

pub(crate) const INBOX_HEADER: [&str; 7] = [
    "ID Percakapan",
    "ID Pesan",
    "Saluran",
    "Waktu",
    "Pengirim",
    "Otomatis",
    "Selesai",
];

/// Admin working hours (local): the day's first and last hour of answering.
const SHIFT_START_HOUR: u32 = 8;
const SHIFT_END_HOUR: u32 = 21;

/// Customer messages by local hour of day (weights for 00–23).
const HOUR_WEIGHTS: [u32; 24] = [
    2, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 10, 9, 8, 8, 8, 9, 10, 11, 11, 9, 6, 4,
];

/// What customers write first, per channel; the admins' replies are not modelled in text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Channel {
    Instagram,
    WhatsApp,
}

impl Channel {
    fn name(self) -> &'static str {
        match self {
            Channel::Instagram => "Instagram",
            Channel::WhatsApp => "WhatsApp",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Channel::Instagram => "IG",
            Channel::WhatsApp => "WA",
        }
    }
    /// Share of new conversations greeted by an automated reply.
    fn greeting_rate(self) -> f64 {
        match self {
            Channel::Instagram => 0.3,
            Channel::WhatsApp => 1.0,
        }
    }
}

struct Message {
    at: NaiveDateTime,
    sender: &'static str,
    automated: bool,
}

pub(super) fn inbox_export(ctx: &MonthContext) -> SampleFile {
    let mut rng = ctx.rng("care");
    let month = ctx.month;
    let conversations = rng.range(55, 80) as usize + 4 * ctx.index.min(5) as usize;
    // Start times first, sorted, so thread numbers follow time.
    let mut starts: Vec<(NaiveDateTime, Channel)> = (0..conversations)
        .map(|_| {
            let day = month.day(rng.range(1, u64::from(month.day_count())) as u32);
            let hour = rng.pick_index_weighted(&HOUR_WEIGHTS) as u32;
            let minute = rng.below(60) as u32;
            let time = NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time");
            let channel = if rng.chance(0.6) {
                Channel::WhatsApp
            } else {
                Channel::Instagram
            };
            (day.and_time(time), channel)
        })
        .collect();
    starts.sort_by_key(|(at, channel)| (*at, channel.prefix()));

    let mut rows: Vec<Vec<String>> = Vec::new();
    for (number, (start, channel)) in starts.into_iter().enumerate() {
        let thread = format!(
            "{}-{}{:02}-{:03}",
            channel.prefix(),
            month.year,
            month.month,
            number + 1
        );
        let mut messages: Vec<Message> = Vec::new();
        let mut customer_at = start;
        // A follow-up the foundation sends to a donor, answered by the donor hours later.
        if rng.chance(0.06) {
            messages.push(Message {
                at: start,
                sender: "Admin",
                automated: false,
            });
            customer_at = start + Duration::minutes(rng.range(30, 240) as i64);
        }
        messages.push(Message {
            at: customer_at,
            sender: "Pelanggan",
            automated: false,
        });
        if rng.chance(channel.greeting_rate()) {
            messages.push(Message {
                at: customer_at,
                sender: "Bot",
                automated: true,
            });
        }
        // A second message before anyone answers: the question itself after a greeting.
        if rng.chance(0.3) {
            messages.push(Message {
                at: customer_at + Duration::minutes(rng.range(1, 4) as i64),
                sender: "Pelanggan",
                automated: false,
            });
        }
        let answered = !rng.chance(0.07);
        let mut resolved = None;
        if answered {
            let reply = reply_time(customer_at, &mut rng);
            messages.push(Message {
                at: reply,
                sender: "Admin",
                automated: false,
            });
            let mut last = reply;
            if rng.chance(0.4) {
                let follow_up = reply + Duration::minutes(rng.range(2, 90) as i64);
                let answer = reply_time(follow_up, &mut rng);
                messages.push(Message {
                    at: follow_up,
                    sender: "Pelanggan",
                    automated: false,
                });
                messages.push(Message {
                    at: answer,
                    sender: "Admin",
                    automated: false,
                });
                last = answer;
            }
            if rng.chance(0.75) {
                resolved = Some(last + Duration::minutes(rng.range(1, 30) as i64));
            }
        }
        messages.sort_by_key(|m| m.at);
        let resolved_text = resolved.map(local_time).unwrap_or_default();
        for (i, m) in messages.iter().enumerate() {
            rows.push(vec![
                thread.clone(),
                format!("{thread}-{}", i + 1),
                channel.name().to_string(),
                local_time(m.at),
                m.sender.to_string(),
                if m.automated { "1" } else { "0" }.to_string(),
                // The done mark belongs to the conversation; the export repeats it on its
                // last message only.
                if i + 1 == messages.len() {
                    resolved_text.clone()
                } else {
                    String::new()
                },
            ]);
        }
    }
    SampleFile {
        relative: format!("care/inbox_{}-{:02}.csv", month.year, month.month).into(),
        bytes: csv_bytes(Encoding::PlainCsv, &INBOX_HEADER, &rows),
    }
}

/// When an admin answers a message sent at `at`: within the shift minutes to an hour (now
/// and then longer), outside it early in the next shift.
fn reply_time(at: NaiveDateTime, rng: &mut super::rng::Rng) -> NaiveDateTime {
    let on_shift = |t: NaiveDateTime| {
        t.weekday() != Weekday::Sun && (SHIFT_START_HOUR..SHIFT_END_HOUR).contains(&t.hour())
    };
    if on_shift(at) {
        let minutes = rng.range(2, 25) as f64 * rng.heavy_tail(6.0);
        return at + Duration::minutes(minutes.round() as i64);
    }
    let mut day = at.date();
    if at.hour() >= SHIFT_END_HOUR {
        day = day.succ_opt().expect("a next day");
    }
    if day.weekday() == Weekday::Sun {
        day = day.succ_opt().expect("a next day");
    }
    let opening = day.and_hms_opt(SHIFT_START_HOUR, 0, 0).expect("valid time");
    opening.max(at) + Duration::minutes(rng.range(5, 90) as i64)
}

/// `31/10/2026 13:45`, Jakarta wall-clock time.
fn local_time(at: NaiveDateTime) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}
