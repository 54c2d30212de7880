//! Thin entry point: parse arguments, set up threads and logging, run, map the outcome to
//! an exit code. All work happens in the library (`tolok::run`).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tolok::cli::Cli::parse();
    if let Some(n) = cli.global.threads {
        // Before polars or rayon start their pools: both size themselves on first use.
        std::env::set_var("POLARS_MAX_THREADS", n.to_string());
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    tolok::observe::init_logging(&cli.global);
    let result = tolok::run::run(cli);
    match result {
        Ok(tolok::run::Outcome::Success) => ExitCode::SUCCESS,
        Ok(tolok::run::Outcome::InputsRejected) => ExitCode::from(3),
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(error.exit_code())
        }
    }
}
