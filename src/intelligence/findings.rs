//! Findings and recommended actions, derived from the analysis by fixed rules. Each rule
//! states what the figures show and what to look at; none claims why it happened (the data
//! cannot tell). Rules, in the order findings are listed:
//!
//! 1. every spike: its size against its baseline, and a review of its earliest mentions;
//! 2. no spike: say so, with the rule that was applied;
//! 3. net sentiment (NS1) down by `SENTIMENT_DROP_POINTS` or more against the previous period;
//! 4. own share of voice by volume down by `SHARE_DROP_POINTS` or more;
//! 5. the term that rose most, when it rose by `RISE_MIN_MENTIONS` or more.

use super::{Analysis, Series};
use crate::i18n::Lang;
use crate::report::format;
use serde::Serialize;

pub const SENTIMENT_DROP_POINTS: f64 = 10.0;
pub const SHARE_DROP_POINTS: f64 = 5.0;
pub const RISE_MIN_MENTIONS: u64 = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Which rule produced it (`spike`, `no_spike`, `sentiment_drop`, `share_drop`, `rising_term`).
    pub rule: String,
    /// Who should act.
    pub role: String,
    pub finding: String,
    pub action: String,
}

fn pick(lang: Lang, id: String, en: String) -> String {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

pub fn findings(analysis: &Analysis, lang: Lang) -> Vec<Finding> {
    let num = |v: f64, d: usize| format::number(v, d, lang);
    let int = |v: u64| format::integer(i128::from(v), lang);
    // The six social-media roles of leaders, worded as the report's recommended actions
    // (src/report/narrative.rs) word them, so one section speaks of one set of roles.
    let community = pick(
        lang,
        "Pendengar dan penerima masukan".into(),
        "Listener and recipient".into(),
    );
    let comms = pick(
        lang,
        "Penasihat dan orkestrator".into(),
        "Adviser and orchestrator".into(),
    );
    let content = pick(lang, "Produsen konten".into(), "Content producer".into());
    let detector = &analysis.settings.detector;
    let unit_id = if analysis.settings.hourly {
        "jam"
    } else {
        "hari"
    };
    let unit_en = if analysis.settings.hourly {
        "hours"
    } else {
        "days"
    };
    let mut out = Vec::new();

    for spike in &analysis.spikes {
        let iso = super::local_date(spike.start_ms).to_string();
        let when = if spike.hourly {
            let hour = spike.start_ms.rem_euclid(super::DAY_MS) / super::HOUR_MS;
            format::datetime(&format!("{iso}T{hour:02}:00"), lang).unwrap_or(iso)
        } else {
            format::date(&iso, lang).unwrap_or(iso)
        };
        let (series_id, series_en) = match spike.series {
            Series::All => ("Volume semua penyebutan", "Volume of all mentions"),
            Series::Negative => ("Volume penyebutan negatif", "Negative mention volume"),
        };
        let (z, count, base) = (num(spike.z, 1), int(spike.count), num(spike.baseline, 1));
        let window = detector.window;
        out.push(Finding {
            rule: "spike".into(),
            role: community.clone(),
            finding: pick(
                lang,
                format!("{series_id} pada {when} berada {z} σ di atas {window} {unit_id} sebelumnya ({count} penyebutan, acuan {base})."),
                format!("{series_en} on {when} was {z} σ above the previous {window} {unit_en} ({count} mentions against a baseline of {base})."),
            ),
            action: pick(
                lang,
                "Baca penyebutan paling awal dan penulis teratas lonjakan ini (lihat bagian pemantauan), pastikan apa yang dibicarakan, lalu putuskan apakah perlu tanggapan atau klarifikasi publik.".into(),
                "Read this spike's earliest mentions and top authors (see the listening section), establish what is being said, then decide whether a public reply or clarification is needed.".into(),
            ),
        });
    }
    if analysis.spikes.is_empty() {
        let k = num(detector.k, 1);
        out.push(Finding {
            rule: "no_spike".into(),
            role: community.clone(),
            finding: pick(
                lang,
                format!("Tidak ada lonjakan volume semua penyebutan maupun penyebutan negatif menurut aturan yang dipakai (k = {k}, jendela {} {unit_id}).", detector.window),
                format!("No spike in the volume of all or of negative mentions by the rule applied (k = {k}, window {} {unit_en}).", detector.window),
            ),
            action: pick(
                lang,
                "Lanjutkan pemantauan rutin.".into(),
                "Keep monitoring as usual.".into(),
            ),
        });
    }
    if let (Some(now), Some(before)) = (
        analysis.sentiment.net_polar(),
        analysis.previous_sentiment.net_polar(),
    ) {
        if before - now >= SENTIMENT_DROP_POINTS {
            let (b, n) = (num(before, 1), num(now, 1));
            out.push(Finding {
                rule: "sentiment_drop".into(),
                role: comms.clone(),
                finding: pick(
                    lang,
                    format!("Sentimen bersih (NS1) turun dari {b} menjadi {n} dibanding periode sebelumnya."),
                    format!("Net sentiment (NS1) fell from {b} to {n} against the previous period."),
                ),
                action: pick(
                    lang,
                    "Tinjau penyebutan negatif dan tema yang naik pada periode ini sebelum menyusun pesan berikutnya.".into(),
                    "Review the negative mentions and the rising themes of the period before planning the next messages.".into(),
                ),
            });
        }
    }
    if let Some(own) = analysis.voice.iter().find(|v| v.group == "own") {
        if let (Some(now), Some(before)) = (own.volume_share, own.previous_volume_share) {
            if before - now >= SHARE_DROP_POINTS && analysis.voice.len() > 1 {
                let (b, n) = (num(before, 1), num(now, 1));
                out.push(Finding {
                    rule: "share_drop".into(),
                    role: comms.clone(),
                    finding: pick(
                        lang,
                        format!("Pangsa suara organisasi (menurut volume) turun dari {b}% menjadi {n}%."),
                        format!("The organisation's share of voice by volume fell from {b}% to {n}%."),
                    ),
                    action: pick(
                        lang,
                        "Bandingkan topik pesaing pada tabel pangsa suara dengan rencana konten periode depan.".into(),
                        "Compare the competitors' conversation in the share-of-voice table with next period's content plan.".into(),
                    ),
                });
            }
        }
    }
    if let Some(top) = analysis.rising.first() {
        if top.count - top.previous >= RISE_MIN_MENTIONS {
            let (term, b, n) = (top.text.clone(), int(top.previous), int(top.count));
            out.push(Finding {
                rule: "rising_term".into(),
                role: content,
                finding: pick(
                    lang,
                    format!("Istilah «{term}» paling naik: dari {b} menjadi {n} penyebutan."),
                    format!("The term «{term}» rose most: from {b} to {n} mentions."),
                ),
                action: pick(
                    lang,
                    "Periksa apakah konten dan balasan sudah menjawab pembicaraan tentang istilah ini.".into(),
                    "Check whether content and replies already address the conversation around this term.".into(),
                ),
            });
        }
    }
    out
}
