//! Posts and account days at scale, written by the small sample's own generators.
//!
//! A month's Facebook or Instagram content export holds as many posts as asked for: the
//! sample's generator writes a month of 25–45 posts per call, so the file is filled batch by
//! batch, each batch being the same month generated from another seed (batch 0 from the
//! sample's seed itself). The first batch's bytes give the file name, the BOM and the header;
//! every batch's data rows are copied verbatim, so the file is byte for byte in the format
//! the sample writes. Post ids that an earlier batch already used are skipped (ids grow with
//! the publish minute and carry six random digits, so this is rare but possible).
//!
//! The daily series (reach, follows, visits per platform) are the sample's, one set a month:
//! they follow the first batch's posts, as they do in the small sample.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::super::rng::Rng;
use super::super::{facebook, instagram, meta_daily, Accounts, MonthContext, SampleError};
use super::super::{write_file, SampleFile, UTF8_BOM};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MetaPlatform {
    Facebook,
    Instagram,
}

impl MetaPlatform {
    fn content_export(self, context: &MonthContext, accounts: &Accounts) -> SampleFile {
        match self {
            MetaPlatform::Facebook => facebook::content_export(context, accounts),
            MetaPlatform::Instagram => instagram::content_export(context, accounts),
        }
    }
}

/// The month's content export for `platform` with `rows` posts, under `out_dir`.
pub(crate) fn write_posts_file(
    out_dir: &Path,
    platform: MetaPlatform,
    month: &MonthContext,
    accounts: &Accounts,
    rows: u64,
) -> Result<PathBuf, SampleError> {
    let first = platform.content_export(month, accounts);
    let path = out_dir.join(&first.relative);
    let write_error = |source| SampleError::Write {
        path: path.clone(),
        source,
    };
    let mut out = BufWriter::new(File::create(&path).map_err(write_error)?);
    let mut seen_ids = HashSet::new();
    let mut written = 0;
    let mut batch = 0u64;
    while written < rows {
        let export = if batch == 0 {
            None
        } else {
            let seed = Rng::stream(month.seed, "scale-post-batch", batch).next_u64();
            let context = MonthContext::new(month.month, month.index, seed, None);
            Some(platform.content_export(&context, accounts).bytes)
        };
        let export = export.as_deref().unwrap_or(&first.bytes);
        let wanted = rows - written;
        written +=
            copy_rows(export, batch == 0, wanted, &mut seen_ids, &mut out).map_err(write_error)?;
        batch += 1;
    }
    out.flush().map_err(write_error)?;
    Ok(path)
}

/// Appends up to `wanted` data rows of the export `export` to `out` (and its BOM and header
/// line first if `with_header`), skipping rows whose `Post ID` is in `seen_ids`. Returns the
/// number of rows appended.
fn copy_rows(
    export: &[u8],
    with_header: bool,
    wanted: u64,
    seen_ids: &mut HashSet<u64>,
    out: &mut impl Write,
) -> std::io::Result<u64> {
    let body = export
        .strip_prefix(UTF8_BOM)
        .expect("Meta exports start with a BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    // The sample wrote these bytes, so they parse; an error here is a bug.
    reader.byte_headers().expect("the sample's header parses");
    let header_end = reader.position().byte() as usize;
    if with_header {
        out.write_all(UTF8_BOM)?;
        out.write_all(&body[..header_end])?;
    }
    let mut record = csv::ByteRecord::new();
    let mut copied = 0;
    while copied < wanted {
        let start = reader.position().byte() as usize;
        if !reader
            .read_byte_record(&mut record)
            .expect("the sample's rows parse")
        {
            break;
        }
        let end = reader.position().byte() as usize;
        let id = std::str::from_utf8(&record[0])
            .ok()
            .and_then(|text| text.parse::<u64>().ok())
            .expect("post ids are numbers");
        if seen_ids.insert(id) {
            out.write_all(&body[start..end])?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// The month's six Meta daily series (Facebook and Instagram reach, follows, visits).
pub(crate) fn write_daily_files(
    out_dir: &Path,
    month: &MonthContext,
    accounts: &Accounts,
) -> Result<Vec<PathBuf>, SampleError> {
    meta_daily::daily_series(month, accounts)
        .into_iter()
        .map(|file| write_file(out_dir, &file))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::calendar::Month;
    use super::*;

    fn context() -> MonthContext {
        MonthContext::new(Month::new(2026, 9).unwrap(), 1, 77, None)
    }

    #[test]
    fn one_batch_is_the_sample_s_export_byte_for_byte() {
        let accounts = Accounts::new(77);
        let sample = facebook::content_export(&context(), &accounts).bytes;
        let rows = csv::Reader::from_reader(&sample[3..])
            .byte_records()
            .count() as u64;
        let mut out = Vec::new();
        let copied = copy_rows(&sample, true, rows, &mut HashSet::new(), &mut out).unwrap();
        assert_eq!(copied, rows);
        assert!(out == sample);
    }

    #[test]
    fn many_batches_fill_the_file_with_distinct_posts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("instagram")).unwrap();
        let accounts = Accounts::new(77);
        let path = write_posts_file(
            dir.path(),
            MetaPlatform::Instagram,
            &context(),
            &accounts,
            500,
        )
        .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(reader.headers().unwrap(), instagram::HEADER.as_slice());
        let ids: Vec<String> = reader
            .records()
            .map(|record| record.unwrap()[0].to_string())
            .collect();
        assert_eq!(ids.len(), 500);
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 500);
        // The file is named like the sample's export of that month.
        let sample = instagram::content_export(&context(), &accounts);
        assert_eq!(path, dir.path().join(sample.relative));
    }
}
