//! Facepager (strohne/Facepager) node exports ("Export data" → CSV): one row per node of
//! the query tree → `mentions` (source `facepager`).
//!
//! Verified against Facepager's export code (`src/dialogs/export.py` @15a14f14 and the older
//! `src/export.py` @19e1dd4a): Python `csv.writer` with `;` as the default separator,
//! every field quoted, CRLF line ends, a UTF-8 BOM ("Use a BOM", checked by default), line
//! breaks inside values replaced by spaces ("Remove line breaks", checked by default). The
//! header is `level;id;parent_id;object_id;object_type;object_key;query_status;query_time;
//! query_type` (`object_key` since 2019; older versions have no such column; exporting
//! "selected nodes" puts a `path` column first) followed by the user's columns, JSON paths
//! into each node's API response (`message`, `created_time`, `shares.count`). With line
//! breaks removed every value goes through Python's `str()`, so a missing value is written
//! `None`: read here as empty.
//!
//! `id` and `parent_id` are Facepager's own node numbers; `object_id` is the platform's id.
//! `object_type` says what a node is: `seed` (a node the user added to start queries from,
//! e.g. a Page), `data` (an item the API returned: a post, a comment), `offcut` (the rest
//! of a response once its items were split off: paging cursors, summaries), `unpacked`
//! (items extracted afterwards from a list inside another node). Only `data` nodes are
//! posts or comments; every other row is quarantined with its type as the reason, so that
//! rows read = stored + quarantined + duplicates.
//!
//! The node tree gives what the columns do not: a comment's `in_reply_to` is its parent
//! `data` node's object id, and its `thread_id` the object id of the topmost `data` node
//! above it (the post), or its own for a post.
//!
//! Which columns hold the text, time and author depends on the user's preset. The aliases
//! below cover Facepager's built-in presets (verified in `src/presets/`: Facebook
//! `from.name`, `message`, `likes.count`, `shares.count`, `created_time`; Twitter `text`,
//! `created_at`, `user.screen_name`, `favorite_count`, `retweet_count`) and the Graph,
//! YouTube Data v3 and Twitter v2 field names of the presets users share (`comment_count`,
//! `like_count`, `snippet.topLevelComment.snippet.textOriginal`, `public_metrics.*`; from
//! the APIs' documentation, not from a Facepager file). A pipeline maps other columns with
//! `[input.columns]` ([`with_columns`]).

use super::{field, strings, AccountRule, Adapter, Field, Parse, PlatformRule};
use crate::ingest::RawTable;
use crate::normalise::{FileContext, Normalised, QuarantinedRow};
use crate::schema::{Kind, Table};
use std::collections::{BTreeMap, HashMap};

/// Adapter id, and the `mentions.source` of its rows.
pub const ID: &str = "facepager";

/// Facepager's fixed columns that every version writes.
const FIXED: &[&str] = &[
    "level",
    "id",
    "parent_id",
    "object_id",
    "object_type",
    "query_status",
    "query_time",
    "query_type",
];

/// Headers of the columns [`read`] adds from the node tree.
const THREAD: &str = "thread (object id of the topmost data node)";
const REPLY_TO: &str = "in reply to (object id of the parent data node)";

/// Times the APIs write: Graph `2026-10-07T01:15:00+0000`, Twitter v1.1
/// `Wed Oct 07 01:15:00 +0000 2026`; ISO 8601 (YouTube, Twitter v2) is always read.
const TIME_FORMATS: &[&str] = &["%Y-%m-%dT%H:%M:%S%z", "%a %b %d %H:%M:%S %z %Y"];

/// Canonical columns the node tree fills, or the pipeline sets otherwise.
const NOT_MAPPABLE: &[&str] = &[
    "mention_id",
    "thread_id",
    "in_reply_to",
    "platform",
    "source",
    "source_file",
    "source_row",
];

/// A Facepager CSV → `mentions`. The platform is the input's `platform` (`facebook`,
/// `youtube`, `x`): the export does not name the API module.
pub fn adapter() -> Adapter {
    use Parse::*;
    Adapter {
        id: ID.into(),
        name: "Facepager CSV export".into(),
        version: 1,
        table: Table::Mentions,
        signature: strings(FIXED),
        excludes: vec![],
        platform: PlatformRule::Column {
            source: String::new(),
            default: "unknown".into(),
        },
        account: AccountRule::None,
        fields: vec![
            field("mention_id", &["object_id"], Text),
            field("thread_id", &[THREAD], Text),
            field("in_reply_to", &[REPLY_TO], Text),
            field(
                "published_at",
                &[
                    "created_time",
                    "created_at",
                    "snippet.publishedAt",
                    "snippet.topLevelComment.snippet.publishedAt",
                ],
                InstantUtc(TIME_FORMATS),
            ),
            field(
                "text",
                &[
                    "message",
                    "full_text",
                    "text",
                    "snippet.topLevelComment.snippet.textOriginal",
                    "snippet.textOriginal",
                    "snippet.title",
                ],
                Text,
            ),
            field(
                "author_id",
                &[
                    "from.name",
                    "user.screen_name",
                    "author.username",
                    "snippet.topLevelComment.snippet.authorDisplayName",
                    "snippet.authorDisplayName",
                    "snippet.channelTitle",
                    "from.id",
                    "author_id",
                ],
                Text,
            ),
            field(
                "author_followers",
                &[
                    "user.followers_count",
                    "author.public_metrics.followers_count",
                ],
                Count,
            ),
            field("url", &["permalink_url"], Text),
            field("lang", &["lang"], Text),
            field(
                "likes",
                &[
                    "like_count",
                    "reactions.summary.total_count",
                    "likes.summary.total_count",
                    "likes.count",
                    "favorite_count",
                    "public_metrics.like_count",
                    "snippet.topLevelComment.snippet.likeCount",
                    "snippet.likeCount",
                    "statistics.likeCount",
                ],
                Count,
            ),
            field(
                "shares",
                &[
                    "shares.count",
                    "retweet_count",
                    "public_metrics.retweet_count",
                ],
                Count,
            ),
            field(
                "replies",
                &[
                    "comment_count",
                    "comments.summary.total_count",
                    "public_metrics.reply_count",
                    "snippet.totalReplyCount",
                    "statistics.commentCount",
                ],
                Count,
            ),
        ],
        dataset: Some(ID.into()),
        series: None,
        unpivot: None,
        read_with: Some(read),
    }
}

/// The Facepager adapter with the pipeline's `[input.columns]` (canonical = column in the
/// file) in place of the aliases for those columns. The mapped columns join the signature,
/// so a misspelt column is named as missing instead of leaving its canonical column empty.
/// Every problem is returned, each as (key within the input, message).
pub fn with_columns(columns: &BTreeMap<String, String>) -> Result<Adapter, Vec<(String, String)>> {
    let mut adapter = adapter();
    let mut problems = Vec::new();
    for (target, source) in columns {
        let key = format!("columns.{target}");
        if NOT_MAPPABLE.contains(&target.as_str()) {
            problems.push((
                key,
                format!(
                    "`{target}` is not mapped for Facepager: ids and threads come from the node \
                     tree (`object_id`, `parent_id`), the platform from the input's `platform`"
                ),
            ));
            continue;
        }
        let Some(column) = Table::Mentions.column(target) else {
            problems.push((
                key,
                format!("`{target}` is not a column of the mentions table"),
            ));
            continue;
        };
        if source.trim().is_empty() {
            problems.push((key, "the column name is empty".into()));
            continue;
        }
        let parse = match column.kind {
            Kind::Instant => Parse::InstantUtc(TIME_FORMATS),
            Kind::Count => Parse::Count,
            Kind::Real => Parse::Real,
            Kind::Bool => Parse::Bool,
            _ => Parse::Text,
        };
        adapter.fields.retain(|f| f.target != column.name);
        adapter.fields.push(Field {
            target: column.name,
            sources: vec![source.clone()],
            parse,
        });
        adapter.signature.push(source.clone());
    }
    if problems.is_empty() {
        Ok(adapter)
    } else {
        Err(problems)
    }
}

/// Why a row that is not a `data` node is not a mention.
fn not_a_mention(object_type: &str) -> String {
    match object_type.to_ascii_lowercase().as_str() {
        "seed" => "Facepager seed row (the node the query started from), not a post".into(),
        "offcut" => "Facepager offcut row (what was left of a response after its items were split \
             off: paging, summaries), not a post"
            .into(),
        "unpacked" => {
            "Facepager unpacked row (items extracted from a list inside another node), not \
             read as a post: what it holds depends on what was extracted"
                .into()
        }
        "" => "Facepager row without an `object_type`, so it cannot be told to be a post".into(),
        other => format!("Facepager `{other}` row, not a post (only `data` rows are)"),
    }
}

/// Reads a Facepager export (the adapter's `read_with`): rows that are not `data` nodes
/// quarantined, `None` cells emptied, thread and reply-to columns added from the node tree,
/// then the declared mapping. See the module documentation.
fn read(adapter: &Adapter, raw: &mut RawTable, ctx: &FileContext) -> Normalised {
    let at = |name: &str| raw.column(name);
    let (Some(node), Some(parent), Some(object), Some(kind)) = (
        at("id"),
        at("parent_id"),
        at("object_id"),
        at("object_type"),
    ) else {
        // The signature guarantees these columns; without them there is no tree to read.
        return crate::normalise::normalise(adapter, raw, ctx);
    };
    let cell = |cells: &[String], i: usize| cells.get(i).map_or("", |c| c.trim()).to_string();

    for (_, cells) in &mut raw.rows {
        for c in cells.iter_mut() {
            if c.trim() == "None" {
                c.clear();
            }
        }
    }
    // Facepager's node number → (platform object id, node type, parent node number).
    let nodes: HashMap<String, (String, String, String)> = raw
        .rows
        .iter()
        .map(|(_, cells)| {
            (
                cell(cells, node),
                (cell(cells, object), cell(cells, kind), cell(cells, parent)),
            )
        })
        .collect();
    let is_data = |t: &str| t.eq_ignore_ascii_case("data");
    let data_parent = |parent_node: &str| {
        nodes
            .get(parent_node)
            .filter(|(_, t, _)| is_data(t))
            .map(|(object_id, _, grandparent)| (object_id.clone(), grandparent.clone()))
    };

    let mut not_mentions = Vec::new();
    let rows = std::mem::take(&mut raw.rows);
    for (line, mut cells) in rows {
        let node_type = cell(&cells, kind);
        if !is_data(&node_type) {
            not_mentions.push(QuarantinedRow {
                file: ctx.source_file.to_string(),
                line,
                column: raw.header[kind].clone(),
                value: node_type.clone(),
                reason: not_a_mention(&node_type),
            });
            continue;
        }
        let mut reply_to = String::new();
        let mut thread = cell(&cells, object);
        let mut above = cell(&cells, parent);
        // Up the tree while the parent is a data node; a cycle cannot be longer than the
        // file.
        for step in 0..nodes.len() {
            let Some((object_id, grandparent)) = data_parent(&above) else {
                break;
            };
            if step == 0 {
                reply_to = object_id.clone();
            }
            thread = object_id;
            above = grandparent;
        }
        cells.push(thread);
        cells.push(reply_to);
        raw.rows.push((line, cells));
    }
    raw.header.push(THREAD.into());
    raw.header.push(REPLY_TO.into());

    let mut normalised = crate::normalise::normalise(adapter, raw, ctx);
    normalised.rows_read += not_mentions.len() as u64;
    normalised.quarantine.extend(not_mentions);
    normalised.quarantine.sort_by_key(|q| q.line);
    normalised
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_columns_replace_the_aliases_and_join_the_signature() {
        let columns: BTreeMap<String, String> = [
            ("text", "snippet.title"),
            ("published_at", "snippet.publishedAt"),
            ("sentiment_label", "mood"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into_iter()
        .collect();
        let adapter = with_columns(&columns).unwrap();
        let text = adapter.fields.iter().find(|f| f.target == "text").unwrap();
        assert_eq!(text.sources, ["snippet.title"]);
        assert!(adapter.fields.iter().any(|f| f.target == "sentiment_label"));
        assert!(adapter.signature.ends_with(&strings(&[
            "snippet.publishedAt",
            "mood",
            "snippet.title"
        ])));
    }

    #[test]
    fn ids_threads_and_unknown_columns_cannot_be_mapped() {
        let columns: BTreeMap<String, String> =
            [("mention_id", "id"), ("reach", "x"), ("text", " ")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .into_iter()
                .collect();
        let problems = with_columns(&columns).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["columns.mention_id", "columns.reach", "columns.text"]
        );
        assert!(problems[0].1.contains("node tree"));
    }
}
