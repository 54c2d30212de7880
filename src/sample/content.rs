//! What the foundation posts about: campaign themes and the Indonesian (sometimes English)
//! copy for them. Each platform module formats the same [`PostCopy`] its own way (X short with
//! a t.co link, Facebook with the full link, Instagram with "link di bio" and many hashtags).

use chrono::{Datelike, NaiveDate};

use super::calendar::{indonesian_month_name, Month};
use super::rng::Rng;

pub(crate) const ORG_NAME: &str = "Amanah Zakat Nusantara";
pub(crate) const SITE: &str = "https://amanahzakat.example";
const BRAND_HASHTAGS: [&str; 2] = ["#AmanahZakat", "#ZakatBerkah"];

/// Fictional partners the posts thank or tag.
pub(crate) const PARTNER_HANDLES: [&str; 4] = [
    "RelawanNusantara",
    "SahabatDhuafa",
    "KopiAmalID",
    "MasjidRayaTimur",
];

/// Where programmes and disasters happen. Each entry is also used in URLs after slugging.
pub(crate) const LOCATIONS: [&str; 16] = [
    "Cianjur",
    "Garut",
    "Lombok Timur",
    "Sumba Barat Daya",
    "Palu",
    "Pandeglang",
    "Gunungkidul",
    "Bima",
    "Sukabumi",
    "Kupang",
    "Mamuju",
    "Banyuwangi",
    "Pidie Jaya",
    "Sigi",
    "Demak",
    "Lebak",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Theme {
    Zakat,
    Infaq,
    SedekahPangan,
    SedekahJumat,
    Beasiswa,
    Bencana,
    AirBersih,
    Laporan,
    Edukasi,
    Testimoni,
    Relawan,
    /// Scam warning, posted when the negative-mention spike starts.
    Klarifikasi,
    /// 17 August, Indonesia's independence day.
    Kemerdekaan,
}

/// Everyday themes and how often the foundation posts about them. Friday's sedekah and the
/// two event themes are scheduled by the planner, not drawn from here.
pub(crate) const EVERYDAY_THEMES: [(Theme, u32); 10] = [
    (Theme::Zakat, 16),
    (Theme::Infaq, 8),
    (Theme::SedekahPangan, 12),
    (Theme::Beasiswa, 10),
    (Theme::Bencana, 8),
    (Theme::AirBersih, 10),
    (Theme::Laporan, 5),
    (Theme::Edukasi, 12),
    (Theme::Testimoni, 7),
    (Theme::Relawan, 5),
];

impl Theme {
    /// How strongly the audience reacts to the theme, relative to an average post.
    pub(crate) fn appeal(self) -> f64 {
        match self {
            Theme::Bencana => 1.6,
            Theme::AirBersih | Theme::Testimoni => 1.3,
            Theme::Kemerdekaan | Theme::Klarifikasi => 1.4,
            Theme::Beasiswa | Theme::Edukasi => 1.1,
            Theme::SedekahJumat | Theme::SedekahPangan => 1.0,
            Theme::Zakat | Theme::Relawan => 0.9,
            Theme::Infaq => 0.8,
            Theme::Laporan => 0.7,
        }
    }

    /// Themes people bookmark (Instagram saves): how-tos and reports.
    pub(crate) fn is_reference_material(self) -> bool {
        matches!(self, Theme::Edukasi | Theme::Laporan | Theme::Zakat)
    }

    /// Themes best told with moving pictures: these lean towards reels and videos.
    pub(crate) fn is_visual_story(self) -> bool {
        matches!(
            self,
            Theme::Bencana | Theme::AirBersih | Theme::Testimoni | Theme::Kemerdekaan
        )
    }
}

/// The words of one post before a platform formats them.
#[derive(Debug, Clone)]
pub(crate) struct PostCopy {
    pub headline: String,
    pub detail: String,
    /// Call to action, ends with a colon: the link (or "link di bio") follows it.
    pub call: String,
    /// A short title, used for videos.
    pub title: String,
    pub link: String,
    /// Theme hashtags first, then the brand's.
    pub hashtags: Vec<&'static str>,
    /// A partner handle (without `@`) the post tags, if any.
    pub partner: Option<&'static str>,
}

/// The words of one theme; `{…}` placeholders are filled per post by [`Slots`].
struct ThemeCopy {
    headlines: &'static [&'static str],
    details: &'static [&'static str],
    calls: &'static [&'static str],
    titles: &'static [&'static str],
    link_path: &'static str,
    hashtags: &'static [&'static str],
}

fn theme_copy(theme: Theme) -> ThemeCopy {
    match theme {
        Theme::Zakat => ThemeCopy {
            headlines: &[
                "Sudah hitung zakat penghasilan bulan ini? Cukup 2,5% dari penghasilan yang sudah mencapai nisab.",
                "Zakat maal bukan hanya untuk yang kaya raya. Kalau tabunganmu sudah mencapai nisab dan haul, saatnya ditunaikan.",
                "Zakatmu bulan ini menjadi modal usaha untuk {k} ibu pelaku UMKM di {loc}.",
                "Pay your zakat online in three minutes & get a transparent distribution report every month.",
                "Tunaikan zakat profesi sekarang, bersihkan harta & tenangkan hati.",
            ],
            details: &[
                "Nisab zakat penghasilan setara 85 gram emas per tahun. Belum yakin hitungannya? Pakai kalkulator zakat kami.",
                "Dana zakat disalurkan kepada 8 golongan (asnaf) sesuai syariat dan diaudit setiap tahun.",
                "Bulan lalu, zakat para muzakki membantu {n} keluarga mustahik di {loc}.",
            ],
            calls: &["Hitung & tunaikan zakatmu di sini:", "Tunaikan zakat sekarang:", "Pay your zakat here:"],
            titles: &["Cara Menghitung Zakat Penghasilan", "Zakat untuk UMKM {loc}"],
            link_path: "zakat",
            hashtags: &["#ZakatProfesi", "#ZakatMaal"],
        },
        Theme::Infaq => ThemeCopy {
            headlines: &[
                "Infaq {rp} hari ini bisa menjadi makan siang bergizi untuk anak yatim di {loc}.",
                "Sedikit tapi rutin lebih dicintai Allah. Yuk mulai infaq harian, mulai Rp10.000 saja.",
                "Every rupiah counts: your infaq funds school meals for {n} children in {loc}.",
            ],
            details: &[
                "Infaq rutin membantu kami merencanakan program jangka panjang, bukan sekadar bantuan sesaat.",
                "Saat ini {n} anak di {loc} menerima paket makan bergizi setiap pekan.",
            ],
            calls: &["Infaq sekarang:", "Mulai infaq rutin:"],
            titles: &["Makan Bergizi untuk Anak Yatim"],
            link_path: "infaq",
            hashtags: &["#InfaqRutin", "#BerbagiItuIndah"],
        },
        Theme::SedekahPangan => ThemeCopy {
            headlines: &[
                "{n} paket sembako sudah tiba di {loc}. Terima kasih para donatur! 🙏",
                "Program #SedekahPangan pekan ini: {n} paket beras & minyak goreng untuk lansia dhuafa di {loc}.",
                "Harga bahan pokok naik, banyak keluarga di {loc} harus mengurangi makan. Bantu mereka lewat #SedekahPangan.",
            ],
            details: &[
                "Setiap paket berisi 5 kg beras, 2 liter minyak goreng, gula, telur, dan mi instan.",
                "Penyaluran dilakukan bersama relawan dan pengurus masjid setempat agar tepat sasaran.",
            ],
            calls: &["Ikut sedekah pangan:", "Satu paket sembako {rp}. Sedekah di sini:"],
            titles: &["Sembako untuk Lansia {loc}"],
            link_path: "sedekah-pangan",
            hashtags: &["#SedekahPangan", "#BerbagiPangan"],
        },
        Theme::SedekahJumat => ThemeCopy {
            headlines: &[
                "Jumat berkah! Sisihkan sedekah terbaikmu hari ini untuk {k} santri penghafal Al-Qur'an di {loc}.",
                "Sedekah Jumat: {rp} sudah bisa menyediakan makan siang untuk satu santri selama sepekan.",
                "Friday reminder: small, sincere charity today brings barakah to your whole week.",
            ],
            details: &[
                "\"Sedekah tidak akan mengurangi harta.\" (HR. Muslim)",
                "Sedekah Jumat pekan lalu terkumpul dari {n} donatur. Jazakumullah khairan.",
            ],
            calls: &["Sedekah Jumat di sini:", "Yuk sedekah Jumat:"],
            titles: &["Jumat Berkah bersama Santri {loc}"],
            link_path: "sedekah-jumat",
            hashtags: &["#SedekahJumat", "#JumatBerkah"],
        },
        Theme::Beasiswa => ThemeCopy {
            headlines: &[
                "Pendaftaran Beasiswa Amanah Cendekia dibuka sampai {tanggal}! Untuk siswa SMA/SMK dari keluarga prasejahtera.",
                "Selamat kepada {k} penerima Beasiswa Amanah Cendekia dari {loc} 🎓",
                "Scholarship update: {k} students from {loc} have started their first semester this month.",
            ],
            details: &[
                "Beasiswa mencakup biaya sekolah, uang saku bulanan, dan pendampingan mentor.",
                "Syarat: nilai rapor rata-rata 80, surat keterangan tidak mampu, dan esai singkat tentang cita-citamu.",
            ],
            calls: &["Info & pendaftaran:", "Dukung beasiswa anak bangsa:"],
            titles: &["Beasiswa Amanah Cendekia", "Mimpi Anak {loc}"],
            link_path: "beasiswa",
            hashtags: &["#BeasiswaAmanah", "#PendidikanUntukSemua"],
        },
        Theme::Bencana => ThemeCopy {
            headlines: &[
                "Update banjir {loc}: tim relawan menyalurkan {n} paket logistik, selimut & air minum hari ini.",
                "Gempa M{mag} mengguncang {loc}. Tim tanggap darurat Amanah Zakat sudah bergerak ke lokasi.",
                "Tanah longsor di {loc}. {k} rumah rusak dan warga mengungsi. Mereka butuh bantuanmu sekarang.",
                "Emergency response in {loc}: hot meals for {n} displaced residents every day.",
            ],
            details: &[
                "Kebutuhan mendesak: makanan siap saji, air bersih, selimut, obat-obatan, dan perlengkapan bayi.",
                "Dapur umum kami di {loc} menyiapkan {n} porsi makanan setiap hari.",
            ],
            calls: &["Salurkan bantuan bencana:", "Bantu korban bencana:"],
            titles: &["Tanggap Darurat {loc}", "Dapur Umum {loc}"],
            link_path: "bencana",
            hashtags: &["#BantuanBencana", "#PeduliBencana"],
        },
        Theme::AirBersih => ThemeCopy {
            headlines: &[
                "Alhamdulillah, sumur bor ke-{k} untuk warga {loc} sudah mengalir. Tak perlu lagi berjalan 3 km untuk air bersih 💧",
                "Kemarau panjang di {loc}: {n} KK kesulitan air bersih. Bantu kirim tangki air untuk mereka.",
                "Clean water changes everything: a new well now serves {n} families in {loc}.",
            ],
            details: &[
                "Satu sumur bor dengan pompa tenaga surya bisa melayani hingga 150 keluarga.",
                "Warga kini bisa memakai waktunya untuk bekerja dan sekolah, bukan mengangkut air.",
            ],
            calls: &["Wakaf sumur & air bersih:", "Bantu air bersih:"],
            titles: &["Air Mengalir di {loc}", "Sumur Bor untuk {loc}"],
            link_path: "air-bersih",
            hashtags: &["#AirBersih", "#SumurWakaf"],
        },
        Theme::Laporan => ThemeCopy {
            headlines: &[
                "Laporan penyaluran {bulan}: {total} tersalurkan kepada {n} penerima manfaat di 14 provinsi.",
                "Transparansi adalah amanah. Laporan keuangan & penyaluran bulan {bulan} sudah bisa diunduh.",
                "Distribution report for {month}: {n} beneficiaries reached through education, health, food & water programs.",
            ],
            details: &[
                "Rincian: pendidikan 31%, pangan 24%, air bersih 18%, kesehatan 15%, tanggap bencana 12%.",
                "Laporan telah diaudit dan dapat diunduh gratis oleh siapa saja.",
            ],
            calls: &["Baca laporan lengkap:", "Unduh laporan:"],
            titles: &["Laporan Penyaluran {bulan}"],
            link_path: "laporan",
            hashtags: &["#LaporanPenyaluran", "#Transparansi"],
        },
        Theme::Edukasi => ThemeCopy {
            headlines: &[
                "Apa bedanya zakat, infaq, dan sedekah? Simak penjelasan singkatnya 👇",
                "Siapa saja yang berhak menerima zakat? Ini 8 golongan (asnaf) menurut QS. At-Taubah: 60.",
                "Emas perhiasan wajib dizakati? Ini ketentuannya menurut para ulama.",
                "Zakat 101: what is nisab, what is haul, and how much do you owe?",
            ],
            details: &[
                "Zakat hukumnya wajib dengan syarat tertentu, sedangkan infaq dan sedekah bersifat sunnah dan tidak dibatasi jumlahnya.",
                "Simpan postingan ini & bagikan ke keluarga yang membutuhkan.",
            ],
            calls: &["Pelajari selengkapnya:", "Baca artikelnya:"],
            titles: &["Zakat, Infaq, Sedekah: Apa Bedanya?", "8 Asnaf Penerima Zakat"],
            link_path: "edukasi",
            hashtags: &["#EdukasiZakat", "#FiqihZakat"],
        },
        Theme::Testimoni => ThemeCopy {
            headlines: &[
                "\"Dulu saya hampir putus sekolah. Sekarang saya kuliah semester 3.\" — Siti, penerima beasiswa dari {loc}",
                "\"Sumur ini mengubah hidup kami.\" — Pak Rahmat, warga {loc}",
                "\"Modal usaha dari zakat membuat warung saya bisa buka lagi.\" — Bu Yuni, {loc}",
            ],
            details: &[
                "Terima kasih para muzakki dan donatur yang sudah mempercayakan zakatnya kepada kami.",
                "Cerita seperti ini ada karena kebaikanmu.",
            ],
            calls: &["Jadi bagian dari cerita berikutnya:", "Tunaikan zakatmu:"],
            titles: &["Cerita dari {loc}"],
            link_path: "cerita",
            hashtags: &["#CeritaMustahik", "#ZakatMengubahHidup"],
        },
        Theme::Relawan => ThemeCopy {
            headlines: &[
                "Dicari relawan penyaluran untuk wilayah {loc}! Daftar sebelum {tanggal}.",
                "Terima kasih {k} relawan yang turun langsung ke {loc} akhir pekan lalu 💚",
            ],
            details: &[
                "Relawan akan mendapat pelatihan dasar tanggap bencana dan sertifikat.",
                "Tanpa relawan, bantuan tidak akan sampai tepat waktu.",
            ],
            calls: &["Daftar jadi relawan:", "Gabung bersama kami:"],
            titles: &["Relawan Amanah di {loc}"],
            link_path: "relawan",
            hashtags: &["#RelawanAmanah", "#AyoJadiRelawan"],
        },
        Theme::Klarifikasi => ThemeCopy {
            headlines: &[
                "KLARIFIKASI: Waspada akun palsu yang mengatasnamakan Amanah Zakat Nusantara dan meminta transfer lewat DM/WhatsApp.",
                "Hati-hati penipuan! Amanah Zakat tidak pernah meminta donasi ke rekening pribadi.",
            ],
            details: &[
                "Rekening resmi hanya atas nama Yayasan Amanah Zakat Nusantara dan tercantum di website kami.",
                "Jika menemukan akun mencurigakan, laporkan & kirim tangkapan layarnya ke tim kami.",
            ],
            calls: &["Cek rekening resmi:", "Daftar kanal resmi kami:"],
            titles: &["Waspada Akun Palsu"],
            link_path: "rekening-resmi",
            hashtags: &["#WaspadaPenipuan"],
        },
        Theme::Kemerdekaan => ThemeCopy {
            headlines: &["Dirgahayu Republik Indonesia ke-{ri}! Merdeka dari kemiskinan, bersama zakat 🇮🇩"],
            details: &[
                "Hari ini relawan kami berbagi {n} paket sembako untuk para veteran & keluarga prasejahtera di {loc}.",
            ],
            calls: &["Ikut berbagi:"],
            titles: &["Merdeka Berbagi"],
            link_path: "merdeka",
            hashtags: &["#DirgahayuRI", "#MerdekaBerbagi"],
        },
    }
}

/// The values substituted into one post's placeholders, drawn once so headline, detail and
/// title agree (the same `{loc}` everywhere).
struct Slots {
    location: &'static str,
    people: u64,
    small_count: u64,
    amount: u64,
    total: String,
    magnitude: String,
    /// Reports cover the previous month, named in Indonesian or English.
    report_month: &'static str,
    report_month_english: String,
    deadline: String,
    independence_year: i32,
}

impl Slots {
    fn draw(rng: &mut Rng, month: Month, date: NaiveDate) -> Self {
        let deadline_day = (date.day() + 10).min(month.day_count());
        let report_month = month.first_day() - chrono::Duration::days(1);
        Self {
            location: *rng.pick(&LOCATIONS),
            people: rng.range(25, 480),
            small_count: rng.range(3, 40),
            amount: rng.range(2, 20) * 25_000,
            total: format!("Rp{},{} miliar", rng.range(1, 6), rng.below(10)),
            magnitude: format!("{},{}", rng.range(5, 6), rng.below(10)),
            report_month: indonesian_month_name(report_month.month()),
            report_month_english: report_month.format("%B").to_string(),
            deadline: format!("{} {}", deadline_day, indonesian_month_name(month.month)),
            independence_year: month.year - 1945,
        }
    }

    fn fill(&self, template: &str) -> String {
        template
            .replace("{loc}", self.location)
            .replace("{n}", &self.people.to_string())
            .replace("{k}", &self.small_count.to_string())
            .replace("{rp}", &rupiah(self.amount))
            .replace("{total}", &self.total)
            .replace("{mag}", &self.magnitude)
            .replace("{bulan}", self.report_month)
            .replace("{month}", &self.report_month_english)
            .replace("{tanggal}", &self.deadline)
            .replace("{ri}", &self.independence_year.to_string())
    }
}

/// Draws the copy for one post about `theme`, published on `date`.
pub(crate) fn write_copy(rng: &mut Rng, theme: Theme, month: Month, date: NaiveDate) -> PostCopy {
    let copy = theme_copy(theme);
    let slots = Slots::draw(rng, month, date);
    let link = post_link(copy.link_path, theme, &slots, month);
    let mut hashtags: Vec<&'static str> = copy.hashtags.to_vec();
    for brand in BRAND_HASHTAGS {
        if !hashtags.contains(&brand) {
            hashtags.push(brand);
        }
    }
    PostCopy {
        headline: slots.fill(rng.pick::<&str>(copy.headlines)),
        detail: slots.fill(rng.pick::<&str>(copy.details)),
        call: slots.fill(rng.pick::<&str>(copy.calls)),
        title: slots.fill(rng.pick::<&str>(copy.titles)),
        link,
        hashtags,
        partner: rng.chance(0.15).then(|| *rng.pick(&PARTNER_HANDLES)),
    }
}

/// Campaign pages are per location for disasters and per month for reports, like a real site.
fn post_link(path: &str, theme: Theme, slots: &Slots, month: Month) -> String {
    match theme {
        Theme::Bencana => format!("{SITE}/{path}/{}", slug(slots.location)),
        Theme::Laporan => format!("{SITE}/{path}/{}-{:02}", month.year, month.month),
        _ => format!("{SITE}/{path}"),
    }
}

/// `Rp1.250.000`: Indonesian thousands separators, written by hand (no locale lookups).
pub(crate) fn rupiah(amount: u64) -> String {
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("Rp{grouped}")
}

/// Lower-case ASCII words joined by `-`, for URLs.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(rupiah(500), "Rp500");
        assert_eq!(rupiah(25_000), "Rp25.000");
        assert_eq!(rupiah(1_250_000), "Rp1.250.000");
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug("Sumba Barat Daya"), "sumba-barat-daya");
        assert_eq!(
            slug("Baznas Dorong Zakat, Lewat QRIS!"),
            "baznas-dorong-zakat-lewat-qris"
        );
    }

    #[test]
    fn every_placeholder_is_filled() {
        let month = Month::new(2026, 8).unwrap();
        let themes = EVERYDAY_THEMES.iter().map(|&(theme, _)| theme).chain([
            Theme::Klarifikasi,
            Theme::Kemerdekaan,
            Theme::SedekahJumat,
        ]);
        for theme in themes {
            let mut rng = Rng::stream(3, "content", 0);
            for _ in 0..30 {
                let copy = write_copy(&mut rng, theme, month, month.day(17));
                for text in [&copy.headline, &copy.detail, &copy.call, &copy.title] {
                    assert!(!text.contains('{'), "{theme:?}: {text}");
                }
            }
        }
    }
}
