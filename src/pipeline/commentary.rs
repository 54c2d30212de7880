//! The analyst's own commentary, merged into the report at render time: a Markdown file
//! named by the pipeline's `commentary` key, cut into sections by `## <section>` lines.
//!
//! ```markdown
//! ## summary
//! October's drop in reach follows the end of the Ramadan campaign.
//!
//! ## fundraising
//! The bank transfer page was down on 12 and 13 October.
//! ```
//!
//! A section is a report section (`SECTIONS`) or a chosen objective's id. Text before the
//! first heading, an unknown section or one given twice is an error naming the line, so a
//! typo never drops a paragraph silently. The text is kept as paragraphs of plain text (lines
//! joined, blank lines separate paragraphs; lines starting with `- ` are list items): every
//! output escapes it as user text, so commentary can never become markup.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Report sections that take commentary, in report order.
pub const SECTIONS: &[&str] = &[
    "summary",
    "objectives",
    "amec",
    "platforms",
    "content",
    "audience",
    "listening",
    "actions",
    "methodology",
];

/// Paragraphs per section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Commentary {
    pub sections: BTreeMap<String, Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

impl Commentary {
    /// Reads and parses the file; problems are `(line, message)`.
    pub fn load(path: &Path, objectives: &[String]) -> Result<Commentary, Vec<(usize, String)>> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![(0, format!("cannot read `{}`: {e}", path.display()))])?;
        Commentary::parse(&text, objectives)
    }

    pub fn parse(text: &str, objectives: &[String]) -> Result<Commentary, Vec<(usize, String)>> {
        let mut problems = Vec::new();
        let mut sections: BTreeMap<String, Vec<Block>> = BTreeMap::new();
        let mut current: Option<String> = None;
        let mut lines: Vec<&str> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        fn flush(
            sections: &mut BTreeMap<String, Vec<Block>>,
            section: &Option<String>,
            lines: &mut Vec<&str>,
        ) {
            if let Some(name) = section {
                sections.insert(name.clone(), blocks(lines));
            }
            lines.clear();
        }
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            if let Some(heading) = line.strip_prefix("## ") {
                flush(&mut sections, &current, &mut lines);
                let name = heading.trim().to_string();
                let known = SECTIONS.contains(&name.as_str()) || objectives.contains(&name);
                if !known {
                    problems.push((
                        number,
                        format!(
                            "unknown section `{name}`: use one of {} or a chosen objective ({})",
                            SECTIONS.join(", "),
                            objectives.join(", ")
                        ),
                    ));
                    current = None;
                } else if seen.contains(&name) {
                    problems.push((number, format!("section `{name}` is given twice")));
                    current = None;
                } else {
                    seen.push(name.clone());
                    current = Some(name);
                }
            } else if current.is_some() {
                lines.push(line);
            } else if !line.trim().is_empty() && problems.is_empty() {
                problems.push((
                    number,
                    "text before the first `## <section>` heading belongs to no section".into(),
                ));
            }
        }
        flush(&mut sections, &current, &mut lines);
        if problems.is_empty() {
            sections.retain(|_, blocks| !blocks.is_empty());
            Ok(Commentary { sections })
        } else {
            Err(problems)
        }
    }
}

/// Blank lines separate blocks; `- ` lines are list items; other lines are joined with a
/// space into one paragraph.
fn blocks(lines: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let finish = |paragraph: &mut Vec<&str>, list: &mut Vec<String>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in lines.iter().map(|l| l.trim()) {
        if line.is_empty() {
            finish(&mut paragraph, &mut list, &mut out);
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                finish(&mut paragraph, &mut list, &mut out);
            }
            list.push(item.trim().to_string());
        } else if !list.is_empty() {
            // A continuation line of the last list item.
            let last = list.last_mut().expect("not empty");
            last.push(' ');
            last.push_str(line);
        } else {
            paragraph.push(line);
        }
    }
    finish(&mut paragraph, &mut list, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_paragraphs_and_lists() {
        let text = "## summary\nReach fell\nafter Ramadan.\n\n- one\n- two\n  continued\n\n## fundraising\n<script>x</script>\n";
        let c = Commentary::parse(text, &["fundraising".into()]).unwrap();
        assert_eq!(
            c.sections["summary"],
            vec![
                Block::Paragraph("Reach fell after Ramadan.".into()),
                Block::List(vec!["one".into(), "two continued".into()]),
            ]
        );
        assert_eq!(
            c.sections["fundraising"],
            vec![Block::Paragraph("<script>x</script>".into())]
        );
    }

    #[test]
    fn unknown_repeated_and_orphan_text_are_errors_with_lines() {
        let text = "hello\n## summary\na\n## sumary\nb\n## summary\nc\n";
        let problems = Commentary::parse(text, &[]).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [1, 4, 6]);
        assert!(problems[1].1.contains("unknown section `sumary`"));
        assert!(problems[2].1.contains("given twice"));
    }
}
