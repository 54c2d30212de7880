//! Keeps report text from turning into spreadsheet formulas (CSV / formula injection).
//!
//! Table cells carry text we did not write: post captions, account and file names. A
//! spreadsheet program opening a CSV, or re-saving an XLSX as CSV and opening that, treats a
//! cell starting with `=`, `+`, `-` or `@` as a formula, and tab or carriage return can hide
//! such a start (OWASP, "CSV Injection"). `=HYPERLINK(...)` in a caption would then be a live
//! link, `=cmd|...` worse. Following OWASP, such text gets a leading apostrophe, which shows
//! it is text and which spreadsheets do not evaluate.
//!
//! Only text goes through here. A number cell holding `-1.5` is a number, not text, and the
//! writers never pass it to `neutralise_cell`.

use std::borrow::Cow;

/// Characters that make a spreadsheet read the rest of a cell as a formula, or that can hide
/// such a start (OWASP's list).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` with a leading `'` when a spreadsheet could evaluate it, otherwise unchanged.
///
/// The test looks at the first character that is not whitespace (Unicode `White_Space`,
/// which includes the no-break space): `" =1+1"` and `"\n=1+1"` are neutralised too. Some
/// programs trim leading blanks when importing, after which `" =1+1"` is `=1+1`; OWASP names
/// leading whitespace as a bypass. A text starting with a number-like `-5` is neutralised
/// as well: real numbers belong in number cells, and `-2+3` is a formula, not a number.
///
/// Only the ASCII characters are triggers: `−5` (U+2212 MINUS SIGN) or `＝` (full-width
/// equals) are plain text to spreadsheets and stay unchanged.
pub fn neutralise_cell(text: &str) -> Cow<'_, str> {
    let starts_like_formula = text
        .trim_start_matches(|c: char| c.is_whitespace() && !FORMULA_TRIGGERS.contains(&c))
        .starts_with(FORMULA_TRIGGERS);
    if starts_like_formula {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `url` may become a clickable link in a written file: an absolute `http://` or
/// `https://` address (scheme in any case) with something after the scheme and no
/// whitespace or control characters. Everything else (`javascript:`, `file:`, `mailto:`,
/// relative paths) is written as plain text, never as a link.
pub fn is_web_url(url: &str) -> bool {
    if !super::format::is_web_link(url) {
        return false;
    }
    // The scheme is ASCII (checked above), so the text after `://` starts right past it.
    let rest = &url[url.find("://").map_or(url.len(), |i| i + 3)..];
    !rest.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_trigger_character_gets_an_apostrophe() {
        assert_eq!(neutralise_cell("=1+1"), "'=1+1");
        assert_eq!(neutralise_cell("+62 812"), "'+62 812");
        assert_eq!(neutralise_cell("-2+3"), "'-2+3");
        assert_eq!(neutralise_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_cell("\t=1"), "'\t=1");
        assert_eq!(neutralise_cell("\r=1"), "'\r=1");
        assert_eq!(neutralise_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    }

    #[test]
    fn number_like_text_is_neutralised_too() {
        // Text, not a number cell: the writers keep real numbers out of this function.
        assert_eq!(neutralise_cell("-5"), "'-5");
        assert_eq!(neutralise_cell("-"), "'-");
    }

    #[test]
    fn leading_whitespace_does_not_hide_a_formula() {
        assert_eq!(neutralise_cell(" =1+1"), "' =1+1");
        assert_eq!(neutralise_cell("\n\n@x"), "'\n\n@x");
        // No-break space (U+00A0) and ideographic space (U+3000) are whitespace as well.
        assert_eq!(neutralise_cell("\u{a0}+1"), "'\u{a0}+1");
        assert_eq!(neutralise_cell("\u{3000}-1"), "'\u{3000}-1");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "   ",
            "Kartu skor",
            "a=b",
            "email@example.com",
            "'=already quoted",
            " leading space",
            "Ünïcödé — ok",
            "−5",
            "＝SUM(A1)",
            "—",
            "🎉 =party",
        ] {
            let out = neutralise_cell(text);
            assert!(matches!(out, Cow::Borrowed(_)), "{text:?} was changed");
            assert_eq!(out, text);
        }
    }

    #[test]
    fn unicode_after_a_trigger_is_kept_whole() {
        assert_eq!(neutralise_cell("-ñandú 🎉"), "'-ñandú 🎉");
    }

    #[test]
    fn only_absolute_http_addresses_are_links() {
        assert!(is_web_url("https://example.com/p?q=1#top"));
        assert!(is_web_url("http://example.com"));
        assert!(is_web_url("HTTPS://EXAMPLE.COM"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("mailto:a@b.c"));
        assert!(!is_web_url("ftp://example.com"));
        assert!(!is_web_url("//example.com"));
        assert!(!is_web_url(" https://example.com"));
        assert!(!is_web_url("https://exa mple.com"));
        assert!(!is_web_url("https://example.com\n=1"));
        assert!(!is_web_url("httpé"));
        assert!(!is_web_url(""));
    }
}
