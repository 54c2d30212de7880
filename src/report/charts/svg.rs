//! Turns plotters' SVG document into the chart we hand out: the root element gains
//! `role="img"`, `aria-labelledby`, a default font, and a `<title>` and `<desc>` whose ids
//! carry the chart id (so several charts can share one HTML page).
//!
//! plotters writes a bare root element and escapes the text it draws; it has no notion of
//! accessible names, so this part is done on its output string.

use super::ChartError;

/// XML-escapes `text` for element content and attribute values alike.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Chart ids become XML ids and prefixes of them: an ASCII letter first, then letters,
/// digits, `-` or `_`. They come from the report code, not from users, so a bad one is a
/// bug and is refused rather than rewritten.
pub(super) fn check_id(id: &str) -> Result<(), ChartError> {
    let mut chars = id.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if starts_well && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(())
    } else {
        Err(ChartError::InvalidId { id: id.to_string() })
    }
}

/// The finished chart document from plotters' output of a `width`×`height` drawing.
pub(super) fn finish(
    drawn: &str,
    id: &str,
    size: (u32, u32),
    title: &str,
    alt: &str,
) -> Result<String, ChartError> {
    let (width, height) = size;
    let plotters_root = format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    let body = drawn
        .strip_prefix(&plotters_root)
        .filter(|body| body.ends_with("</svg>\n"))
        .ok_or_else(|| ChartError::UnexpectedSvg {
            chart: id.to_string(),
        })?;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"sans-serif\">\n\
         <title id=\"{id}-title\">{title}</title>\n\
         <desc id=\"{id}-desc\">{alt}</desc>\n\
         {body}",
        title = escape(title),
        alt = escape(alt),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five_xml_characters() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;"
        );
        assert_eq!(escape("Kopi Kenangan"), "Kopi Kenangan");
    }

    #[test]
    fn ids_must_be_xml_names() {
        assert!(check_id("daily-reach").is_ok());
        assert!(check_id("a_1").is_ok());
        assert!(check_id("").is_err());
        assert!(check_id("1st").is_err());
        assert!(check_id("a b").is_err());
        assert!(check_id("a\"b").is_err());
    }

    #[test]
    fn finish_adds_accessible_name_and_description() {
        let drawn = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" \
                     xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let svg = finish(drawn, "c1", (10, 5), "A & B", "Highest: <x>").unwrap();
        assert_eq!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"5\" \
             viewBox=\"0 0 10 5\" role=\"img\" aria-labelledby=\"c1-title c1-desc\" \
             font-family=\"sans-serif\">\n<title id=\"c1-title\">A &amp; B</title>\n\
             <desc id=\"c1-desc\">Highest: &lt;x&gt;</desc>\n<rect/>\n</svg>\n"
        );
    }

    #[test]
    fn finish_refuses_output_it_does_not_recognise() {
        assert!(finish("<svg>", "c1", (10, 5), "t", "a").is_err());
        let unclosed = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" \
                        xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n";
        assert!(finish(unclosed, "c1", (10, 5), "t", "a").is_err());
    }
}
