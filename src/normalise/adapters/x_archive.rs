//! X (Twitter) data archive: `data/tweets.js` (older archives `data/tweet.js`, big
//! accounts `tweets-part1.js`, …), flattened by `crate::ingest::js` into a table whose
//! header holds dotted paths (`tweet.id_str`, `tweet.full_text`, …).
//!
//! The archive is one account's own tweets, with only likes and retweets counted: no
//! impressions, replies, quotes or bookmarks (those stay null, and metrics that need them
//! say so). Its tweets do not name the account; set `account = "<handle>"` on the
//! `[[input]]` (else the rows are stored under `archive`). Its file names carry no date, so
//! the snapshot falls back to the latest tweet in the file; set `snapshot-at` on the input
//! to the day the archive was downloaded.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

/// X data archive tweets → `posts` (platform `x`).
pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "x_archive".into(),
        name: "X data archive tweets (tweets.js)".into(),
        version: 1,
        table: Table::Posts,
        signature: strings(&["tweet.id_str", "tweet.full_text", "tweet.created_at"]),
        // `deleted-tweets.js` holds the same fields plus the time each was deleted.
        excludes: strings(&["tweet.deleted_at"]),
        platform: PlatformRule::Fixed("x".into()),
        account: AccountRule::Fixed("archive".into()),
        fields: vec![
            field("post_id", &["tweet.id_str"], Text),
            field("text", &["tweet.full_text"], HtmlText),
            // Twitter's legacy format, `Wed Oct 10 20:19:24 +0000 2018`.
            field(
                "published_at",
                &["tweet.created_at"],
                InstantWithOffset("%a %b %d %H:%M:%S %z %Y"),
            ),
            // Counts are written as strings (`"5"`).
            field("likes", &["tweet.favorite_count"], Count),
            field("shares", &["tweet.retweet_count"], Count),
        ],
        dataset: None,
        series: None,
        unpivot: None,
        read_with: None,
    }
}
