//! Plain-text tables for the terminal (ingest summaries, `tolok metrics`), and CSV output.

/// Left-aligns text columns and right-aligns columns whose cells all look numeric.
pub fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([headers[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = (0..headers.len())
        .map(|i| {
            !rows.is_empty()
                && rows.iter().all(|r| {
                    r.get(i)
                        .is_none_or(|c| c.is_empty() || c == "-" || c.parse::<f64>().is_ok())
                })
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(c.chars().count());
                if numeric[i] {
                    format!("{}{c}", " ".repeat(pad))
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = line(headers.to_vec());
    out.push('\n');
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

/// CSV with a header row; cells starting with `=`, `+`, `-`, `@` or a tab are prefixed with
/// `'` so spreadsheet programs do not run them as formulas (numbers are left alone).
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(headers).expect("in-memory write");
    for r in rows {
        let safe: Vec<String> = r.iter().map(|c| neutralise_formula(c)).collect();
        writer.write_record(&safe).expect("in-memory write");
    }
    String::from_utf8(writer.into_inner().expect("in-memory write")).expect("CSV of UTF-8 is UTF-8")
}

pub fn neutralise_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_neutralises() {
        let t = render(
            &["file", "rows"],
            &[
                vec!["a.csv".into(), "12".into()],
                vec!["bb.csv".into(), "3".into()],
            ],
        );
        assert_eq!(
            t,
            "file    rows\n------  ----\na.csv     12\nbb.csv     3\n"
        );
        assert_eq!(neutralise_formula("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(neutralise_formula("-1.5"), "-1.5");
        assert_eq!(csv(&["a"], &[vec!["@x".into()]]), "a\n'@x\n");
    }
}
