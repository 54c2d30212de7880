//! One adapter per export type, declared as data: the header signature that identifies
//! the export, and a mapping (source column → canonical column, how to parse it). Adding
//! a renamed column is adding one alias to a `sources` list. Each export type has its own
//! file in this folder; `builtin` lists them in detection order.

mod generic_mentions;
mod meta_content;
mod recognised;
mod x_tweet_activity;

pub use generic_mentions::generic_mentions;
pub use recognised::{Recognised, RECOGNISED};

use crate::schema::Table;

#[derive(Debug, Clone)]
pub struct Adapter {
    /// Stable id, written to the manifest (`x_tweet_activity`).
    pub id: String,
    /// What the user calls the export.
    pub name: String,
    /// Bumped when the mapping changes, so the manifest says which mapping read a file.
    pub version: u32,
    pub table: Table,
    /// Every one of these header cells must be present (case-insensitive).
    pub signature: Vec<String>,
    /// None of these may be present (tells Instagram from Facebook content exports).
    pub excludes: Vec<String>,
    pub platform: PlatformRule,
    pub account: AccountRule,
    pub fields: Vec<Field>,
    /// Dataset name for `mentions.source` (listening CSVs declared in a pipeline).
    pub dataset: Option<String>,
}

#[derive(Debug, Clone)]
pub enum PlatformRule {
    Fixed(&'static str),
    /// From a column of the file, falling back to a default.
    Column {
        source: String,
        default: String,
    },
}

#[derive(Debug, Clone)]
pub enum AccountRule {
    /// Not part of the table's key (mentions).
    None,
    Column(String),
    /// The path segment after the host of a permalink column (`twitter.com/<handle>/…`).
    PermalinkHandle(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Canonical column.
    pub target: &'static str,
    /// Header names that carry it, first found wins (aliases across export versions).
    pub sources: Vec<String>,
    pub parse: Parse,
}

#[derive(Debug, Clone)]
pub enum Parse {
    Text,
    /// Text with HTML entities undone (X tweet text).
    HtmlText,
    Count,
    Real,
    Bool,
    /// A time with its own offset, `chrono` format.
    InstantWithOffset(&'static str),
    /// A local time in the account's zone, `chrono` format.
    InstantLocal(&'static str),
    /// ISO 8601, with or without offset.
    InstantIso,
    /// Post types as the export names them → canonical post types.
    PostType(&'static [(&'static str, &'static str)]),
}

pub(super) fn field(target: &'static str, sources: &[&str], parse: Parse) -> Field {
    Field {
        target,
        sources: sources.iter().map(|s| s.to_string()).collect(),
        parse,
    }
}

pub(super) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The adapters that need no configuration, in detection order.
pub fn builtin() -> Vec<Adapter> {
    vec![
        x_tweet_activity::adapter(),
        meta_content::facebook_posts(),
        meta_content::instagram_posts(),
    ]
}
