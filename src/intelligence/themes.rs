//! Themes: the hashtags, terms and two-word phrases people used most in a period, and which
//! of them rose most against the previous period.
//!
//! Terms are lower-case words of two letters or more that are not numbers, not stopwords
//! (the Indonesian list of the sentiment pack plus a short English list here), not words
//! that carry no topic of their own (negators and intensifiers, kept out of the stopword
//! list because sentiment needs them) and not words of the names being listened for (the
//! caller's `excluded`: they are in nearly every mention and would crowd out the themes);
//! phrases are two such words next to each other with nothing between them. Stopwords are
//! removed here only, never before sentiment scoring. Each form is counted once per mention
//! (a mention repeating a word is one voice, not several). Ties are broken alphabetically,
//! so the lists are the same on every run.

use crate::sentiment::indonesian::{tokenize, IndonesianPack, TokenKind};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// English function words, left out of term counts like the Indonesian list.
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "no",
    "not", "of", "on", "or", "our", "out", "she", "so", "still", "that", "the", "their", "them",
    "there", "they", "this", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when",
    "which", "who", "will", "with", "you", "your",
];

/// Words that say how, not what: negators (standard and slang), intensifiers and a few
/// prepositions the stopword lists leave in.
const TOPICLESS: &[&str] = &[
    "tidak", "tak", "nggak", "ngga", "gak", "ga", "enggak", "engga", "bukan", "belum", "jangan",
    "sangat", "amat", "sekali", "banget", "bgt", "paling", "terlalu", "agak", "cukup", "lumayan",
    "lewat", "per", "via",
];

/// Counts of one period: form → number of mentions using it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeCounts {
    pub hashtags: BTreeMap<String, u64>,
    pub terms: BTreeMap<String, u64>,
    pub phrases: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub text: String,
    pub count: u64,
    /// Mentions using it in the previous period.
    pub previous: u64,
}

fn is_stopword(word: &str) -> bool {
    ENGLISH_STOPWORDS.contains(&word) || IndonesianPack::builtin().is_stopword(word)
}

fn is_term(word: &str, excluded: &BTreeSet<String>) -> bool {
    word.chars().count() >= 2
        && !excluded.contains(word)
        && !TOPICLESS.contains(&word)
        && word.chars().any(char::is_alphabetic)
        && !word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !is_stopword(word)
}

/// The hashtags, terms and phrases of one text, each once.
pub fn forms_of(
    text: &str,
    excluded: &BTreeSet<String>,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (mut hashtags, mut terms, mut phrases) = Default::default();
    collect_forms(text, excluded, &mut hashtags, &mut terms, &mut phrases);
    (hashtags, terms, phrases)
}

fn collect_forms(
    text: &str,
    excluded: &BTreeSet<String>,
    hashtags: &mut BTreeSet<String>,
    terms: &mut BTreeSet<String>,
    phrases: &mut BTreeSet<String>,
) {
    let mut previous_term: Option<String> = None;
    for token in tokenize(text) {
        let kept = match token.kind {
            TokenKind::Hashtag => {
                hashtags.insert(token.text.to_lowercase());
                None
            }
            TokenKind::Word => {
                let word = token.text.to_lowercase();
                is_term(&word, excluded).then_some(word)
            }
            _ => None,
        };
        if let Some(word) = &kept {
            terms.insert(word.clone());
            if let Some(before) = &previous_term {
                phrases.insert(format!("{before} {word}"));
            }
        }
        previous_term = kept;
    }
}

/// The lower-case words of names (`Amanah Zakat`, `@AmanahZakatID`), to leave out of terms.
pub fn words_of_names<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    names
        .into_iter()
        .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Counts over many texts: each form at most once per text.
pub fn count<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    excluded: &BTreeSet<String>,
) -> ThemeCounts {
    let mut counts = ThemeCounts::default();
    for text in texts {
        let (hashtags, terms, phrases) = forms_of(text, excluded);
        for (set, map) in [
            (hashtags, &mut counts.hashtags),
            (terms, &mut counts.terms),
            (phrases, &mut counts.phrases),
        ] {
            for form in set {
                *map.entry(form).or_default() += 1;
            }
        }
    }
    counts
}

/// The `n` most used forms: count descending, then alphabetical.
pub fn top(
    current: &BTreeMap<String, u64>,
    previous: &BTreeMap<String, u64>,
    n: usize,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = current
        .iter()
        .map(|(text, &count)| Ranked {
            text: text.clone(),
            count,
            previous: previous.get(text).copied().unwrap_or(0),
        })
        .collect();
    ranked.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    ranked.truncate(n);
    ranked
}

/// The `n` forms whose count rose most against the previous period (count change, largest
/// first, then the higher current count, then alphabetical); forms that did not rise are
/// left out.
pub fn risers(
    current: &BTreeMap<String, u64>,
    previous: &BTreeMap<String, u64>,
    n: usize,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = top(current, previous, usize::MAX)
        .into_iter()
        .filter(|r| r.count > r.previous)
        .collect();
    ranked.sort_by(|a, b| {
        (b.count - b.previous)
            .cmp(&(a.count - a.previous))
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.text.cmp(&b.text))
    });
    ranked.truncate(n);
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_numbers_and_single_letters_are_not_terms() {
        let (hashtags, terms, phrases) = forms_of(
            "Donasi yang di #AmanahZakat sudah 3 minggu, kok belum ada update? The a",
            &BTreeSet::new(),
        );
        assert_eq!(hashtags, BTreeSet::from(["#amanahzakat".to_string()]));
        assert!(terms.contains("donasi") && terms.contains("minggu") && terms.contains("update"));
        for gone in ["yang", "di", "3", "the", "a", "belum"] {
            assert!(!terms.contains(gone), "{gone} should be left out");
        }
        // "donasi yang di" has a stopword between, so no phrase spans it.
        assert!(!phrases.iter().any(|p| p.starts_with("donasi")));
    }

    #[test]
    fn phrases_are_adjacent_kept_words_only() {
        let (_, _, phrases) = forms_of("akun palsu minta transfer", &BTreeSet::new());
        let expected: BTreeSet<String> = ["akun palsu", "palsu minta", "minta transfer"]
            .map(String::from)
            .into();
        assert_eq!(phrases, expected);
    }

    #[test]
    fn each_form_counts_once_per_mention() {
        let counts = count(
            ["palsu palsu palsu", "akun palsu", "akun resmi"],
            &BTreeSet::new(),
        );
        assert_eq!(counts.terms.get("palsu"), Some(&2));
        assert_eq!(counts.terms.get("akun"), Some(&2));
        assert_eq!(counts.terms.get("resmi"), Some(&1));
    }

    #[test]
    fn the_names_listened_for_are_not_themes() {
        let excluded = words_of_names(["Amanah Zakat", "@AmanahZakatID"]);
        assert_eq!(
            excluded,
            BTreeSet::from(["amanah", "amanahzakatid", "zakat"].map(String::from))
        );
        let (hashtags, terms, phrases) = forms_of(
            "Amanah Zakat belum salurkan bantuan #AmanahZakat",
            &excluded,
        );
        assert_eq!(
            terms,
            BTreeSet::from(["salurkan", "bantuan"].map(String::from))
        );
        assert_eq!(phrases, BTreeSet::from(["salurkan bantuan".to_string()]));
        // Hashtags are kept whole: they are themes in their own right.
        assert_eq!(hashtags, BTreeSet::from(["#amanahzakat".to_string()]));
    }

    #[test]
    fn top_breaks_ties_alphabetically() {
        let current = BTreeMap::from([
            ("zakat".to_string(), 3),
            ("akun".to_string(), 3),
            ("palsu".to_string(), 5),
            ("resmi".to_string(), 1),
        ]);
        let previous = BTreeMap::from([("zakat".to_string(), 4)]);
        let texts: Vec<(String, u64, u64)> = top(&current, &previous, 3)
            .into_iter()
            .map(|r| (r.text, r.count, r.previous))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("palsu".to_string(), 5, 0),
                ("akun".to_string(), 3, 0),
                ("zakat".to_string(), 3, 4)
            ]
        );
    }

    #[test]
    fn risers_rank_by_count_change_and_leave_out_falls() {
        let current = BTreeMap::from([
            ("palsu".to_string(), 9),  // +9
            ("zakat".to_string(), 20), // +2
            ("akun".to_string(), 12),  // +9, higher count than palsu
            ("sumur".to_string(), 1),  // −4
        ]);
        let previous = BTreeMap::from([
            ("zakat".to_string(), 18),
            ("akun".to_string(), 3),
            ("sumur".to_string(), 5),
        ]);
        let order: Vec<String> = risers(&current, &previous, 5)
            .into_iter()
            .map(|r| r.text)
            .collect();
        assert_eq!(order, ["akun", "palsu", "zakat"]);
    }
}
