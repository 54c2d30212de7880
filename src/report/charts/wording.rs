//! The few fixed phrases of the charts, in Indonesian and English: the sentences of the text
//! alternatives and the heatmap's legend words. Everything data-specific (titles, series
//! names, axis labels, tick labels) comes from the caller already translated; values come
//! in already formatted.

use crate::i18n::Lang;
use crate::report::format;
use crate::report::format::pick;

/// A point of a chart as a reader names it: where (x label) and how much (formatted).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Point {
    pub at: String,
    pub value: String,
}

impl Point {
    /// `12 Okt (1.234)`.
    pub fn placed(&self) -> String {
        format!("{} ({})", self.at, self.value)
    }
}

/// `Reach: highest 12 Oct (1.234), lowest 3 Oct (210); no data for 2 of 31 points.`
/// `extremes` are already phrased: a [`Point::placed`], or a bare value where the x label
/// would mislead (a previous period drawn against this period's days).
pub(super) fn series_summary(
    lang: Lang,
    name: &str,
    extremes: Option<(String, String)>,
    missing: usize,
    total: usize,
) -> String {
    let Some((high, low)) = extremes else {
        return format!("{name}: {}.", pick(lang, "tidak ada data", "no data"));
    };
    let mut sentence = format!(
        "{name}: {} {high}, {} {low}",
        pick(lang, "tertinggi", "highest"),
        pick(lang, "terendah", "lowest"),
    );
    if missing > 0 {
        let (missing, total) = (count(missing, lang), count(total, lang));
        sentence.push_str(&match lang {
            Lang::Id => format!("; tanpa data pada {missing} dari {total} titik"),
            Lang::En => format!("; no data for {missing} of {total} points"),
        });
    }
    sentence.push('.');
    sentence
}

/// The name of the previous-period series as the text alternative calls it.
pub(super) fn dashed(lang: Lang, name: &str) -> String {
    format!(
        "{name} ({})",
        pick(lang, "garis putus-putus", "dashed line")
    )
}

/// `Marked: 12 Oct (spike); 20 Oct (spike).`
pub(super) fn markers(lang: Lang, marked: &[(String, String)]) -> String {
    let list: Vec<String> = marked
        .iter()
        .map(|(at, label)| format!("{at} ({label})"))
        .collect();
    format!("{}: {}.", pick(lang, "Ditandai", "Marked"), list.join("; "))
}

/// `Highest Engagements: Instagram (1.234).`
pub(super) fn highest_of(lang: Lang, series: &str, top: &Point) -> String {
    match lang {
        Lang::Id => format!("{series} tertinggi: {}.", top.placed()),
        Lang::En => format!("Highest {series}: {}.", top.placed()),
    }
}

/// `In total: negative 12 (10,0%), neutral 80 (66,7%), positive 28 (23,3%).`
pub(super) fn totals(lang: Lang, parts: &[(String, String, Option<f64>)]) -> String {
    let list: Vec<String> = parts
        .iter()
        .map(|(name, value, share)| match share {
            Some(share) => format!("{name} {value} ({}%)", format::number(*share, 1, lang)),
            None => format!("{name} {value}"),
        })
        .collect();
    format!(
        "{}: {}.",
        pick(lang, "Seluruhnya", "In total"),
        list.join(", ")
    )
}

/// `Highest total: 12 Oct (40).`
pub(super) fn highest_total(lang: Lang, top: &Point) -> String {
    format!(
        "{}: {}.",
        pick(lang, "Total tertinggi", "Highest total"),
        top.placed()
    )
}

/// A heatmap cell as the text alternative names it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Slot {
    pub day: String,
    pub hour: String,
    pub value: String,
    pub posts: u64,
}

/// `Highest mean: Monday at 09 (4.5; 3 posts). Lowest mean: … 150 of 168 hours have no posts.`
pub(super) fn heatmap_summary(
    lang: Lang,
    extremes: Option<(Slot, Slot)>,
    empty: usize,
    slots: usize,
) -> String {
    let Some((high, low)) = extremes else {
        return pick(
            lang,
            "Tidak ada unggahan dengan nilai pada periode ini.",
            "No posts with a value in this period.",
        )
        .to_string();
    };
    let slot = |s: &Slot| match lang {
        Lang::Id => format!(
            "{} pukul {} ({}; {} unggahan)",
            s.day,
            s.hour,
            s.value,
            count(s.posts as usize, lang)
        ),
        Lang::En => format!(
            "{} at {} ({}; {} {})",
            s.day,
            s.hour,
            s.value,
            count(s.posts as usize, lang),
            if s.posts == 1 { "post" } else { "posts" }
        ),
    };
    let mut text = format!(
        "{}: {}.",
        pick(lang, "Rata-rata tertinggi", "Highest mean"),
        slot(&high)
    );
    // One slot with a value is both; say it once.
    if low != high {
        text.push_str(&format!(
            " {}: {}.",
            pick(lang, "Rata-rata terendah", "Lowest mean"),
            slot(&low)
        ));
    }
    if empty > 0 {
        let (empty, slots) = (count(empty, lang), count(slots, lang));
        text.push_str(&match lang {
            Lang::Id => format!(" {empty} dari {slots} jam tanpa unggahan."),
            Lang::En => format!(" {empty} of {slots} hours have no posts."),
        });
    }
    text
}

/// Legend words of the heatmap.
pub(super) fn no_posts(lang: Lang) -> &'static str {
    pick(lang, "tanpa unggahan", "no posts")
}

pub(super) fn no_value(lang: Lang) -> &'static str {
    pick(lang, "tanpa nilai", "no value")
}

pub(super) fn cell_count_hint(lang: Lang) -> &'static str {
    pick(
        lang,
        "angka di sel: jumlah unggahan",
        "number in a cell: posts",
    )
}

fn count(n: usize, lang: Lang) -> String {
    format::integer(n as i128, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(at: &str, value: &str) -> Point {
        Point {
            at: at.to_string(),
            value: value.to_string(),
        }
    }

    #[test]
    fn series_summaries_in_both_languages() {
        let extremes = || {
            Some((
                point("12 Okt", "1.234").placed(),
                point("3 Okt", "210").placed(),
            ))
        };
        assert_eq!(
            series_summary(Lang::Id, "Jangkauan", extremes(), 2, 31),
            "Jangkauan: tertinggi 12 Okt (1.234), terendah 3 Okt (210); \
             tanpa data pada 2 dari 31 titik."
        );
        assert_eq!(
            series_summary(Lang::En, "Reach", extremes(), 0, 31),
            "Reach: highest 12 Okt (1.234), lowest 3 Okt (210)."
        );
        assert_eq!(
            series_summary(Lang::En, "Before", Some(("900".into(), "12".into())), 0, 31),
            "Before: highest 900, lowest 12."
        );
        assert_eq!(
            series_summary(Lang::En, "Reach", None, 31, 31),
            "Reach: no data."
        );
    }

    #[test]
    fn totals_show_shares_with_locale_decimals() {
        let parts = vec![
            ("negatif".to_string(), "12".to_string(), Some(10.0)),
            ("positif".to_string(), "108".to_string(), Some(90.0)),
        ];
        assert_eq!(
            totals(Lang::Id, &parts),
            "Seluruhnya: negatif 12 (10,0%), positif 108 (90,0%)."
        );
    }

    #[test]
    fn heatmap_summary_counts_posts_and_empty_hours() {
        let slot = |day: &str, hour: &str, value: &str, posts| Slot {
            day: day.to_string(),
            hour: hour.to_string(),
            value: value.to_string(),
            posts,
        };
        let extremes = Some((
            slot("Monday", "09", "4.5", 3),
            slot("Sunday", "23", "0.1", 1),
        ));
        assert_eq!(
            heatmap_summary(Lang::En, extremes, 150, 168),
            "Highest mean: Monday at 09 (4.5; 3 posts). Lowest mean: Sunday at 23 (0.1; 1 post). \
             150 of 168 hours have no posts."
        );
        let only = slot("Senin", "09", "4,5", 3);
        assert_eq!(
            heatmap_summary(Lang::Id, Some((only.clone(), only)), 167, 168),
            "Rata-rata tertinggi: Senin pukul 09 (4,5; 3 unggahan). 167 dari 168 jam tanpa unggahan."
        );
        assert_eq!(
            heatmap_summary(Lang::Id, None, 168, 168),
            "Tidak ada unggahan dengan nilai pada periode ini."
        );
    }
}
