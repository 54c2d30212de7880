//! Text to a raw table: delimiter, an optional `sep=` line, preamble lines above the header
//! (Meta's daily series put the metric name there), the header, and the data rows with
//! their line numbers in the file. No value is interpreted here.

/// A delimited file split into cells, as delivered.
#[derive(Debug, Clone)]
pub struct RawTable {
    pub delimiter: u8,
    /// Lines above the header that hold a single value (Meta: `"Facebook reach"`).
    pub preamble: Vec<String>,
    /// Header cells, trimmed. Duplicates get `_2`, `_3` (Meta writes `Views` twice).
    pub header: Vec<String>,
    /// Data rows with the 1-based line number where each starts.
    pub rows: Vec<(u64, Vec<String>)>,
    /// True when a spreadsheet program had re-saved each line as one quoted cell and the
    /// lines were unwrapped (see `unwrap_spreadsheet_damage`).
    pub unwrapped: bool,
}

impl RawTable {
    /// Index of a header cell, compared trimmed and case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    pub fn has(&self, name: &str) -> bool {
        self.column(name).is_some()
    }

    /// Reads header cells under other names (`renames`: name in the file = name the
    /// adapters know), for exports in another interface language. Cells compare trimmed
    /// and case-insensitively; the others stay as they are.
    pub fn rename_headers(&mut self, renames: &std::collections::BTreeMap<String, String>) {
        for cell in &mut self.header {
            if let Some((_, to)) = renames
                .iter()
                .find(|(from, _)| from.trim().eq_ignore_ascii_case(cell.trim()))
            {
                *cell = to.clone();
            }
        }
    }
}

/// Why a text is not a usable table.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    /// Not delimited text at all, or no header.
    NotATable(String),
}

/// Splits `text` into a table, or says why it is not one.
pub fn parse(text: &str) -> Result<RawTable, ParseError> {
    let (body, sep_line) = match text.lines().next() {
        Some(first) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            let d = first.trim().as_bytes().get(4).copied().unwrap_or(b',');
            (&text[first.len()..], Some(d))
        }
        _ => (text, None),
    };
    let repaired = unwrap_spreadsheet_damage(body, sep_line);
    let unwrapped = repaired.is_some();
    let body = repaired.as_deref().unwrap_or(body);
    let first_lines: String = body.lines().take(5).collect::<Vec<_>>().join("\n");
    let delimiter = sep_line.unwrap_or_else(|| sniff_delimiter(&first_lines));
    // `body` keeps the newline after a `sep=` line, so the reader's line numbers are the
    // file's line numbers.
    let records = read_records(body, delimiter).map_err(ParseError::NotATable)?;

    let mut preamble = Vec::new();
    let header_at = records
        .iter()
        .position(|(_, cells)| cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
        .ok_or_else(|| {
            ParseError::NotATable("no header row with two or more columns was found".into())
        })?;
    for (_, cells) in &records[..header_at] {
        let line: Vec<&str> = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if !line.is_empty() {
            preamble.push(line.join(" "));
        }
    }
    let header = dedup_header(&records[header_at].1);
    let rows = records
        .into_iter()
        .skip(header_at + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(RawTable {
        delimiter,
        preamble,
        header,
        rows,
        unwrapped,
    })
}

fn read_records(body: &str, delimiter: u8) -> Result<Vec<(u64, Vec<String>)>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers are counted from the record's byte offset: the reader's own line count
    // misses the `\r\n` breaks inside quoted cells of CRLF files.
    let (mut counted_to, mut line) = (0usize, 1u64);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(counted_to, |p| p.byte() as usize);
                // The reader may report the offset of the `\n` that ends the line before.
                let mut start = start.clamp(counted_to, body.len());
                while matches!(body.as_bytes().get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                line += body.as_bytes()[counted_to..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                counted_to = start;
                records.push((line, record.iter().map(str::to_string).collect()));
            }
            Err(e) => return Err(format!("not a readable delimited file: {e}")),
        }
    }
    Ok(records)
}

/// The delimiter that occurs most often outside quotes in the first lines.
fn sniff_delimiter(sample: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in sample.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, n)| if *n == 0 { b',' } else { *d })
}

/// Spreadsheet programs sometimes re-save a CSV export with each physical line of the
/// original wrapped in one quoted cell (`"Post ID,""Account ID"",…"`); the lines of a
/// multi-line caption are wrapped one by one, or left as they were when they hold no quote.
/// When the header line is such a cell holding delimiters, every line that is one whole
/// quoted cell is unquoted again, which gives back the original text line for line (so line
/// numbers stay true). Returns the repaired text, or `None` when the file was not damaged.
fn unwrap_spreadsheet_damage(body: &str, sep_line: Option<u8>) -> Option<String> {
    let header = body.lines().find(|l| !l.trim().is_empty())?;
    let header = unquote_whole_line(header.trim_end_matches('\r'))?;
    let delimiter = sep_line.unwrap_or_else(|| sniff_delimiter(&header));
    if header.bytes().filter(|b| *b == delimiter).count() < 2 {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    for piece in body.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\r', '\n']);
        match unquote_whole_line(line) {
            Some(inner) => out.push_str(&inner),
            None => out.push_str(line),
        }
        out.push_str(&piece[line.len()..]);
    }
    Some(out)
}

/// The content of a line that is exactly one quoted cell (`"a,""b"""` → `a,"b"`): it starts
/// and ends with a quote and every quote between them is doubled.
fn unquote_whole_line(line: &str) -> Option<String> {
    let inner = line.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' && chars.next() != Some('"') {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

pub(super) fn dedup_header(cells: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(cells.len());
    for cell in cells {
        let base = cell.trim().to_string();
        let mut name = base.clone();
        let mut n = 2;
        while out.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_crlf_breaks_inside_quoted_cells() {
        let t = parse("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n").unwrap();
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[1].0, 4);
    }

    #[test]
    fn quoted_multiline_cells_keep_their_line_numbers() {
        let t = parse("\"a\",\"b\"\n\"1\",\"x\ny\"\n\"2\",\"z\"\n").unwrap();
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.rows[0], (2, vec!["1".to_string(), "x\ny".to_string()]));
        assert_eq!(t.rows[1].0, 4);
    }

    #[test]
    fn sep_line_preamble_and_semicolons() {
        let t = parse(
            "sep=,\n\"Facebook reach\"\n\"Date\",\"Primary\"\n\"2025-01-01T01:00:00\",\"5\"\n\n",
        )
        .unwrap();
        assert_eq!(t.preamble, ["Facebook reach"]);
        assert_eq!(t.header, ["Date", "Primary"]);
        assert_eq!(
            t.rows,
            vec![(4, vec!["2025-01-01T01:00:00".to_string(), "5".to_string()])]
        );
        let t = parse("Facebook follows;\nDate;Primary\n2025-10-31T00:00:00;4\n").unwrap();
        assert_eq!(
            (t.delimiter, t.preamble.clone()),
            (b';', vec!["Facebook follows".to_string()])
        );
    }

    #[test]
    fn duplicate_headers_are_numbered_and_damage_is_unwrapped() {
        let t = parse("Views,Reach,Views\n1,2,3\n").unwrap();
        assert_eq!(t.header, ["Views", "Reach", "Views_2"]);
        let t = parse("\"Post ID,\"\"Page ID\"\",Reach\"\n\"1,2,3\"\n").unwrap();
        assert!(t.unwrapped);
        assert_eq!(t.header, ["Post ID", "Page ID", "Reach"]);
        assert_eq!(t.rows[0].1, ["1", "2", "3"]);
        // A caption's line breaks: its first and last lines were wrapped one by one, the
        // middle line (no quote in it) was left as it was.
        let t = parse(
            "\"Post ID,Text,Reach\"\n\"1,\"\"a, b\"\nmiddle, line\n\"end\"\",3\"\n\"2,x,4\"\n",
        )
        .unwrap();
        assert!(t.unwrapped);
        assert_eq!(
            t.rows[0],
            (
                2,
                vec!["1".into(), "a, b\nmiddle, line\nend".into(), "3".into()]
            )
        );
        assert_eq!(t.rows[1], (5, vec!["2".into(), "x".into(), "4".into()]));
        // A file whose header is not one quoted cell is left alone.
        assert!(
            !parse("\"Post ID\",\"Reach\"\n\"1\",\"2\"\n")
                .unwrap()
                .unwrapped
        );
    }
}
