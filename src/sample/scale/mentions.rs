//! One `mentions_NNNN.csv` file: the rows of a global row range, in time order, written in
//! the layout of the small sample's mentions (same header, minimal quoting, ISO UTC times).
//!
//! Rows are generated one at a time into a reused byte buffer that goes to disk every
//! megabyte, so memory stays flat whatever the file size. A file draws from its own stream
//! (seed, file index) and knows its rows from the [`VolumePlan`], so files can be written in
//! any order, in parallel, with the same bytes.

use std::fs::File;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Weekday};

use super::super::calendar::JAKARTA_UTC_OFFSET_HOURS;
use super::super::mentions::HEADER;
use super::super::rng::{count, Rng};
use super::super::x::snowflake_id;
use super::super::SampleError;
use super::authors::{AuthorPool, Platform};
use super::draw::one_of;
use super::format::{iso_date, push_field, push_two_digits, push_u64, push_u64_padded};
use super::text::{self, Tone};
use super::volume::{PlannedDay, VolumePlan};

/// Mention ids are this plus the row's global index: unique and growing with time.
const MENTION_ID_BASE: u64 = 1_000_000_000_000;
/// Share of mentions that are news articles.
const NEWS_SHARE: f64 = 0.08;
/// The buffer goes to disk when it holds this much.
const FLUSH_BYTES: usize = 1 << 20;

/// Fictional news outlets: (name, domain).
const OUTLETS: [(&str, &str); 8] = [
    ("Warta Umat", "wartaumat.example"),
    ("Kabar Filantropi", "kabarfilantropi.example"),
    ("Suara Nusantara", "suaranusantara.example"),
    ("Harian Madani", "harianmadani.example"),
    ("Jurnal Kita", "jurnalkita.example"),
    ("Berita Amal", "beritaamal.example"),
    ("Nusantara Post", "nusantarapost.example"),
    ("Indonesia Giving Review", "givingreview.example"),
];

/// What every file shares: the plan, the authors and the seed.
pub(crate) struct MentionsModel<'a> {
    pub plan: &'a VolumePlan,
    pub authors: &'a AuthorPool,
    pub seed: u64,
}

/// Writes global rows `rows` to `path` as file number `file_index`.
pub(crate) fn write_file(
    model: &MentionsModel<'_>,
    path: &Path,
    file_index: u64,
    rows: Range<u64>,
) -> Result<(), SampleError> {
    let write_error = |source| SampleError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::create(path).map_err(write_error)?;
    let mut writer = RowWriter {
        rng: Rng::stream(model.seed, "scale-mentions", file_index),
        out: Vec::with_capacity(FLUSH_BYTES + 4096),
        text: String::with_capacity(256),
        seconds: Vec::new(),
    };
    writer.out.extend_from_slice(HEADER.join(",").as_bytes());
    writer.out.push(b'\n');
    for slice in model.plan.slices(rows) {
        let day = DayClock::new(&model.plan.days[slice.day]);
        writer.draw_seconds(slice.rows, slice.seconds.clone());
        for position in 0..writer.seconds.len() {
            let second = u32::from(writer.seconds[position]);
            let row = slice.first_row + position as u64;
            writer.row(model, &day, row, slice.hour * 3600 + second);
            if writer.out.len() >= FLUSH_BYTES {
                file.write_all(&writer.out).map_err(write_error)?;
                writer.out.clear();
            }
        }
    }
    file.write_all(&writer.out).map_err(write_error)?;
    file.flush().map_err(write_error)
}

/// A Jakarta day, with what each row needs to print its UTC time.
struct DayClock<'a> {
    day: &'a PlannedDay,
    /// UTC date of the day's hours 07:00–23:59 (the same date) and 00:00–06:59 (the day
    /// before), as `yyyy-mm-dd`.
    utc_date_late: [u8; 10],
    utc_date_early: [u8; 10],
    /// UTC seconds since the epoch at Jakarta midnight.
    midnight_utc: i64,
    friday: bool,
}

const OFFSET_SECONDS: u32 = JAKARTA_UTC_OFFSET_HOURS as u32 * 3600;

impl<'a> DayClock<'a> {
    fn new(day: &'a PlannedDay) -> Self {
        let previous = day.date.pred_opt().expect("dates after 2021");
        Self {
            day,
            utc_date_late: iso_date(day.date),
            utc_date_early: iso_date(previous),
            midnight_utc: utc_midnight(day.date) - i64::from(OFFSET_SECONDS),
            friday: day.date.weekday() == Weekday::Fri,
        }
    }

    /// `2026-08-01T01:12:51Z` for the Jakarta second of the day `local`.
    fn push_utc(&self, out: &mut Vec<u8>, local: u32) {
        let (date, utc) = if local >= OFFSET_SECONDS {
            (&self.utc_date_late, local - OFFSET_SECONDS)
        } else {
            (&self.utc_date_early, local + 24 * 3600 - OFFSET_SECONDS)
        };
        out.extend_from_slice(date);
        out.push(b'T');
        push_two_digits(out, utc / 3600);
        out.push(b':');
        push_two_digits(out, utc / 60 % 60);
        out.push(b':');
        push_two_digits(out, utc % 60);
        out.push(b'Z');
    }
}

fn utc_midnight(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp()
}

/// The file's stream and its reused buffers.
struct RowWriter {
    rng: Rng,
    out: Vec<u8>,
    text: String,
    seconds: Vec<u16>,
}

impl RowWriter {
    /// `count` seconds within the hour, from `range`, in order.
    fn draw_seconds(&mut self, count: u64, range: Range<u32>) {
        self.seconds.clear();
        let width = u64::from(range.end - range.start);
        for _ in 0..count {
            let second = range.start + self.rng.below(width) as u32;
            self.seconds.push(second as u16);
        }
        self.seconds.sort_unstable();
    }

    /// One row: `id,created_at,platform,author,author_followers,text,url,likes,reposts,replies`.
    fn row(&mut self, model: &MentionsModel<'_>, day: &DayClock<'_>, row: u64, local: u32) {
        let id = MENTION_ID_BASE + row;
        push_u64(&mut self.out, id);
        self.out.push(b',');
        day.push_utc(&mut self.out, local);
        self.out.push(b',');
        let draft = text::draft(&mut self.rng, day.day.spike);
        self.text.clear();
        if self.rng.chance(NEWS_SHARE) {
            text::write_headline(&mut self.text, &mut self.rng, draft);
            self.news_rest(day, id);
            return;
        }
        let rank = model.authors.draw_rank(&mut self.rng);
        let author = model.authors.author(rank);
        text::write_post(&mut self.text, &mut self.rng, draft, day.friday);
        let out = &mut self.out;
        out.extend_from_slice(author.platform.label().as_bytes());
        out.push(b',');
        author.write_name(out);
        out.push(b',');
        push_u64(out, author.followers);
        out.push(b',');
        push_field(out, &self.text);
        out.push(b',');
        let utc_seconds = day.midnight_utc + i64::from(local);
        self.push_url(&author, utc_seconds);
        let rng = &mut self.rng;
        let mut likes = author.followers as f64 * rng.uniform(0.003, 0.03);
        // Now and then a small account's post travels.
        if rng.chance(0.03) {
            likes *= rng.uniform(5.0, 30.0);
        }
        let likes = count(likes);
        // Warnings are passed on far more than they are liked.
        let repost_share = if draft.tone == Tone::ScamWarning {
            rng.uniform(0.3, 0.9)
        } else {
            rng.uniform(0.03, 0.3)
        };
        let reposts = count(likes as f64 * repost_share);
        let replies = count(likes as f64 * rng.uniform(0.03, 0.2)) + rng.below(2);
        let out = &mut self.out;
        out.push(b',');
        push_u64(out, likes);
        out.push(b',');
        push_u64(out, reposts);
        out.push(b',');
        push_u64(out, replies);
        out.push(b'\n');
    }

    /// After the time: `news,<outlet>,,<headline>,<url>,,,` (tools measure no engagement).
    fn news_rest(&mut self, day: &DayClock<'_>, id: u64) {
        let (outlet, domain) = one_of(&mut self.rng, &OUTLETS);
        let out = &mut self.out;
        out.extend_from_slice(b"news,");
        out.extend_from_slice(outlet.as_bytes());
        out.extend_from_slice(b",,");
        push_field(out, &self.text);
        out.extend_from_slice(b",https://");
        out.extend_from_slice(domain.as_bytes());
        out.push(b'/');
        let date = day.day.date;
        push_u64(out, date.year() as u64);
        out.push(b'/');
        push_two_digits(out, date.month());
        out.push(b'/');
        push_two_digits(out, date.day());
        out.push(b'/');
        push_slug(out, &self.text);
        out.push(b'-');
        push_u64(out, id);
        out.extend_from_slice(b",,,\n");
    }

    fn push_url(&mut self, author: &super::authors::Author, utc_seconds: i64) {
        let (rng, out) = (&mut self.rng, &mut self.out);
        match author.platform {
            Platform::X => {
                out.extend_from_slice(b"https://x.com/");
                author.write_handle(out);
                out.extend_from_slice(b"/status/");
                let utc = DateTime::from_timestamp(utc_seconds, 0)
                    .expect("sample dates are representable")
                    .naive_utc();
                push_u64(out, snowflake_id(rng, utc));
            }
            Platform::Instagram => {
                out.extend_from_slice(b"https://www.instagram.com/p/");
                push_shortcode(out, rng);
                out.push(b'/');
            }
            Platform::Facebook => {
                out.extend_from_slice(b"https://www.facebook.com/");
                author.write_handle(out);
                out.extend_from_slice(b"/posts/");
                push_u64(out, rng.digits(16));
            }
            Platform::TikTok => {
                out.extend_from_slice(b"https://www.tiktok.com/@");
                author.write_handle(out);
                out.extend_from_slice(b"/video/7");
                push_u64_padded(out, rng.below(1_000_000_000_000_000_000), 18);
            }
        }
    }
}

/// An 11-character Instagram shortcode: `D` (recent posts) and ten URL-safe characters.
fn push_shortcode(out: &mut Vec<u8>, rng: &mut Rng) {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    out.push(b'D');
    for _ in 0..10 {
        out.push(one_of(rng, ALPHABET));
    }
}

/// Lower-case ASCII words joined by `-` (other characters end a word), as news URLs do.
fn push_slug(out: &mut Vec<u8>, text: &str) {
    let mut pending_dash = false;
    let start = out.len();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            if pending_dash && out.len() > start {
                out.push(b'-');
            }
            pending_dash = false;
            out.push(byte.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_the_sample_s() {
        for text in ["Baznas Dorong Zakat, Lewat QRIS!", "  Sumba Barat Daya  "] {
            let mut ours = Vec::new();
            push_slug(&mut ours, text);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                super::super::super::content::slug(text)
            );
        }
    }

    #[test]
    fn times_are_utc_and_cross_midnight_backwards() {
        let day = PlannedDay {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            first_row: 0,
            hours: [0; 24],
            spike: None,
        };
        let clock = DayClock::new(&day);
        let text = |local| {
            let mut out = Vec::new();
            clock.push_utc(&mut out, local);
            String::from_utf8(out).unwrap()
        };
        // Jakarta 06:59:59 on 1 March is 23:59:59 UTC on 28 February; 07:00 is UTC midnight.
        assert_eq!(text(6 * 3600 + 59 * 60 + 59), "2026-02-28T23:59:59Z");
        assert_eq!(text(7 * 3600), "2026-03-01T00:00:00Z");
        assert_eq!(text(21 * 3600 + 5), "2026-03-01T14:00:05Z");
        assert_eq!(clock.midnight_utc, 1_772_298_000);
    }
}
