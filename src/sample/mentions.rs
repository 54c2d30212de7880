//! A generic social-listening export, `mentions_<YYYY-MM>.csv`: what a monitoring tool (or the
//! foundation's own collection) finds about the foundation and about zakat in general.
//!
//! Shape of the data: a few loyal authors write often and many write once; weekdays are busier
//! than weekends and Friday peaks (sedekah Jumat); about 70% of mentions name the foundation
//! (`@AmanahZakatID`, `#AmanahZakat` or "Amanah Zakat"), the rest talk about zakat or the
//! competitors Baznas and Dompet Sejahtera; mostly positive, with complaints about slow
//! distribution, scam warnings, and in the last month a two-day spike of negative mentions
//! about a fake account. `created_at` is UTC and always inside the month. News rows leave
//! `author_followers`, `likes`, `reposts` and `replies` empty: tools do not measure them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::calendar::{iso_utc, JAKARTA_UTC_OFFSET_HOURS};
use super::content::{slug, LOCATIONS};
use super::instagram::shortcode;
use super::rng::{count, Rng};
use super::x::snowflake_id;
use super::{csv_bytes, Encoding, MonthContext, SampleFile};

pub(crate) const HEADER: [&str; 10] = [
    "id",
    "created_at",
    "platform",
    "author",
    "author_followers",
    "text",
    "url",
    "likes",
    "reposts",
    "replies",
];

/// The three ways people name the foundation; a mention "names the foundation" if its text
/// contains one of them.
pub(crate) const ORG_MARKERS: [&str; 3] = ["@AmanahZakatID", "#AmanahZakat", "Amanah Zakat"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    X,
    Instagram,
    Facebook,
    TikTok,
    News,
}

impl Platform {
    fn label(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::TikTok => "tiktok",
            Platform::News => "news",
        }
    }
}

/// Where mentions come from, by share of volume.
const PLATFORM_MIX: [(Platform, u32); 5] = [
    (Platform::X, 42),
    (Platform::Instagram, 25),
    (Platform::Facebook, 13),
    (Platform::TikTok, 11),
    (Platform::News, 9),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    Praise,
    Question,
    SlowDistribution,
    ScamWarning,
    GeneralZakat,
    Competitor,
}

/// Everyday topics of social posts: about two thirds name the foundation.
const EVERYDAY_TOPICS: [(Topic, u32); 6] = [
    (Topic::Praise, 42),
    (Topic::Question, 15),
    (Topic::SlowDistribution, 6),
    (Topic::ScamWarning, 3),
    (Topic::GeneralZakat, 20),
    (Topic::Competitor, 10),
];

/// Topics during the fake-account spike.
const SPIKE_TOPICS: [(Topic, u32); 3] = [
    (Topic::ScamWarning, 60),
    (Topic::SlowDistribution, 28),
    (Topic::Question, 12),
];

/// `{org}` names the foundation in one of its three forms; `{to}` addresses it directly.
fn templates(topic: Topic) -> &'static [&'static str] {
    match topic {
        Topic::Praise => &[
            "Alhamdulillah zakat penghasilan bulan ini sudah ditunaikan lewat {org}. Laporannya rapi dan transparan 👍",
            "Barusan lihat video sumur bor {org} di {loc}, merinding. Semoga berkah untuk semua donatur 🤲",
            "Sedekah Jumat lewat {org} tiap pekan, gampang banget tinggal scan QRIS.",
            "Terima kasih {org} sudah bantu warga {loc} pasca banjir. Relawannya sigap!",
            "Adik saya dapat beasiswa dari {org}, sekarang bisa lanjut kuliah. Jazakumullah khairan.",
            "Salut sama {org}, laporan penyaluran bulanannya detail sampai per kecamatan.",
            "Ikut jadi relawan {org} di {loc} akhir pekan ini, capek tapi bahagia 💚",
            "Paket sembako dari {org} sampai ke rumah nenek saya di {loc}. Terima kasih banyak 🙏",
            "Just paid my zakat through {org}. Love that they publish monthly distribution reports.",
            "Great work by {org} on clean water wells in {loc}. Donated today.",
            "Kalkulator zakat di website {org} membantu banget buat yang baru mulai zakat profesi.",
            "Baru tahu {org} punya program air bersih di {loc}. Langsung ikut donasi!",
        ],
        Topic::Question => &[
            "{to} min, zakat maal bisa dicicil per bulan nggak ya?",
            "Ada yang pernah zakat lewat {org}? Bukti setornya bisa buat pengurang pajak nggak?",
            "{to} rekening resmi untuk infaq pendidikan yang mana ya? Takut salah transfer.",
            "{to} pendaftaran beasiswa tahun ini masih buka? Adik saya di {loc} mau daftar.",
            "Does {org} accept zakat paid with overseas cards? Asking for a friend in Malaysia.",
            "{to} kalau mau jadi relawan di {loc}, daftarnya ke mana ya?",
        ],
        Topic::SlowDistribution => &[
            "Donasi bencana {loc} lewat {org} sudah 3 minggu, kok belum ada update penyalurannya?",
            "{to} tolong dicek, bukti transfer saya belum dikonfirmasi sejak minggu lalu.",
            "Kecewa, CS {org} lambat banget balas DM. Padahal cuma mau minta laporan zakat.",
            "Bantuan untuk {loc} katanya sudah disalurkan, tapi warga di sana bilang belum terima. {to} mohon penjelasannya.",
            "Zakat sudah ditransfer dari awal bulan, email konfirmasi dari {org} belum masuk juga 😕",
            "Slow response from {org} again. Still waiting for my donation receipt after two weeks.",
        ],
        Topic::ScamWarning => &[
            "Hati-hati! Ada akun palsu mengatasnamakan {org} minta transfer lewat DM. Akun resminya cuma satu.",
            "WASPADA penipuan: nomor WA yang ngaku admin {org} minta donasi ke rekening pribadi. Jangan ditransfer!",
            "Beware of a fake account impersonating {org} asking for donations via DM. Report it!",
            "Saya hampir kena tipu akun palsu {org}. Kenapa belum ada klarifikasi resmi? {to}",
            "Ibu saya sudah transfer Rp500.000 ke akun palsu yang pakai logo {org} 😭 Tolong dibantu {to}",
            "Akun palsu {org} masih aktif padahal sudah dilaporkan berkali-kali. Kok dibiarkan?",
        ],
        Topic::GeneralZakat => &[
            "Zakat itu bukan sekadar kewajiban, tapi cara membersihkan harta 🤲 #ZakatBerkah",
            "Hitung zakat penghasilan ternyata gampang: 2,5% dari penghasilan kalau sudah mencapai nisab.",
            "Jumat berkah, jangan lupa sedekah walau sedikit.",
            "Reminder: zakat maal is due once your savings reach nisab for a full lunar year.",
            "Lembaga zakat sekarang harus lebih transparan. Donatur berhak tahu ke mana uangnya pergi.",
            "Semoga program air bersih di {loc} makin banyak yang bantu. Kemarau tahun ini panjang sekali.",
            "Sedekah pangan buat tetangga sekitar juga penting, nggak harus lewat lembaga.",
            "Bingung mau zakat lewat lembaga mana, ada rekomendasi yang laporannya jelas?",
        ],
        Topic::Competitor => &[
            "Barusan bayar zakat lewat Baznas, prosesnya cepat dan ada bukti setor resmi.",
            "Dompet Sejahtera buka program beasiswa juga ternyata, ada yang pernah daftar?",
            "Bandingin laporan Baznas sama Dompet Sejahtera, dua-duanya cukup transparan sih.",
            "Dompet Sejahtera lagi galang dana air bersih di {loc}, ikut nyumbang ah.",
            "Zakat maal tahun ini saya salurkan lewat Baznas daerah, lebih dekat ke mustahik sekitar.",
            "Aplikasi Dompet Sejahtera makin enak dipakai buat sedekah rutin.",
        ],
    }
}

const NEWS_ABOUT_ORG: [&str; 5] = [
    "Amanah Zakat Nusantara Salurkan {n} Paket Sembako untuk Lansia di {loc}",
    "Kemarau Panjang, Amanah Zakat Nusantara Bangun Sumur Bor di {loc}",
    "{k} Pelajar {loc} Terima Beasiswa dari Amanah Zakat Nusantara",
    "Amanah Zakat Nusantara Dirikan Dapur Umum bagi Pengungsi di {loc}",
    "Penyaluran Zakat Amanah Zakat Nusantara Naik 18 Persen",
];
const NEWS_ABOUT_SCAM: [&str; 2] = [
    "Marak Penipuan Catut Nama Lembaga Zakat, Amanah Zakat Imbau Donatur Cek Rekening Resmi",
    "Akun Palsu Mengatasnamakan Amanah Zakat Nusantara Tipu Puluhan Donatur",
];
const NEWS_GENERAL: [&str; 4] = [
    "Potensi Zakat Nasional Diperkirakan Tembus Rp300 Triliun, Realisasi Masih Rendah",
    "Baznas Dorong Pembayaran Zakat Digital Lewat QRIS",
    "Dompet Sejahtera Luncurkan Program Beasiswa untuk 1.000 Santri",
    "Filantropi Islam Tumbuh, Lembaga Zakat Diminta Perkuat Tata Kelola",
];

/// Fictional news outlets: (name, domain).
const OUTLETS: [(&str, &str); 5] = [
    ("Warta Umat", "wartaumat.example"),
    ("Kabar Filantropi", "kabarfilantropi.example"),
    ("Suara Nusantara", "suaranusantara.example"),
    ("Harian Madani", "harianmadani.example"),
    ("Jurnal Kita", "jurnalkita.example"),
];

/// The loyal authors, most active first. Everyone else is generated.
const REGULARS: [(&str, Platform, u64); 8] = [
    ("@rina_s", Platform::X, 2_340),
    ("@hafizrahman", Platform::X, 18_900),
    ("@ummu.aisyah", Platform::Instagram, 7_450),
    ("@infozakat_id", Platform::X, 41_200),
    ("Sri Wahyuni", Platform::Facebook, 860),
    ("@ustadzah.mila", Platform::TikTok, 126_000),
    ("@dimas_pratama", Platform::X, 530),
    ("@kak.nadia", Platform::Instagram, 3_120),
];

const FIRST_NAMES: [&str; 24] = [
    "rina", "dewi", "agus", "budi", "siti", "fajar", "putri", "rizky", "ayu", "hendra", "nur",
    "wahyu", "indah", "yusuf", "lestari", "ahmad", "fitri", "bayu", "annisa", "reza", "sari",
    "dian", "galih", "maya",
];
const LAST_NAMES: [&str; 12] = [
    "pratama",
    "saputra",
    "wulandari",
    "hidayat",
    "nugroho",
    "rahmawati",
    "kusuma",
    "santoso",
    "lubis",
    "siregar",
    "harahap",
    "permata",
];

/// How many authors each platform's pool holds, regulars included.
const AUTHORS_PER_PLATFORM: usize = 80;

#[derive(Debug, Clone)]
struct Author {
    name: String,
    platform: Platform,
    followers: u64,
    /// Numeric profile id, used in Facebook post URLs.
    profile_id: u64,
}

/// Authors per social platform, most active first; the rank drives a Zipf-like choice.
#[derive(Debug)]
struct AuthorPool {
    by_platform: Vec<(Platform, Vec<Author>)>,
}

impl AuthorPool {
    /// The same pool every month (it depends on the seed only), so regulars stay regular.
    fn new(seed: u64) -> Self {
        let mut rng = Rng::stream(seed, "mention-authors", 0);
        let platforms = [
            Platform::X,
            Platform::Instagram,
            Platform::Facebook,
            Platform::TikTok,
        ];
        let by_platform = platforms
            .into_iter()
            .map(|platform| (platform, platform_authors(&mut rng, platform)))
            .collect();
        Self { by_platform }
    }

    /// Author of rank r is chosen with weight 1/(r+3): the top few write every other day,
    /// most authors once a month or less.
    fn pick(&self, rng: &mut Rng, platform: Platform) -> &Author {
        let authors = &self
            .by_platform
            .iter()
            .find(|(candidate, _)| *candidate == platform)
            .expect("social platforms have pools")
            .1;
        let weights: Vec<u32> = (0..authors.len())
            .map(|rank| 10_000 / (rank as u32 + 3))
            .collect();
        &authors[rng.pick_index_weighted(&weights)]
    }
}

fn platform_authors(rng: &mut Rng, platform: Platform) -> Vec<Author> {
    let mut authors: Vec<Author> = REGULARS
        .iter()
        .filter(|(_, home, _)| *home == platform)
        .map(|&(name, _, followers)| Author {
            name: name.to_string(),
            platform,
            followers,
            profile_id: rng.digits(15),
        })
        .collect();
    while authors.len() < AUTHORS_PER_PLATFORM {
        let name = generated_name(rng, platform);
        if authors.iter().any(|author| author.name == name) {
            continue;
        }
        authors.push(Author {
            name,
            platform,
            // Mostly small accounts, a few with tens of thousands of followers.
            followers: count(60.0 * rng.heavy_tail(400.0)) + rng.below(80),
            profile_id: rng.digits(15),
        });
    }
    authors
}

/// Handles as people write them on each platform; Facebook shows real names.
fn generated_name(rng: &mut Rng, platform: Platform) -> String {
    let first = *rng.pick(&FIRST_NAMES);
    let last = *rng.pick(&LAST_NAMES);
    let style = rng.below(2);
    match (platform, style) {
        (Platform::X, 0) => format!("@{first}_{}", &last[..1]),
        (Platform::X, _) => format!("@{first}{last}{:02}", rng.below(100)),
        (Platform::Instagram, 0) => format!("@{first}.{last}"),
        (Platform::Instagram, _) => format!("@{first}_{last}{}", rng.below(10)),
        (Platform::TikTok, 0) => format!("@{first}{last}"),
        (Platform::TikTok, _) => format!("@{first}.{:02}", rng.below(100)),
        _ => format!("{} {}", capitalised(first), capitalised(last)),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug)]
struct Mention {
    created_at: NaiveDateTime,
    topic: Topic,
    platform: Platform,
    author: String,
    author_followers: Option<u64>,
    text: String,
    url: String,
    /// likes, reposts, replies; `None` for news.
    engagement: Option<(u64, u64, u64)>,
}

/// The month's mentions file.
pub(crate) fn mentions_export(context: &MonthContext) -> SampleFile {
    let mut rng = context.rng("mentions");
    let authors = AuthorPool::new(context.seed);
    // The conversation grows with the audience, like the foundation's own reach.
    let daily_base = rng.uniform(11.0, 15.0) * context.audience_growth();
    let mut mentions = Vec::new();
    for date in context.month.days() {
        let volume = count(daily_base * weekday_factor(date) * rng.uniform(0.75, 1.25));
        for _ in 0..volume {
            let topic = rng.pick_weighted(&EVERYDAY_TOPICS);
            mentions.push(mention(&mut rng, &authors, date, topic));
        }
    }
    if let Some(start) = context.negative_spike_start {
        mentions.extend(negative_spike(&mut rng, &authors, start));
    }
    vary_repeated_texts(&mut rng, &mut mentions);
    // Stable sort: mentions in the same second keep their draw order.
    mentions.sort_by_key(|mention| mention.created_at);

    let month = context.month;
    let rows: Vec<Vec<String>> = mentions
        .iter()
        .enumerate()
        .map(|(index, mention)| {
            row(
                mention,
                format!("{}{:02}{:05}", month.year, month.month, index + 1),
            )
        })
        .collect();
    let name = format!("mentions_{}-{:02}.csv", month.year, month.month);
    SampleFile {
        relative: ["mentions", name.as_str()].iter().collect(),
        bytes: csv_bytes(Encoding::PlainCsv, &HEADER, &rows),
    }
}

/// People do not post the very same sentence twice in a month: redraw the text of an author's
/// repeats a few times. Templates are few, so an occasional repeat may remain, as in real data.
fn vary_repeated_texts(rng: &mut Rng, mentions: &mut [Mention]) {
    const ATTEMPTS: usize = 4;
    for index in 1..mentions.len() {
        if mentions[index].platform == Platform::News {
            continue;
        }
        for _ in 0..ATTEMPTS {
            let current = &mentions[index];
            let repeated = mentions[..index]
                .iter()
                .any(|earlier| earlier.author == current.author && earlier.text == current.text);
            if !repeated {
                break;
            }
            let (platform, topic) = (current.platform, current.topic);
            mentions[index].text = social_text(rng, platform, topic);
        }
    }
}

/// Fewer posts at weekends; Thursday evening and Friday are for sedekah Jumat.
fn weekday_factor(date: NaiveDate) -> f64 {
    match date.weekday() {
        Weekday::Fri => 1.45,
        Weekday::Thu => 1.1,
        Weekday::Sat => 0.7,
        Weekday::Sun => 0.6,
        _ => 1.0,
    }
}

/// Two days of complaints after a fake account starts collecting "donations". Most come on
/// the first day, when people find out, so that day stands out from the week before even
/// in negative mentions alone (the example report's crisis section finds it there).
fn negative_spike(rng: &mut Rng, authors: &AuthorPool, start: NaiveDate) -> Vec<Mention> {
    let extra = rng.range(45, 60);
    let second_day = start.succ_opt().expect("spike inside the month");
    (0..extra)
        .map(|_| {
            let date = if rng.chance(0.7) { start } else { second_day };
            let topic = rng.pick_weighted(&SPIKE_TOPICS);
            mention(rng, authors, date, topic)
        })
        .collect()
}

fn mention(rng: &mut Rng, authors: &AuthorPool, date: NaiveDate, topic: Topic) -> Mention {
    let created_at = date.and_time(time_of_day(rng));
    let platform = rng.pick_weighted(&PLATFORM_MIX);
    if platform == Platform::News {
        return news_article(rng, created_at, topic);
    }
    let author = authors.pick(rng, platform);
    let text = social_text(rng, platform, topic);
    let likes = social_likes(rng, author.followers);
    // Warnings are passed on far more than they are liked.
    let repost_share = if topic == Topic::ScamWarning {
        rng.uniform(0.3, 0.9)
    } else {
        rng.uniform(0.03, 0.3)
    };
    Mention {
        created_at,
        topic,
        platform,
        author: author.name.clone(),
        author_followers: Some(author.followers),
        text,
        url: social_url(rng, author, created_at),
        engagement: Some((
            likes,
            count(likes as f64 * repost_share),
            count(likes as f64 * rng.uniform(0.03, 0.2)) + rng.below(2),
        )),
    }
}

/// Jakarta's rhythm (quiet at night, busy at lunch and in the evening), expressed in UTC on
/// the same UTC date so the file covers exactly its UTC month.
fn time_of_day(rng: &mut Rng) -> NaiveTime {
    const JAKARTA_HOUR_WEIGHTS: [u32; 24] = [
        2, 1, 1, 1, 2, 4, 6, 8, 9, 8, 7, 7, 9, 8, 7, 6, 7, 7, 6, 8, 10, 10, 8, 4,
    ];
    let jakarta_hour = rng.pick_index_weighted(&JAKARTA_HOUR_WEIGHTS) as i64;
    let utc_hour = (jakarta_hour - JAKARTA_UTC_OFFSET_HOURS).rem_euclid(24) as u32;
    NaiveTime::from_hms_opt(utc_hour, rng.below(60) as u32, rng.below(60) as u32)
        .expect("valid time of day")
}

fn social_likes(rng: &mut Rng, followers: u64) -> u64 {
    let mut likes = followers as f64 * rng.uniform(0.003, 0.03);
    // Now and then a small account's post travels.
    if rng.chance(0.03) {
        likes *= rng.uniform(5.0, 30.0);
    }
    count(likes)
}

fn social_text(rng: &mut Rng, platform: Platform, topic: Topic) -> String {
    let template = *rng.pick(templates(topic));
    let org = org_reference(rng, platform);
    let to = match platform {
        Platform::Facebook => "Amanah Zakat",
        _ => "@AmanahZakatID",
    };
    let mut text = template
        .replace("{org}", org)
        .replace("{to}", to)
        .replace("{loc}", rng.pick::<&str>(&LOCATIONS));
    if topic == Topic::Praise && rng.chance(0.25) && !text.contains("#AmanahZakat") {
        text.push_str(" #AmanahZakat");
    }
    text
}

/// How people name the foundation differs by platform: handles on X, hashtags on Instagram
/// and TikTok, the plain name on Facebook.
fn org_reference(rng: &mut Rng, platform: Platform) -> &'static str {
    let [handle, hashtag, name] = ORG_MARKERS;
    let weights = match platform {
        Platform::X => [(handle, 60), (hashtag, 15), (name, 25)],
        Platform::Facebook => [(handle, 15), (hashtag, 25), (name, 60)],
        _ => [(handle, 30), (hashtag, 40), (name, 30)],
    };
    rng.pick_weighted(&weights)
}

fn social_url(rng: &mut Rng, author: &Author, created_at: NaiveDateTime) -> String {
    let handle = author.name.trim_start_matches('@');
    match author.platform {
        Platform::X => format!(
            "https://x.com/{handle}/status/{}",
            snowflake_id(rng, created_at)
        ),
        Platform::Instagram => format!("https://www.instagram.com/p/{}/", shortcode(rng)),
        Platform::Facebook => format!(
            "https://www.facebook.com/{}/posts/{}",
            author.profile_id,
            rng.digits(16)
        ),
        Platform::TikTok => format!(
            "https://www.tiktok.com/@{handle}/video/7{:018}",
            rng.below(1_000_000_000_000_000_000)
        ),
        Platform::News => unreachable!("news articles have their own URLs"),
    }
}

/// A news article: mostly about the foundation, about the scam while it lasts.
fn news_article(rng: &mut Rng, created_at: NaiveDateTime, topic: Topic) -> Mention {
    let headline = match topic {
        Topic::ScamWarning => *rng.pick(&NEWS_ABOUT_SCAM),
        Topic::GeneralZakat | Topic::Competitor => *rng.pick(&NEWS_GENERAL),
        _ => *rng.pick(&NEWS_ABOUT_ORG),
    };
    let headline = headline
        .replace("{loc}", rng.pick::<&str>(&LOCATIONS))
        .replace("{n}", &rng.range(100, 2_000).to_string())
        .replace("{k}", &rng.range(12, 150).to_string());
    let (outlet, domain) = *rng.pick(&OUTLETS);
    let date = created_at.date();
    let url = format!(
        "https://{domain}/{}/{:02}/{:02}/{}",
        date.year(),
        date.month(),
        date.day(),
        slug(&headline)
    );
    Mention {
        created_at,
        topic,
        platform: Platform::News,
        author: outlet.to_string(),
        author_followers: None,
        text: headline,
        url,
        engagement: None,
    }
}

fn row(mention: &Mention, id: String) -> Vec<String> {
    let optional = |value: Option<u64>| value.map(|v| v.to_string()).unwrap_or_default();
    let (likes, reposts, replies) = match mention.engagement {
        Some((likes, reposts, replies)) => (Some(likes), Some(reposts), Some(replies)),
        None => (None, None, None),
    };
    vec![
        id,
        iso_utc(mention.created_at),
        mention.platform.label().to_string(),
        mention.author.clone(),
        optional(mention.author_followers),
        mention.text.clone(),
        mention.url.clone(),
        optional(likes),
        optional(reposts),
        optional(replies),
    ]
}
