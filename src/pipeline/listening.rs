//! `[listening]` (which mentions are about the organisation and which about each
//! competitor) and `[sentiment]` (the Indonesian lexicon mentions are scored with).
//!
//! A brand's query is a list of terms (any of them matches) or a table
//! `{ any = [...], all = [...], not = [...] }`. A term `#tag` matches that hashtag, `@handle`
//! that mention of an account, and any other term the words themselves, case-insensitively,
//! on word boundaries (`pelita` does not match `pelitadesa`). How a term becomes a pattern
//! is in `metrics/frames.rs`; what a pipeline may write is checked here.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Terms that mark a mention as about the organisation (`own`) or a competitor. A mention
/// matching several brands is recorded as the first: `own`, then the competitors in the
/// order the pipeline file lists them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Listening {
    #[serde(default)]
    pub own: Query,
    #[serde(default)]
    pub competitors: Competitors,
}

impl Listening {
    /// Whether any brand has a query (without one, a stored `matched` is kept).
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.competitors.0.iter().all(|(_, q)| q.is_empty())
    }

    /// Problems as (key under `listening`, message).
    pub fn check(&self) -> Vec<(String, String)> {
        let mut problems = self.own.check("own");
        for (name, query) in &self.competitors.0 {
            let key = format!("competitors.{name}");
            if name.trim().is_empty() {
                problems.push((key.clone(), "a competitor needs a name".into()));
            }
            if name == "own" {
                problems.push((
                    key.clone(),
                    "`own` names the organisation; give the competitor another name".into(),
                ));
            }
            if query.is_empty() {
                problems.push((key.clone(), "give at least one term".into()));
            }
            problems.extend(query.check(&key));
        }
        problems
    }
}

/// One brand's query. `any`: at least one of these terms (when given); `all`: every one of
/// them; `not`: none of them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(from = "QueryForm")]
pub struct Query {
    pub any: Vec<String>,
    pub all: Vec<String>,
    pub not: Vec<String>,
}

/// The two ways of writing a query.
#[derive(Deserialize)]
#[serde(untagged)]
enum QueryForm {
    Terms(Vec<String>),
    Rules(QueryRules),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryRules {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    not: Vec<String>,
}

impl From<QueryForm> for Query {
    fn from(form: QueryForm) -> Query {
        match form {
            QueryForm::Terms(any) => Query {
                any,
                ..Query::default()
            },
            QueryForm::Rules(QueryRules { any, all, not }) => Query { any, all, not },
        }
    }
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.any.is_empty() && self.all.is_empty() && self.not.is_empty()
    }

    fn check(&self, key: &str) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if !self.is_empty() && self.any.is_empty() && self.all.is_empty() {
            problems.push((
                key.to_string(),
                "`not` alone matches almost everything: add `any` or `all` terms".into(),
            ));
        }
        for (part, terms) in [("any", &self.any), ("all", &self.all), ("not", &self.not)] {
            for term in terms {
                if let Err(why) = check_term(term) {
                    problems.push((format!("{key}.{part}"), format!("`{term}`: {why}")));
                }
            }
        }
        problems
    }
}

/// A term must hold a word: an empty term, or a bare `#` or `@`, would match everything.
fn check_term(term: &str) -> Result<(), String> {
    let body = term.trim().strip_prefix(['#', '@']).unwrap_or(term.trim());
    if body.is_empty() {
        return Err("a term needs at least one letter or digit".into());
    }
    if (term.trim().starts_with('#') || term.trim().starts_with('@'))
        && body.chars().any(char::is_whitespace)
    {
        return Err("a hashtag or handle cannot contain spaces".into());
    }
    Ok(())
}

/// Competitors in the order the pipeline file lists them (that order decides which brand
/// a mention matching several is recorded as).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Competitors(pub Vec<(String, Query)>);

impl Competitors {
    /// The competitors' names, in the pipeline file's order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(name, _)| name)
    }

    /// (name, query) in the pipeline file's order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Query)> {
        self.0.iter().map(|(name, query)| (name, query))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for Competitors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Competitors, D::Error> {
        struct InFileOrder;
        impl<'de> Visitor<'de> for InFileOrder {
            type Value = Competitors;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of competitor name = terms or { any, all, not }")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Competitors, M::Error> {
                let mut brands: Vec<(String, Query)> = Vec::new();
                while let Some((name, query)) = map.next_entry::<String, Query>()? {
                    brands.push((name, query));
                }
                Ok(Competitors(brands))
            }
        }
        deserializer.deserialize_map(InFileOrder)
    }
}

/// `[sentiment]`: how mentions without an export's own sentiment are scored at ingest.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SentimentSettings {
    /// A user's Indonesian lexicon (`word<TAB>weight`, the InSet layout), relative to the
    /// pipeline file; it replaces the built-in Indonesian lexicon.
    #[serde(default)]
    pub lexicon: Option<String>,
}

impl SentimentSettings {
    /// The lexicon file resolved against the pipeline file's folder.
    pub fn lexicon_path(&self, pipeline_dir: &Path) -> Option<PathBuf> {
        self.lexicon
            .as_deref()
            .map(|p| super::normalise_path(&pipeline_dir.join(p)))
    }

    /// Problems as (key under `sentiment`, message): the file must exist and read as a
    /// lexicon, so a typo fails before any data is read.
    pub fn check(&self, pipeline_dir: &Path) -> Vec<(String, String)> {
        let Some(path) = self.lexicon_path(pipeline_dir) else {
            return Vec::new();
        };
        if !path.is_file() {
            return vec![(
                "lexicon".into(),
                format!("no lexicon file at `{}`", path.display()),
            )];
        }
        match crate::sentiment::mentions::MentionScorer::new(Some(&path)) {
            Ok(_) => Vec::new(),
            Err(why) => vec![("lexicon".into(), why)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listening(text: &str) -> Result<Listening, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn both_forms_read_and_competitors_keep_the_file_order() {
        let l = listening(
            r##"
            own = { any = ["pelita desa", "@pelitadesa"], not = ["lowongan"] }
            [competitors]
            "Zebra Peduli" = ["zebra peduli"]
            "Amal Bersama" = { all = ["amal", "bersama"] }
            "##,
        )
        .unwrap();
        assert_eq!(l.own.any, ["pelita desa", "@pelitadesa"]);
        assert_eq!(l.own.not, ["lowongan"]);
        let names: Vec<&str> = l.competitors.0.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Zebra Peduli", "Amal Bersama"]);
        assert_eq!(l.competitors.0[1].1.all, ["amal", "bersama"]);
        assert!(l.check().is_empty());
    }

    #[test]
    fn the_old_list_form_still_reads() {
        let l = listening(
            r#"own = ["a b"]
competitors = { "C" = ["c"] }"#,
        )
        .unwrap();
        assert_eq!(l.own.any, ["a b"]);
        assert_eq!(l.competitors.0[0].1.any, ["c"]);
    }

    #[test]
    fn empty_terms_and_lone_not_are_refused_with_their_key() {
        let l = listening(
            r##"
            own = { not = ["x"] }
            competitors = { "C" = ["#", " "], "D" = [] }
            "##,
        )
        .unwrap();
        let keys: Vec<String> = l.check().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "own",
                "competitors.C.any",
                "competitors.C.any",
                "competitors.D"
            ]
        );
        assert!(listening(r#"own = { some = ["x"] }"#).is_err());
    }
}
