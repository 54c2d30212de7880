//! How well predicted sentiment labels match gold labels: accuracy, per-class precision,
//! recall and F1, macro-F1 and the confusion matrix (rows gold, columns predicted).

use std::fmt;

/// The three labels, in the order rows and columns are printed.
pub const LABELS: [&str; 3] = ["negative", "neutral", "positive"];

/// Counts from (gold, predicted) pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// `confusion[gold][predicted]`, indexed like [`LABELS`].
    confusion: [[usize; 3]; 3],
    /// Pairs with a label outside [`LABELS`]: counted and shown, never scored silently.
    unrecognised: usize,
}

/// (gold label, predicted label) pairs, labels "positive" | "negative" | "neutral".
pub fn evaluate(pairs: &[(String, String)]) -> Evaluation {
    let mut evaluation = Evaluation {
        confusion: [[0; 3]; 3],
        unrecognised: 0,
    };
    for (gold, predicted) in pairs {
        match (label_index(gold), label_index(predicted)) {
            (Some(g), Some(p)) => evaluation.confusion[g][p] += 1,
            _ => evaluation.unrecognised += 1,
        }
    }
    evaluation
}

fn label_index(label: &str) -> Option<usize> {
    let label = label.trim();
    LABELS.iter().position(|l| l.eq_ignore_ascii_case(label))
}

/// A ratio that is 0 rather than NaN when nothing was counted.
fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

impl Evaluation {
    /// Pairs scored (those with recognised labels).
    pub fn total(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn unrecognised(&self) -> usize {
        self.unrecognised
    }

    /// `confusion(gold, predicted)`, by label name; 0 for an unknown label.
    pub fn confusion(&self, gold: &str, predicted: &str) -> usize {
        match (label_index(gold), label_index(predicted)) {
            (Some(g), Some(p)) => self.confusion[g][p],
            _ => 0,
        }
    }

    pub fn accuracy(&self) -> f64 {
        let correct = (0..3).map(|i| self.confusion[i][i]).sum();
        ratio(correct, self.total())
    }

    pub fn precision(&self, class: usize) -> f64 {
        let predicted = (0..3).map(|g| self.confusion[g][class]).sum();
        ratio(self.confusion[class][class], predicted)
    }

    pub fn recall(&self, class: usize) -> f64 {
        let gold = self.confusion[class].iter().sum();
        ratio(self.confusion[class][class], gold)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self, class: usize) -> f64 {
        let (p, r) = (self.precision(class), self.recall(class));
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// The unweighted mean of the three classes' F1, so the rarer classes count as much.
    pub fn macro_f1(&self) -> f64 {
        (0..3).map(|c| self.f1(c)).sum::<f64>() / 3.0
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "texts scored: {}", self.total())?;
        if self.unrecognised > 0 {
            writeln!(
                f,
                "texts with an unrecognised label (not scored): {}",
                self.unrecognised
            )?;
        }
        writeln!(f, "accuracy:     {:.4}", self.accuracy())?;
        writeln!(f, "macro-F1:     {:.4}", self.macro_f1())?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            "class", "precision", "recall", "F1", "support"
        )?;
        for (i, label) in LABELS.iter().enumerate() {
            writeln!(
                f,
                "{:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                label,
                self.precision(i),
                self.recall(i),
                self.f1(i),
                self.confusion[i].iter().sum::<usize>()
            )?;
        }
        writeln!(f)?;
        writeln!(f, "confusion matrix (rows gold, columns predicted):")?;
        write!(f, "{:<10}", "")?;
        for label in LABELS {
            write!(f, " {label:>9}")?;
        }
        writeln!(f)?;
        for (i, label) in LABELS.iter().enumerate() {
            write!(f, "{label:<10}")?;
            for count in self.confusion[i] {
                write!(f, " {count:>9}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(g, p)| (g.to_string(), p.to_string()))
            .collect()
    }

    /// Ten pairs worked by hand:
    /// gold negative (4): predicted negative 3, neutral 1
    /// gold neutral  (3): predicted negative 1, neutral 1, positive 1
    /// gold positive (3): predicted positive 2, neutral 1
    fn worked_example() -> Evaluation {
        evaluate(&pairs(&[
            ("negative", "negative"),
            ("negative", "negative"),
            ("negative", "negative"),
            ("negative", "neutral"),
            ("neutral", "negative"),
            ("neutral", "neutral"),
            ("neutral", "positive"),
            ("positive", "positive"),
            ("positive", "positive"),
            ("positive", "neutral"),
        ]))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn accuracy_and_per_class_scores_match_hand_computation() {
        let e = worked_example();
        assert_eq!(e.total(), 10);
        // 3 + 1 + 2 correct out of 10.
        assert!(close(e.accuracy(), 0.6));
        // negative: P = 3/4, R = 3/4, F1 = 0.75.
        assert!(close(e.precision(0), 0.75));
        assert!(close(e.recall(0), 0.75));
        assert!(close(e.f1(0), 0.75));
        // neutral: P = 1/3, R = 1/3, F1 = 1/3.
        assert!(close(e.f1(1), 1.0 / 3.0));
        // positive: P = 2/3, R = 2/3, F1 = 2/3.
        assert!(close(e.precision(2), 2.0 / 3.0));
        assert!(close(e.f1(2), 2.0 / 3.0));
        // macro-F1 = (0.75 + 1/3 + 2/3) / 3 = 0.5833…
        assert!(close(e.macro_f1(), 1.75 / 3.0));
        assert_eq!(e.confusion("neutral", "positive"), 1);
        assert_eq!(e.confusion("negative", "neutral"), 1);
    }

    #[test]
    fn a_class_never_predicted_has_zero_precision_not_nan() {
        let e = evaluate(&pairs(&[
            ("positive", "negative"),
            ("negative", "negative"),
        ]));
        assert_eq!(e.precision(2), 0.0);
        assert_eq!(e.f1(2), 0.0);
        assert!(close(e.accuracy(), 0.5));
        // negative: P = 1/2, R = 1, F1 = 2/3; neutral and positive 0.
        assert!(close(e.macro_f1(), (2.0 / 3.0) / 3.0));
    }

    #[test]
    fn unknown_labels_are_counted_apart() {
        let e = evaluate(&pairs(&[("positive", "Positive"), ("mixed", "positive")]));
        assert_eq!(e.total(), 1);
        assert_eq!(e.unrecognised(), 1);
        assert!(e.to_string().contains("unrecognised label (not scored): 1"));
    }

    #[test]
    fn display_shows_matrix_rows_gold_columns_predicted() {
        let text = worked_example().to_string();
        assert!(text.contains("accuracy:     0.6000"), "{text}");
        assert!(text.contains("macro-F1:     0.5833"), "{text}");
        let neutral_row = text
            .lines()
            .rev()
            .find(|l| l.starts_with("neutral"))
            .unwrap();
        let counts: Vec<&str> = neutral_row.split_whitespace().skip(1).collect();
        assert_eq!(counts, ["1", "1", "1"]);
        let negative_row = text
            .lines()
            .rev()
            .find(|l| l.starts_with("negative"))
            .unwrap();
        let counts: Vec<&str> = negative_row.split_whitespace().skip(1).collect();
        assert_eq!(counts, ["3", "1", "0"]);
    }
}
