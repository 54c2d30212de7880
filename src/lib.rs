//! tolok: social-media exports → Parquet store → objective metrics → evaluation report.
//!
//! The modules follow the data, in stage order. `run` is the only module that knows that
//! order; every other stage reads what the previous one wrote and can run alone.

pub mod cli;
pub mod error;
pub mod i18n;
pub mod observe;
pub mod pipeline;
pub mod privacy;
pub mod schema;
pub mod tabular;

pub mod ingest;
pub mod intelligence;
pub mod metrics;
pub mod normalise;
pub mod report;
pub mod sentiment;
pub mod store;

pub mod sample;

pub mod run;

pub use error::{Error, Result};
