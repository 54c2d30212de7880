//! The top-level error: each stage has its own error type, wrapped here. `exit_code` maps
//! them onto the exit codes documented in the README (0 ok, 1 runtime, 2 usage/pipeline,
//! 3 inputs rejected).

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Pipeline(#[from] crate::pipeline::PipelineError),
    #[error(transparent)]
    Ingest(#[from] crate::ingest::IngestError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Metrics(#[from] crate::metrics::MetricsError),
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    #[error(transparent)]
    Sample(#[from] crate::sample::SampleError),
    #[error("inputs rejected: {quarantined} rows quarantined, more than the {allowed} the pipeline allows (`max-quarantined`)")]
    TooManyRejected { quarantined: u64, allowed: u64 },
    #[error("could not write `{path}`")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not read `{path}`")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{} pipeline(s) failed (see the errors above): {}", .failed.len(), .failed.join(", "))]
    BatchFailed { failed: Vec<String> },
}

/// An error with its causes, `: `-separated, for one log line.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Pipeline(_)
            | Error::Usage(_)
            | Error::Sample(crate::sample::SampleError::InvalidOptions(_)) => 2,
            Error::TooManyRejected { .. } => 3,
            _ => 1,
        }
    }
}
