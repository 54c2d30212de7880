//! Bytes to text. The rules, in order:
//!
//! 1. A byte-order mark decides: `EF BB BF` UTF-8, `FF FE` UTF-16 LE, `FE FF` UTF-16 BE
//!    (Meta's daily series are UTF-16 LE with BOM).
//! 2. Without a BOM, the NUL bytes of ASCII text in UTF-16 decide: in the first 1024
//!    bytes, at least half of the two-byte units are an ASCII character with a zero high
//!    byte (`s\0` in LE, `\0s` in BE), and four times as many as the opposite pattern.
//!    Exports never contain NUL bytes in UTF-8, and their headers, dates and numbers are
//!    ASCII, so this holds for every UTF-16 export even when the captions are not Latin.
//! 3. Valid UTF-8 is UTF-8.
//! 4. Otherwise the file is UTF-8 damaged by a few invalid bytes (kept as UTF-8, each
//!    invalid sequence replaced with U+FFFD) when it holds more valid multi-byte UTF-8
//!    characters than invalid sequences: a legacy Facebook Insights workbook has 663
//!    Vietnamese characters and one broken one. Windows-1252 text almost never forms a
//!    valid multi-byte UTF-8 sequence (`Ã©` would be one).
//! 5. Else it is Windows-1252 (a spreadsheet program's re-save in a Western or Indonesian
//!    locale: `é` is the single byte `E9`), unless it contains bytes that Windows-1252 text
//!    does not: control characters other than tab, line feed and carriage return, or the
//!    five bytes Windows-1252 leaves undefined (`81 8D 8F 90 9D`). Such a file is not
//!    text in any encoding tolok knows; it is read as UTF-8 with replacements, and
//!    `detect` says so.

/// The encoding found, for `detect` to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-16 without a byte-order mark, found by the NUL bytes of its ASCII characters.
    Utf16LeNoBom,
    Utf16BeNoBom,
    /// Not valid UTF-8, and decoded as Windows-1252 (rule 5 above).
    Windows1252,
    /// Not valid UTF-8; invalid bytes were replaced with U+FFFD (rule 4, or rule 5's
    /// exception).
    Utf8Lossy,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Utf16LeNoBom => "UTF-16 LE without BOM",
            Encoding::Utf16BeNoBom => "UTF-16 BE without BOM",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Utf8Lossy => "UTF-8 with invalid bytes replaced",
        }
    }
}

pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), Encoding::Utf16Be);
    }
    match utf16_without_bom(bytes) {
        Some(Endian::Little) => return (utf16(bytes, u16::from_le_bytes), Encoding::Utf16LeNoBom),
        Some(Endian::Big) => return (utf16(bytes, u16::from_be_bytes), Encoding::Utf16BeNoBom),
        None => {}
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), Encoding::Utf8);
    }
    let lossy = || {
        (
            String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf8Lossy,
        )
    };
    let (valid_multibyte, invalid) = bytes.utf8_chunks().fold((0, 0), |(v, i), chunk| {
        let multibyte = chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        (v + multibyte, i + usize::from(!chunk.invalid().is_empty()))
    });
    if valid_multibyte > invalid || !plausible_windows_1252(bytes) {
        return lossy();
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), Encoding::Windows1252)
}

enum Endian {
    Little,
    Big,
}

/// Rule 2: the byte order of BOM-less UTF-16, from the NUL bytes of ASCII characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    let sample = &bytes[..bytes.len().min(1024)];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut le, mut be) = (0, 0);
    for pair in sample.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, b) if b != 0 && b.is_ascii() => be += 1,
            (b, 0) if b != 0 && b.is_ascii() => le += 1,
            _ => {}
        }
    }
    if le * 2 >= units && le > 4 * be {
        Some(Endian::Little)
    } else if be * 2 >= units && be > 4 * le {
        Some(Endian::Big)
    } else {
        None
    }
}

/// Rule 5: no control characters but tab, LF and CR, and none of the five bytes
/// Windows-1252 leaves undefined.
fn plausible_windows_1252(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| {
        !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
            && (b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
            && b != 0x7F
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_bytes(text: &str, be: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn boms_and_plain_utf8() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFPost ID"),
            ("Post ID".into(), Encoding::Utf8Bom)
        );
        assert_eq!(decode(b"Tweet id"), ("Tweet id".into(), Encoding::Utf8));
        assert_eq!(
            decode(b"\xFF\xFEs\0e\0p\0"),
            ("sep".into(), Encoding::Utf16Le)
        );
        assert_eq!(
            decode(b"\xFE\xFF\0s\0e\0p"),
            ("sep".into(), Encoding::Utf16Be)
        );
        assert_eq!(decode("Zakat – ä".as_bytes()).1, Encoding::Utf8);
    }

    #[test]
    fn utf16_without_bom_by_its_nul_bytes() {
        // Captions in another script do not hide the ASCII header and numbers.
        let text = "sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n\"2025-01-01\",\"5\"\n\"Привет мир\",\"1\"\n";
        for (be, encoding) in [
            (false, Encoding::Utf16LeNoBom),
            (true, Encoding::Utf16BeNoBom),
        ] {
            assert_eq!(decode(&utf16_bytes(text, be)), (text.to_string(), encoding));
        }
        assert_eq!(
            decode(&utf16_bytes("Date\tPrimary", true)).1.name(),
            "UTF-16 BE without BOM"
        );
        // Mostly non-ASCII UTF-16 (CJK: `\0N`-like units both ways) is not guessed.
        let cjk = utf16_bytes("中文中文中文中文", false);
        assert_ne!(decode(&cjk).1, Encoding::Utf16LeNoBom);
        // One NUL in otherwise ASCII text is not UTF-16.
        assert_eq!(decode(b"a,b\n1,\x002\n").1, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // `é` = E9, `–` = 96, `€` = 80 in Windows-1252.
        assert_eq!(
            decode(b"Caf\xE9 \x96 \x80 5"),
            ("Café – € 5".into(), Encoding::Windows1252)
        );
        assert_eq!(Encoding::Windows1252.name(), "Windows-1252");
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        // The legacy Facebook workbook: valid Vietnamese and one broken sequence.
        let (text, encoding) = decode(b"Thi X\xC3\xA3 \xC3?\xC3\xB2ng H\xC3\xA0");
        assert_eq!(encoding, Encoding::Utf8Lossy);
        assert_eq!(text, "Thi Xã \u{FFFD}?òng Hà");
        // Bytes Windows-1252 leaves undefined, or control bytes: not text either way.
        assert_eq!(decode(b"a\x81b").1, Encoding::Utf8Lossy);
        assert_eq!(decode(b"a\xFF\x01b").1, Encoding::Utf8Lossy);
    }
}
