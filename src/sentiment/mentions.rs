//! Language and sentiment of the mentions a file brings, filled in at ingest so that the
//! store holds what every metric and report reads. Columnar: the text column is scored in
//! parallel and the four columns are written back whole.
//!
//! What an export says wins: a `lang` it carries is kept, and a row whose export filled
//! `sentiment_label` or `sentiment_score` (a mapped Brandwatch or Meltwater column) keeps
//! that sentiment untouched. Only the gaps are filled. Stopwords are never removed first:
//! Indonesian stopword lists hold the negators the scorer needs.

use super::indonesian::IndonesianPack;
use super::lang_id::{self, TextLang};
use super::vader::Vader;
use polars::prelude::*;
use rayon::prelude::*;
use std::path::Path;

/// Stored in `lexicon` for texts VADER scored (its lexicon ships with vaderSentiment 3.3.2).
pub const VADER_LEXICON: &str = "vader-3.3.2";

/// Fills `lang` and sentiment of mention frames: VADER for English and other texts, an
/// Indonesian pack (the built-in one, or a user's lexicon) for Indonesian ones.
pub struct MentionScorer {
    user_pack: Option<IndonesianPack>,
}

/// What one row gets: each `None` leaves the stored cell as it was.
#[derive(Debug, Clone, PartialEq)]
struct Filled {
    lang: Option<String>,
    sentiment: Option<(f64, &'static str, String)>,
}

impl MentionScorer {
    /// `lexicon`: a user's Indonesian lexicon in the InSet layout (`word<TAB>weight`); the
    /// built-in pack when `None`. The error names the file and what is wrong with it.
    pub fn new(lexicon: Option<&Path>) -> Result<MentionScorer, String> {
        let user_pack = lexicon.map(IndonesianPack::with_lexicon_file).transpose()?;
        Ok(MentionScorer { user_pack })
    }

    fn indonesian(&self) -> &IndonesianPack {
        self.user_pack
            .as_ref()
            .unwrap_or_else(|| IndonesianPack::builtin())
    }

    /// The Indonesian lexicon's name as stored in `lexicon`.
    pub fn indonesian_lexicon_name(&self) -> String {
        self.indonesian().lexicon_name()
    }

    /// Fills the gaps in `lang`, `sentiment_score`, `sentiment_label` and `lexicon` of a
    /// mentions frame. A frame without a `text` column is left as it is. The same output at
    /// any thread count: each row depends on its own cells alone, and rayon's indexed
    /// collect keeps row order.
    pub fn fill(&self, frame: &mut DataFrame) -> PolarsResult<()> {
        if frame.column("text").is_err() || frame.height() == 0 {
            return Ok(());
        }
        let texts = string_cells(frame, "text")?;
        let langs = string_cells(frame, "lang")?;
        let labels = string_cells(frame, "sentiment_label")?;
        let scores = frame
            .column("sentiment_score")?
            .as_materialized_series()
            .cast(&DataType::Float64)?;
        let scores: Vec<Option<f64>> = scores.f64()?.iter().collect();
        let indonesian_name = self.indonesian_lexicon_name();
        let filled: Vec<Filled> = (0..frame.height())
            .into_par_iter()
            .map(|row| {
                let has_sentiment = labels[row].is_some() || scores[row].is_some();
                self.fill_row(
                    texts[row].as_deref(),
                    langs[row].as_deref(),
                    has_sentiment,
                    &indonesian_name,
                )
            })
            .collect();

        let kept_or = |old: &[Option<String>], new: Vec<Option<String>>| -> Vec<Option<String>> {
            old.iter().zip(new).map(|(o, n)| n.or(o.clone())).collect()
        };
        let labels: Vec<Option<String>> = labels
            .iter()
            .map(|l| canonical_label(l.as_deref()))
            .collect();
        let lang = kept_or(&langs, filled.iter().map(|f| f.lang.clone()).collect());
        let label = kept_or(
            &labels,
            filled
                .iter()
                .map(|f| f.sentiment.as_ref().map(|s| s.1.to_string()))
                .collect(),
        );
        let old_lexicons = string_cells(frame, "lexicon")?;
        let lexicon = kept_or(
            &old_lexicons,
            filled
                .iter()
                .map(|f| f.sentiment.as_ref().map(|s| s.2.clone()))
                .collect(),
        );
        let score: Vec<Option<f64>> = scores
            .iter()
            .zip(&filled)
            .map(|(old, f)| f.sentiment.as_ref().map(|s| s.0).or(*old))
            .collect();
        replace(frame, Series::new("lang".into(), lang))?;
        replace(frame, Series::new("sentiment_label".into(), label))?;
        replace(frame, Series::new("lexicon".into(), lexicon))?;
        replace(frame, Series::new("sentiment_score".into(), score))?;
        Ok(())
    }

    fn fill_row(
        &self,
        text: Option<&str>,
        stored_lang: Option<&str>,
        has_sentiment: bool,
        indonesian_name: &str,
    ) -> Filled {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return Filled {
                lang: None,
                sentiment: None,
            };
        };
        let stored_lang = stored_lang.filter(|l| !l.trim().is_empty());
        let scored_as = match stored_lang.map(export_language) {
            Some(Some(lang)) => lang,
            // No language, or one neither scorer reads (X's `und`, `qme`, `ja`): the text
            // decides; texts in neither language go to VADER, whose lexicon has emoji.
            _ => lang_id::identify(text),
        };
        let lang = match stored_lang {
            Some(_) => None,
            None => Some(scored_as.code().to_string()),
        };
        let sentiment = (!has_sentiment).then(|| {
            let (score, lexicon) = match scored_as {
                TextLang::Indonesian => {
                    (self.indonesian().score(text), indonesian_name.to_string())
                }
                TextLang::English | TextLang::Other => (
                    Vader::builtin().polarity(text).compound,
                    VADER_LEXICON.to_string(),
                ),
            };
            // -0.0 stored as 0.0, so equal texts give equal bytes.
            let score = score + 0.0;
            (score, super::label(score), lexicon)
        });
        Filled { lang, sentiment }
    }
}

/// An export's label in the canonical spelling (`Positive`, ` NEGATIVE ` → `positive`,
/// `negative`), so the metrics' filters find it; a label outside the three is kept as
/// written (and counted by no sentiment metric but the labelled total).
fn canonical_label(label: Option<&str>) -> Option<String> {
    let label = label?;
    Some(
        super::evaluate::LABELS
            .iter()
            .find(|canonical| canonical.eq_ignore_ascii_case(label.trim()))
            .map_or_else(|| label.to_string(), |canonical| canonical.to_string()),
    )
}

/// The scorer language an export's language code names: `id`, and X's `in`, are
/// Indonesian; `en` (also `en-GB`) English; anything else is not decided by the code.
fn export_language(code: &str) -> Option<TextLang> {
    let primary = code
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "id" | "in" | "ind" => Some(TextLang::Indonesian),
        "en" | "eng" => Some(TextLang::English),
        _ => None,
    }
}

/// A text column's cells (all `None` when the frame lacks the column).
fn string_cells(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let Ok(column) = frame.column(name) else {
        return Ok(vec![None; frame.height()]);
    };
    let series = column.as_materialized_series().cast(&DataType::String)?;
    Ok(series
        .str()?
        .iter()
        .map(|cell| cell.map(str::to_string))
        .collect())
}

/// Replaces a column in place (same position), cast to the dtype the frame had for it.
fn replace(frame: &mut DataFrame, series: Series) -> PolarsResult<()> {
    let series = match frame.column(series.name().as_str()) {
        Ok(old) => series.cast(old.dtype())?,
        Err(_) => series,
    };
    frame.with_column(Column::from(series))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(
        texts: &[Option<&str>],
        langs: &[Option<&str>],
        labels: &[Option<&str>],
    ) -> DataFrame {
        let n = texts.len();
        df!(
            "text" => texts.to_vec(),
            "lang" => langs.to_vec(),
            "sentiment_score" => vec![None::<f64>; n],
            "sentiment_label" => labels.to_vec(),
            "lexicon" => vec![None::<&str>; n],
        )
        .unwrap()
    }

    fn column(frame: &DataFrame, name: &str) -> Vec<Option<String>> {
        string_cells(frame, name).unwrap()
    }

    #[test]
    fn fills_language_and_sentiment_only_where_the_export_left_gaps() {
        let mut frame = mentions(
            &[
                Some("I love this foundation, great work!"),
                Some("Pelayanannya sangat buruk dan lambat, saya kecewa sekali"),
                Some("The service was terrible and the staff were rude"),
                Some("Pelayanannya bagus"),
                None,
            ],
            &[None, None, None, Some("in"), None],
            &[None, None, Some(" Positive"), None, None],
        );
        MentionScorer::new(None).unwrap().fill(&mut frame).unwrap();
        assert_eq!(
            column(&frame, "lang"),
            [Some("en"), Some("id"), Some("en"), Some("in"), None].map(|s| s.map(String::from))
        );
        // The export's own label wins, even where the scorer would disagree.
        assert_eq!(
            column(&frame, "sentiment_label"),
            [
                Some("positive"),
                Some("negative"),
                Some("positive"),
                Some("positive"),
                None
            ]
            .map(|s| s.map(String::from))
        );
        assert_eq!(
            column(&frame, "lexicon"),
            [
                Some(VADER_LEXICON),
                Some("tolok-id 1"),
                None,
                Some("tolok-id 1"),
                None
            ]
            .map(|s| s.map(String::from))
        );
        let scores: Vec<Option<f64>> = frame
            .column("sentiment_score")
            .unwrap()
            .f64()
            .unwrap()
            .iter()
            .collect();
        let vader = Vader::builtin()
            .polarity("I love this foundation, great work!")
            .compound;
        assert_eq!(scores[0], Some(vader));
        assert_eq!(scores[2], None);
        assert_eq!(scores[4], None);
    }

    #[test]
    fn export_language_codes_choose_the_scorer() {
        assert_eq!(export_language("in"), Some(TextLang::Indonesian));
        assert_eq!(export_language("id-ID"), Some(TextLang::Indonesian));
        assert_eq!(export_language("EN_gb"), Some(TextLang::English));
        assert_eq!(export_language("und"), None);
    }

    #[test]
    fn a_user_lexicon_scores_indonesian_texts_and_names_itself() {
        let dir = std::env::temp_dir().join(format!("tolok-mentions-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("my_lexicon.tsv");
        // "mantap" strongly negative on purpose: only the user's file can say so.
        std::fs::write(&path, "word\tweight\nmantap\t-5\n").unwrap();
        let scorer = MentionScorer::new(Some(&path)).unwrap();
        let mut frame = mentions(&[Some("acaranya mantap")], &[Some("id")], &[None]);
        scorer.fill(&mut frame).unwrap();
        assert_eq!(
            column(&frame, "sentiment_label")[0].as_deref(),
            Some("negative")
        );
        assert_eq!(
            column(&frame, "lexicon")[0].as_deref(),
            Some("my_lexicon.tsv")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_same_bytes_at_any_thread_count() {
        let texts: Vec<Option<&str>> = (0..200)
            .map(|i| match i % 4 {
                0 => Some("great, really great :)"),
                1 => Some("tidak bagus sama sekali, kecewa"),
                2 => Some("ok"),
                _ => Some("Pelayanan cepat dan ramah, terima kasih"),
            })
            .collect();
        let run = |threads: usize| {
            let mut frame = mentions(&texts, &vec![None; 200], &vec![None; 200]);
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| MentionScorer::new(None).unwrap().fill(&mut frame))
                .unwrap();
            frame
        };
        assert!(run(1).equals_missing(&run(8)));
    }
}
