//! Which language a text is in: Indonesian, English or other.
//!
//! Social-media texts are short, informal and often mix the two languages, so character
//! n-gram models trained on prose do poorly and would need data we do not ship. Instead:
//! count the words that are frequent function words (or common informal forms) in each
//! language, add weaker evidence from word shapes (Indonesian affixes, English endings),
//! and pick the language with more evidence. Mixed texts go to Indonesian when it has at
//! least as much evidence, because tolok's audience writes Indonesian with English loans
//! ("meeting-nya", "so far oke"), rarely the other way round.

use super::indonesian::IndonesianPack;

/// The language of one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLang {
    Indonesian,
    English,
    Other,
}

impl TextLang {
    /// The code stored in the `lang` column.
    pub fn code(self) -> &'static str {
        match self {
            TextLang::Indonesian => "id",
            TextLang::English => "en",
            TextLang::Other => "other",
        }
    }
}

/// Frequent Indonesian function words and informal forms, none of them English words.
const INDONESIAN_WORDS: &[&str] = &[
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "ini",
    "itu",
    "dengan",
    "untuk",
    "tidak",
    "tak",
    "ada",
    "akan",
    "juga",
    "sudah",
    "saya",
    "aku",
    "kamu",
    "kita",
    "kami",
    "mereka",
    "dia",
    "ia",
    "bisa",
    "karena",
    "pada",
    "dalam",
    "atau",
    "tapi",
    "tetapi",
    "namun",
    "sangat",
    "sekali",
    "banget",
    "lagi",
    "saja",
    "aja",
    "belum",
    "bukan",
    "jangan",
    "masih",
    "lebih",
    "kalau",
    "kalo",
    "sama",
    "buat",
    "jadi",
    "harus",
    "mau",
    "ingin",
    "oleh",
    "sih",
    "dong",
    "deh",
    "kok",
    "nya",
    "gak",
    "ga",
    "nggak",
    "enggak",
    "yg",
    "dgn",
    "utk",
    "bgt",
    "udah",
    "sdh",
    "tdk",
    "gk",
    "kenapa",
    "bagaimana",
    "gimana",
    "apa",
    "siapa",
    "mana",
    "kapan",
    "adalah",
    "telah",
    "sedang",
    "bahwa",
    "hari",
    "baru",
    "semua",
    "banyak",
    "tempat",
    "orang",
    "makan",
    "enak",
    "bagus",
    "terima",
    "kasih",
    "makasih",
    "selamat",
    "pagi",
    "malam",
    "tahun",
    "bulan",
    "sini",
    "situ",
    "begitu",
    "seperti",
    "kayak",
    "hanya",
    "cuma",
    "pun",
    "lah",
    "kan",
    "nih",
    "tuh",
    "dulu",
    "nanti",
    "sekarang",
    "pernah",
    "selalu",
    "para",
];

/// Frequent English function words, none of them Indonesian words.
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "it", "this", "that",
    "for", "with", "you", "your", "my", "we", "our", "they", "their", "he", "she", "his", "her",
    "not", "no", "but", "have", "has", "had", "do", "does", "did", "don't", "can't", "isn't", "i",
    "i'm", "it's", "at", "on", "in", "from", "by", "an", "a", "so", "very", "what", "when",
    "where", "who", "why", "how", "will", "would", "could", "should", "there", "here", "just",
    "about", "all", "more", "than", "them", "me", "if", "or", "as", "too", "really", "good",
    "great", "bad", "love", "thanks", "thank", "like", "get", "got",
];

/// Evidence from word shape or the sentiment lexicon: worth less than a function word.
const SHAPE_WEIGHT: f64 = 0.5;

fn indonesian_shape(word: &str) -> bool {
    let long = word.chars().count() >= 6;
    long && (word.ends_with("nya")
        || word.ends_with("kan")
        || (word.starts_with("meng") || word.starts_with("meny") || word.starts_with("mem"))
        || (word.starts_with("ber") && !word.ends_with("er"))
        || (word.starts_with("ke") && word.ends_with("an"))
        || (word.starts_with("pe") && word.ends_with("an")))
}

fn english_shape(word: &str) -> bool {
    let long = word.chars().count() >= 5;
    long && (word.ends_with("ing")
        || word.ends_with("tion")
        || word.ends_with("ly")
        || word.ends_with("ed")
        || word.contains("th")
        || word.contains("ee")
        || word.contains("oo")
        || word.contains('w') && word.ends_with('s'))
}

/// The language of one text: Indonesian, English, or other (no Latin-script words, or no
/// evidence for either language).
pub fn identify(text: &str) -> TextLang {
    let mut latin_letters = 0usize;
    let mut other_letters = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() {
            latin_letters += 1;
        } else {
            other_letters += 1;
        }
    }
    // Mostly another script (Arabic, Javanese script, CJK …) is not ours to score.
    if latin_letters == 0 || other_letters > latin_letters {
        return TextLang::Other;
    }
    let (mut indonesian, mut english) = (0.0, 0.0);
    for raw in text.split_whitespace() {
        // Hashtags, mentions and links say little about the language of the sentence.
        if raw.starts_with('@') || raw.starts_with('#') || raw.contains("://") {
            continue;
        }
        let word: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase();
        if word.is_empty() {
            continue;
        }
        let in_indonesian = INDONESIAN_WORDS.contains(&word.as_str());
        let in_english = ENGLISH_WORDS.contains(&word.as_str());
        if in_indonesian {
            indonesian += 1.0;
        }
        if in_english {
            english += 1.0;
        }
        if !in_indonesian && !in_english {
            // The sentiment lexicon holds a few English loans (`good`, `love`), but in
            // English text the function words around them outweigh this half point.
            if indonesian_shape(&word) || IndonesianPack::builtin().knows_word(&word) {
                indonesian += SHAPE_WEIGHT;
            } else if english_shape(&word) {
                english += SHAPE_WEIGHT;
            }
        }
    }
    if indonesian == 0.0 && english == 0.0 {
        TextLang::Other
    } else if indonesian >= english {
        TextLang::Indonesian
    } else {
        TextLang::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_indonesian_social_media_texts() {
        for text in [
            "makanannya enak bgt, pelayanannya ramah 👍",
            "gak jelas nih admin, udah 3 hari blm dibales",
            "Terima kasih @tokoku, paket sudah sampai!",
            "Pelayanan buruk sekali #kecewa",
            "mantap",
            "kenapa sinyalnya lemot terus?",
        ] {
            assert_eq!(identify(text), TextLang::Indonesian, "{text}");
        }
    }

    #[test]
    fn short_english_social_media_texts() {
        for text in [
            "the food was great and the staff were friendly",
            "worst service ever, I'm not coming back",
            "thanks @shop, love it!!",
            "this is so good",
            "waiting for my refund since Monday https://t.co/abc",
        ] {
            assert_eq!(identify(text), TextLang::English, "{text}");
        }
    }

    #[test]
    fn mixed_texts_lean_indonesian_when_evidence_is_even() {
        assert_eq!(
            identify("meeting hari ini sangat productive"),
            TextLang::Indonesian
        );
        assert_eq!(
            identify("so far oke sih, cuma agak mahal"),
            TextLang::Indonesian
        );
        assert_eq!(
            identify("honestly the app is good but loadingnya lama"),
            TextLang::English
        );
    }

    #[test]
    fn emoji_only_numbers_and_other_scripts_are_other() {
        assert_eq!(identify("😂😂😂👍"), TextLang::Other);
        assert_eq!(identify("12345 !!!"), TextLang::Other);
        assert_eq!(identify(""), TextLang::Other);
        assert_eq!(identify("ありがとうございます"), TextLang::Other);
        assert_eq!(identify("السلام عليكم"), TextLang::Other);
        assert_eq!(identify("@budi #promo https://t.co/x"), TextLang::Other);
    }

    #[test]
    fn codes_are_the_stored_values() {
        assert_eq!(TextLang::Indonesian.code(), "id");
        assert_eq!(TextLang::English.code(), "en");
        assert_eq!(TextLang::Other.code(), "other");
    }
}
