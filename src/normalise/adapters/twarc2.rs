//! twarc2 collections written out by twarc-csv (`twarc2 csv in.jsonl out.csv`): one row per
//! tweet of an X API v2 search or stream, the header made of dotted JSON paths
//! (`public_metrics.like_count`, `author.username`). Versions of twarc-csv order the
//! columns differently, so everything is mapped by name.

use super::{field, strings, AccountRule, Adapter, Parse, PlatformRule};
use crate::schema::Table;

/// twarc-csv output → `mentions` (platform `x`, source `twarc2`).
///
/// Not mapped: `url` (the file has no tweet link, and `__twarc.url` is the API request);
/// `in_reply_to` only where the file has the `referenced_tweets.replied_to.id` column
/// (older twarc-csv versions wrote one `referenced_tweets` JSON cell instead).
pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: "twarc2".into(),
        name: "twarc2 CSV (X API v2 collection, twarc-csv)".into(),
        version: 1,
        table: Table::Mentions,
        // `conversation_id` and the `public_metrics.*` paths tell it from a generic CSV.
        signature: strings(&[
            "id",
            "conversation_id",
            "author_id",
            "created_at",
            "text",
            "public_metrics.like_count",
        ]),
        excludes: vec![],
        platform: PlatformRule::Fixed("x".into()),
        account: AccountRule::None,
        fields: vec![
            field("mention_id", &["id"], Text),
            field("thread_id", &["conversation_id"], Text),
            // The handle when the collection expanded authors, else the numeric user id.
            field("author_id", &["author.username", "author_id"], Text),
            field(
                "author_followers",
                &["author.public_metrics.followers_count"],
                Count,
            ),
            // `2019-09-06T20:38:01.000Z`.
            field("published_at", &["created_at"], InstantIso),
            // The API writes `&amp;`, `&lt;` and `&gt;` into tweet text.
            field("text", &["text"], HtmlText),
            field("lang", &["lang"], Text),
            // The tweet replied to (not `in_reply_to_user_id`, which is its author).
            field("in_reply_to", &["referenced_tweets.replied_to.id"], Text),
            field("likes", &["public_metrics.like_count"], Count),
            field("shares", &["public_metrics.retweet_count"], Count),
            field("replies", &["public_metrics.reply_count"], Count),
        ],
        dataset: Some("twarc2".into()),
        series: None,
        unpivot: None,
        read_with: None,
    }
}
