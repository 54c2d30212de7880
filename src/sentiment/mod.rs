//! Sentiment of a text, offline and explained: a rule-based scorer per language. English is
//! VADER 3.3.2 exactly (`vader.rs`, with its MIT lexicon); Indonesian is the project's own
//! language pack (`indonesian.rs`). `lang_id.rs` tells the two apart per text.

pub mod accuracy;
pub mod evaluate;
pub mod indonesian;
pub mod lang_id;
pub mod mentions;
pub mod vader;

use indonesian::IndonesianPack;
use lang_id::TextLang;
use rayon::prelude::*;
use std::path::Path;
use vader::Vader;

/// A score at or above this is positive (VADER's authors' threshold, used for both languages).
pub const POSITIVE_AT: f64 = 0.05;
/// A score at or below this is negative.
pub const NEGATIVE_AT: f64 = -0.05;

/// "positive", "negative" or "neutral" for a score in [-1, 1].
pub fn label(score: f64) -> &'static str {
    if score >= POSITIVE_AT {
        "positive"
    } else if score <= NEGATIVE_AT {
        "negative"
    } else {
        "neutral"
    }
}

/// Which scorer a text goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangChoice {
    /// Every text with the Indonesian pack.
    Indonesian,
    /// Every text with VADER.
    English,
    /// Per text, by [`lang_id::identify`]; texts in neither language go to VADER, whose
    /// lexicon also covers emoji and emoticons.
    Auto,
}

/// Scores texts with VADER or an Indonesian pack, as chosen.
pub struct Scorer {
    choice: LangChoice,
    /// A user's lexicon (`--lexicon`); the built-in pack otherwise.
    user_pack: Option<IndonesianPack>,
}

impl Scorer {
    /// `lexicon` (a `word<TAB>weight` file) replaces the Indonesian lexicon, so it is refused
    /// when no text can be Indonesian.
    pub fn new(choice: LangChoice, lexicon: Option<&Path>) -> Result<Scorer, String> {
        let user_pack = match lexicon {
            None => None,
            Some(_) if choice == LangChoice::English => {
                return Err(
                    "--lexicon replaces the Indonesian lexicon: use it with --lang id or auto"
                        .into(),
                )
            }
            Some(path) => Some(IndonesianPack::with_lexicon_file(path)?),
        };
        Ok(Scorer { choice, user_pack })
    }

    fn indonesian(&self) -> &IndonesianPack {
        self.user_pack
            .as_ref()
            .unwrap_or_else(|| IndonesianPack::builtin())
    }

    /// The language a text is scored as.
    pub fn language_of(&self, text: &str) -> TextLang {
        match self.choice {
            LangChoice::Indonesian => TextLang::Indonesian,
            LangChoice::English => TextLang::English,
            LangChoice::Auto => lang_id::identify(text),
        }
    }

    /// A score in [-1, 1]: VADER's compound for English (and other) texts, the pack's
    /// score for Indonesian ones.
    pub fn score(&self, text: &str) -> f64 {
        match self.language_of(text) {
            TextLang::Indonesian => self.indonesian().score(text),
            TextLang::English | TextLang::Other => Vader::builtin().polarity(text).compound,
        }
    }

    /// Scores in input order, computed in parallel; the same at any thread count because
    /// each score depends on its text alone.
    pub fn score_all(&self, texts: &[String]) -> Vec<f64> {
        texts.par_iter().map(|text| self.score(text)).collect()
    }

    /// The Indonesian lexicon in use, for methodology notes ("tolok-id 1" or the file name).
    pub fn indonesian_lexicon_name(&self) -> String {
        self.indonesian().lexicon_name()
    }
}

/// One output line of `tolok sentiment`: the score to 4 decimals and its label.
pub fn score_line(score: f64) -> String {
    // Adding 0.0 turns -0.0 into 0.0, so a neutral text never prints "-0.0000".
    format!("{:.4}\t{}", score + 0.0, label(score))
}

/// (text, gold label) pairs from a labelled CSV with `text` and `label` columns (NusaX's
/// `id,text,label` layout; other columns are ignored). Errors name the file and row.
pub fn read_labelled_csv(path: &Path) -> Result<Vec<(String, String)>, String> {
    let shown = path.display();
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{shown}: {e}"))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{shown}: header row: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|header| header.trim() == name)
            .ok_or_else(|| format!("{shown}: no `{name}` column (the header row is required)"))
    };
    let (text, label) = (column("text")?, column("label")?);
    let mut pairs = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // Row numbers count the header as row 1, as a spreadsheet shows them.
        let row = index + 2;
        let record = record.map_err(|e| format!("{shown} row {row}: {e}"))?;
        let field = |column: usize, name: &str| {
            record
                .get(column)
                .map(str::to_string)
                .ok_or_else(|| format!("{shown} row {row}, column `{name}`: missing"))
        };
        pairs.push((field(text, "text")?, field(label, "label")?));
    }
    Ok(pairs)
}
