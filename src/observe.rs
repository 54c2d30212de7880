//! Logs and progress on stderr. Results go to stdout or files, never here.

use crate::cli::{GlobalArgs, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// Starts logging to stderr: `TOLOK_LOG` wins, then -q/-v; polars stays at warn.
pub fn init_logging(global: &GlobalArgs) {
    let level = if global.quiet {
        "error"
    } else {
        match global.verbose {
            0 => "info",
            1 => "debug",
            _ => "trace",
        }
    };
    let filter = EnvFilter::try_from_env("TOLOK_LOG")
        .unwrap_or_else(|_| EnvFilter::new(format!("{level},polars=warn")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// A progress bar over `len` items, hidden unless asked for (or stderr is a terminal).
pub fn bar(mode: Progress, quiet: bool, len: u64, what: &str) -> ProgressBar {
    let show = !quiet
        && match mode {
            Progress::Always => true,
            Progress::Never => false,
            Progress::Auto => std::io::stderr().is_terminal(),
        };
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {wide_msg}")
            .expect("progress template is valid")
            .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    bar
}
