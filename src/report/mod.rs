//! Stage 5: render the report from the metric table through minijinja templates.
//!
//! `context` holds everything a template may see; `render` loads the templates and the UI
//! strings of the report language and runs them; `format` is the locale formatting that the
//! templates reach through filters (templates never format a number by hand).

pub mod context;
pub mod format;
pub mod listening;
mod render;

pub use render::{render, Format};

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("template error in `{name}`")]
    Template {
        name: String,
        #[source]
        source: minijinja::Error,
    },
    #[error("unknown report language `{lang}`: expected `id` or `en`")]
    UnknownLanguage { lang: String },
    #[error("could not read the report's UI strings `{path}`")]
    ReadStrings {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid UI strings in `{path}`: every entry must be `key = \"text\"`")]
    ParseStrings {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("could not hand the report context to the templates (this is a bug in tolok, please report it)")]
    Context {
        #[source]
        source: serde_json::Error,
    },
}
