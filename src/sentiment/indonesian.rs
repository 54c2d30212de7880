//! Indonesian sentiment: the project's own language pack ("tolok-id 1", `data/id/`) and a
//! VADER-style rule scorer over it.
//!
//! The steps, in order: tokenize (keeping hashtags, @mentions, URLs, emoji and emoticons),
//! normalise informal spellings with the pack's slang list, find idioms and multi-word
//! lexicon phrases, look single words up (with cheap affix handling), then apply the rules
//! VADER uses for English, adapted to Indonesian word order: negators and boosters before
//! the word, post-position intensifiers (`enak banget`, `bagus sekali`) after it, `kurang`
//! as a partial negator, contrast words weighting the clause after them, and exclamation
//! emphasis. Stopwords are never removed here: the Indonesian lists contain the negators.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// Version of the built-in lists, printed in the report's methodology.
pub const BUILTIN_LEXICON_NAME: &str = "tolok-id 1";

/// The same constants as VADER 3.3.2, so Indonesian and English scores are comparable.
const BOOSTER_STEP: f64 = 0.293;
const CAPS_STEP: f64 = 0.733;
const NEGATION_SCALAR: f64 = -0.74;
const EXCLAMATION_STEP: f64 = 0.292;
const MAX_EXCLAMATIONS: usize = 4;
const NORMALISATION_ALPHA: f64 = 15.0;
/// Boosters and negators reach this many words back; the effect fades with distance.
const SCOPE: usize = 3;
const DISTANCE_DECAY: [f64; SCOPE] = [1.0, 0.95, 0.9];
const BEFORE_CONTRAST: f64 = 0.5;
const AFTER_CONTRAST: f64 = 1.5;
/// `kurang X` ("not quite X") turns a positive word mildly negative: weaker than `tidak`.
const PARTIAL_NEGATOR: &str = "kurang";
const PARTIAL_NEGATION_SCALAR: f64 = -0.5;
/// Intensifiers that follow the word they strengthen (`mahal banget`, `enak sekali`).
const POST_BOOSTERS: &[&str] = &["banget", "sekali", "nian", "pol", "poll", "amat", "pisan"];
/// After a negator these words mean "not only", not "not": `tidak hanya enak tapi murah`.
const NOT_ONLY: &[&str] = &["hanya", "cuma", "saja", "sekadar", "cuman"];
/// Words that put the sentiment after them in an unmet expectation (`kirain enak`,
/// `harusnya cepat`): "I thought it would be tasty" says it was not, mildly.
const COUNTERFACTUAL: &[&str] = &[
    "kirain",
    "kukira",
    "kira",
    "seharusnya",
    "harusnya",
    "mestinya",
    "semestinya",
    "sepatutnya",
    "ekspektasi",
    "ekspetasi",
    "mengira",
];
const COUNTERFACTUAL_SCALAR: f64 = -0.5;
/// Hearsay and hope (`katanya bagus`, `berharap cepat`): not the writer's own verdict.
const HEARSAY: &[&str] = &["katanya", "konon", "berharap", "semoga", "mudah-mudahan"];
/// Correlative conjunctions whose first word is also an adjective: `baik X maupun Y`
/// means "both X and Y", not "good".
const CORRELATIVES: &[(&str, &str)] = &[("baik", "maupun")];
const CORRELATIVE_REACH: usize = 8;
/// Clitics and particles stripped when a word is not found as written (`enaknya`, `baiklah`).
const SUFFIXES: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu"];

const LEXICON: &str = include_str!("data/id/lexicon.tsv");
const IDIOMS: &str = include_str!("data/id/idioms.tsv");
const SLANG: &str = include_str!("data/id/slang.tsv");
const EMOJI: &str = include_str!("data/id/emoji.tsv");
const NEGATORS: &str = include_str!("data/id/negators.txt");
const BOOSTERS: &str = include_str!("data/id/boosters.txt");
const DAMPENERS: &str = include_str!("data/id/dampeners.txt");
const CONTRAST: &str = include_str!("data/id/contrast.txt");
const STOPWORDS: &str = include_str!("data/id/stopwords.txt");

/// What a token is; only words, hashtags, emoji and emoticons can carry sentiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Hashtag,
    Mention,
    Url,
    Emoji,
    Emoticon,
    /// `.`, `!`, `?`, `;`, `,` and friends: negation and boosters do not reach across them.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub kind: TokenKind,
}

/// The Indonesian language pack: lexicon and rule word lists.
pub struct IndonesianPack {
    name: String,
    /// Single words, after slang normalisation of the key.
    words: HashMap<String, f64>,
    /// Multi-word entries (idioms override lexicon phrases), keyed by space-joined words.
    phrases: HashMap<String, f64>,
    longest_phrase: usize,
    slang: HashMap<String, Vec<String>>,
    emoji: HashMap<String, f64>,
    negators: HashSet<String>,
    boosters: HashSet<String>,
    dampeners: HashSet<String>,
    /// Each contrast marker as a word sequence (`hanya saja`).
    contrast: Vec<Vec<String>>,
    stopwords: HashSet<String>,
}

impl IndonesianPack {
    /// The project's own lists, compiled in.
    pub fn builtin() -> &'static IndonesianPack {
        static PACK: OnceLock<IndonesianPack> = OnceLock::new();
        PACK.get_or_init(|| {
            let mut pack = IndonesianPack::rules_only(BUILTIN_LEXICON_NAME.to_string())
                .expect("built-in Indonesian rule lists are well-formed (unit-tested)");
            let lexicon = parse_weights(LEXICON, "lexicon.tsv", false)
                .expect("built-in Indonesian lexicon is well-formed (unit-tested)");
            pack.install_lexicon(lexicon);
            pack
        })
    }

    /// A user's lexicon in the InSet layout (`word<TAB>weight`, optional header line, CRLF
    /// or LF, duplicate words summed), with the built-in rules (negators, boosters, …).
    pub fn with_lexicon_file(path: &Path) -> Result<IndonesianPack, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| format!("{}: not UTF-8 text: {e}", path.display()))?;
        let shown = path.display().to_string();
        let lexicon = parse_weights(&text, &shown, true)?;
        if lexicon.is_empty() {
            return Err(format!("{shown}: no `word<TAB>weight` lines found"));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(shown);
        let mut pack = IndonesianPack::rules_only(name)?;
        pack.install_lexicon(lexicon);
        Ok(pack)
    }

    /// Name and version of the lexicon, for the report's methodology.
    pub fn lexicon_name(&self) -> String {
        self.name.clone()
    }

    /// Whether a (lower-case) word is left out of term counts. Never used before scoring.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// Whether a lower-case word is in the pack's lexicon or slang list (evidence for
    /// language identification).
    pub fn knows_word(&self, word: &str) -> bool {
        self.words.contains_key(word) || self.slang.contains_key(word)
    }

    /// A compound score in [-1, 1]: s / sqrt(s² + 15), as VADER normalises.
    pub fn score(&self, text: &str) -> f64 {
        let tokens = tokenize(text);
        let words = self.normalise(&tokens);
        let items = self.sentiment_items(&words);
        if items.is_empty() {
            return 0.0;
        }
        let contrast_at = self.first_contrast(&words);
        let mut sum: f64 = items
            .iter()
            .map(|item| match contrast_at {
                Some(at) if item.position < at => item.valence * BEFORE_CONTRAST,
                Some(at) if item.position > at => item.valence * AFTER_CONTRAST,
                _ => item.valence,
            })
            .sum();
        let exclamations = text.chars().filter(|&c| c == '!').count();
        let emphasis = exclamations.min(MAX_EXCLAMATIONS) as f64 * EXCLAMATION_STEP;
        if sum > 0.0 {
            sum += emphasis;
        } else if sum < 0.0 {
            sum -= emphasis;
        }
        (sum / (sum * sum + NORMALISATION_ALPHA).sqrt()).clamp(-1.0, 1.0)
    }

    fn rules_only(name: String) -> Result<IndonesianPack, String> {
        let idioms = parse_weights(IDIOMS, "idioms.tsv", true)?;
        let emoji = parse_weights(EMOJI, "emoji.tsv", true)?;
        let mut slang = HashMap::new();
        for (line_no, line) in content_lines(SLANG) {
            let Some((informal, formal)) = line.split_once('\t') else {
                return Err(format!("slang.tsv:{line_no}: expected `slang<TAB>formal`"));
            };
            if informal == "slang" && formal == "formal" {
                continue;
            }
            let formal: Vec<String> = formal.split_whitespace().map(str::to_lowercase).collect();
            slang.insert(informal.trim().to_lowercase(), formal);
        }
        let word_set = |text: &str| -> HashSet<String> {
            content_lines(text)
                .map(|(_, line)| line.trim().to_lowercase())
                .collect()
        };
        let mut pack = IndonesianPack {
            name,
            words: HashMap::new(),
            phrases: HashMap::new(),
            longest_phrase: 1,
            slang,
            emoji: emoji.into_iter().collect(),
            negators: word_set(NEGATORS),
            boosters: word_set(BOOSTERS),
            dampeners: word_set(DAMPENERS),
            contrast: Vec::new(),
            stopwords: word_set(STOPWORDS),
        };
        // Rule words are stored in the form the scorer sees them: after slang
        // normalisation (`gak` is read as `tidak`).
        pack.negators = normalise_set(&pack, &pack.negators);
        pack.boosters = normalise_set(&pack, &pack.boosters);
        pack.dampeners = normalise_set(&pack, &pack.dampeners);
        pack.contrast = content_lines(CONTRAST)
            .map(|(_, line)| pack.normalise_phrase(line))
            .filter(|words| !words.is_empty())
            .collect();
        for (phrase, weight) in idioms {
            let words = pack.normalise_phrase(&phrase);
            pack.longest_phrase = pack.longest_phrase.max(words.len());
            pack.phrases.insert(words.join(" "), weight);
        }
        Ok(pack)
    }

    /// Adds lexicon entries (duplicates already summed by `parse_weights`); idioms already
    /// present keep their own weight.
    fn install_lexicon(&mut self, lexicon: Vec<(String, f64)>) {
        let idioms: HashSet<String> = self.phrases.keys().cloned().collect();
        for (entry, weight) in lexicon {
            let words = self.normalise_phrase(&entry);
            match words.len() {
                0 => {}
                // Two spellings can meet after slang normalisation (`love`, `cinta`): the
                // first entry keeps its weight rather than doubling it.
                1 => {
                    self.words.entry(words[0].clone()).or_insert(weight);
                }
                n => {
                    let key = words.join(" ");
                    if !idioms.contains(&key) {
                        self.longest_phrase = self.longest_phrase.max(n);
                        self.phrases.entry(key).or_insert(weight);
                    }
                }
            }
        }
    }

    /// A lexicon or rule entry split into words and slang-normalised like running text.
    fn normalise_phrase(&self, phrase: &str) -> Vec<String> {
        let mut out = Vec::new();
        for word in phrase.split_whitespace() {
            self.push_normalised(&word.to_lowercase(), &mut out);
        }
        out
    }

    fn push_normalised(&self, word: &str, out: &mut Vec<String>) {
        let word = self.collapse_elongation(word);
        match self.slang.get(&word) {
            Some(formal) => out.extend(formal.iter().cloned()),
            None => out.push(word),
        }
    }

    /// `bagusss` → `bagus`, `mantaaap` → `mantap`: runs of three or more of the same letter
    /// become one letter, or two when only the two-letter form is a known word (`maaf`).
    fn collapse_elongation(&self, word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        let has_run = chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]);
        if !has_run {
            return word.to_string();
        }
        let collapse = |keep: usize| -> String {
            let mut out = String::new();
            let mut run = 0;
            let mut previous = None;
            for &c in &chars {
                run = if previous == Some(c) { run + 1 } else { 1 };
                previous = Some(c);
                if run <= keep {
                    out.push(c);
                }
            }
            out
        };
        let single = collapse(1);
        let double = collapse(2);
        let known = |w: &str| self.words.contains_key(w) || self.slang.contains_key(w);
        if !known(&single) && known(&double) {
            double
        } else {
            single
        }
    }

    /// Tokens → the normalised word stream the rules read. Mentions and URLs become
    /// neutral placeholders; hashtags are read as their words (`#kecewa`).
    fn normalise(&self, tokens: &[Token]) -> Vec<Normalised> {
        let mut out = Vec::new();
        let letters: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && t.text.chars().any(char::is_alphabetic))
            .collect();
        let all_caps =
            |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
        // As in VADER: capitals only emphasise when some, not all, words are shouted.
        let caps_count = letters.iter().filter(|t| all_caps(&t.text)).count();
        let caps_differ = caps_count > 0 && caps_count < letters.len();
        for token in tokens {
            match token.kind {
                TokenKind::Word | TokenKind::Hashtag => {
                    let raw = token.text.trim_start_matches('#');
                    let shouted = caps_differ && raw.chars().count() > 1 && all_caps(raw);
                    let mut words = Vec::new();
                    self.push_normalised(&raw.to_lowercase(), &mut words);
                    for word in words {
                        out.push(Normalised::Word { word, shouted });
                    }
                }
                TokenKind::Emoji | TokenKind::Emoticon => {
                    let valence = self.emoji.get(&token.text).copied().unwrap_or(0.0);
                    out.push(Normalised::Symbol(valence));
                }
                TokenKind::Mention | TokenKind::Url => out.push(Normalised::Symbol(0.0)),
                TokenKind::Break => out.push(Normalised::Break),
            }
        }
        out
    }

    fn first_contrast(&self, words: &[Normalised]) -> Option<usize> {
        (0..words.len()).find(|&i| {
            self.contrast.iter().any(|marker| {
                marker.len() <= words.len() - i
                    && marker
                        .iter()
                        .zip(&words[i..])
                        .all(|(m, w)| w.word() == Some(m.as_str()))
            })
        })
    }

    /// The valence of one word, trying cheap affix handling when it is not listed as written.
    fn word_valence(&self, word: &str) -> Option<f64> {
        if let Some(&v) = self.words.get(word) {
            return Some(v);
        }
        // Reduplication: `baik-baik`, `marah-marah` read as the base word.
        if let Some((left, right)) = word.split_once('-') {
            if left == right || right.starts_with(left) {
                return self.word_valence(left);
            }
        }
        for suffix in SUFFIXES {
            if let Some(stem) = word.strip_suffix(suffix) {
                if stem.chars().count() >= 3 {
                    if let Some(v) = self.word_valence(stem) {
                        return Some(v);
                    }
                }
            }
        }
        // `ter-` + adjective is a superlative (`terlezat`) or "too" (`termahal`): stronger.
        if let Some(stem) = word.strip_prefix("ter") {
            if let Some(&v) = self.words.get(stem) {
                return Some(v * 1.25);
            }
        }
        // `ke-…-an` on an adjective is "too …" (`kemahalan`, `keasinan`) or the quality
        // noun (`kenyamanan`): keep the adjective's sign, a little weaker.
        if let Some(stem) = word.strip_prefix("ke").and_then(|w| w.strip_suffix("an")) {
            if let Some(&v) = self.words.get(stem) {
                return Some(v * 0.8);
            }
        }
        None
    }

    /// Every lexicon hit with its valence after boosters, dampeners, negation and capitals.
    fn sentiment_items(&self, words: &[Normalised]) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let (valence, length) = match &words[i] {
                Normalised::Break => {
                    i += 1;
                    continue;
                }
                Normalised::Symbol(v) => (*v, 1),
                Normalised::Word { word, .. } => match self.phrase_at(words, i) {
                    Some(hit) => hit,
                    // A modifier with nothing after it to modify is a verdict of its own
                    // (`porsinya kurang`, `rasanya lumayan`): use its lexicon weight.
                    None if self.is_rule_word(word) => match words.get(i + 1) {
                        Some(Normalised::Word { .. }) => (0.0, 1),
                        _ => (self.words.get(word.as_str()).copied().unwrap_or(0.0), 1),
                    },
                    None if opens_correlative(words, i, word) => (0.0, 1),
                    None => (self.word_valence(word).unwrap_or(0.0), 1),
                },
            };
            if valence != 0.0 {
                let mut valence = valence;
                if matches!(words[i], Normalised::Word { shouted: true, .. }) {
                    valence += CAPS_STEP * valence.signum();
                }
                valence = self.apply_modifiers(words, i, i + length, valence);
                items.push(Item {
                    position: i,
                    valence,
                });
            }
            i += length;
        }
        items
    }

    fn is_rule_word(&self, word: &str) -> bool {
        self.negators.contains(word)
            || self.boosters.contains(word)
            || self.dampeners.contains(word)
            || word == PARTIAL_NEGATOR
    }

    /// The longest idiom or lexicon phrase starting at `start`, as (valence, word count).
    fn phrase_at(&self, words: &[Normalised], start: usize) -> Option<(f64, usize)> {
        let max = self.longest_phrase.min(words.len() - start);
        for length in (2..=max).rev() {
            let mut key = String::new();
            for word in &words[start..start + length] {
                let w = word.word()?;
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(w);
            }
            if let Some(&v) = self.phrases.get(&key) {
                return Some((v, length));
            }
        }
        None
    }

    /// Boosters, dampeners and negators up to three words before the item (stopping at a
    /// clause break), and post-position intensifiers right after it.
    fn apply_modifiers(&self, words: &[Normalised], start: usize, end: usize, v: f64) -> f64 {
        let mut scaled = v;
        let mut negation = 1.0;
        for distance in 1..=SCOPE.min(start) {
            let Some(word) = words[start - distance].word() else {
                break;
            };
            let decay = DISTANCE_DECAY[distance - 1];
            if POST_BOOSTERS.contains(&word) && word != "amat" {
                // `banget`/`sekali` belong to the word before them, not the one after.
                continue;
            } else if self.boosters.contains(word) {
                scaled += BOOSTER_STEP * decay * v.signum();
            } else if self.dampeners.contains(word) {
                scaled -= BOOSTER_STEP * decay * v.signum();
            } else if self.negators.contains(word) && negation == 1.0 {
                let next = words.get(start - distance + 1).and_then(Normalised::word);
                if !next.is_some_and(|n| NOT_ONLY.contains(&n)) {
                    negation = NEGATION_SCALAR;
                }
            } else if COUNTERFACTUAL.contains(&word) && negation == 1.0 {
                negation = COUNTERFACTUAL_SCALAR;
            } else if HEARSAY.contains(&word) && negation == 1.0 {
                negation = 0.0;
            } else if word == PARTIAL_NEGATOR && negation == 1.0 && v > 0.0 {
                negation = PARTIAL_NEGATION_SCALAR;
            }
        }
        for (offset, word) in words[end..].iter().take(2).enumerate() {
            let Some(word) = word.word() else { break };
            if POST_BOOSTERS.contains(&word) {
                scaled += BOOSTER_STEP * DISTANCE_DECAY[offset] * v.signum();
            }
        }
        scaled * negation
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Normalised {
    Word {
        word: String,
        shouted: bool,
    },
    /// An emoji, emoticon, mention or URL with its valence (0 for mentions and URLs).
    Symbol(f64),
    Break,
}

impl Normalised {
    fn word(&self) -> Option<&str> {
        match self {
            Normalised::Word { word, .. } => Some(word),
            _ => None,
        }
    }
}

struct Item {
    position: usize,
    valence: f64,
}

/// Splits social-media text into tokens, keeping hashtags, @mentions, URLs, emoji (with
/// skin tones, variation selectors and ZWJ sequences joined) and ASCII emoticons.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for chunk in text.split_whitespace() {
        let lower = chunk.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
        {
            tokens.push(Token {
                text: chunk.to_string(),
                kind: TokenKind::Url,
            });
            continue;
        }
        if is_emoticon(chunk) {
            tokens.push(Token {
                text: chunk.to_string(),
                kind: TokenKind::Emoticon,
            });
            continue;
        }
        tokenize_chunk(chunk, &mut tokens);
    }
    tokens
}

/// ASCII emoticons the pack knows, matched as whole whitespace-separated chunks.
fn is_emoticon(chunk: &str) -> bool {
    const EMOTICONS: &[&str] = &[
        ":)", ":-)", ":))", ":)))", ":D", ":-D", "=)", "^_^", "^^", ";)", ";-)", ":p", ":P", "<3",
        ":(", ":-(", ":((", ":(((", ":'(", "T_T", "-_-", "-.-", ":/", ":-/", ">:(", "</3",
    ];
    EMOTICONS.contains(&chunk)
}

fn is_emoji_part(c: char) -> bool {
    let code = c as u32;
    matches!(code,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0xFE0F | 0x200D | 0x20E3 | 0x2190..=0x21FF)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF | 0xFE0F | 0x200D)
}

fn tokenize_chunk(chunk: &str, tokens: &mut Vec<Token>) {
    let chars: Vec<char> = chunk.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || ((c == '#' || c == '@') && next_is_word(&chars, i)) {
            let start = i;
            i += 1;
            // Hyphens and apostrophes inside a word belong to it (`baik-baik`, `bid'ah`).
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || chars[i] == '_'
                    || ((chars[i] == '-' || chars[i] == '\'') && next_is_word(&chars, i)))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let kind = match c {
                '#' => TokenKind::Hashtag,
                '@' => TokenKind::Mention,
                _ => TokenKind::Word,
            };
            tokens.push(Token { text, kind });
        } else if is_emoji_part(c) && !is_emoji_modifier(c) {
            let start = i;
            i += 1;
            // A ZWJ joins the next pictograph into the same emoji (👨‍👩‍👧).
            while i < chars.len()
                && (is_emoji_modifier(chars[i])
                    || (chars[i - 1] == '\u{200D}' && is_emoji_part(chars[i])))
            {
                i += 1;
            }
            let mut text: String = chars[start..i].iter().collect();
            // Skin tones and presentation selectors do not change the feeling.
            let base: String = text
                .chars()
                .filter(|&ch| !matches!(ch as u32, 0x1F3FB..=0x1F3FF))
                .collect();
            if base.chars().count() == 1 || base.ends_with('\u{FE0F}') {
                text = base;
            }
            tokens.push(Token {
                text,
                kind: TokenKind::Emoji,
            });
        } else {
            if matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '(' | ')' | '"' | '…') {
                // Runs of the same mark are one break.
                if tokens.last().map(|t| t.kind) != Some(TokenKind::Break) {
                    tokens.push(Token {
                        text: c.to_string(),
                        kind: TokenKind::Break,
                    });
                }
            }
            i += 1;
        }
    }
}

fn next_is_word(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Lines that are not blank and not `#` comments, with their 1-based line numbers.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim();
        (!trimmed.is_empty() && !trimmed.starts_with("# ") && trimmed != "#")
            .then_some((i + 1, line))
    })
}

/// `word<TAB>weight` lines. A first line whose weight is not a number is a header when
/// `header_allowed`; any later such line is an error naming the file and line.
fn parse_weights(
    text: &str,
    file: &str,
    header_allowed: bool,
) -> Result<Vec<(String, f64)>, String> {
    let mut entries: Vec<(String, f64)> = Vec::new();
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut first = true;
    for (line_no, line) in content_lines(text.trim_start_matches('\u{FEFF}')) {
        let is_first = std::mem::replace(&mut first, false);
        let Some((word, weight)) = line.rsplit_once('\t') else {
            return Err(format!(
                "{file}:{line_no}: expected `word<TAB>weight`, found {line:?}"
            ));
        };
        let weight = match weight.trim().parse::<f64>() {
            Ok(w) if w.is_finite() => w,
            _ if is_first && (header_allowed || word.trim() == "word") => continue,
            _ => {
                return Err(format!(
                    "{file}:{line_no}: weight {:?} is not a number",
                    weight.trim()
                ))
            }
        };
        let word = word.trim().to_lowercase();
        if word.is_empty() {
            return Err(format!("{file}:{line_no}: empty word"));
        }
        // Duplicates are summed, as InSet's users do (it lists some words in both files).
        match positions.get(&word) {
            Some(&at) => entries[at].1 += weight,
            None => {
                positions.insert(word.clone(), entries.len());
                entries.push((word, weight));
            }
        }
    }
    Ok(entries)
}

fn opens_correlative(words: &[Normalised], at: usize, word: &str) -> bool {
    CORRELATIVES.iter().any(|&(first, second)| {
        word == first
            && words[at + 1..]
                .iter()
                .take(CORRELATIVE_REACH)
                .any(|w| w.word() == Some(second))
    })
}

fn normalise_set(pack: &IndonesianPack, words: &HashSet<String>) -> HashSet<String> {
    words
        .iter()
        .flat_map(|w| pack.normalise_phrase(w))
        .chain(words.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> &'static IndonesianPack {
        IndonesianPack::builtin()
    }

    #[test]
    fn builtin_lists_parse_and_are_large_enough() {
        let pack = pack();
        assert!(pack.words.len() + pack.phrases.len() >= 1500);
        assert!(pack.slang.len() >= 300);
        assert!(pack.negators.contains("tidak"));
        assert_eq!(pack.lexicon_name(), "tolok-id 1");
    }

    #[test]
    fn tokenizer_keeps_social_media_units() {
        let tokens = tokenize("Mantap!! @budi_s cek https://t.co/x #Keren 👍🏽 :) baik-baik");
        let kinds: Vec<(TokenKind, &str)> =
            tokens.iter().map(|t| (t.kind, t.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (TokenKind::Word, "Mantap"),
                (TokenKind::Break, "!"),
                (TokenKind::Mention, "@budi_s"),
                (TokenKind::Word, "cek"),
                (TokenKind::Url, "https://t.co/x"),
                (TokenKind::Hashtag, "#Keren"),
                (TokenKind::Emoji, "👍"),
                (TokenKind::Emoticon, ":)"),
                (TokenKind::Word, "baik-baik"),
            ]
        );
    }

    #[test]
    fn polarity_of_plain_words() {
        assert!(pack().score("makanannya enak") > 0.3);
        assert!(pack().score("pelayanannya buruk") < -0.3);
        assert_eq!(pack().score("saya pergi ke pasar hari senin"), 0.0);
    }

    #[test]
    fn negation_flips_and_not_only_does_not() {
        assert!(pack().score("tidak enak") < 0.0);
        assert!(pack().score("gak enak sama sekali") < 0.0);
        assert!(pack().score("tidak jelek kok") > 0.0);
        assert!(pack().score("tidak hanya enak") > 0.0);
    }

    #[test]
    fn kurang_before_a_positive_word_is_negative() {
        assert!(pack().score("rasanya kurang mantap") < 0.0);
    }

    #[test]
    fn a_modifier_ending_the_clause_is_scored_as_a_word() {
        assert!(pack().score("porsinya kurang.") < 0.0);
        assert!(pack().score("rasanya lumayan") > 0.0);
        // A modifier without a weight of its own stays neutral.
        assert_eq!(pack().score("agak"), 0.0);
    }

    #[test]
    fn boosters_before_and_after_raise_the_size() {
        let plain = pack().score("enak");
        assert!(pack().score("sangat enak") > plain);
        assert!(pack().score("enak banget") > plain);
        assert!(pack().score("enak bgt") > plain);
        assert!(pack().score("agak enak") < plain);
    }

    #[test]
    fn slang_and_elongation_are_normalised() {
        assert_eq!(pack().score("bagusss"), pack().score("bagus"));
        assert_eq!(pack().score("gk bgs"), pack().score("tidak bagus"));
    }

    #[test]
    fn affixes_and_reduplication() {
        assert_eq!(pack().score("enaknya"), pack().score("enak"));
        assert_eq!(pack().score("marah-marah"), pack().score("marah"));
        assert!(pack().score("kemahalan") < 0.0);
    }

    #[test]
    fn clause_after_contrast_dominates() {
        assert!(pack().score("tempatnya bagus tapi pelayanannya buruk") < 0.0);
        assert!(pack().score("agak mahal tapi enak sekali") > 0.0);
    }

    #[test]
    fn unmet_expectation_hearsay_and_correlatives() {
        assert!(pack().score("kirain enak") < 0.0);
        assert_eq!(pack().score("katanya bagus"), 0.0);
        // `baik X maupun Y` is "both X and Y": `baik` is not "good" there.
        assert_eq!(pack().score("baik anak maupun orang tua"), 0.0);
        assert!(pack().score("orangnya baik") > 0.0);
    }

    #[test]
    fn exclamation_and_emoji_add_emphasis() {
        assert!(pack().score("enak!!!") > pack().score("enak"));
        assert!(pack().score("😡") < 0.0);
        assert!(pack().score("🥰🥰") > 0.0);
    }

    #[test]
    fn compound_uses_vader_normalisation() {
        // One word of weight w scores w / sqrt(w² + 15).
        let w = pack().words["enak"];
        let expected = w / (w * w + 15.0).sqrt();
        assert!((pack().score("enak") - expected).abs() < 1e-12);
    }

    #[test]
    fn user_lexicon_in_inset_layout() {
        let dir = tempfile_dir();
        let path = dir.join("inset-like.tsv");
        std::fs::write(
            &path,
            "word\tweight\r\nbagus\t2\r\nbagus\t-4\r\nhebat\t3\r\n",
        )
        .unwrap();
        let pack = IndonesianPack::with_lexicon_file(&path).unwrap();
        assert_eq!(pack.lexicon_name(), "inset-like.tsv");
        assert_eq!(pack.words["bagus"], -2.0);
        assert!(pack.score("hebat") > 0.0);
        assert!(pack.score("tidak hebat") < 0.0);
        std::fs::write(&path, "word\tweight\nbagus\tdua\n").unwrap();
        let err = IndonesianPack::with_lexicon_file(&path).err().unwrap();
        assert!(err.contains("inset-like.tsv:2"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tolok-id-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
