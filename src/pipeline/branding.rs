//! `[branding]`: how a report looks when it is handed on: who it is for, whose logo and
//! colours, what the footer says, and whether tolok names itself (`white-label`).
//! Also the report's outputs (`formats`) and the user's own commentary file, which belong
//! to the same question: what the delivered report contains.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Logos larger than this are refused: the logo is embedded in every HTML and PDF report.
const MAX_LOGO_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Branding {
    /// Whom the report is prepared for, shown on the cover (`Disiapkan untuk …`).
    #[serde(default)]
    pub client: Option<String>,
    /// Who prepared it (an agency), shown on the cover.
    #[serde(default)]
    pub prepared_by: Option<String>,
    /// An SVG, PNG or JPEG file, relative to the pipeline file.
    #[serde(default)]
    pub logo: Option<String>,
    /// Main colour (headings, rules), `#rrggbb`.
    #[serde(default)]
    pub primary: Option<String>,
    /// Second colour (highlights, table headers), `#rrggbb`.
    #[serde(default)]
    pub accent: Option<String>,
    /// A line printed at the bottom of every page (confidentiality, contact).
    #[serde(default)]
    pub footer: Option<String>,
    /// When true the report does not name tolok (cover, footer, provenance); `run.json`
    /// still records the tool and its version.
    #[serde(default)]
    pub white_label: bool,
}

/// The branding with its logo read and its colours checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedBranding {
    pub client: Option<String>,
    pub prepared_by: Option<String>,
    pub logo: Option<Logo>,
    pub primary: String,
    pub accent: String,
    pub footer: Option<String>,
    pub white_label: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub path: PathBuf,
    /// `image/svg+xml`, `image/png` or `image/jpeg`.
    pub media_type: &'static str,
    /// `svg`, `png` or `jpg`: the extension the PDF route names the file with.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// tolok's own colours when a pipeline sets none: a deep green and the Okabe–Ito blue.
pub const DEFAULT_PRIMARY: &str = "#0b5d3b";
pub const DEFAULT_ACCENT: &str = "#0072b2";

impl Branding {
    /// Checks every key; returns `(key, message)` for each problem.
    pub fn resolve(&self, dir: &Path) -> Result<ResolvedBranding, Vec<(String, String)>> {
        let mut problems = Vec::new();
        let mut colour = |key: &str, value: &Option<String>, default: &str| match value {
            None => default.to_string(),
            Some(text) if is_hex_colour(text) => text.to_ascii_lowercase(),
            Some(text) => {
                problems.push((
                    key.to_string(),
                    format!(
                        "`{text}` is not a colour written as `#rrggbb` (for example `#0b5d3b`)"
                    ),
                ));
                default.to_string()
            }
        };
        let primary = colour("primary", &self.primary, DEFAULT_PRIMARY);
        let accent = colour("accent", &self.accent, DEFAULT_ACCENT);
        let logo = match &self.logo {
            None => None,
            Some(relative) => match read_logo(&dir.join(relative)) {
                Ok(logo) => Some(logo),
                Err(message) => {
                    problems.push(("logo".into(), message));
                    None
                }
            },
        };
        for (key, text) in [
            ("client", &self.client),
            ("prepared-by", &self.prepared_by),
            ("footer", &self.footer),
        ] {
            if text
                .as_deref()
                .is_some_and(|t| t.chars().any(char::is_control))
            {
                problems.push((
                    key.into(),
                    "must be one line without control characters".into(),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ResolvedBranding {
            client: self.client.clone(),
            prepared_by: self.prepared_by.clone(),
            logo,
            primary,
            accent,
            footer: self.footer.clone(),
            white_label: self.white_label,
        })
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn read_logo(path: &Path) -> Result<Logo, String> {
    let shown = path.display();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (media_type, extension) = match extension.as_str() {
        "svg" => ("image/svg+xml", "svg"),
        "png" => ("image/png", "png"),
        "jpg" | "jpeg" => ("image/jpeg", "jpg"),
        _ => {
            return Err(format!(
                "`{shown}`: a logo must be an .svg, .png or .jpg file"
            ))
        }
    };
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?
        .len();
    if size > MAX_LOGO_BYTES {
        return Err(format!(
            "`{shown}` is {size} bytes; a logo may be at most {MAX_LOGO_BYTES} bytes"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let looks_right = match extension {
        "svg" => std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")),
        "png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        _ => bytes.starts_with(&[0xff, 0xd8, 0xff]),
    };
    if !looks_right {
        return Err(format!(
            "`{shown}` does not hold a {} image",
            extension.to_ascii_uppercase()
        ));
    }
    Ok(Logo {
        path: path.to_path_buf(),
        media_type,
        extension,
        bytes,
    })
}

/// The report's output files (`formats` in the pipeline). Markdown and HTML are always
/// written, as the record of the run; the others can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Md,
    Html,
    Pdf,
    Xlsx,
    Csv,
}

pub fn default_formats() -> Vec<OutputFormat> {
    use OutputFormat::*;
    vec![Md, Html, Pdf, Xlsx, Csv]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_logos_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("logo.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        )
        .unwrap();
        std::fs::write(dir.path().join("fake.png"), "not a png").unwrap();
        let ok = Branding {
            logo: Some("logo.svg".into()),
            primary: Some("#AABBCC".into()),
            ..Branding::default()
        }
        .resolve(dir.path())
        .unwrap();
        assert_eq!(ok.primary, "#aabbcc");
        assert_eq!(ok.accent, DEFAULT_ACCENT);
        assert_eq!(ok.logo.unwrap().media_type, "image/svg+xml");

        let problems = Branding {
            logo: Some("fake.png".into()),
            accent: Some("blue".into()),
            footer: Some("two\nlines".into()),
            ..Branding::default()
        }
        .resolve(dir.path())
        .unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["accent", "logo", "footer"]);
        assert!(
            problems[1].1.contains("does not hold a PNG image"),
            "{problems:?}"
        );
    }
}
