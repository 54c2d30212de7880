//! Bytes to text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Meta's daily series).

/// The encoding found, for `detect` to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8; invalid bytes were replaced with U+FFFD.
    Utf8Lossy,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
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
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Utf8Lossy,
        ),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(decode(b"a\xFFb").1, Encoding::Utf8Lossy);
    }
}
