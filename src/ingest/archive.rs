//! Zip archives read in place: a `.zip` that is not a workbook (YouTube Studio's advanced
//! export is a zip of three CSV files) is expanded in memory, and each member is read as if
//! it were a file named `<archive path>!/<member path>`. That name is what the ingest
//! summary, the manifest and the quarantine show; each member is hashed on its own bytes,
//! so ingesting the same archive again (or the same files unpacked) changes nothing.
//!
//! Nothing is written to disk, so no member path can escape anywhere; paths that would
//! (absolute, or with a `..` part: "zip slip") still refuse the whole archive, as do
//! archives that would unpack to absurd sizes (zip bombs). The limits are checked on the
//! archive's directory before anything is decompressed, and reading a member stops at the
//! size its directory entry declares, so the declared sizes bound what is unpacked:
//!
//! - more than [`Limits::members`] members;
//! - more than [`Limits::total_bytes`] uncompressed over all members;
//! - a member over [`Limits::ratio_floor`] bytes that unpacks to more than
//!   [`Limits::ratio`] times its compressed size.
//!
//! Skipped without a word, as when a folder is walked: directories, hidden members (a path
//! part starting with `.`), the `__MACOSX/` resource forks macOS adds, and notes (`.md`,
//! `.txt`, `.pdf`, `.docx`). A zip inside the archive is not unpacked (no recursion): it is
//! listed by its member path and refused with the reason, while the other members are read.

use super::workbook;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// Bounds on what one archive may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most members (files and folders) in one archive.
    pub members: usize,
    /// Largest uncompressed size of all members together.
    pub total_bytes: u64,
    /// Highest compression ratio (uncompressed : compressed) of one member …
    pub ratio: u64,
    /// … counted for members larger than this: a small file of repeated text honestly
    /// compresses that well, and cannot hurt.
    pub ratio_floor: u64,
}

/// The limits `tolok` applies. Real exports are a few megabytes; the most compressible
/// seen, a year of YouTube's `Chart data.csv` (one title repeated per day), deflates 34:1.
pub const LIMITS: Limits = Limits {
    members: 10_000,
    total_bytes: 512 * 1024 * 1024,
    ratio: 200,
    ratio_floor: 1024 * 1024,
};

/// Notes people keep beside their exports, skipped like `discover` skips them in folders.
const NOT_EXPORTS: &[&str] = &[".md", ".txt", ".pdf", ".docx"];

/// One input as tolok reads it: a file, or a member of an archive.
#[derive(Debug)]
pub struct Input {
    /// `<file>`, or `<archive>!/<member path>` for a member.
    pub path: PathBuf,
    /// The bytes, or why the file (or member, or whole archive) is refused.
    pub bytes: Result<Vec<u8>, String>,
}

/// Whether `bytes` are a zip archive to expand: a readable zip that is not a workbook (no
/// `[Content_Types].xml` as XLSX and XLSB have, no `mimetype` + `content.xml` as
/// OpenDocument has). Workbooks, and zips too damaged to list, go to `detect`, which
/// explains them.
pub fn is_archive(bytes: &[u8]) -> bool {
    // `format_name` calls every zip an XLSX: whether it is one is told by its directory.
    if workbook::format_name(bytes) != Some("XLSX") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let workbook = has("[Content_Types].xml") || (has("mimetype") && has("content.xml"));
    !workbook
}

/// The inputs one file holds: the file itself, or, for an archive, its members in name
/// order (or one refusal naming the archive when a limit is broken).
pub fn expand(path: &Path, bytes: Vec<u8>) -> Vec<Input> {
    if !is_archive(&bytes) {
        return vec![Input {
            path: path.to_path_buf(),
            bytes: Ok(bytes),
        }];
    }
    let archive_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match members(&bytes, &archive_name, &LIMITS) {
        Ok(members) => members
            .into_iter()
            .map(|m| Input {
                path: PathBuf::from(format!("{}!/{}", path.display(), m.name)),
                bytes: m.bytes,
            })
            .collect(),
        Err(why) => vec![Input {
            path: path.to_path_buf(),
            bytes: Err(format!("zip archive `{archive_name}` refused: {why}")),
        }],
    }
}

/// One member of an archive.
#[derive(Debug)]
pub struct Member {
    /// Its path inside the archive, `/`-separated.
    pub name: String,
    /// Its bytes, or why it is not read (a nested zip; a member that cannot be
    /// decompressed), naming the archive.
    pub bytes: Result<Vec<u8>, String>,
}

/// The members of the zip archive `archive` (its file name, for messages) worth reading,
/// in name order, within `limits`; the error says which limit the archive breaks.
pub fn members(bytes: &[u8], archive: &str, limits: &Limits) -> Result<Vec<Member>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("it cannot be read as a zip archive: {e}"))?;
    if zip.len() > limits.members {
        return Err(format!(
            "it holds {} members, more than the {} tolok reads from one archive",
            zip.len(),
            limits.members
        ));
    }
    // The directory first: every path, size and ratio, before anything is decompressed.
    let mut wanted: Vec<(String, usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| format!("its directory cannot be read: {e}"))?;
        let name = entry
            .name()
            .map_err(|e| format!("a member name cannot be read: {e}"))?
            .into_owned();
        if let Some(why) = unsafe_path(&name) {
            return Err(format!(
                "the member path `{name}` {why}; an archive holding it is not read (zip slip)"
            ));
        }
        if entry.enclosed_name().is_none() {
            return Err(format!(
                "the member path `{name}` is not a safe relative path (zip slip)"
            ));
        }
        let (size, compressed) = (entry.size(), entry.compressed_size());
        if size > limits.ratio_floor && size > compressed.saturating_mul(limits.ratio) {
            let ratio = size / compressed.max(1);
            return Err(format!(
                "the member `{name}` would unpack {} from {} ({ratio}:1, more than {}:1): a zip \
                 bomb or a damaged archive",
                bytes_text(size),
                bytes_text(compressed),
                limits.ratio
            ));
        }
        total = total.saturating_add(size);
        if total > limits.total_bytes {
            return Err(format!(
                "its members unpack to more than {} (the limit for one archive): a zip bomb or \
                 not an export; unpack it and give tolok the export files inside",
                bytes_text(limits.total_bytes)
            ));
        }
        if entry.is_file() && !skipped(&name) {
            wanted.push((name, i, size));
        }
    }
    wanted.sort();
    let mut out = Vec::with_capacity(wanted.len());
    for (name, i, size) in wanted {
        let bytes = match read_member(&mut zip, i, size) {
            Ok(b) if is_archive(&b) => Err(format!(
                "a zip archive inside the archive `{archive}`: tolok does not unpack archives \
                 within archives; unpack it and give tolok the files inside"
            )),
            Ok(b) => Ok(b),
            Err(why) => Err(format!("a member of `{archive}` {why}")),
        };
        out.push(Member { name, bytes });
    }
    Ok(out)
}

/// A member's bytes, at most the size its directory entry declares; the error completes
/// "a member of `<archive>` …".
fn read_member(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    size: u64,
) -> Result<Vec<u8>, String> {
    let mut file = zip
        .by_index(index)
        .map_err(|e| format!("that cannot be read: {e}"))?;
    if file.encrypted() {
        return Err("that is password-protected: unpack the archive yourself".into());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.by_ref()
        .take(size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("that cannot be decompressed: {e}"))?;
    if bytes.len() as u64 > size {
        return Err(format!(
            "that holds more than the {size} bytes its directory declares: a damaged or \
             forged archive"
        ));
    }
    Ok(bytes)
}

/// Why a member path could write outside the folder it would be unpacked into, if it could.
fn unsafe_path(name: &str) -> Option<&'static str> {
    let drive =
        name.len() >= 2 && name.as_bytes()[1] == b':' && name.as_bytes()[0].is_ascii_alphabetic();
    if name.starts_with('/') || name.starts_with('\\') || drive {
        Some("is absolute")
    } else if name.split(['/', '\\']).any(|part| part == "..") {
        Some("climbs out of the archive with `..`")
    } else if name.contains('\0') {
        Some("holds a NUL character")
    } else {
        None
    }
}

/// Members read as a folder walk would skip them: hidden, macOS resource forks, notes.
fn skipped(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower
        .split(['/', '\\'])
        .any(|part| part.starts_with('.') || part == "__macosx")
        || NOT_EXPORTS.iter().any(|ext| lower.ends_with(ext))
}

fn bytes_text(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    /// A zip of `(name, bytes)` members, deflated.
    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn names(members: &[Member]) -> Vec<&str> {
        members.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn members_are_read_in_name_order_and_hidden_files_and_notes_are_skipped() {
        let bytes = zip_of(&[
            ("Totals.csv", b"Date,Views\n2026-10-01,5\n"),
            ("Table data.csv", b"Content,Video title\n"),
            ("__MACOSX/._Totals.csv", b"\0\0"),
            (".DS_Store", b"\0"),
            ("notes/README.md", b"# notes"),
            ("Read me.TXT", b"notes"),
            ("sub/Chart data.csv", b"Date,Content\n"),
        ]);
        assert!(is_archive(&bytes));
        let members = members(&bytes, "t.zip", &LIMITS).unwrap();
        assert_eq!(
            names(&members),
            ["Table data.csv", "Totals.csv", "sub/Chart data.csv"]
        );
        assert_eq!(
            members[1].bytes.as_deref(),
            Ok(&b"Date,Views\n2026-10-01,5\n"[..])
        );
    }

    #[test]
    fn inputs_are_named_archive_bang_member() {
        let bytes = zip_of(&[("a/Totals.csv", b"Date,Views\n")]);
        let inputs = expand(Path::new("exports/yt.zip"), bytes);
        assert_eq!(inputs.len(), 1);
        assert_eq!(
            inputs[0].path,
            PathBuf::from("exports/yt.zip!/a/Totals.csv")
        );
        // Anything else is itself.
        let inputs = expand(Path::new("x.csv"), b"a,b\n".to_vec());
        assert_eq!(inputs[0].path, PathBuf::from("x.csv"));
        assert_eq!(inputs[0].bytes.as_deref(), Ok(&b"a,b\n"[..]));
    }

    #[test]
    fn paths_that_climb_out_or_are_absolute_refuse_the_archive() {
        for name in [
            "../evil.csv",
            "a/../../evil.csv",
            "/etc/evil.csv",
            "C:\\evil.csv",
        ] {
            let bytes = zip_of(&[("ok.csv", b"a,b\n"), (name, b"a,b\n")]);
            let why = members(&bytes, "t.zip", &LIMITS).unwrap_err();
            assert!(
                why.contains(name) && why.contains("zip slip"),
                "{name}: {why}"
            );
            let inputs = expand(Path::new("in/evil.zip"), bytes);
            assert_eq!(inputs.len(), 1, "{name}");
            assert_eq!(inputs[0].path, PathBuf::from("in/evil.zip"));
            let why = inputs[0].bytes.as_ref().unwrap_err();
            assert!(why.starts_with("zip archive `evil.zip` refused: "), "{why}");
        }
    }

    #[test]
    fn a_member_that_unpacks_hundreds_of_times_its_size_refuses_the_archive() {
        // 2 MiB of zeros deflate to about 2 KiB: about 1000:1.
        let zeros = vec![0u8; 2 * 1024 * 1024];
        let bytes = zip_of(&[("ok.csv", b"a,b\n"), ("bomb.csv", &zeros)]);
        let why = members(&bytes, "t.zip", &LIMITS).unwrap_err();
        assert!(
            why.contains("`bomb.csv` would unpack 2.0 MiB from") && why.contains("more than 200:1"),
            "{why}"
        );
        // Below the floor, the same ratio is a small file of repeated text.
        let small = vec![b'a'; 100_000];
        assert!(members(&zip_of(&[("small.csv", &small)]), "t.zip", &LIMITS).is_ok());
    }

    #[test]
    fn too_many_members_or_bytes_refuse_the_archive() {
        let bytes = zip_of(&[("a.csv", b"a,b\n1,2\n"), ("b.csv", b"a,b\n3,4\n")]);
        let few = Limits {
            members: 1,
            ..LIMITS
        };
        let why = members(&bytes, "t.zip", &few).unwrap_err();
        assert!(why.contains("holds 2 members, more than the 1"), "{why}");
        let small = Limits {
            total_bytes: 10,
            ..LIMITS
        };
        let why = members(&bytes, "t.zip", &small).unwrap_err();
        assert!(why.contains("unpack to more than 10 bytes"), "{why}");
        assert!(members(&bytes, "t.zip", &LIMITS).is_ok());
    }

    #[test]
    fn a_zip_inside_is_named_and_not_unpacked_while_the_rest_is_read() {
        let inner = zip_of(&[("Totals.csv", b"Date,Views\n")]);
        let bytes = zip_of(&[("inner.zip", &inner), ("Totals.csv", b"Date,Views\n")]);
        let inputs = expand(Path::new("outer.zip"), bytes);
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].path, PathBuf::from("outer.zip!/Totals.csv"));
        assert!(inputs[0].bytes.is_ok());
        assert_eq!(inputs[1].path, PathBuf::from("outer.zip!/inner.zip"));
        let why = inputs[1].bytes.as_ref().unwrap_err();
        assert!(
            why.contains("a zip archive inside the archive `outer.zip`")
                && why.contains("does not unpack archives within archives"),
            "{why}"
        );
    }

    #[test]
    fn workbooks_are_not_archives() {
        let xlsx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b""),
        ]);
        assert!(!is_archive(&xlsx));
        let ods = zip_of(&[("mimetype", b"application/vnd.oasis"), ("content.xml", b"")]);
        assert!(!is_archive(&ods));
        assert!(!is_archive(b"PK\x03\x04 damaged"));
        assert!(!is_archive(b"Date,Views\n"));
        // A workbook inside an archive is a member like any other.
        let bytes = zip_of(&[("book.xlsx", &xlsx)]);
        let members = members(&bytes, "t.zip", &LIMITS).unwrap();
        assert_eq!(members[0].bytes.as_deref(), Ok(&xlsx[..]));
    }
}
