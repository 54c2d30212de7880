//! Byte-level writing of CSV cells into a reused buffer: millions of rows a second leave no
//! room for a `String` per cell. Output is the same as the `csv` crate's minimal quoting.

use chrono::{Datelike, NaiveDate};

/// Appends `value` in decimal.
pub(crate) fn push_u64(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// Appends `value` in decimal with leading zeros to `width` digits.
pub(crate) fn push_u64_padded(out: &mut Vec<u8>, value: u64, width: usize) {
    let start = out.len();
    push_u64(out, value);
    let digits = out.len() - start;
    if digits < width {
        let padding = width - digits;
        out.splice(start..start, std::iter::repeat_n(b'0', padding));
    }
}

/// Appends `value` (below 100) as two digits.
pub(crate) fn push_two_digits(out: &mut Vec<u8>, value: u32) {
    debug_assert!(value < 100);
    out.push(b'0' + (value / 10) as u8);
    out.push(b'0' + (value % 10) as u8);
}

/// `2026-08-01`.
pub(crate) fn iso_date(date: NaiveDate) -> [u8; 10] {
    let mut out = Vec::with_capacity(10);
    let year = date.year() as u32;
    push_two_digits(&mut out, year / 100);
    push_two_digits(&mut out, year % 100);
    out.push(b'-');
    push_two_digits(&mut out, date.month());
    out.push(b'-');
    push_two_digits(&mut out, date.day());
    out.try_into().expect("years 1000-9999 have ten characters")
}

/// Appends `text` as one CSV field, quoted only when it holds a comma, quote or line break.
pub(crate) fn push_field(out: &mut Vec<u8>, text: &str) {
    let needs_quotes = text
        .bytes()
        .any(|byte| matches!(byte, b',' | b'"' | b'\n' | b'\r'));
    if !needs_quotes {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    out.push(b'"');
    for byte in text.bytes() {
        if byte == b'"' {
            out.push(b'"');
        }
        out.push(byte);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates() {
        let mut out = Vec::new();
        for value in [0, 7, 10, 18_446_744_073_709_551_615] {
            push_u64(&mut out, value);
            out.push(b' ');
        }
        assert_eq!(out, b"0 7 10 18446744073709551615 ");
        out.clear();
        push_u64_padded(&mut out, 42, 5);
        push_u64_padded(&mut out, 123_456, 3);
        assert_eq!(out, b"00042123456");
        let date = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(&iso_date(date), b"2026-03-09");
    }

    #[test]
    fn fields_are_quoted_like_the_csv_crate_does() {
        for text in ["plain text", "a, b", "say \"hi\"", "two\nlines", ""] {
            let mut ours = Vec::new();
            push_field(&mut ours, text);
            ours.push(b'\n');
            let mut theirs = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            theirs.write_record([text]).unwrap();
            let theirs = theirs.into_inner().unwrap();
            if text.is_empty() {
                // The csv crate quotes a lone empty field so the row is not blank; ours are
                // never alone in a row.
                assert_eq!(ours, b"\n");
            } else {
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }
}
