//! Views for the report sections a client deliverable adds to the scorecards: the AMEC
//! stages, content (formats, posting times, hashtags, bottom posts), audience (followers per
//! platform), branding, and the methodology's column mappings and quarantine summary.
//! Like the rest of the context, these hold figures; templates format them.

use super::context::{platform_name, MetricRow, ObjectiveView, PostView};
use crate::i18n::Lang;
use crate::metrics::catalogue::Stage;
use crate::metrics::content::{ContentStats, FormatStats};
use crate::pipeline::branding::ResolvedBranding;
use crate::store::manifest::Manifest;
use serde::Serialize;

/// A format or posting slot needs this many posts before the report calls it best or worst:
/// one lucky post is not a pattern.
pub const MIN_POSTS_FOR_BEST: u64 = 3;

// ---------------------------------------------------------------------------------------------
// AMEC

#[derive(Debug, Clone, Serialize)]
pub struct AmecStageView {
    pub stage: Stage,
    pub label: String,
    /// The scorecards' metrics at this stage, each once, in first-shown order. Empty means
    /// "no data" for the stage, which the report says rather than dropping the stage.
    pub metrics: Vec<MetricRow>,
}

/// The six AMEC stages in order, each with the objectives' metrics that sit at it.
pub fn amec_stages(objectives: &[ObjectiveView], lang: Lang) -> Vec<AmecStageView> {
    use Stage::*;
    [Input, Activity, Output, Outtake, Outcome, Impact]
        .into_iter()
        .map(|stage| {
            let mut metrics: Vec<MetricRow> = Vec::new();
            for row in objectives
                .iter()
                .flat_map(|o| o.key.iter().chain(&o.supporting))
                .filter(|r| r.stage == Some(stage))
            {
                if !metrics.iter().any(|m| m.id == row.id) {
                    metrics.push(row.clone());
                }
            }
            AmecStageView {
                stage,
                label: super::format::stage_label(stage, lang).to_string(),
                metrics,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Content and audience

#[derive(Debug, Clone, Serialize)]
pub struct ContentView {
    pub formats: Vec<FormatView>,
    /// Posting slots with at least `MIN_POSTS_FOR_BEST` posts, best mean interactions first
    /// (at most five).
    pub best_slots: Vec<SlotView>,
    pub min_posts_for_best: u64,
    pub hashtags: Vec<HashtagView>,
    /// The lowest-ranked posts by the top-posts metric, lowest first.
    pub bottom_posts: Vec<PostView>,
    pub posts: u64,
    /// Posts exported less than `settling_hours` after publication (counts still growing).
    pub recent_posts: u64,
    pub settling_hours: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormatView {
    pub post_type: String,
    pub label: String,
    pub posts: u64,
    pub interactions: i64,
    /// Interactions per post (None without posts).
    pub mean: Option<f64>,
    pub previous_posts: u64,
    pub previous_mean: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    /// 0 = Monday.
    pub weekday: u32,
    pub weekday_label: String,
    pub hour: u32,
    pub posts: u64,
    pub mean: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct HashtagView {
    pub tag: String,
    pub posts: u64,
    pub mean: f64,
}

fn mean(total: i64, count: u64) -> Option<f64> {
    (count > 0).then(|| total as f64 / count as f64)
}

pub fn weekday_label(weekday: u32, lang: Lang) -> &'static str {
    const ID: [&str; 7] = [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let names = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    names[weekday.min(6) as usize]
}

fn format_view(f: &FormatStats, lang: Lang) -> FormatView {
    FormatView {
        post_type: f.post_type.clone(),
        label: super::format::post_type(&f.post_type, lang).into_owned(),
        posts: f.posts,
        interactions: f.interactions,
        mean: mean(f.interactions, f.posts),
        previous_posts: f.previous_posts,
        previous_mean: mean(f.previous_interactions, f.previous_posts),
    }
}

pub fn content_view(stats: &ContentStats, bottom_posts: Vec<PostView>, lang: Lang) -> ContentView {
    let mut best_slots: Vec<SlotView> = stats
        .slots
        .iter()
        .filter(|s| s.posts >= MIN_POSTS_FOR_BEST)
        .map(|s| SlotView {
            weekday: s.weekday,
            weekday_label: weekday_label(s.weekday, lang).to_string(),
            hour: s.hour,
            posts: s.posts,
            mean: s.interactions as f64 / s.posts as f64,
        })
        .collect();
    // Best mean first; ties by more posts, then calendar order (the input order).
    best_slots.sort_by(|a, b| b.mean.total_cmp(&a.mean).then(b.posts.cmp(&a.posts)));
    best_slots.truncate(5);
    ContentView {
        formats: stats.formats.iter().map(|f| format_view(f, lang)).collect(),
        best_slots,
        min_posts_for_best: MIN_POSTS_FOR_BEST,
        hashtags: stats
            .hashtags
            .iter()
            .map(|h| HashtagView {
                tag: h.tag.clone(),
                posts: h.posts,
                mean: h.interactions as f64 / h.posts.max(1) as f64,
            })
            .collect(),
        bottom_posts,
        posts: stats.days.iter().map(|d| d.posts).sum(),
        recent_posts: stats.recent_posts,
        settling_hours: crate::metrics::content::SETTLING_HOURS,
    }
}

/// Days each platform's daily series covers, for the methodology's coverage.
#[derive(Debug, Clone, Serialize)]
pub struct DailyCoverageView {
    pub name: String,
    pub days: u64,
    pub of: u64,
    pub missing: u64,
}

pub fn daily_coverage(stats: &ContentStats) -> Vec<DailyCoverageView> {
    stats
        .daily_coverage
        .iter()
        .map(|c| DailyCoverageView {
            name: platform_name(&c.platform),
            days: c.days,
            of: c.of,
            missing: c.of.saturating_sub(c.days),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceView {
    pub platforms: Vec<FollowerChangeView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowerChangeView {
    pub platform: String,
    pub name: String,
    /// First and last day with a follower count in the period.
    pub first_date: String,
    pub first: i64,
    pub last_date: String,
    pub last: i64,
    pub change: i64,
}

pub fn audience_view(stats: &ContentStats) -> AudienceView {
    let mut platforms: Vec<FollowerChangeView> = Vec::new();
    // `followers` is sorted by platform, then date.
    for point in &stats.followers {
        match platforms.last_mut() {
            Some(p) if p.platform == point.platform => {
                p.last_date = point.date.clone();
                p.last = point.followers;
                p.change = p.last - p.first;
            }
            _ => platforms.push(FollowerChangeView {
                platform: point.platform.clone(),
                name: platform_name(&point.platform),
                first_date: point.date.clone(),
                first: point.followers,
                last_date: point.date.clone(),
                last: point.followers,
                change: 0,
            }),
        }
    }
    AudienceView { platforms }
}

// ---------------------------------------------------------------------------------------------
// Branding

#[derive(Debug, Clone, Serialize)]
pub struct BrandingView {
    pub client: Option<String>,
    pub prepared_by: Option<String>,
    /// `data:` URI of the logo for HTML (the page loads nothing from elsewhere).
    pub logo_data_uri: Option<String>,
    /// Name of the logo among the PDF's files (`logo.svg`).
    pub logo_file: Option<String>,
    pub primary: String,
    pub accent: String,
    pub footer: Option<String>,
    pub white_label: bool,
}

pub fn branding_view(branding: &ResolvedBranding) -> BrandingView {
    use base64::Engine;
    BrandingView {
        client: branding.client.clone(),
        prepared_by: branding.prepared_by.clone(),
        logo_data_uri: branding.logo.as_ref().map(|logo| {
            format!(
                "data:{};base64,{}",
                logo.media_type,
                base64::engine::general_purpose::STANDARD.encode(&logo.bytes)
            )
        }),
        logo_file: branding
            .logo
            .as_ref()
            .map(|logo| format!("logo.{}", logo.extension)),
        primary: branding.primary.clone(),
        accent: branding.accent.clone(),
        footer: branding.footer.clone(),
        white_label: branding.white_label,
    }
}

// ---------------------------------------------------------------------------------------------
// Methodology: column mappings and quarantine

#[derive(Debug, Clone, Serialize)]
pub struct MappingView {
    pub adapter: String,
    /// What users call the export.
    pub name: String,
    pub table: String,
    pub columns: Vec<ColumnMappingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnMappingView {
    pub canonical: String,
    /// The export's header names that fill it, first found wins (versions differ).
    pub headers: Vec<String>,
}

/// The mapping of every adapter that read a file of this store, in adapter order.
pub fn mappings(
    manifest: &Manifest,
    adapters: &[crate::normalise::adapters::Adapter],
) -> Vec<MappingView> {
    adapters
        .iter()
        .filter(|a| manifest.files.iter().any(|f| f.adapter == a.id))
        .map(|a| MappingView {
            adapter: a.id.clone(),
            name: a.name.clone(),
            table: a.table.name().to_string(),
            columns: a
                .fields
                .iter()
                .map(|f| ColumnMappingView {
                    canonical: f.target.to_string(),
                    headers: f.sources.clone(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct QuarantineView {
    pub file: String,
    pub rows: u64,
    /// Reasons with their counts, most frequent first.
    pub reasons: Vec<ReasonView>,
    /// Where the rejected rows are kept, relative to the store.
    pub quarantine_file: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    pub reason: String,
    pub rows: u64,
}

pub fn quarantine(manifest: &Manifest) -> Vec<QuarantineView> {
    manifest
        .files
        .iter()
        .filter(|f| f.quarantined > 0)
        .map(|f| {
            let mut reasons: Vec<ReasonView> = f
                .quarantine_reasons
                .iter()
                .map(|(reason, rows)| ReasonView {
                    reason: reason.clone(),
                    rows: *rows,
                })
                .collect();
            reasons.sort_by_key(|r| std::cmp::Reverse(r.rows));
            QuarantineView {
                file: f.path.clone(),
                rows: f.quarantined,
                reasons,
                quarantine_file: f.quarantine_file.clone(),
            }
        })
        .collect()
}

/// The content figures the narrative's rules read: every format and every posting slot.
pub fn content_facts(
    stats: &ContentStats,
    content: &ContentView,
    lang: Lang,
) -> super::narrative::ContentFacts {
    use super::narrative::{FormatFact, SlotFact};
    super::narrative::ContentFacts {
        // Posts without a known format say nothing about formats.
        formats: content
            .formats
            .iter()
            .filter(|f| f.post_type != "unknown")
            .filter_map(|f| {
                Some(FormatFact {
                    format_label: f.label.clone(),
                    posts: f.posts,
                    mean: f.mean?,
                })
            })
            .collect(),
        slots: stats
            .slots
            .iter()
            .filter(|s| s.posts > 0)
            .map(|s| SlotFact {
                weekday_label: weekday_label(s.weekday, lang).to_string(),
                hour: s.hour,
                mean: s.interactions as f64 / s.posts as f64,
                posts: s.posts,
            })
            .collect(),
        too_recent: None,
        posts: Some(content.posts),
    }
}
