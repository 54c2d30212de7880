//! 4CAT (Capture and Analysis Toolkit, digitalmethodsinitiative/4cat) datasets downloaded
//! as CSV: one row per post of whichever data source was captured (4chan, Telegram,
//! TikTok via Zeeschuimer, Reddit, …) → `mentions`.
//!
//! Verified against 4CAT's own code (digitalmethodsinitiative/4cat):
//! - `backend/lib/search.py`, `Search.items_to_csv` (commit 0686e1ae): UTF-8 without BOM,
//!   `,`-separated, LF, Python `csv.DictWriter` (quotes only where needed). The columns are
//!   the data source's item keys, with `unix_timestamp` appended last; `timestamp` is
//!   rewritten as `datetime.utcfromtimestamp(…).strftime('%Y-%m-%d %H:%M:%S')`, so it is
//!   **UTC**, and both become `undefined` when the item had no usable time. HTML is
//!   stripped from `body`; with pseudonymisation on, every `author*` column holds a salted
//!   hash (or `REDACTED`).
//! - Every data source writes `id`, `thread_id`, `body`, `timestamp` (the "mandatory
//!   columns" comment in the same file; 4chan's `sphinx.conf` and `database.sql` list
//!   `id, thread_id, …, timestamp, subject, body, author`).
//! - Extras per data source, from their `map_item`s: Telegram
//!   (`datasources/telegram/search_telegram.py` @01bd7c21) `author`, `author_username`,
//!   `reply_to`, `views`, `unix_timestamp`; TikTok (`datasources/tiktok/search_tiktok.py`
//!   @01bd7c21) `author`, `author_followers`, `likes`, `comments`, `shares`, `plays`,
//!   `tiktok_url`.
//!
//! Caveat found there: Telegram's `map_item` writes `timestamp` with
//! `datetime.fromtimestamp` (the 4CAT server's local time, not UTC), while its
//! `unix_timestamp` is exact. So the time is read from `unix_timestamp` (which the
//! signature requires), never from `timestamp`.
//!
//! No real 4CAT CSV was found to test against: the fixture is written from the code above.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

/// Adapter id, and the `mentions.source` of its rows.
pub const ID: &str = "4cat";

/// `unix_timestamp`: seconds since 1970 (`undefined` when the item had no time).
const UNIX_SECONDS: &[&str] = &["%s"];

/// A 4CAT CSV → `mentions` (source `4cat`). The platform is the input's `platform`
/// (`telegram`, `4chan`): the file does not name its data source.
///
/// Not mapped: `subject` (a thread title on 4chan; the post's text is `body`), `views` and
/// `plays` (no canonical column), links other than TikTok's (`url` columns of other data
/// sources hold the link a post shares, not the post).
pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: ID.into(),
        name: "4CAT dataset CSV".into(),
        version: 1,
        table: Table::Mentions,
        // `unix_timestamp` is 4CAT's own addition: with `thread_id` and `body` it does not
        // occur in other listening CSVs (twarc-csv has `conversation_id` and `text`).
        signature: strings(&["id", "thread_id", "body", "timestamp", "unix_timestamp"]),
        excludes: vec![],
        platform: PlatformRule::Column {
            source: String::new(),
            default: "unknown".into(),
        },
        account: AccountRule::None,
        fields: vec![
            field("mention_id", &["id"], Text),
            field("thread_id", &["thread_id"], Text),
            field(
                "published_at",
                &["unix_timestamp"],
                InstantUtc(UNIX_SECONDS),
            ),
            // The name or handle 4CAT gives (`Anonymous` on 4chan), pseudonymised when the
            // dataset was.
            field("author_id", &["author", "author_username"], Text),
            field("author_followers", &["author_followers"], Count),
            field("text", &["body"], Text),
            field("in_reply_to", &["reply_to"], Text),
            field("url", &["tiktok_url"], Text),
            field("likes", &["likes"], Count),
            field("shares", &["shares"], Count),
            field("replies", &["comments"], Count),
        ],
        dataset: Some(ID.into()),
        series: None,
        unpivot: None,
        read_with: None,
    }
}
