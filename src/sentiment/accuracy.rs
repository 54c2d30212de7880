//! What is known about each lexicon's accuracy, for the report's methodology: a lexicon
//! named in the `lexicon` column of the mentions is printed with the figures measured for
//! it here. A user's own lexicon (`[sentiment] lexicon`) has none: it was not measured.

use super::indonesian::BUILTIN_LEXICON_NAME;
use super::mentions::VADER_LEXICON;

/// Accuracy measured on labelled data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The labelled data, as the report names it in English.
    pub data: &'static str,
    /// The same in Indonesian.
    pub data_id: &'static str,
    /// Texts labelled as the gold label, of all texts (0–1).
    pub accuracy: f64,
    /// Mean F1 over negative, neutral and positive (0–1).
    pub macro_f1: f64,
}

/// One lexicon and what has been measured about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconFigures {
    /// As stored in `lexicon` (`tolok-id 1`, `vader-3.3.2`).
    pub lexicon: &'static str,
    /// `id` or `en`.
    pub lang: &'static str,
    /// Accuracy on labelled data, most inclusive first.
    pub measured: &'static [Measured],
    /// For VADER: the number of oracle sentences whose compound equals vaderSentiment
    /// 3.3.2's to 4 decimals (the parity test checks them all): tolok reproduces that
    /// scorer exactly, so its authors' published evaluations apply as well.
    pub parity_sentences: Option<usize>,
}

/// NusaX-senti Indonesian (train + validation, 600 texts), measured by `make
/// eval-sentiment`; `tests/integration/sentiment_id.rs` recomputes them when
/// ../shared/data/nusax is present and fails if they drift. Update them together with the
/// pack.
pub const NUSAX_TRAIN_VALID: Measured = Measured {
    data: "NusaX-senti Indonesian, train + validation (600 texts)",
    data_id: "NusaX-senti bahasa Indonesia, data latih + validasi (600 teks)",
    accuracy: 0.803,
    macro_f1: 0.779,
};

/// NusaX-senti Indonesian validation split alone (100 texts), which the pack was not tuned
/// on sentence by sentence; measured and checked as above.
pub const NUSAX_VALID: Measured = Measured {
    data: "NusaX-senti Indonesian, validation (100 texts)",
    data_id: "NusaX-senti bahasa Indonesia, data validasi (100 teks)",
    accuracy: 0.740,
    macro_f1: 0.691,
};

/// VADER on NusaX-senti's English translations of the same 600 texts, with the same labels;
/// measured and checked as above. Translated Indonesian, not native English social media.
pub const VADER_NUSAX_EN_TRAIN_VALID: Measured = Measured {
    data: "NusaX-senti English translations, train + validation (600 texts)",
    data_id: "terjemahan bahasa Inggris NusaX-senti, data latih + validasi (600 teks)",
    accuracy: 0.705,
    macro_f1: 0.676,
};

static INDONESIAN_MEASURED: [Measured; 2] = [NUSAX_TRAIN_VALID, NUSAX_VALID];

static VADER_MEASURED: [Measured; 1] = [VADER_NUSAX_EN_TRAIN_VALID];

/// Sentences in tests/fixtures/sentiment/vader_oracle.tsv (one per line).
pub const VADER_ORACLE_SENTENCES: usize = 5772;

/// Every lexicon tolok ships, with its figures.
pub fn builtin_lexicons() -> Vec<LexiconFigures> {
    vec![
        LexiconFigures {
            lexicon: BUILTIN_LEXICON_NAME,
            lang: "id",
            measured: &INDONESIAN_MEASURED,
            parity_sentences: None,
        },
        LexiconFigures {
            lexicon: VADER_LEXICON,
            lang: "en",
            measured: &VADER_MEASURED,
            parity_sentences: Some(VADER_ORACLE_SENTENCES),
        },
    ]
}

/// The figures for a lexicon as named in the `lexicon` column; `None` for a user's lexicon
/// or an export's own sentiment, about which tolok knows nothing.
pub fn figures_for(lexicon: &str) -> Option<LexiconFigures> {
    builtin_lexicons()
        .into_iter()
        .find(|figures| figures.lexicon == lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_lexicon_has_figures_and_a_user_file_has_none() {
        let indonesian = figures_for("tolok-id 1").expect("built-in pack");
        assert_eq!(indonesian.measured[0], NUSAX_TRAIN_VALID);
        assert!(figures_for("vader-3.3.2")
            .and_then(|f| f.parity_sentences)
            .is_some());
        assert_eq!(figures_for("my_lexicon.tsv"), None);
    }

    #[test]
    fn the_oracle_size_is_the_committed_file_s() {
        let oracle = include_str!("../../tests/fixtures/sentiment/vader_oracle.tsv");
        assert_eq!(oracle.lines().count(), VADER_ORACLE_SENTENCES);
    }
}
