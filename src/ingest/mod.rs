//! Stage 1: find export files, decode them and split them into a header and rows, as
//! delivered, without cleaning. Which adapter reads a file is decided by `detect` from the
//! header (never from the file name).

pub mod archive;
pub mod decode;
pub mod detect;
pub mod discover;
pub mod js;
pub mod spreadsheetml;
pub mod table;
pub mod workbook;

use std::path::PathBuf;

pub use detect::{detect, Detection};
pub use discover::discover;
pub use table::RawTable;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("could not read `{path}`")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{pattern}` matches no file")]
    NoMatch { pattern: String },
    #[error("`{pattern}` is not a valid glob pattern: {message}")]
    BadGlob { pattern: String, message: String },
    #[error("`{path}`: {message}")]
    Unreadable { path: PathBuf, message: String },
}
