//! English sentiment: the VADER 3.3.2 rules (Hutto & Gilbert, ICWSM-14), reproduced exactly.
//!
//! "Exactly" means the scores equal what `vaderSentiment` 3.3.2 on PyPI returns, including
//! its quirks, because users compare tolok's figures with the published tool. The parity test
//! (`tests/integration/sentiment.rs`) checks every sentence of the committed oracle. Quirks
//! reproduced on purpose are marked "as VADER does" below; do not "fix" them.
//!
//! Text semantics follow Python's `str` methods, not Rust's, where the two differ: whitespace
//! is `str.isspace` (which also counts U+001C..U+001F), ALL CAPS is `str.isupper` (title-case
//! letters count as not upper), punctuation is `string.punctuation` (ASCII only) and lengths
//! count code points.
//!
//! Casing comes from Rust's Unicode tables, which are newer than Python 3.11's (Unicode 14):
//! the two agree on every character except about 180 added or re-categorised since (new
//! scripts such as Garay, and U+0295 "ʕ", no longer lower-case), where no parity is claimed.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Added to a booster's effect (or a word's valence) in the direction of the valence.
const BOOSTER_INCREMENT: f64 = 0.293;
/// Added when a word (or booster) is in ALL CAPS while the text is not.
const CAPS_INCREMENT: f64 = 0.733;
/// Multiplies the valence of a negated word.
const NEGATION_SCALAR: f64 = -0.74;
/// Normalisation constant of the compound score: s / sqrt(s² + α).
const ALPHA: f64 = 15.0;

/// Words that negate a lexicon word up to three tokens later (besides any token with "n't").
const NEGATORS: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// Degree adverbs that raise the intensity of the next lexicon words.
const INCREMENTERS: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

/// Degree adverbs that lower it. The two-word ones only act through the idiom check.
const DECREMENTERS: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];

/// Phrases containing a lexicon word whose meaning is not the sum of their words.
const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// VADER's four scores for one text, rounded as the Python package rounds them
/// (`compound` to 4 decimals, the proportions to 3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Polarity {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    /// The normalised sum of valences in [-1, 1]; the score users usually mean.
    pub compound: f64,
}

/// A fast hash for short words, where SipHash's resistance to crafted keys buys nothing
/// (the keys are the built-in word lists): multiply-rotate per 8 bytes.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
type WordSet = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// A word list as a set, built once (`contains` on the lists is a linear scan per token).
fn word_set(cell: &'static OnceLock<WordSet>, words: &[&'static str]) -> &'static WordSet {
    cell.get_or_init(|| words.iter().copied().collect())
}

fn incrementers() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, INCREMENTERS)
}

fn decrementers() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, DECREMENTERS)
}

fn negators() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, NEGATORS)
}

/// The first words of the idioms and of the multi-word dampeners: a token slice that does
/// not start with one of them spells none of those phrases.
fn phrase_starts() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| {
        SPECIAL_CASES
            .iter()
            .map(|(phrase, _)| *phrase)
            .chain(DECREMENTERS.iter().copied())
            .filter_map(|phrase| phrase.split(' ').next())
            .collect()
    })
}

/// The English scorer: VADER's lexicon and emoji descriptions, parsed once.
pub struct Vader {
    lexicon: WordMap<String, f64>,
    emoji_descriptions: WordMap<char, String>,
}

const LEXICON: &str = include_str!("data/en/vader_lexicon.txt");
const EMOJI_LEXICON: &str = include_str!("data/en/emoji_utf8_lexicon.txt");

impl Vader {
    /// The scorer with VADER 3.3.2's own lexicons, compiled into the binary.
    pub fn builtin() -> &'static Vader {
        static BUILTIN: OnceLock<Vader> = OnceLock::new();
        BUILTIN.get_or_init(|| Vader::from_lexicons(LEXICON, EMOJI_LEXICON))
    }

    fn from_lexicons(lexicon_text: &str, emoji_text: &str) -> Vader {
        // Later duplicates win (the lexicon has a few, e.g. "lol"), as in a Python dict.
        let mut lexicon = WordMap::default();
        for (token, valence) in tab_separated_pairs(lexicon_text) {
            let valence = valence
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("built-in VADER lexicon: bad valence for {token:?}"));
            lexicon.insert(token.to_string(), valence);
        }
        // The text is scanned one code point at a time, so only single-code-point emoji can
        // ever match; sequences (flags, skin tones, ZWJ) are skipped here as they are unused.
        let mut emoji_descriptions = WordMap::default();
        for (emoji, description) in tab_separated_pairs(emoji_text) {
            let mut chars = emoji.chars();
            if let (Some(single), None) = (chars.next(), chars.next()) {
                emoji_descriptions.insert(single, description.to_string());
            }
        }
        Vader {
            lexicon,
            emoji_descriptions,
        }
    }

    /// Scores one text.
    pub fn polarity(&self, text: &str) -> Polarity {
        let text = self.describe_emoji(text);
        let text = py_strip(&text);
        let tokens: Vec<&str> = text
            .split(py_is_space)
            .filter(|token| !token.is_empty())
            .map(strip_punctuation_unless_emoticon)
            .collect();
        if tokens.is_empty() {
            return Polarity {
                neg: 0.0,
                neu: 0.0,
                pos: 0.0,
                compound: 0.0,
            };
        }
        let lower: Vec<String> = tokens.iter().map(|token| token.to_lowercase()).collect();
        let shouted: Vec<bool> = tokens.iter().map(|token| py_is_upper(token)).collect();
        let shouted_count = shouted.iter().filter(|&&upper| upper).count();
        let sentence = Sentence {
            lower: &lower,
            shouted: &shouted,
            // Capitals only emphasise when some, but not all, tokens are in capitals.
            caps_differ: shouted_count > 0 && shouted_count < tokens.len(),
        };

        let mut sentiments = Vec::with_capacity(tokens.len());
        for i in 0..tokens.len() {
            let word = lower[i].as_str();
            let is_modifier =
                is_booster(word) || (word == "kind" && lower.get(i + 1).is_some_and(|w| w == "of"));
            sentiments.push(if is_modifier {
                0.0
            } else {
                self.valence(&sentence, i)
            });
        }
        apply_but(&lower, &mut sentiments);
        score(&sentiments, text)
    }

    /// Replaces each emoji by its description, separated from a preceding non-space.
    fn describe_emoji(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut after_space = true;
        for c in text.chars() {
            // No emoji is ASCII: most characters need no lookup.
            let description = if c.is_ascii() {
                None
            } else {
                self.emoji_descriptions.get(&c)
            };
            match description {
                Some(description) => {
                    if !after_space {
                        out.push(' ');
                    }
                    out.push_str(description);
                    after_space = false;
                }
                None => {
                    out.push(c);
                    // Only an ASCII space counts here, as VADER does.
                    after_space = c == ' ';
                }
            }
        }
        out
    }

    fn in_lexicon(&self, word: &str) -> bool {
        self.lexicon.contains_key(word)
    }

    /// The valence of token `i` after the caps, booster, negation, idiom and "least" rules.
    fn valence(&self, sentence: &Sentence, i: usize) -> f64 {
        let lower = sentence.lower;
        let Some(&base) = self.lexicon.get(&lower[i]) else {
            return 0.0;
        };
        let mut valence = base;
        // "no" before another lexicon word negates it instead of carrying its own valence.
        if lower[i] == "no" && lower.get(i + 1).is_some_and(|next| self.in_lexicon(next)) {
            valence = 0.0;
        }
        let no_before = (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && matches!(lower[i - 1].as_str(), "or" | "nor"));
        if no_before {
            valence = base * NEGATION_SCALAR;
        }
        if sentence.shouted[i] && sentence.caps_differ {
            // A zero valence goes down, as VADER does.
            if valence > 0.0 {
                valence += CAPS_INCREMENT;
            } else {
                valence -= CAPS_INCREMENT;
            }
        }
        for distance in 1..=3 {
            if i < distance || self.in_lexicon(&lower[i - distance]) {
                continue;
            }
            let before = i - distance;
            let mut boost = booster_effect(
                &lower[before],
                sentence.shouted[before],
                valence,
                sentence.caps_differ,
            );
            if boost != 0.0 {
                boost *= match distance {
                    1 => 1.0,
                    2 => 0.95,
                    _ => 0.9,
                };
            }
            valence += boost;
            valence = negation(valence, lower, distance, i);
            if distance == 3 {
                valence = special_cases(valence, lower, i);
            }
        }
        self.least(valence, lower, i)
    }

    /// "least" before a word negates it, except in "at least" and "very least".
    fn least(&self, valence: f64, lower: &[String], i: usize) -> f64 {
        if i > 0 && lower[i - 1] == "least" && !self.in_lexicon(&lower[i - 1]) {
            let excepted = i > 1 && matches!(lower[i - 2].as_str(), "at" | "very");
            if !excepted {
                return valence * NEGATION_SCALAR;
            }
        }
        valence
    }
}

/// What the rules need to know about the tokens of one text.
struct Sentence<'a> {
    lower: &'a [String],
    shouted: &'a [bool],
    caps_differ: bool,
}

fn is_booster(word: &str) -> bool {
    incrementers().contains(word) || decrementers().contains(word)
}

/// The signed booster or dampener effect of `word` on a lexicon word of `valence`.
fn booster_effect(word: &str, shouted: bool, valence: f64, caps_differ: bool) -> f64 {
    let mut effect = if incrementers().contains(word) {
        BOOSTER_INCREMENT
    } else if decrementers().contains(word) {
        -BOOSTER_INCREMENT
    } else {
        return 0.0;
    };
    if valence < 0.0 {
        effect = -effect;
    }
    if shouted && caps_differ {
        if valence > 0.0 {
            effect += CAPS_INCREMENT;
        } else {
            effect -= CAPS_INCREMENT;
        }
    }
    effect
}

fn is_negator(word: &str) -> bool {
    negators().contains(word) || word.contains("n't")
}

/// The negation rule for the token `distance` places before token `i`.
fn negation(valence: f64, lower: &[String], distance: usize, i: usize) -> f64 {
    let word = |back: usize| lower[i - back].as_str();
    match distance {
        1 if is_negator(word(1)) => valence * NEGATION_SCALAR,
        2 if word(2) == "never" && matches!(word(1), "so" | "this") => valence * 1.25,
        2 if word(2) == "without" && word(1) == "doubt" => valence,
        2 if is_negator(word(2)) => valence * NEGATION_SCALAR,
        // The "so"/"this" test at distance 1 does not require "never" here, as VADER does.
        3 if (word(3) == "never" && matches!(word(2), "so" | "this"))
            || matches!(word(1), "so" | "this") =>
        {
            valence * 1.25
        }
        3 if word(3) == "without" && (word(2) == "doubt" || word(1) == "doubt") => valence,
        3 if is_negator(word(3)) => valence * NEGATION_SCALAR,
        _ => valence,
    }
}

/// Whether the tokens spell `phrase` (words separated by single spaces).
fn spells(tokens: &[String], phrase: &str) -> bool {
    let mut words = phrase.split(' ');
    tokens
        .iter()
        .all(|token| words.next() == Some(token.as_str()))
        && words.next().is_none()
}

fn special_case(tokens: &[String]) -> Option<f64> {
    if !starts_a_phrase(tokens) {
        return None;
    }
    SPECIAL_CASES
        .iter()
        .find(|(phrase, _)| spells(tokens, phrase))
        .map(|&(_, valence)| valence)
}

/// Whether `tokens` could spell an idiom or a multi-word dampener (see `phrase_starts`).
fn starts_a_phrase(tokens: &[String]) -> bool {
    tokens
        .first()
        .is_some_and(|first| phrase_starts().contains(first.as_str()))
}

/// Idioms around token `i` (i ≥ 3) override its valence; two-word dampeners just before it
/// ("kind of", "sort of", "just enough") lower it without regard to its sign.
fn special_cases(mut valence: f64, lower: &[String], i: usize) -> f64 {
    let before = [
        &lower[i - 1..=i],
        &lower[i - 2..=i],
        &lower[i - 2..i],
        &lower[i - 3..i],
        &lower[i - 3..i - 1],
    ];
    if let Some(special) = before.iter().find_map(|tokens| special_case(tokens)) {
        valence = special;
    }
    if i + 1 < lower.len() {
        if let Some(special) = special_case(&lower[i..=i + 1]) {
            valence = special;
        }
    }
    if i + 2 < lower.len() {
        if let Some(special) = special_case(&lower[i..=i + 2]) {
            valence = special;
        }
    }
    for tokens in [&lower[i - 3..i], &lower[i - 3..i - 1], &lower[i - 2..i]] {
        if starts_a_phrase(tokens) && DECREMENTERS.iter().any(|phrase| spells(tokens, phrase)) {
            valence -= BOOSTER_INCREMENT;
        }
    }
    valence
}

/// "but" halves what comes before the first "but" and raises what follows by half.
///
/// VADER finds each value's position with `list.index`, i.e. the first equal value, so when
/// a value repeats, a later occurrence can rescale an earlier slot instead of its own.
/// Reproduced as VADER does.
fn apply_but(lower: &[String], sentiments: &mut [f64]) {
    let Some(but_at) = lower.iter().position(|word| word == "but") else {
        return;
    };
    for k in 0..sentiments.len() {
        let value = sentiments[k];
        let slot = sentiments
            .iter()
            .position(|&other| other == value)
            .expect("the value was just read from the list");
        if slot < but_at {
            sentiments[slot] = value * 0.5;
        } else if slot > but_at {
            sentiments[slot] = value * 1.5;
        }
    }
}

/// Emphasis from "!" (0.292 each, up to 4) and "?" (0.18 each for 2 or 3, 0.96 for more).
fn punctuation_emphasis(text: &str) -> f64 {
    let exclamations = text.matches('!').count().min(4);
    let questions = text.matches('?').count();
    let question_emphasis = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f64 * 0.18,
        _ => 0.96,
    };
    exclamations as f64 * 0.292 + question_emphasis
}

fn score(sentiments: &[f64], text: &str) -> Polarity {
    let emphasis = punctuation_emphasis(text);
    let mut sum: f64 = sentiments.iter().fold(0.0, |total, &value| total + value);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    let compound = (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0);

    // Each sentiment-bearing word also counts one "neutral" unit, hence the ±1.
    let (mut positive, mut negative, mut neutral) = (0.0_f64, 0.0_f64, 0_u32);
    for &value in sentiments {
        if value > 0.0 {
            positive += value + 1.0;
        } else if value < 0.0 {
            negative += value - 1.0;
        } else {
            neutral += 1;
        }
    }
    if positive > negative.abs() {
        positive += emphasis;
    } else if positive < negative.abs() {
        negative -= emphasis;
    }
    let total = positive + negative.abs() + f64::from(neutral);
    Polarity {
        neg: round_like_python((negative / total).abs(), 3),
        neu: round_like_python((f64::from(neutral) / total).abs(), 3),
        pos: round_like_python((positive / total).abs(), 3),
        compound: round_like_python(compound, 4),
    }
}

/// Python's `round(x, digits)`: the decimal nearest to the exact binary value, ties to even.
/// Rust's fixed-precision formatting rounds the same way.
fn round_like_python(value: f64, digits: usize) -> f64 {
    format!("{value:.digits$}")
        .parse()
        .expect("a formatted float parses back")
}

/// Each line `a<TAB>b[<TAB>…]` as (a, b), the line trimmed first, as VADER's loaders do.
fn tab_separated_pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.trim_end_matches('\n')
        .split('\n')
        .map(py_strip)
        .filter(|line| !line.is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?))
        })
}

/// Python's `str.isspace` for one character: Unicode White_Space plus the four ASCII
/// information separators U+001C..U+001F, which Python counts and Rust does not.
fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` with no argument.
fn py_strip(text: &str) -> &str {
    text.trim_matches(py_is_space)
}

/// VADER strips `string.punctuation` from both ends of a token unless that leaves two code
/// points or fewer, which keeps emoticons such as ":)" and ":-(" whole.
fn strip_punctuation_unless_emoticon(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// Python's `str.isupper()`: at least one cased character and none lower-case or title-case.
fn py_is_upper(token: &str) -> bool {
    let mut cased = false;
    for c in token.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Unicode general category Lt (digraphs such as "ǅ" and Greek letters with prosgegrammeni);
/// Rust has no predicate for it. The set has not changed since Unicode 3.
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1c5}'
            | '\u{1c8}'
            | '\u{1cb}'
            | '\u{1f2}'
            | '\u{1f88}'..='\u{1f8f}'
            | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}'
            | '\u{1fbc}'
            | '\u{1fcc}'
            | '\u{1ffc}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_rounding_is_reproduced_on_exact_ties() {
        // 0.0625 is exactly representable: Python's round(0.0625, 3) gives 0.062.
        assert_eq!(round_like_python(0.0625, 3), 0.062);
        assert_eq!(round_like_python(0.1875, 3), 0.188);
        assert_eq!(round_like_python(-0.00004, 4), 0.0);
    }

    #[test]
    fn python_casing_and_whitespace_edge_cases() {
        assert!(py_is_upper("GOOD!"));
        assert!(!py_is_upper("!!"), "no cased character");
        assert!(!py_is_upper("\u{1c5}X"), "title case is not upper");
        assert!(py_is_upper("\u{24b6}"), "circled capital letters are upper");
        assert!(py_is_space('\u{1c}'));
        assert!(!py_is_space('\u{200b}'));
    }

    #[test]
    fn single_emoji_are_described_and_sequences_are_not_loaded() {
        let vader = Vader::builtin();
        assert_eq!(vader.describe_emoji("ok😀"), "ok grinning face");
        assert!(vader.emoji_descriptions.len() > 1000);
        assert!(vader.lexicon.len() > 7000);
    }
}
