//! Pseudonymisation: author identifiers replaced by salted hashes before they reach the
//! store, so the store, the metric table and the report never hold a person's handle.
//!
//! On with the global `--pseudonymise` flag or `[privacy] pseudonymise = true`. The salt
//! comes from the `TOLOK_SALT` environment variable, else from `[privacy] salt`; the
//! variable wins so that a pipeline file can be shared without its salt. Without a salt
//! pseudonymisation is refused: an unsalted hash of a public handle is undone by hashing
//! the handles one suspects. The same salt gives the same pseudonym for the same identifier
//! in every run, so authors can still be counted and followed across months.
//!
//! Identifiers are hashed as written (case and a leading `@` included), since platforms
//! differ in whether handles are case-sensitive. Post URLs name their author too
//! (`tiktok.com/@handle/video/…`, `x.com/handle/status/…`): that part of a URL is
//! replaced by the handle's pseudonym. Mention texts are not rewritten: a handle someone
//! writes in a post is content, not an author identifier.

use crate::normalise::Normalised;
use crate::schema::Table;
use polars::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The environment variable holding the salt.
pub const SALT_VARIABLE: &str = "TOLOK_SALT";

/// Hex digits kept of each hash: 64 bits, so that two authors of one store practically
/// never share a pseudonym, while tables stay readable.
const PSEUDONYM_HEX_DIGITS: usize = 16;

/// `[privacy]` of a pipeline file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrivacySettings {
    #[serde(default)]
    pub pseudonymise: bool,
    /// Used when `TOLOK_SALT` is not set.
    #[serde(default)]
    pub salt: Option<String>,
}

/// The columns holding a person's identifier, per table. Care logs carry no person column.
fn person_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::Mentions => &["author_id"],
        _ => &[],
    }
}

/// The columns holding URLs that may name a person, per table.
fn url_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::Mentions => &["url"],
        _ => &[],
    }
}

#[derive(Debug, Clone)]
pub struct Pseudonymiser {
    salt: String,
}

impl Pseudonymiser {
    /// Whether to pseudonymise, and with which salt: `flag` is `--pseudonymise`,
    /// `env_salt` the value of `TOLOK_SALT`.
    pub fn choose(
        flag: bool,
        settings: Option<&PrivacySettings>,
        env_salt: Option<String>,
    ) -> Result<Option<Pseudonymiser>, String> {
        let wanted = flag || settings.is_some_and(|s| s.pseudonymise);
        if !wanted {
            return Ok(None);
        }
        let salt = env_salt.filter(|s| !s.is_empty()).or_else(|| {
            settings
                .and_then(|s| s.salt.clone())
                .filter(|s| !s.is_empty())
        });
        match salt {
            Some(salt) => Ok(Some(Pseudonymiser { salt })),
            None => Err(format!(
                "pseudonymisation needs a salt: set the `{SALT_VARIABLE}` environment variable or `[privacy] salt` in the pipeline file (keep it secret and keep it the same across runs)"
            )),
        }
    }

    /// The pseudonym of one identifier: the first hex digits of SHA-256(salt, NUL, id).
    pub fn pseudonym(&self, id: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.salt.as_bytes());
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        hasher.update([0u8]);
        hasher.update(id.as_bytes());
        let digest = hasher.finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        hex[..PSEUDONYM_HEX_DIGITS].to_string()
    }

    /// Replaces the person columns of a normalised file's rows.
    pub fn apply(&self, normalised: &mut Normalised) -> PolarsResult<()> {
        for name in person_columns(normalised.table) {
            let Ok(column) = normalised.frame.column(name) else {
                continue;
            };
            let hashed: StringChunked = column
                .str()?
                .iter()
                .map(|id| id.map(|id| self.pseudonym(id)))
                .collect();
            normalised
                .frame
                .with_column(hashed.with_name((*name).into()).into_column())?;
        }
        for name in url_columns(normalised.table) {
            let Ok(column) = normalised.frame.column(name) else {
                continue;
            };
            let rewritten: StringChunked = column
                .str()?
                .iter()
                .map(|url| url.map(|url| self.url_without_handle(url)))
                .collect();
            normalised
                .frame
                .with_column(rewritten.with_name((*name).into()).into_column())?;
        }
        Ok(())
    }

    /// A URL whose author part (a path segment `@handle`, or the segment before `status`
    /// as X writes it) is replaced by the pseudonym of that handle.
    pub fn url_without_handle(&self, url: &str) -> String {
        let (head, path) = match url.find("://") {
            Some(i) => match url[i + 3..].find('/') {
                Some(j) => url.split_at(i + 3 + j),
                None => return url.to_string(),
            },
            None => return url.to_string(),
        };
        let segments: Vec<&str> = path.split('/').collect();
        let rewritten: Vec<String> = segments
            .iter()
            .enumerate()
            .map(|(i, segment)| {
                let tiktok_style = segment.len() > 1 && segment.starts_with('@');
                let x_style = i == 1 && !segment.is_empty() && segments.get(2) == Some(&"status");
                let names_author = tiktok_style || x_style;
                if names_author {
                    let handle = segment.trim_start_matches('@');
                    format!("@{}", self.pseudonym(handle))
                } else {
                    segment.to_string()
                }
            })
            .collect();
        format!("{head}{}", rewritten.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_salt(salt: &str) -> Pseudonymiser {
        Pseudonymiser {
            salt: salt.to_string(),
        }
    }

    #[test]
    fn pseudonyms_are_salted_short_and_stable() {
        let a = with_salt("garam");
        assert_eq!(a.pseudonym("@warga_bdg"), a.pseudonym("@warga_bdg"));
        assert_eq!(a.pseudonym("@warga_bdg").len(), 16);
        assert_ne!(a.pseudonym("@warga_bdg"), a.pseudonym("@Warga_bdg"));
        assert_ne!(
            a.pseudonym("@warga_bdg"),
            with_salt("lada").pseudonym("@warga_bdg")
        );
        // SHA-256 of "garam\0x", computed independently with `printf 'garam\0x' | sha256sum`.
        assert_eq!(a.pseudonym("x"), EXPECTED_GARAM_X);
    }

    const EXPECTED_GARAM_X: &str = "e15ffe9d3a0d519a";

    #[test]
    fn urls_lose_their_author_handle() {
        let p = with_salt("garam");
        let h = p.pseudonym("warga.sukamaju");
        assert_eq!(
            p.url_without_handle("https://www.tiktok.com/@warga.sukamaju/video/756"),
            format!("https://www.tiktok.com/@{h}/video/756")
        );
        let h = p.pseudonym("budi_s");
        assert_eq!(
            p.url_without_handle("https://x.com/budi_s/status/19"),
            format!("https://x.com/@{h}/status/19")
        );
        let plain = "https://t.me/infodesa/101";
        assert_eq!(p.url_without_handle(plain), plain);
        assert_eq!(p.url_without_handle("not a url"), "not a url");
    }

    #[test]
    fn the_variable_wins_and_no_salt_is_refused() {
        let file = PrivacySettings {
            pseudonymise: true,
            salt: Some("from-file".into()),
        };
        let chosen = Pseudonymiser::choose(false, Some(&file), Some("from-env".into()))
            .unwrap()
            .unwrap();
        assert_eq!(chosen.salt, "from-env");
        let chosen = Pseudonymiser::choose(false, Some(&file), None)
            .unwrap()
            .unwrap();
        assert_eq!(chosen.salt, "from-file");
        assert!(Pseudonymiser::choose(false, None, Some("s".into()))
            .unwrap()
            .is_none());
        let err = Pseudonymiser::choose(true, None, Some(String::new())).unwrap_err();
        assert!(err.contains("TOLOK_SALT"), "{err}");
    }
}
