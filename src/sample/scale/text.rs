//! What the generated mentions say: Indonesian and English sentences from templates, about the
//! foundation, its competitors or zakat in general, with positive, neutral or negative
//! wording so that sentiment scoring has something to find.
//!
//! Texts are written into a reused `String`; placeholders (`{s}` the subject, `{loc}` a place,
//! `{amt}` an amount) are filled while copying, without intermediate strings. No fragment
//! holds a quote or a line break (a test checks), so CSV quoting only ever meets commas.

use super::super::content::LOCATIONS;
use super::super::rng::Rng;
use super::draw::{one_of, weighted};
use super::volume::Spike;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    Indonesian,
    English,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Positive,
    Neutral,
    Negative,
    /// Warnings about a fake account collecting "donations": negative, and shared widely.
    ScamWarning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// The foundation, in one of the ways people write it.
    Own,
    Competitor(&'static str),
    /// Zakat, charities or mosques in general: no brand named.
    General,
}

/// What one mention is going to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Draft {
    pub language: Language,
    pub subject: Subject,
    pub tone: Tone,
}

/// The foundation as people name it; every form contains one of the listening terms.
pub(crate) const OWN_FORMS: [(&str, u32); 4] = [
    ("Amanah Zakat", 40),
    ("@AmanahZakatID", 30),
    ("#AmanahZakat", 20),
    ("Amanah Zakat Nusantara", 10),
];
/// The competitors of the example pipeline's `[listening]`, with their share of mentions.
pub(crate) const COMPETITORS: [(&str, u32); 2] = [("Baznas", 60), ("Dompet Sejahtera", 40)];

const GENERAL_ID: [&str; 5] = [
    "lembaga zakat",
    "lembaga zakat di kota saya",
    "yayasan amal itu",
    "panitia zakat masjid kami",
    "aplikasi sedekah itu",
];
const GENERAL_EN: [&str; 4] = [
    "the zakat agency",
    "a local charity",
    "our mosque zakat committee",
    "this foundation",
];

const AMOUNTS: [&str; 6] = [
    "Rp50.000",
    "Rp100.000",
    "Rp250.000",
    "Rp500.000",
    "Rp1.000.000",
    "Rp2.500.000",
];

const POSITIVE_ID: [&str; 12] = [
    "Alhamdulillah zakat penghasilan bulan ini sudah ditunaikan lewat {s}. Laporannya rapi dan transparan",
    "Terima kasih {s} sudah membantu warga {loc} dengan cepat",
    "Salut sama {s}, bantuannya benar-benar sampai ke {loc}",
    "Senang sekali lihat program air bersih {s} di {loc}, semoga berkah",
    "Donasi {amt} lewat {s} gampang banget, tinggal scan QRIS",
    "Relawan {s} di {loc} sigap dan ramah, mantap",
    "Adik saya dapat beasiswa dari {s}, sekarang bisa lanjut kuliah. Bersyukur sekali",
    "Laporan penyaluran {s} detail dan jelas, jadi makin percaya",
    "Barusan lihat video sumur bor {s} di {loc}, terharu dan bangga",
    "Paket sembako dari {s} sampai ke rumah nenek saya di {loc}. Terima kasih banyak",
    "Pelayanan {s} ramah dan cepat, konfirmasi donasi langsung masuk",
    "Semoga {s} makin amanah, programnya bagus dan bermanfaat",
];
const NEUTRAL_ID: [&str; 10] = [
    "{s} buka pendaftaran beasiswa untuk pelajar {loc} bulan ini",
    "Ada yang tahu rekening resmi {s} untuk infaq pendidikan?",
    "{s} menyalurkan paket sembako di {loc} hari ini",
    "Info: kantor {s} di {loc} pindah alamat",
    "Zakat maal bisa dicicil per bulan lewat {s} nggak ya?",
    "Jadwal kajian zakat {s} pekan ini di {loc}",
    "Lagi baca laporan tahunan {s}",
    "Kalau mau jadi relawan {s} di {loc}, daftarnya ke mana ya?",
    "Hitung zakat penghasilan pakai kalkulator {s}, nisabnya ikut harga emas",
    "{s} membuka posko bantuan di {loc}",
];
const NEGATIVE_ID: [&str; 10] = [
    "Kecewa sama {s}, sudah seminggu DM tidak dibalas",
    "Donasi {amt} ke {s} untuk {loc} belum ada laporannya, kok lambat sekali",
    "Bukti transfer saya belum dikonfirmasi {s}, mengecewakan",
    "Bantuan {s} untuk {loc} katanya sudah disalurkan tapi warga belum terima. Buruk sekali",
    "Aplikasi {s} error terus waktu mau bayar zakat, payah dan mengecewakan",
    "CS {s} lambat banget, saya cuma minta bukti setor zakat",
    "Laporan keuangan {s} tidak jelas, jadi ragu mau donasi lagi",
    "Sudah tiga minggu belum ada kabar dari {s} soal bantuan {loc}. Kecewa",
    "Potongan biaya operasional {s} terlalu besar, tidak adil untuk donatur",
    "Sayang sekali {s} tidak menanggapi keluhan warga {loc}",
];
const SCAM_ID: [&str; 6] = [
    "Hati-hati! Ada akun palsu mengatasnamakan {s} minta transfer lewat DM",
    "WASPADA penipuan: nomor WA yang ngaku admin {s} minta donasi ke rekening pribadi",
    "Saya hampir kena tipu akun palsu {s}. Kenapa belum ada klarifikasi resmi?",
    "Ibu saya sudah transfer {amt} ke akun palsu yang pakai logo {s}. Tolong dibantu",
    "Akun palsu {s} masih aktif padahal sudah dilaporkan berkali-kali. Parah",
    "Penipu pakai nama {s} lagi, sudah banyak korban di {loc}",
];
const POSITIVE_EN: [&str; 8] = [
    "Just paid my zakat through {s}. Love their transparent reports",
    "Great work by {s} on clean water wells in {loc}",
    "Thank you {s} for helping families in {loc} so quickly",
    "Donated {amt} via {s} today, super easy with QRIS",
    "Amazing volunteers from {s} in {loc}, truly inspiring",
    "Really impressed by how fast {s} responded after the floods in {loc}",
    "My cousin got a scholarship from {s}. So grateful",
    "The monthly report from {s} is clear and detailed. Trust earned",
];
const NEUTRAL_EN: [&str; 6] = [
    "{s} opens scholarship applications for students in {loc}",
    "Does {s} accept zakat paid with overseas cards?",
    "{s} is distributing food packages in {loc} today",
    "Reading the annual report of {s}",
    "How do I volunteer with {s} in {loc}?",
    "{s} set up a relief post in {loc}",
];
const NEGATIVE_EN: [&str; 6] = [
    "Disappointed with {s}, still no reply to my messages after a week",
    "My donation receipt from {s} never arrived, terrible service",
    "Slow response from {s} again, still waiting for the report on {loc}",
    "The app of {s} keeps failing when I try to pay zakat. Frustrating",
    "Why are the overhead costs of {s} so high? Not fair to donors",
    "Aid from {s} never reached the families in {loc}. Awful",
];
const SCAM_EN: [&str; 4] = [
    "Beware of a fake account impersonating {s} asking for transfers. Report it!",
    "Scam alert: someone is using the name of {s} to collect donations by DM",
    "My mother lost {amt} to a fake {s} account. Please help",
    "The fake {s} account is still active after so many reports. Terrible",
];

const HEADLINES_POSITIVE_ID: [&str; 4] = [
    "{s} Salurkan Paket Sembako untuk Lansia di {loc}",
    "Kemarau Panjang, {s} Bangun Sumur Bor di {loc}",
    "Ratusan Pelajar {loc} Terima Beasiswa dari {s}",
    "Penyaluran Zakat {s} Naik 18 Persen",
];
const HEADLINES_NEUTRAL_ID: [&str; 3] = [
    "{s} Dorong Pembayaran Zakat Digital Lewat QRIS",
    "{s} Buka Posko Bantuan di {loc}",
    "Potensi Zakat Nasional Besar, {s} Perkuat Tata Kelola",
];
const HEADLINES_NEGATIVE_ID: [&str; 3] = [
    "Warga {loc} Keluhkan Lambatnya Bantuan {s}",
    "Donatur Pertanyakan Laporan Keuangan {s}",
    "Marak Penipuan Catut Nama {s}, Donatur Diminta Waspada",
];
const HEADLINES_POSITIVE_EN: [&str; 2] = [
    "{s} Builds Clean Water Wells in Drought-Hit {loc}",
    "{s} Reports Record Zakat Distribution",
];
const HEADLINES_NEUTRAL_EN: [&str; 2] = [
    "{s} Launches Digital Zakat Payments",
    "{s} Opens Relief Post in {loc}",
];
const HEADLINES_NEGATIVE_EN: [&str; 2] = [
    "Donors Question Financial Reports of {s}",
    "Scammers Impersonate {s} to Collect Donations",
];

const CLOSERS_POSITIVE: [(&str, u32); 6] = [
    ("", 50),
    (" 🙏", 15),
    (" 👍", 10),
    (" 🤲", 10),
    (" #ZakatBerkah", 10),
    (" 💚", 5),
];
const CLOSERS_NEUTRAL: [(&str, u32); 3] = [("", 80), (" #Zakat", 12), (" 🤔", 8)];
const CLOSERS_NEGATIVE: [(&str, u32); 4] = [("", 60), (" 😕", 15), (" 😡", 10), (" 🙄", 15)];

/// Drafts an everyday mention, or on a spike day mostly one about the spike.
pub(crate) fn draft(rng: &mut Rng, spike: Option<Spike>) -> Draft {
    let language = if rng.chance(0.3) {
        Language::English
    } else {
        Language::Indonesian
    };
    if let Some(spike) = spike.filter(|_| rng.chance(0.75)) {
        let tone = match spike {
            Spike::FakeAccount if rng.chance(0.7) => Tone::ScamWarning,
            Spike::FakeAccount => Tone::Negative,
            Spike::ViralCampaign if rng.chance(0.85) => Tone::Positive,
            Spike::ViralCampaign => Tone::Neutral,
        };
        return Draft {
            language,
            subject: Subject::Own,
            tone,
        };
    }
    let subject = match rng.below(100) {
        0..=44 => Subject::Own,
        45..=59 => Subject::Competitor(weighted(rng, &COMPETITORS)),
        _ => Subject::General,
    };
    let (positive, neutral) = match subject {
        Subject::Own => (50, 32),
        Subject::Competitor(_) => (40, 40),
        Subject::General => (35, 50),
    };
    let ticket = rng.below(100);
    let tone = if ticket < positive {
        Tone::Positive
    } else if ticket < positive + neutral {
        Tone::Neutral
    } else if subject == Subject::Own && rng.chance(0.1) {
        Tone::ScamWarning
    } else {
        Tone::Negative
    };
    Draft {
        language,
        subject,
        tone,
    }
}

/// A social post's text; on Fridays Indonesian posts sometimes add the sedekah Jumat tag.
pub(crate) fn write_post(out: &mut String, rng: &mut Rng, draft: Draft, friday: bool) {
    let templates: &[&str] = match (draft.language, draft.tone) {
        (Language::Indonesian, Tone::Positive) => &POSITIVE_ID,
        (Language::Indonesian, Tone::Neutral) => &NEUTRAL_ID,
        (Language::Indonesian, Tone::Negative) => &NEGATIVE_ID,
        (Language::Indonesian, Tone::ScamWarning) => &SCAM_ID,
        (Language::English, Tone::Positive) => &POSITIVE_EN,
        (Language::English, Tone::Neutral) => &NEUTRAL_EN,
        (Language::English, Tone::Negative) => &NEGATIVE_EN,
        (Language::English, Tone::ScamWarning) => &SCAM_EN,
    };
    let subject = social_subject(rng, draft);
    let template = one_of(rng, templates);
    fill(out, rng, template, subject);
    let closers: &[(&str, u32)] = match draft.tone {
        Tone::Positive => &CLOSERS_POSITIVE,
        Tone::Neutral => &CLOSERS_NEUTRAL,
        Tone::Negative | Tone::ScamWarning => &CLOSERS_NEGATIVE,
    };
    out.push_str(weighted(rng, closers));
    if friday && draft.language == Language::Indonesian && rng.chance(0.3) {
        out.push_str(" #SedekahJumat");
    }
}

/// A news headline; outlets write the foundation's full name.
pub(crate) fn write_headline(out: &mut String, rng: &mut Rng, draft: Draft) {
    let templates: &[&str] = match (draft.language, draft.tone) {
        (Language::Indonesian, Tone::Positive) => &HEADLINES_POSITIVE_ID,
        (Language::Indonesian, Tone::Neutral) => &HEADLINES_NEUTRAL_ID,
        (Language::Indonesian, _) => &HEADLINES_NEGATIVE_ID,
        (Language::English, Tone::Positive) => &HEADLINES_POSITIVE_EN,
        (Language::English, Tone::Neutral) => &HEADLINES_NEUTRAL_EN,
        (Language::English, _) => &HEADLINES_NEGATIVE_EN,
    };
    let subject = match draft.subject {
        Subject::Own => "Amanah Zakat Nusantara",
        Subject::Competitor(name) => name,
        Subject::General if draft.language == Language::English => "Zakat Agency",
        Subject::General => "Lembaga Zakat",
    };
    let template = one_of(rng, templates);
    fill(out, rng, template, subject);
}

fn social_subject(rng: &mut Rng, draft: Draft) -> &'static str {
    match (draft.subject, draft.language) {
        (Subject::Own, _) => weighted(rng, &OWN_FORMS),
        (Subject::Competitor(name), _) => name,
        (Subject::General, Language::Indonesian) => one_of(rng, &GENERAL_ID),
        (Subject::General, Language::English) => one_of(rng, &GENERAL_EN),
    }
}

/// Copies `template` into `out`, replacing `{s}`, `{loc}` and `{amt}`.
fn fill(out: &mut String, rng: &mut Rng, template: &str, subject: &str) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("placeholders are closed");
        match &rest[open + 1..close] {
            "s" => out.push_str(subject),
            "loc" => out.push_str(one_of(rng, &LOCATIONS)),
            "amt" => out.push_str(one_of(rng, &AMOUNTS)),
            other => unreachable!("unknown placeholder {{{other}}}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_templates() -> Vec<&'static str> {
        [
            &POSITIVE_ID[..],
            &NEUTRAL_ID,
            &NEGATIVE_ID,
            &SCAM_ID,
            &POSITIVE_EN,
            &NEUTRAL_EN,
            &NEGATIVE_EN,
            &SCAM_EN,
            &HEADLINES_POSITIVE_ID,
            &HEADLINES_NEUTRAL_ID,
            &HEADLINES_NEGATIVE_ID,
            &HEADLINES_POSITIVE_EN,
            &HEADLINES_NEUTRAL_EN,
            &HEADLINES_NEGATIVE_EN,
            &GENERAL_ID,
            &GENERAL_EN,
            &AMOUNTS,
            &LOCATIONS,
        ]
        .concat()
    }

    #[test]
    fn no_fragment_needs_csv_escaping_beyond_commas() {
        for text in all_templates() {
            assert!(
                !text.contains(['"', '\n', '\r']),
                "{text:?} would need escaping"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_and_own_mentions_name_the_foundation() {
        let mut rng = Rng::stream(1, "text", 0);
        let mut out = String::new();
        let mut own = 0;
        for index in 0..2_000 {
            let draft = draft(&mut rng, None);
            out.clear();
            if index % 10 == 0 {
                write_headline(&mut out, &mut rng, draft);
            } else {
                write_post(&mut out, &mut rng, draft, index % 7 == 0);
            }
            assert!(!out.contains(['{', '}']), "{out}");
            if draft.subject == Subject::Own {
                own += 1;
                assert!(out.contains("Amanah Zakat") || out.contains("AmanahZakat"));
            }
        }
        // 45% of everyday mentions are about the foundation.
        assert!((800..1_000).contains(&own), "{own}");
    }

    #[test]
    fn spike_days_are_about_the_spike() {
        let mut rng = Rng::stream(2, "text", 0);
        let drafts: Vec<Draft> = (0..1_000)
            .map(|_| draft(&mut rng, Some(Spike::FakeAccount)))
            .collect();
        let scams = drafts
            .iter()
            .filter(|d| d.tone == Tone::ScamWarning)
            .count();
        // 75% about the spike, 70% of those warnings; a few everyday ones too.
        assert!((480..600).contains(&scams), "{scams}");
    }
}
