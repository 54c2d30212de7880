//! The listening and intelligence sections' part of the report context, built from the
//! intelligence analysis. Like the rest of the context it holds numbers as numbers and text
//! as the data wrote it; the templates format and escape.

use crate::i18n::Lang;
use crate::intelligence::findings::Finding;
use crate::intelligence::{self, Analysis, MentionRecord, Series};
use crate::pipeline::Pipeline;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ListeningView {
    pub crisis: CrisisView,
    /// Mentions about the organisation (all but those matched only to competitors).
    pub volume: u64,
    pub previous_volume: u64,
    pub days: Vec<DayView>,
    /// One block character per day (▁ … █, scaled to the busiest day), for a glance.
    pub sparkline_all: String,
    pub sparkline_negative: String,
    pub spikes: Vec<SpikeView>,
    pub voice: Vec<VoiceView>,
    pub sentiment: SentimentView,
    pub hashtags: Vec<ThemeView>,
    pub terms: Vec<ThemeView>,
    pub phrases: Vec<ThemeView>,
    pub rising: Vec<ThemeView>,
    pub examples: Vec<MentionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrisisView {
    /// `rolling_sigma` or `rolling_mad`.
    pub method: String,
    pub window: usize,
    pub k: f64,
    pub min_count: u64,
    /// `day` or `hour`.
    pub interval: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    pub date: String,
    pub all: u64,
    pub negative: u64,
    pub positive: u64,
    /// A spike starts on this day in the volume of all mentions / of negative ones.
    pub spike_all: bool,
    pub spike_negative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpikeView {
    /// `all` or `negative`.
    pub series: String,
    /// ISO date, or date and hour (`2026-10-09T14:00`) for hourly detection.
    pub when: String,
    pub hourly: bool,
    pub count: u64,
    pub baseline: f64,
    pub spread: f64,
    pub z: f64,
    pub top_terms: Vec<ThemeView>,
    pub top_authors: Vec<AuthorView>,
    pub earliest: Vec<MentionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    pub author_id: String,
    pub mentions: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoiceView {
    /// `own` or the competitor's name from the pipeline.
    pub group: String,
    /// The organisation's name for `own`, else the group.
    pub name: String,
    pub own: bool,
    pub volume: u64,
    pub volume_share: Option<f64>,
    pub previous_volume_share: Option<f64>,
    pub engagement: i64,
    pub engagement_share: Option<f64>,
    pub positive: u64,
    pub positive_share: Option<f64>,
    pub net_polar: Option<f64>,
    pub net_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SentimentView {
    pub total: u64,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    pub unlabelled: u64,
    /// NS1 = (pos − neg) / (pos + neg) × 100.
    pub net_polar: Option<f64>,
    /// NS2 = %pos − %neg of the labelled mentions.
    pub net_share: Option<f64>,
    pub previous_net_polar: Option<f64>,
    pub previous_net_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub text: String,
    pub count: u64,
    pub previous: u64,
    pub change: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionView {
    /// Local `yyyy-mm-ddTHH:MM`.
    pub published_local: String,
    pub platform_name: String,
    pub author_id: Option<String>,
    pub sentiment: Option<String>,
    pub engagement: i64,
    /// First 160 characters, one line.
    pub excerpt: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IntelligenceView {
    pub findings: Vec<Finding>,
    pub spike_count: usize,
}

/// The report's methodology about sentiment: which lexicons scored the period's mentions
/// and what is known about their accuracy.
#[derive(Debug, Clone, Serialize)]
pub struct SentimentMethodView {
    /// False when no mention of the period carries a lexicon: then `lexicons` lists the
    /// lexicons tolok ships, for reference.
    pub used: bool,
    pub lexicons: Vec<LexiconView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LexiconView {
    pub name: String,
    /// `id`, `en`, or none for a user's lexicon.
    pub lang: Option<String>,
    /// Mentions of the period it scored.
    pub mentions: u64,
    pub measured: Vec<MeasuredView>,
    /// For VADER: oracle sentences matched exactly.
    pub parity_sentences: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasuredView {
    pub data: String,
    /// Percent (0–100).
    pub accuracy: f64,
    pub macro_f1: f64,
}

impl SentimentMethodView {
    pub fn of(analysis: Option<&Analysis>) -> SentimentMethodView {
        use crate::sentiment::accuracy::{builtin_lexicons, figures_for, LexiconFigures};
        let view = |name: String, mentions: u64, figures: Option<LexiconFigures>| LexiconView {
            name,
            lang: figures.as_ref().map(|f| f.lang.to_string()),
            mentions,
            measured: figures
                .as_ref()
                .map(|f| {
                    f.measured
                        .iter()
                        .map(|m| MeasuredView {
                            data: m.data.to_string(),
                            accuracy: m.accuracy * 100.0,
                            macro_f1: m.macro_f1,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            parity_sentences: figures.and_then(|f| f.parity_sentences),
        };
        let used: Vec<LexiconView> = analysis
            .map(|a| {
                a.lexicons
                    .iter()
                    .map(|(name, n)| view(name.clone(), *n, figures_for(name)))
                    .collect()
            })
            .unwrap_or_default();
        if used.is_empty() {
            SentimentMethodView {
                used: false,
                lexicons: builtin_lexicons()
                    .into_iter()
                    .map(|f| view(f.lexicon.to_string(), 0, Some(f)))
                    .collect(),
            }
        } else {
            SentimentMethodView {
                used: true,
                lexicons: used,
            }
        }
    }
}

const SPARK: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One block per value, the largest value as a full block; all-zero series are flat.
pub fn sparkline(values: &[u64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            (v * 7 + max / 2)
                .checked_div(max)
                .map_or(SPARK[0], |level| SPARK[level as usize])
        })
        .collect()
}

fn theme(r: &intelligence::themes::Ranked) -> ThemeView {
    ThemeView {
        text: r.text.clone(),
        count: r.count,
        previous: r.previous,
        change: r.count as i64 - r.previous as i64,
    }
}

fn mention(m: &MentionRecord) -> MentionView {
    MentionView {
        published_local: local_iso(m.local_ms),
        platform_name: super::context::platform_name(&m.platform),
        author_id: m.author_id.clone(),
        sentiment: m.sentiment.clone(),
        engagement: m.engagement,
        excerpt: super::context::excerpt(&m.text, 160),
        url: m.url.clone(),
    }
}

fn local_iso(local_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(local_ms)
        .map(|d| d.naive_utc().format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

pub fn listening_view(pipeline: &Pipeline, analysis: &Analysis) -> ListeningView {
    let crisis = &pipeline.file.crisis;
    let spike_on = |series: Series, date: chrono::NaiveDate| {
        analysis
            .spikes
            .iter()
            .any(|s| s.series == series && intelligence::local_date(s.start_ms) == date)
    };
    let all: Vec<u64> = analysis.days.iter().map(|d| d.all).collect();
    let negative: Vec<u64> = analysis.days.iter().map(|d| d.negative).collect();
    let s = &analysis.sentiment;
    ListeningView {
        crisis: CrisisView {
            method: analysis.settings.detector.method.code().to_string(),
            window: analysis.settings.detector.window,
            k: analysis.settings.detector.k,
            min_count: analysis.settings.detector.min_count,
            interval: crisis.interval.clone(),
        },
        volume: analysis.volume,
        previous_volume: analysis.previous_volume,
        days: analysis
            .days
            .iter()
            .map(|d| DayView {
                date: d.date.to_string(),
                all: d.all,
                negative: d.negative,
                positive: d.positive,
                spike_all: spike_on(Series::All, d.date),
                spike_negative: spike_on(Series::Negative, d.date),
            })
            .collect(),
        sparkline_all: sparkline(&all),
        sparkline_negative: sparkline(&negative),
        spikes: analysis
            .spikes
            .iter()
            .map(|sp| SpikeView {
                series: match sp.series {
                    Series::All => "all",
                    Series::Negative => "negative",
                }
                .to_string(),
                when: if sp.hourly {
                    local_iso(sp.start_ms)
                } else {
                    intelligence::local_date(sp.start_ms).to_string()
                },
                hourly: sp.hourly,
                count: sp.count,
                baseline: sp.baseline,
                spread: sp.spread,
                z: sp.z,
                top_terms: sp.top_terms.iter().map(theme).collect(),
                top_authors: sp
                    .top_authors
                    .iter()
                    .map(|(a, n)| AuthorView {
                        author_id: a.clone(),
                        mentions: *n,
                    })
                    .collect(),
                earliest: sp.earliest.iter().map(mention).collect(),
            })
            .collect(),
        voice: analysis
            .voice
            .iter()
            .map(|v| VoiceView {
                name: if v.group == "own" {
                    pipeline.file.organisation.clone()
                } else {
                    v.group.clone()
                },
                own: v.group == "own",
                group: v.group.clone(),
                volume: v.volume,
                volume_share: v.volume_share,
                previous_volume_share: v.previous_volume_share,
                engagement: v.engagement,
                engagement_share: v.engagement_share,
                positive: v.positive,
                positive_share: v.positive_share,
                net_polar: v.sentiment.net_polar(),
                net_share: v.sentiment.net_share(),
            })
            .collect(),
        sentiment: SentimentView {
            total: s.total,
            positive: s.positive,
            neutral: s.neutral,
            negative: s.negative,
            unlabelled: s.unlabelled,
            net_polar: s.net_polar(),
            net_share: s.net_share(),
            previous_net_polar: analysis.previous_sentiment.net_polar(),
            previous_net_share: analysis.previous_sentiment.net_share(),
        },
        hashtags: analysis.hashtags.iter().map(theme).collect(),
        terms: analysis.terms.iter().map(theme).collect(),
        phrases: analysis.phrases.iter().map(theme).collect(),
        rising: analysis.rising.iter().map(theme).collect(),
        examples: analysis.examples.iter().map(mention).collect(),
    }
}

pub fn intelligence_view(analysis: Option<&Analysis>, lang: Lang) -> IntelligenceView {
    IntelligenceView {
        findings: analysis
            .map(|a| intelligence::findings::findings(a, lang))
            .unwrap_or_default(),
        spike_count: analysis.map_or(0, |a| a.spikes.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_busiest_day() {
        assert_eq!(sparkline(&[0, 7, 14]), "▁▅█");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }
}
