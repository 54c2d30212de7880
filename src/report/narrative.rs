//! The report's narrative: plain sentences about what the figures show, and recommended
//! actions addressed to the six social-media roles of leaders (Deiser & Newton 2013:
//! producer, distributor, recipient, adviser and orchestrator, architect, analyst).
//!
//! Everything here is derived from the report context (and the content facts the lead reads
//! from the store) by fixed rules, so the same figures always give the same text. Every
//! sentence comes from exactly one rule below. Sentences say what rose, fell or was highest;
//! they never name a cause, because the exports cannot show one.
//!
//! Sentence rules:
//!
//! 1. **Change** (one per headline metric in the summary, and reused as evidence): a metric
//!    that rose or fell, by how much and against which period, named as the reader knows it
//!    (`September 2026`). Percent metrics change in percentage points, every other unit by a
//!    relative percentage. A change under [`STABLE_PERCENT_POINTS`] points (percent metrics)
//!    or under [`STABLE_RELATIVE_PERCENT`] % (other units) is said as stable. A previous value
//!    of zero gives "from 0 to X"; a missing previous value or a missing value is said as
//!    such, never as zero.
//! 2. **Targets, whole report**: how many of the distinct targeted metrics met their target,
//!    then the missed ones and those that cannot be assessed (data not available).
//! 3. **Targets, per objective**: "n of m targets met" (or that none is set), one sentence per
//!    missed target with value against target, one per target that cannot be assessed.
//! 4. **Key metrics, per objective**: how many key metrics improved, worsened or were stable
//!    compared with the previous period (by each metric's better direction).
//! 5. **Not available, per objective**: the metrics without a value and without a target,
//!    listed as not available (not zero).
//! 6. **Content**: how many posts the comparisons cover, how many were left out as too
//!    recent, the formats with the highest and lowest mean interactions per post and the
//!    weekday-and-hour slot with the highest, each only among formats or slots with at least
//!    [`MIN_POSTS`] posts, and only when at least two of them qualify.
//!
//! Action rules, in priority order (at most [`MAX_ACTIONS`] are kept, at most one per rule,
//! each citing the figures that triggered it in `because`):
//!
//! 1. `negative_spike` → listener and recipient: a spike of negative mentions was detected;
//! 2. `negative_share_up` → listener and recipient: the negative share of mentions rose;
//! 3. `care_target_missed` → adviser and orchestrator: a customer-care metric missed its target;
//! 4. `output_target_missed` → content producer: an activity, output or out-take metric
//!    missed its target;
//! 5. `outcome_target_missed` → analyst: an outcome or impact metric missed its target;
//! 6. `care_worse` → adviser and orchestrator: a response rate or response time moved the
//!    wrong way (only when rule 3 did not fire);
//! 7. `best_slot` → distributor: a best weekday-and-hour slot, worded as a test to run;
//! 8. `best_format` → distributor: a best format, worded as a test to run;
//! 9. `data_gap` → analyst: metrics not available for want of data (not those whose data is
//!    there but says zero, such as a zero denominator or no customer conversation);
//! 10. `no_targets` → architect: objectives without any target.
//!
//! Risks to reputation come first, then missed targets, then tests to run, then gaps in
//! measurement. The context must be built in the language asked for: metric labels and the
//! reasons a metric is not available are taken from it as they are.

use super::context::{MetricRow, ObjectiveView, PeriodView, ReportContext};
use super::format;
use super::listening::SpikeView;
use crate::i18n::Lang;
use crate::metrics::catalogue::{Stage, Unit};
use serde::Serialize;
use std::collections::BTreeMap;

/// A format or slot is compared only when it holds at least this many posts: a mean over one
/// or two posts says more about those posts than about the format.
pub const MIN_POSTS: u64 = 3;
/// Changes of percent metrics smaller than this (in percentage points) are said as stable.
pub const STABLE_PERCENT_POINTS: f64 = 0.1;
/// Relative changes of other metrics smaller than this (in %) are said as stable.
pub const STABLE_RELATIVE_PERCENT: f64 = 1.0;
/// A reader acts on a handful of recommendations, not on twenty.
pub const MAX_ACTIONS: usize = 8;
/// Figures cited in one sentence before "and n more".
const MAX_CITED: usize = 3;

/// Customer-care metrics (the `care` table of the catalogue): their misses go to the
/// orchestrator, who arranges who answers and when, not to the content producer.
const CARE_METRICS: [&str; 6] = [
    "replies_sent",
    "response_rate",
    "first_response_median",
    "first_response_p90",
    "first_response_within_sla",
    "response_time_meta",
];
/// The care metrics that measure how well and how fast customers are answered (not how
/// many replies were sent, which also follows how many customers wrote).
const RESPONSE_METRICS: [&str; 5] = [
    "response_rate",
    "first_response_median",
    "first_response_p90",
    "first_response_within_sla",
    "response_time_meta",
];
const NEGATIVE_SHARE: &str = "negative_share";

/// Reasons (as `Unavailable::describe` words them) that describe the data rather than a gap
/// in it: adding an export would not give these metrics a value.
const NOT_A_GAP: [&str; 6] = [
    "penyebutnya nol",
    "denominator is zero",
    "tidak ada percakapan",
    "no conversation",
    "no customer conversation",
    "tidak ada data untuk cakupan ini",
];

/// What the lead reads from the store about the period's posts, for the content sentences.
/// Every part may be empty; the rule that needs it then stays silent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContentFacts {
    /// Every post format of the period with its mean interactions per post, in any order.
    pub formats: Vec<FormatFact>,
    /// Every weekday-and-hour cell that holds posts, in any order. Pass all cells, not only
    /// the best: the best is named only when two or more cells hold [`MIN_POSTS`] posts.
    pub slots: Vec<SlotFact>,
    /// Posts left out of the comparisons as published too recently for their counts to
    /// have settled.
    pub too_recent: Option<u64>,
    /// Posts the comparisons cover.
    pub posts: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatFact {
    /// Already in the report language (`karusel`, `carousel`).
    pub format_label: String,
    pub posts: u64,
    /// Mean interactions per post.
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotFact {
    /// Already in the report language (`Kamis`, `Thursday`).
    pub weekday_label: String,
    /// Local hour the slot starts, 0–23 (the slot is one hour long).
    pub hour: u32,
    /// Mean interactions per post.
    pub mean: f64,
    pub posts: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Narrative {
    /// Sentences for the summary: headline changes, then targets.
    pub summary: Vec<String>,
    /// Objective id → sentences for its scorecard.
    pub objectives: BTreeMap<String, Vec<String>>,
    /// Sentences about formats and posting times.
    pub content: Vec<String>,
    /// Recommended actions, in priority order.
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Which rule produced it (`negative_spike`, `best_slot`, …; see the module doc).
    pub rule: String,
    /// `producer`, `distributor`, `recipient`, `orchestrator`, `architect` or `analyst`.
    pub role: String,
    pub role_label: String,
    pub text: String,
    /// The figures that triggered the action.
    pub because: String,
}

/// The six roles, by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Producer,
    Distributor,
    Recipient,
    Orchestrator,
    Architect,
    Analyst,
}

impl Role {
    fn code(self) -> &'static str {
        match self {
            Role::Producer => "producer",
            Role::Distributor => "distributor",
            Role::Recipient => "recipient",
            Role::Orchestrator => "orchestrator",
            Role::Architect => "architect",
            Role::Analyst => "analyst",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            Role::Producer => ("Produsen konten", "Content producer"),
            Role::Distributor => ("Distributor konten", "Content distributor"),
            Role::Recipient => ("Pendengar dan penerima masukan", "Listener and recipient"),
            Role::Orchestrator => ("Penasihat dan orkestrator", "Adviser and orchestrator"),
            Role::Architect => ("Arsitek", "Architect"),
            Role::Analyst => ("Analis", "Analyst"),
        };
        match lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

/// Builds the narrative. Deterministic: no clock, no hash order, ties broken by label.
pub fn narrate(ctx: &ReportContext, content: &ContentFacts, lang: Lang) -> Narrative {
    let spikes = ctx.listening.as_ref().map_or(&[][..], |l| &l.spikes[..]);
    narrate_figures(
        &Figures {
            period: &ctx.period,
            time_zone: &ctx.time_zone,
            headline: &ctx.headline,
            objectives: &ctx.objectives,
            spikes,
        },
        content,
        lang,
    )
}

/// The parts of the report context the narrative reads: kept narrow, so that the rules (and
/// their tests) depend on the figures they use and not on the whole context.
struct Figures<'a> {
    period: &'a PeriodView,
    time_zone: &'a str,
    headline: &'a [MetricRow],
    objectives: &'a [ObjectiveView],
    /// Spikes of the listening data (all and negative mentions).
    spikes: &'a [SpikeView],
}

fn narrate_figures(ctx: &Figures, content: &ContentFacts, lang: Lang) -> Narrative {
    let say = Say::new(ctx, lang);
    let rows = distinct_rows(ctx);
    let mut summary: Vec<String> = ctx.headline.iter().map(|r| say.change(r)).collect();
    summary.extend(say.report_targets(&rows));
    Narrative {
        summary,
        objectives: ctx
            .objectives
            .iter()
            .map(|o| (o.id.clone(), say.objective(o)))
            .collect(),
        content: say.content(content),
        actions: actions(ctx, &rows, content, &say),
    }
}

/// A metric row with the AMEC stage it has in the first objective that lists it.
struct StagedRow<'a> {
    row: &'a MetricRow,
    stage: Option<Stage>,
}

/// Every metric of the objectives (then of the headline) once, in report order.
fn distinct_rows<'a>(ctx: &Figures<'a>) -> Vec<StagedRow<'a>> {
    let mut out: Vec<StagedRow> = Vec::new();
    let objective_rows = ctx
        .objectives
        .iter()
        .flat_map(|o| o.key.iter().chain(&o.supporting));
    for row in objective_rows.chain(ctx.headline) {
        if !out.iter().any(|s| s.row.id == row.id) {
            out.push(StagedRow {
                row,
                stage: row.stage,
            });
        }
    }
    out
}

/// How a metric moved against the previous period.
#[derive(Debug, Clone, PartialEq)]
enum Movement {
    Unavailable,
    NoPrevious,
    Stable,
    /// `by` is the formatted size of the change; None when the previous value was zero.
    Changed {
        up: bool,
        by: Option<String>,
    },
}

fn movement(row: &MetricRow, lang: Lang) -> Movement {
    if !row.available || row.value.is_none() {
        return Movement::Unavailable;
    }
    let Some(change) = row
        .change_abs
        .filter(|c| c.is_finite() && row.previous.is_some())
    else {
        return Movement::NoPrevious;
    };
    // The tolerance keeps a change of exactly the threshold (4,1 % − 4,0 % in binary floats
    // is 0,0999…) from reading as stable.
    let below = |size: f64, threshold: f64| size + 1e-9 < threshold;
    if row.unit == Unit::Percent {
        if below(change.abs(), STABLE_PERCENT_POINTS) {
            return Movement::Stable;
        }
        let points = format::number(change.abs(), 2, lang);
        let by = match lang {
            Lang::Id => format!("{points} poin persentase"),
            Lang::En => format!("{points} percentage points"),
        };
        return Movement::Changed {
            up: change > 0.0,
            by: Some(by),
        };
    }
    match row.change_pct.filter(|p| p.is_finite()) {
        Some(pct) if below(pct.abs(), STABLE_RELATIVE_PERCENT) => Movement::Stable,
        Some(pct) => Movement::Changed {
            up: pct > 0.0,
            by: Some(format!("{}%", format::number(pct.abs(), 1, lang))),
        },
        None if change == 0.0 => Movement::Stable,
        None => Movement::Changed {
            up: change > 0.0,
            by: None,
        },
    }
}

/// The sentence builder of one report: language, names of the comparison period and zone.
struct Say {
    lang: Lang,
    /// The comparison period as a reader names it (`September 2026`).
    previous: String,
    time_zone: String,
}

impl Say {
    fn new(ctx: &Figures, lang: Lang) -> Say {
        let p = &ctx.period;
        Say {
            lang,
            previous: format::period_label(
                &p.previous_id,
                &p.previous_start,
                &p.previous_end,
                lang,
            )
            .unwrap_or_else(|_| p.previous_id.clone()),
            time_zone: ctx.time_zone.to_string(),
        }
    }

    fn pick(&self, id: String, en: String) -> String {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn int(&self, v: u64) -> String {
        format::integer(i128::from(v), self.lang)
    }

    fn mean(&self, v: f64) -> String {
        format::number(v, 1, self.lang)
    }

    fn value(&self, v: Option<f64>, unit: Unit) -> String {
        format::metric(v, unit, self.lang)
    }

    /// The word for posts, with English number agreement.
    fn posts_word(&self, n: u64) -> &'static str {
        match (self.lang, n) {
            (Lang::Id, _) => "unggahan",
            (Lang::En, 1) => "post",
            (Lang::En, _) => "posts",
        }
    }

    /// Items joined with `; ` (labels hold commas), at most [`MAX_CITED`], then "n more".
    fn cite(&self, items: &[String]) -> String {
        let mut text = items
            .iter()
            .take(MAX_CITED)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if items.len() > MAX_CITED {
            let more = self.int((items.len() - MAX_CITED) as u64);
            text.push_str(&self.pick(
                format!("; dan {more} lainnya"),
                format!("; and {more} more"),
            ));
        }
        text
    }

    /// Parts of a list as a sentence writes them: `a, b, dan c` / `a, b and c`.
    fn and_list(&self, parts: &[String]) -> String {
        match parts {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => {
                let joined = init.join(", ");
                match (self.lang, parts.len()) {
                    (Lang::Id, 2) => format!("{joined} dan {last}"),
                    (Lang::Id, _) => format!("{joined}, dan {last}"),
                    (Lang::En, _) => format!("{joined} and {last}"),
                }
            }
        }
    }

    fn reason<'a>(&self, row: &'a MetricRow) -> std::borrow::Cow<'a, str> {
        match &row.unavailable {
            Some(r) if !r.is_empty() => r.into(),
            _ => self
                .pick("datanya tidak ada".into(), "no data".into())
                .into(),
        }
    }

    // -----------------------------------------------------------------------------------
    // Rule 1: change

    fn change(&self, row: &MetricRow) -> String {
        let label = &row.label;
        let prev = &self.previous;
        let value = self.value(row.value, row.unit);
        let previous = self.value(row.previous, row.unit);
        match movement(row, self.lang) {
            Movement::Unavailable => {
                let reason = self.reason(row);
                self.pick(
                    format!("{label} tidak tersedia: {reason}."),
                    format!("{label} is not available: {reason}."),
                )
            }
            Movement::NoPrevious => self.pick(
                format!(
                    "{label} tercatat {value}; angka {prev} tidak tersedia sebagai pembanding."
                ),
                format!("{label} was {value}; there is no {prev} figure to compare with."),
            ),
            Movement::Stable => self.pick(
                format!(
                    "{label} relatif stabil dibandingkan {prev}: {value} (sebelumnya {previous})."
                ),
                format!(
                    "{label} was stable compared with {prev}: {value} (previously {previous})."
                ),
            ),
            Movement::Changed { up, by: Some(by) } => {
                let (id, en) = if up {
                    ("naik", "rose")
                } else {
                    ("turun", "fell")
                };
                self.pick(
                    format!("{label} {id} {by} dibandingkan {prev} menjadi {value}."),
                    format!("{label} {en} by {by} compared with {prev}, to {value}."),
                )
            }
            Movement::Changed { up, by: None } => {
                let (id, en) = if up {
                    ("naik", "rose")
                } else {
                    ("turun", "fell")
                };
                self.pick(
                    format!("{label} {id} dari {previous} pada {prev} menjadi {value}."),
                    format!("{label} {en} from {previous} in {prev} to {value}."),
                )
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Rules 2 and 3: targets

    fn targets_met(&self, met: usize, with_target: usize) -> String {
        let (met, n) = (self.int(met as u64), self.int(with_target as u64));
        let noun = if with_target == 1 {
            "target"
        } else {
            "targets"
        };
        self.pick(
            format!("{met} dari {n} target tercapai."),
            format!("{met} of {n} {noun} met."),
        )
    }

    /// `Label (4,10%; target ≥ 5%)`, for lists of missed targets.
    fn missed_item(&self, row: &MetricRow) -> String {
        let value = self.value(row.value, row.unit);
        let target = target_text(row);
        format!("{} ({value}; target {target})", row.label)
    }

    fn report_targets(&self, rows: &[StagedRow]) -> Vec<String> {
        let targeted: Vec<&MetricRow> = rows
            .iter()
            .map(|s| s.row)
            .filter(|r| r.target.is_some())
            .collect();
        if targeted.is_empty() {
            let prev = &self.previous;
            return vec![self.pick(
                format!("Belum ada target yang ditetapkan; angka periode ini hanya dibandingkan dengan {prev}."),
                format!("No targets are set; this period's figures are compared with {prev} only."),
            )];
        }
        let met = targeted.iter().filter(|r| r.status == "met").count();
        let mut out = vec![self.targets_met(met, targeted.len())];
        let missed: Vec<String> = targeted
            .iter()
            .filter(|r| r.status == "not_met")
            .map(|r| self.missed_item(r))
            .collect();
        if !missed.is_empty() {
            let list = self.cite(&missed);
            out.push(self.pick(
                format!("Target yang belum tercapai: {list}."),
                format!("Targets missed: {list}."),
            ));
        }
        let unassessed: Vec<String> = targeted
            .iter()
            .filter(|r| r.value.is_none())
            .map(|r| r.label.clone())
            .collect();
        if !unassessed.is_empty() {
            let list = self.cite(&unassessed);
            out.push(self.pick(
                format!("Target yang belum dapat dinilai (data tidak tersedia): {list}."),
                format!("Targets that cannot be assessed (data not available): {list}."),
            ));
        }
        out
    }

    fn objective(&self, o: &ObjectiveView) -> Vec<String> {
        let rows: Vec<&MetricRow> = o.key.iter().chain(&o.supporting).collect();
        let mut out = Vec::new();
        if o.with_target == 0 {
            out.push(self.pick(
                "Belum ada target yang ditetapkan untuk tujuan ini.".into(),
                "No targets are set for this objective.".into(),
            ));
        } else {
            out.push(self.targets_met(o.met, o.with_target));
        }
        for row in rows.iter().filter(|r| r.target.is_some()) {
            let (label, target) = (&row.label, target_text(row));
            if row.status == "not_met" {
                let value = self.value(row.value, row.unit);
                out.push(self.pick(
                    format!("{label} belum mencapai target: {value} terhadap target {target}."),
                    format!("{label} missed its target: {value} against a target of {target}."),
                ));
            } else if row.value.is_none() {
                let reason = self.reason(row);
                out.push(self.pick(
                    format!("{label} belum dapat dinilai terhadap target {target}: data tidak tersedia ({reason})."),
                    format!("{label} cannot be assessed against its target of {target}: not available ({reason})."),
                ));
            }
        }
        out.extend(self.key_movements(&o.key));
        let unavailable: Vec<String> = rows
            .iter()
            .filter(|r| r.value.is_none() && r.target.is_none())
            .map(|r| r.label.clone())
            .collect();
        if !unavailable.is_empty() {
            let list = unavailable.join("; ");
            out.push(self.pick(
                format!("Tidak tersedia dalam periode ini (bukan nol): {list}."),
                format!("Not available in this period (not zero): {list}."),
            ));
        }
        out
    }

    // -----------------------------------------------------------------------------------
    // Rule 4: key metrics

    fn key_movements(&self, key: &[MetricRow]) -> Option<String> {
        let (mut better, mut worse, mut stable) = (0u64, 0u64, 0u64);
        for row in key {
            match (movement(row, self.lang), row.good) {
                (Movement::Stable, _) => stable += 1,
                (Movement::Changed { .. }, Some(true)) => better += 1,
                (Movement::Changed { .. }, Some(false)) => worse += 1,
                _ => {}
            }
        }
        let compared = better + worse + stable;
        if compared == 0 {
            return None;
        }
        let mut parts = Vec::new();
        let en_verb = |n: u64| if n == 1 { "was" } else { "were" };
        for (n, id, en) in [
            (better, "membaik", "improved".to_string()),
            (worse, "memburuk", "worsened".to_string()),
            (
                stable,
                "relatif stabil",
                format!("{} stable", en_verb(stable)),
            ),
        ] {
            if n > 0 {
                parts.push(self.pick(
                    format!("{} {id}", self.int(n)),
                    format!("{} {en}", self.int(n)),
                ));
            }
        }
        // "4 dari 8 metrik utama membaik": the total goes with the first part.
        let total = self.int(key.len() as u64);
        let noun = if key.len() == 1 {
            "key metric"
        } else {
            "key metrics"
        };
        if let Some((count, rest)) = parts[0].split_once(' ') {
            parts[0] = self.pick(
                format!("{count} dari {total} metrik utama {rest}"),
                format!("{count} of {total} {noun} {rest}"),
            );
        }
        let prev = &self.previous;
        let list = self.and_list(&parts);
        Some(self.pick(
            format!("Dibandingkan {prev}, {list}."),
            format!("Compared with {prev}, {list}."),
        ))
    }

    // -----------------------------------------------------------------------------------
    // Rule 6: content

    fn slot_name(&self, slot: &SlotFact) -> String {
        let (day, hour, next, zone) = (
            &slot.weekday_label,
            slot.hour,
            slot.hour + 1,
            &self.time_zone,
        );
        self.pick(
            format!("{day} pukul {hour:02}.00–{next:02}.00 ({zone})"),
            format!("{day}, {hour:02}:00–{next:02}:00 ({zone})"),
        )
    }

    fn content(&self, facts: &ContentFacts) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(posts) = facts.posts.filter(|&n| n > 0) {
            let (n, word) = (self.int(posts), self.posts_word(posts));
            out.push(self.pick(
                format!("Perbandingan format dan waktu unggah mencakup {n} {word}."),
                format!("The comparisons of formats and posting times cover {n} {word}."),
            ));
        }
        if let Some(recent) = facts.too_recent.filter(|&n| n > 0) {
            let n = self.int(recent);
            out.push(self.pick(
                format!("{n} unggahan yang terbit terlalu dekat dengan akhir data tidak diikutkan; angkanya masih dapat bertambah."),
                if recent == 1 {
                    format!("{n} post published too close to the end of the data is left out; its figures may still grow.")
                } else {
                    format!("{n} posts published too close to the end of the data are left out; their figures may still grow.")
                },
            ));
        }
        out.extend(self.formats(&facts.formats));
        out.extend(self.slots(&facts.slots));
        out
    }

    fn formats(&self, formats: &[FormatFact]) -> Option<String> {
        if formats.is_empty() {
            return None;
        }
        let ranked = ranked_formats(formats);
        let min = self.int(MIN_POSTS);
        let left_out = formats.len() - ranked.len();
        let mut sentence = match ranked.as_slice() {
            [] => self.pick(
                format!("Belum ada format dengan sedikitnya {min} unggahan; format belum dapat dibandingkan."),
                format!("No format has at least {min} posts; formats cannot be compared yet."),
            ),
            [only] => {
                let (label, posts, mean) = (quoted(&only.format_label), self.int(only.posts), self.mean(only.mean));
                self.pick(
                    format!("Hanya format {label} yang memiliki sedikitnya {min} unggahan ({posts} unggahan, rata-rata {mean} interaksi per unggahan); format belum dapat dibandingkan."),
                    format!("Only the {label} format has at least {min} posts ({posts} posts, a mean of {mean} interactions per post); formats cannot be compared yet."),
                )
            }
            [best, .., worst] => {
                let (b, bp, bm) = (quoted(&best.format_label), self.int(best.posts), self.mean(best.mean));
                let (w, wp, wm) = (quoted(&worst.format_label), self.int(worst.posts), self.mean(worst.mean));
                self.pick(
                    format!("Di antara format dengan sedikitnya {min} unggahan, rata-rata interaksi per unggahan tertinggi dicatat oleh format {b} ({bm} dari {bp} unggahan) dan terendah oleh format {w} ({wm} dari {wp} unggahan)."),
                    format!("Among formats with at least {min} posts, the {b} format had the highest mean interactions per post ({bm} across {bp} posts) and the {w} format the lowest ({wm} across {wp} posts)."),
                )
            }
        };
        if left_out > 0 && !ranked.is_empty() {
            let n = self.int(left_out as u64);
            sentence.push(' ');
            sentence.push_str(&self.pick(
                format!("{n} format lain dengan kurang dari {min} unggahan tidak dibandingkan."),
                if left_out == 1 {
                    format!("{n} other format with fewer than {min} posts is not compared.")
                } else {
                    format!("{n} other formats with fewer than {min} posts are not compared.")
                },
            ));
        }
        Some(sentence)
    }

    fn slots(&self, slots: &[SlotFact]) -> Option<String> {
        if slots.is_empty() {
            return None;
        }
        let ranked = ranked_slots(slots);
        let min = self.int(MIN_POSTS);
        Some(match ranked.as_slice() {
            [] | [_] => self.pick(
                format!("Kurang dari dua slot hari dan jam memiliki sedikitnya {min} unggahan; waktu unggah belum dapat dibandingkan."),
                format!("Fewer than two weekday-and-hour slots have at least {min} posts; posting times cannot be compared yet."),
            ),
            [best, ..] => {
                let (slot, mean, posts) = (self.slot_name(best), self.mean(best.mean), self.int(best.posts));
                self.pick(
                    format!("Di antara slot hari dan jam dengan sedikitnya {min} unggahan, rata-rata interaksi per unggahan tertinggi tercatat pada {slot}: {mean} dari {posts} unggahan."),
                    format!("Among weekday-and-hour slots with at least {min} posts, the highest mean interactions per post was on {slot}: {mean} across {posts} posts."),
                )
            }
        })
    }
}

/// A name from the data inside a sentence: `“karusel”`.
fn quoted(name: &str) -> String {
    format!("“{name}”")
}

/// The target as written, with `>=`/`<=` shown as `≥`/`≤`.
fn target_text(row: &MetricRow) -> String {
    row.target
        .as_deref()
        .unwrap_or_default()
        .replace(">=", "≥")
        .replace("<=", "≤")
}

/// Formats with at least [`MIN_POSTS`] posts, highest mean first; ties by posts, then label.
fn ranked_formats(formats: &[FormatFact]) -> Vec<&FormatFact> {
    let mut ranked: Vec<&FormatFact> = formats
        .iter()
        .filter(|f| f.posts >= MIN_POSTS && f.mean.is_finite())
        .collect();
    ranked.sort_by(|a, b| {
        b.mean
            .total_cmp(&a.mean)
            .then(b.posts.cmp(&a.posts))
            .then(a.format_label.cmp(&b.format_label))
    });
    ranked
}

/// Slots with at least [`MIN_POSTS`] posts and a real hour, highest mean first.
fn ranked_slots(slots: &[SlotFact]) -> Vec<&SlotFact> {
    let mut ranked: Vec<&SlotFact> = slots
        .iter()
        .filter(|s| s.posts >= MIN_POSTS && s.mean.is_finite() && s.hour < 24)
        .collect();
    ranked.sort_by(|a, b| {
        b.mean
            .total_cmp(&a.mean)
            .then(b.posts.cmp(&a.posts))
            .then(a.weekday_label.cmp(&b.weekday_label))
            .then(a.hour.cmp(&b.hour))
    });
    ranked
}

/// Whether a metric is not available for want of data (rather than because the data says
/// zero). Reads the reason `Unavailable::describe` wrote, in either language.
fn is_data_gap(row: &MetricRow) -> bool {
    row.value.is_none()
        && !row
            .unavailable
            .as_deref()
            .is_some_and(|r| NOT_A_GAP.iter().any(|p| r.contains(p)))
}

fn actions(ctx: &Figures, rows: &[StagedRow], content: &ContentFacts, say: &Say) -> Vec<Action> {
    let lang = say.lang;
    let mut out: Vec<Action> = Vec::new();
    let mut push = |rule: &str, role: Role, text: String, because: String| {
        if !out.iter().any(|a| a.role == role.code() && a.text == text) {
            out.push(Action {
                rule: rule.to_string(),
                role: role.code().to_string(),
                role_label: role.label(lang).to_string(),
                text,
                because,
            });
        }
    };
    let is_care = |s: &&StagedRow| CARE_METRICS.contains(&s.row.id.as_str());
    let missed = |s: &&StagedRow| s.row.status == "not_met";

    // 1. negative_spike
    {
        let negative: Vec<_> = ctx
            .spikes
            .iter()
            .filter(|s| s.series == "negative")
            .collect();
        let largest = negative.iter().copied().reduce(|a, b| {
            if b.z.total_cmp(&a.z).then(a.when.cmp(&b.when)).is_gt() {
                b
            } else {
                a
            }
        });
        if let Some(spike) = largest {
            let when = if spike.hourly {
                format::datetime(&spike.when, lang)
            } else {
                format::date(&spike.when, lang)
            }
            .unwrap_or_else(|_| spike.when.clone());
            let (count, base) = (say.int(spike.count), say.mean(spike.baseline));
            let mut because = say.pick(
                format!("Penyebutan negatif pada {when}: {count}, terhadap acuan {base}."),
                format!("Negative mentions on {when}: {count} against a baseline of {base}."),
            );
            if negative.len() > 1 {
                let n = say.int(negative.len() as u64);
                because.push(' ');
                because.push_str(&say.pick(
                    format!("Ada {n} lonjakan penyebutan negatif dalam periode ini."),
                    format!("The period had {n} spikes of negative mentions."),
                ));
            }
            push(
                "negative_spike",
                Role::Recipient,
                say.pick(
                    format!("Tinjau penyebutan negatif paling awal pada lonjakan {when} beserta penulisnya, lalu putuskan apakah perlu tanggapan atau klarifikasi publik."),
                    format!("Review the earliest negative mentions of the spike on {when} and their authors, then decide whether a public reply or clarification is needed."),
                ),
                because,
            );
        }
    }

    // 2. negative_share_up
    if let Some(share) = rows.iter().find(|s| s.row.id == NEGATIVE_SHARE) {
        if let Movement::Changed { up: true, .. } = movement(share.row, lang) {
            push(
                "negative_share_up",
                Role::Recipient,
                say.pick(
                    "Baca contoh penyebutan negatif periode ini dan catat keluhan yang berulang untuk dibahas bersama tim layanan dan tim konten.".into(),
                    "Read a sample of this period's negative mentions and note recurring complaints to discuss with the care and content teams.".into(),
                ),
                say.change(share.row),
            );
        }
    }

    // 3. care_target_missed
    let care_missed: Vec<String> = rows
        .iter()
        .filter(is_care)
        .filter(missed)
        .map(|s| say.missed_item(s.row))
        .collect();
    if !care_missed.is_empty() {
        push(
            "care_target_missed",
            Role::Orchestrator,
            say.pick(
                "Tinjau pembagian giliran admin dan alur eskalasi pesan bersama unit terkait agar tanggapan kepada pelanggan kembali memenuhi target.".into(),
                "Review admin shifts and the escalation path for messages with the units involved, so that replies to customers meet the target again.".into(),
            ),
            target_because(say, &care_missed),
        );
    }

    // 4. output_target_missed
    let output_missed: Vec<String> = rows
        .iter()
        .filter(|s| !is_care(s) && missed(s))
        .filter(|s| {
            matches!(
                s.stage,
                None | Some(Stage::Input | Stage::Activity | Stage::Output | Stage::Outtake)
            )
        })
        .map(|s| say.missed_item(s.row))
        .collect();
    if !output_missed.is_empty() {
        push(
            "output_target_missed",
            Role::Producer,
            say.pick(
                "Susun rencana konten bulan depan dengan target yang belum tercapai sebagai sasaran utama, dengan unggahan teratas periode ini sebagai acuan.".into(),
                "Plan next month's content with the missed targets as its main aim, using this period's top posts as a reference.".into(),
            ),
            target_because(say, &output_missed),
        );
    }

    // 5. outcome_target_missed
    let outcome_missed: Vec<String> = rows
        .iter()
        .filter(|s| !is_care(s) && missed(s))
        .filter(|s| matches!(s.stage, Some(Stage::Outcome | Stage::Impact)))
        .map(|s| say.missed_item(s.row))
        .collect();
    if !outcome_missed.is_empty() {
        push(
            "outcome_target_missed",
            Role::Analyst,
            say.pick(
                "Telusuri tahapan menuju hasil tersebut (klik, kunjungan, konversi) untuk menemukan tahap tempat khalayak paling banyak berhenti.".into(),
                "Trace the steps towards that result (clicks, visits, conversions) to find the stage where most of the audience stops.".into(),
            ),
            target_because(say, &outcome_missed),
        );
    }

    // 6. care_worse
    if care_missed.is_empty() {
        let worse: Vec<String> = rows
            .iter()
            .filter(|s| RESPONSE_METRICS.contains(&s.row.id.as_str()))
            .filter(|s| {
                s.row.good == Some(false)
                    && matches!(movement(s.row, lang), Movement::Changed { .. })
            })
            .map(|s| say.change(s.row))
            .collect();
        if !worse.is_empty() {
            push(
                "care_worse",
                Role::Orchestrator,
                say.pick(
                    "Tinjau pembagian giliran admin dan alur eskalasi pesan bersama unit terkait sebelum waktu tanggapan bergeser lebih jauh.".into(),
                    "Review admin shifts and the escalation path for messages with the units involved before response times slip further.".into(),
                ),
                worse.iter().take(MAX_CITED).cloned().collect::<Vec<_>>().join(" "),
            );
        }
    }

    // 7. best_slot
    let min = say.int(MIN_POSTS);
    if let [best, _, ..] = ranked_slots(&content.slots).as_slice() {
        let (slot, mean, posts) = (
            say.slot_name(best),
            say.mean(best.mean),
            say.int(best.posts),
        );
        push(
            "best_slot",
            Role::Distributor,
            say.pick(
                format!("Uji coba: jadwalkan sebagian unggahan bulan depan pada {slot}, lalu bandingkan hasilnya dengan slot lain; pola ini belum tentu berulang."),
                format!("Run a test: schedule some of next month's posts on {slot}, then compare them with other slots; the pattern may not repeat."),
            ),
            say.pick(
                format!("Slot ini mencatat rata-rata {mean} interaksi per unggahan dari {posts} unggahan, tertinggi di antara slot dengan sedikitnya {min} unggahan."),
                format!("This slot had a mean of {mean} interactions per post across {posts} posts, the highest among slots with at least {min} posts."),
            ),
        );
    }

    // 8. best_format
    if let [best, .., worst] = ranked_formats(&content.formats).as_slice() {
        let (b, bp, bm) = (
            quoted(&best.format_label),
            say.int(best.posts),
            say.mean(best.mean),
        );
        let (w, wp, wm) = (
            quoted(&worst.format_label),
            say.int(worst.posts),
            say.mean(worst.mean),
        );
        push(
            "best_format",
            Role::Distributor,
            say.pick(
                format!("Uji coba: beri porsi lebih besar pada format {b} bulan depan, lalu bandingkan rata-rata interaksinya dengan periode ini; pola ini belum tentu berulang."),
                format!("Run a test: give the {b} format a larger share of next month's posts, then compare its mean interactions with this period's; the pattern may not repeat."),
            ),
            say.pick(
                format!("Di antara format dengan sedikitnya {min} unggahan, format {b} mencatat rata-rata {bm} interaksi per unggahan ({bp} unggahan), sedangkan format {w} {wm} ({wp} unggahan)."),
                format!("Among formats with at least {min} posts, the {b} format had a mean of {bm} interactions per post ({bp} posts), against {wm} for the {w} format ({wp} posts)."),
            ),
        );
    }

    // 9. data_gap
    let gaps: Vec<String> = rows
        .iter()
        .filter(|s| is_data_gap(s.row))
        .map(|s| format!("{}: {}", s.row.label, say.reason(s.row)))
        .collect();
    if !gaps.is_empty() {
        let list = say.cite(&gaps);
        push(
            "data_gap",
            Role::Analyst,
            say.pick(
                "Lengkapi data bulan depan: tambahkan ekspor yang memuat metrik yang kini tidak tersedia, atau periksa pemetaan kolomnya di berkas pipeline.".into(),
                "Complete next month's data: add the exports that carry the metrics now unavailable, or check their column mapping in the pipeline file.".into(),
            ),
            say.pick(
                format!("Tidak tersedia dalam periode ini: {list}."),
                format!("Not available in this period: {list}."),
            ),
        );
    }

    // 10. no_targets
    let untargeted: Vec<String> = ctx
        .objectives
        .iter()
        .filter(|o| o.with_target == 0)
        .map(|o| format!("“{}”", o.label))
        .collect();
    if !untargeted.is_empty() {
        let list = say.cite(&untargeted);
        let (total, n) = (
            say.int(ctx.objectives.len() as u64),
            say.int(untargeted.len() as u64),
        );
        push(
            "no_targets",
            Role::Architect,
            say.pick(
                format!("Tetapkan target untuk {list} di bagian [targets] berkas pipeline agar capaian bulan depan dapat dinilai."),
                format!("Set targets for {list} under [targets] in the pipeline file so that next month's results can be assessed."),
            ),
            say.pick(
                format!("{n} dari {total} tujuan belum memiliki target."),
                if untargeted.len() == 1 {
                    format!("{n} of {total} objectives has no target.")
                } else {
                    format!("{n} of {total} objectives have no target.")
                },
            ),
        );
    }

    out.truncate(MAX_ACTIONS);
    out
}

fn target_because(say: &Say, missed: &[String]) -> String {
    let list = say.cite(missed);
    say.pick(
        format!("Target yang belum tercapai: {list}."),
        format!("Targets missed: {list}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::catalogue::Direction;

    /// A label in the language of the test.
    fn l(lang: Lang, id: &str, en: &str) -> String {
        match lang {
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// A scorecard row whose change fields are filled the way `context::metric_row` fills
    /// them, so that the tests feed the narrative what the report feeds it.
    fn row(
        id: &str,
        label: String,
        unit: Unit,
        value: Option<f64>,
        previous: Option<f64>,
    ) -> MetricRow {
        let change_abs = value.zip(previous).map(|(v, p)| v - p);
        let change_pct = value.zip(previous).and_then(|(v, p)| {
            (unit != Unit::Percent && p != 0.0).then(|| (v - p) / p.abs() * 100.0)
        });
        let trend = change_abs.map(|c| {
            if c.abs() < 1e-12 {
                "flat"
            } else if c > 0.0 {
                "up"
            } else {
                "down"
            }
        });
        MetricRow {
            id: id.to_string(),
            label,
            unit,
            direction: Direction::HigherIsBetter,
            stage: None,
            available: value.is_some(),
            unavailable: None,
            value,
            numerator: None,
            denominator: None,
            previous,
            change_abs,
            change_pct,
            trend: trend.map(str::to_string),
            good: trend.and_then(|t| match t {
                "up" => Some(true),
                "down" => Some(false),
                _ => None,
            }),
            target: None,
            status: if value.is_some() {
                "no_target"
            } else {
                "not_available"
            }
            .to_string(),
        }
    }

    trait RowExt {
        fn lower_is_better(self) -> Self;
        fn stage(self, stage: Stage) -> Self;
        fn target(self, text: &str, met: bool) -> Self;
        fn unavailable(self, reason: &str) -> Self;
    }

    impl RowExt for MetricRow {
        fn lower_is_better(mut self) -> Self {
            self.direction = Direction::LowerIsBetter;
            self.good = self.good.map(|g| !g);
            self
        }
        fn stage(mut self, stage: Stage) -> Self {
            self.stage = Some(stage);
            self
        }
        fn target(mut self, text: &str, met: bool) -> Self {
            self.target = Some(text.to_string());
            if self.value.is_some() {
                self.status = if met { "met" } else { "not_met" }.to_string();
            }
            self
        }
        fn unavailable(mut self, reason: &str) -> Self {
            self.unavailable = Some(reason.to_string());
            self
        }
    }

    fn objective(
        id: &str,
        label: String,
        key: Vec<MetricRow>,
        supporting: Vec<MetricRow>,
    ) -> ObjectiveView {
        let all = || key.iter().chain(&supporting);
        ObjectiveView {
            id: id.to_string(),
            label,
            description: String::new(),
            provenance: "verified".to_string(),
            met: all().filter(|r| r.status == "met").count(),
            with_target: all().filter(|r| r.target.is_some()).count(),
            key,
            supporting,
        }
    }

    /// What the narrative reads of a report context, owned by the test.
    struct Case {
        period: PeriodView,
        headline: Vec<MetricRow>,
        objectives: Vec<ObjectiveView>,
        spikes: Vec<SpikeView>,
    }

    /// October 2026 against September 2026, in Asia/Jakarta.
    fn context(headline: Vec<MetricRow>, objectives: Vec<ObjectiveView>) -> Case {
        Case {
            period: PeriodView {
                id: "2026-10".to_string(),
                start: "2026-10-01".to_string(),
                end: "2026-10-31".to_string(),
                previous_id: "2026-09".to_string(),
                previous_start: "2026-09-01".to_string(),
                previous_end: "2026-09-30".to_string(),
            },
            headline,
            objectives,
            spikes: Vec::new(),
        }
    }

    fn tell(case: &Case, content: &ContentFacts, lang: Lang) -> Narrative {
        let figures = Figures {
            period: &case.period,
            time_zone: "Asia/Jakarta",
            headline: &case.headline,
            objectives: &case.objectives,
            spikes: &case.spikes,
        };
        narrate_figures(&figures, content, lang)
    }

    fn spike(series: &str, when: &str, count: u64, baseline: f64, z: f64) -> SpikeView {
        SpikeView {
            series: series.to_string(),
            when: when.to_string(),
            hourly: false,
            count,
            baseline,
            spread: 1.0,
            z,
            top_terms: Vec::new(),
            top_authors: Vec::new(),
            earliest: Vec::new(),
        }
    }

    fn err(lang: Lang, value: f64, previous: f64) -> MetricRow {
        row(
            "engagement_rate_reach",
            l(
                lang,
                "Tingkat keterlibatan terhadap jangkauan (ERR)",
                "Engagement rate by reach (ERR)",
            ),
            Unit::Percent,
            Some(value),
            Some(previous),
        )
    }

    fn impressions(lang: Lang) -> MetricRow {
        row(
            "impressions",
            l(lang, "Impresi (tayangan)", "Impressions (views)"),
            Unit::Count,
            Some(1_093_457.0),
            Some(1_226_968.0),
        )
    }

    fn posts(lang: Lang, value: f64, previous: f64) -> MetricRow {
        row(
            "posts_published",
            l(lang, "Jumlah unggahan", "Posts published"),
            Unit::Count,
            Some(value),
            Some(previous),
        )
    }

    fn one(r: MetricRow, lang: Lang) -> String {
        let ctx = context(vec![r], Vec::new());
        tell(&ctx, &ContentFacts::default(), lang).summary[0].clone()
    }

    #[test]
    fn a_percent_metric_changes_in_percentage_points() {
        assert_eq!(
            one(err(Lang::Id, 4.85, 4.66), Lang::Id),
            "Tingkat keterlibatan terhadap jangkauan (ERR) naik 0,19 poin persentase dibandingkan September 2026 menjadi 4,85%."
        );
        assert_eq!(
            one(err(Lang::En, 4.85, 4.66), Lang::En),
            "Engagement rate by reach (ERR) rose by 0.19 percentage points compared with September 2026, to 4.85%."
        );
        assert_eq!(
            one(err(Lang::Id, 4.0, 4.5), Lang::Id),
            "Tingkat keterlibatan terhadap jangkauan (ERR) turun 0,50 poin persentase dibandingkan September 2026 menjadi 4,00%."
        );
    }

    #[test]
    fn a_count_changes_by_a_relative_percentage() {
        // (1 093 457 − 1 226 968) / 1 226 968 = −10,88 %.
        assert_eq!(
            one(impressions(Lang::Id), Lang::Id),
            "Impresi (tayangan) turun 10,9% dibandingkan September 2026 menjadi 1.093.457."
        );
        assert_eq!(
            one(impressions(Lang::En), Lang::En),
            "Impressions (views) fell by 10.9% compared with September 2026, to 1,093,457."
        );
        assert_eq!(
            one(posts(Lang::En, 101.0, 100.0), Lang::En),
            "Posts published rose by 1.0% compared with September 2026, to 101."
        );
    }

    #[test]
    fn tiny_changes_are_stable() {
        // 137 against 138 is −0,72 %: under 1 %.
        assert_eq!(
            one(posts(Lang::Id, 137.0, 138.0), Lang::Id),
            "Jumlah unggahan relatif stabil dibandingkan September 2026: 137 (sebelumnya 138)."
        );
        assert_eq!(
            one(posts(Lang::En, 137.0, 138.0), Lang::En),
            "Posts published was stable compared with September 2026: 137 (previously 138)."
        );
        // 0,05 points is under 0,1.
        assert_eq!(
            one(err(Lang::Id, 2.07, 2.02), Lang::Id),
            "Tingkat keterlibatan terhadap jangkauan (ERR) relatif stabil dibandingkan September 2026: 2,07% (sebelumnya 2,02%)."
        );
        // Exactly 0,1 points is a change, although 4,1 − 4,0 is 0,0999… in binary.
        assert_eq!(
            one(err(Lang::En, 4.1, 4.0), Lang::En),
            "Engagement rate by reach (ERR) rose by 0.10 percentage points compared with September 2026, to 4.10%."
        );
    }

    #[test]
    fn zero_missing_previous_and_unavailable_values_are_said_as_such() {
        let from_zero = row(
            "conversions",
            l(Lang::Id, "Konversi", "Conversions"),
            Unit::Count,
            Some(5.0),
            Some(0.0),
        );
        assert_eq!(
            one(from_zero, Lang::Id),
            "Konversi naik dari 0 pada September 2026 menjadi 5."
        );
        let no_previous = row(
            "donations",
            "Donations raised".into(),
            Unit::Currency,
            Some(1_500_000.0),
            None,
        );
        assert_eq!(
            one(no_previous, Lang::En),
            "Donations raised was IDR 1,500,000; there is no September 2026 figure to compare with."
        );
        let no_previous = row(
            "donations",
            "Donasi terhimpun".into(),
            Unit::Currency,
            Some(1_500_000.0),
            None,
        );
        assert_eq!(
            one(no_previous, Lang::Id),
            "Donasi terhimpun tercatat Rp1.500.000; angka September 2026 tidak tersedia sebagai pembanding."
        );
        let csat = row(
            "csat",
            "Angka kepuasan konsumen (CSAT)".into(),
            Unit::Percent,
            None,
            Some(80.0),
        )
        .unavailable("perlu data `outcomes` dari ekspor survei");
        assert_eq!(
            one(csat, Lang::Id),
            "Angka kepuasan konsumen (CSAT) tidak tersedia: perlu data `outcomes` dari ekspor survei."
        );
        let csat = row(
            "csat",
            "Customer satisfaction (CSAT)".into(),
            Unit::Percent,
            None,
            None,
        )
        .unavailable("needs `outcomes` rows from a survey export");
        assert_eq!(
            one(csat, Lang::En),
            "Customer satisfaction (CSAT) is not available: needs `outcomes` rows from a survey export."
        );
    }

    /// A community objective: two targets met, one missed, one that cannot be assessed, and
    /// one supporting metric without data.
    fn community(lang: Lang) -> ObjectiveView {
        objective(
            "community",
            l(lang, "Membangun komunitas", "Build community"),
            vec![
                err(lang, 4.85, 4.66)
                    .stage(Stage::Outtake)
                    .target(">= 4%", true),
                row(
                    "amplification_rate",
                    l(
                        lang,
                        "Angka amplifikasi (bagikan per unggahan)",
                        "Amplification rate (shares per post)",
                    ),
                    Unit::PerPost,
                    Some(6.2),
                    Some(7.0),
                )
                .stage(Stage::Outtake)
                .target(">= 8", false),
                posts(lang, 137.0, 138.0)
                    .stage(Stage::Activity)
                    .target(">= 90", true),
                row(
                    "saves",
                    l(lang, "Simpan (save)", "Saves"),
                    Unit::Count,
                    None,
                    None,
                )
                .stage(Stage::Outtake)
                .target(">= 100", false)
                .unavailable(&l(
                    lang,
                    "perlu `saves` dari ekspor Instagram",
                    "needs `saves` from the Instagram export",
                )),
            ],
            vec![row(
                "followers_end",
                l(
                    lang,
                    "Jumlah pengikut akhir periode",
                    "Followers at period end",
                ),
                Unit::Count,
                None,
                None,
            )
            .stage(Stage::Output)
            .unavailable(&l(
                lang,
                "perlu `followers` dari ekspor harian",
                "needs `followers` from the daily export",
            ))],
        )
    }

    #[test]
    fn objective_sentences_name_missed_and_unassessable_targets() {
        let ctx = context(Vec::new(), vec![community(Lang::Id)]);
        let n = tell(&ctx, &ContentFacts::default(), Lang::Id);
        assert_eq!(
            n.objectives["community"],
            vec![
                "2 dari 4 target tercapai.",
                "Angka amplifikasi (bagikan per unggahan) belum mencapai target: 6,20 terhadap target ≥ 8.",
                "Simpan (save) belum dapat dinilai terhadap target ≥ 100: data tidak tersedia (perlu `saves` dari ekspor Instagram).",
                "Dibandingkan September 2026, 1 dari 4 metrik utama membaik, 1 memburuk, dan 1 relatif stabil.",
                "Tidak tersedia dalam periode ini (bukan nol): Jumlah pengikut akhir periode.",
            ]
        );
        let ctx = context(Vec::new(), vec![community(Lang::En)]);
        let n = tell(&ctx, &ContentFacts::default(), Lang::En);
        assert_eq!(
            n.objectives["community"],
            vec![
                "2 of 4 targets met.",
                "Amplification rate (shares per post) missed its target: 6.20 against a target of ≥ 8.",
                "Saves cannot be assessed against its target of ≥ 100: not available (needs `saves` from the Instagram export).",
                "Compared with September 2026, 1 of 4 key metrics improved, 1 worsened and 1 was stable.",
                "Not available in this period (not zero): Followers at period end.",
            ]
        );
    }

    #[test]
    fn summary_counts_each_targeted_metric_once() {
        // The posts target appears in both objectives and in the headline: counted once.
        let lang = Lang::En;
        let second = objective(
            "awareness",
            "Build awareness".into(),
            vec![impressions(lang)],
            vec![posts(lang, 137.0, 138.0)
                .stage(Stage::Activity)
                .target(">= 90", true)],
        );
        let headline = vec![posts(lang, 137.0, 138.0).target(">= 90", true)];
        let ctx = context(headline, vec![community(lang), second]);
        let n = tell(&ctx, &ContentFacts::default(), lang);
        assert_eq!(
            n.summary,
            vec![
                "Posts published was stable compared with September 2026: 137 (previously 138).",
                "2 of 4 targets met.",
                "Targets missed: Amplification rate (shares per post) (6.20; target ≥ 8).",
                "Targets that cannot be assessed (data not available): Saves.",
            ]
        );
        assert_eq!(
            n.objectives["awareness"],
            vec![
                "1 of 1 target met.",
                "Compared with September 2026, 1 of 1 key metric worsened.",
            ]
        );
        let ctx = context(Vec::new(), Vec::new());
        assert_eq!(
            tell(&ctx, &ContentFacts::default(), Lang::Id).summary,
            vec!["Belum ada target yang ditetapkan; angka periode ini hanya dibandingkan dengan September 2026."]
        );
    }

    fn format_fact(label: &str, posts: u64, mean: f64) -> FormatFact {
        FormatFact {
            format_label: label.to_string(),
            posts,
            mean,
        }
    }

    fn slot(day: &str, hour: u32, posts: u64, mean: f64) -> SlotFact {
        SlotFact {
            weekday_label: day.to_string(),
            hour,
            mean,
            posts,
        }
    }

    /// Video has the highest mean but only 2 posts; Monday 08:00 likewise.
    fn facts(lang: Lang) -> ContentFacts {
        ContentFacts {
            formats: vec![
                format_fact(&l(lang, "teks", "text"), 20, 35.2),
                format_fact("video", 2, 900.0),
                format_fact(&l(lang, "karusel", "carousel"), 6, 412.5),
                format_fact(&l(lang, "foto", "photo"), 4, 120.0),
            ],
            slots: vec![
                slot(&l(lang, "Senin", "Monday"), 8, 2, 999.0),
                slot(&l(lang, "Rabu", "Wednesday"), 12, 5, 150.0),
                slot(&l(lang, "Kamis", "Thursday"), 19, 4, 312.0),
            ],
            too_recent: Some(2),
            posts: Some(135),
        }
    }

    #[test]
    fn formats_and_slots_are_compared_only_with_three_posts_or_more() {
        let ctx = context(Vec::new(), Vec::new());
        assert_eq!(
            tell(&ctx, &facts(Lang::Id), Lang::Id).content,
            vec![
                "Perbandingan format dan waktu unggah mencakup 135 unggahan.",
                "2 unggahan yang terbit terlalu dekat dengan akhir data tidak diikutkan; angkanya masih dapat bertambah.",
                "Di antara format dengan sedikitnya 3 unggahan, rata-rata interaksi per unggahan tertinggi dicatat oleh format “karusel” (412,5 dari 6 unggahan) dan terendah oleh format “teks” (35,2 dari 20 unggahan). 1 format lain dengan kurang dari 3 unggahan tidak dibandingkan.",
                "Di antara slot hari dan jam dengan sedikitnya 3 unggahan, rata-rata interaksi per unggahan tertinggi tercatat pada Kamis pukul 19.00–20.00 (Asia/Jakarta): 312,0 dari 4 unggahan.",
            ]
        );
        let ctx = context(Vec::new(), Vec::new());
        assert_eq!(
            tell(&ctx, &facts(Lang::En), Lang::En).content,
            vec![
                "The comparisons of formats and posting times cover 135 posts.",
                "2 posts published too close to the end of the data are left out; their figures may still grow.",
                "Among formats with at least 3 posts, the “carousel” format had the highest mean interactions per post (412.5 across 6 posts) and the “text” format the lowest (35.2 across 20 posts). 1 other format with fewer than 3 posts is not compared.",
                "Among weekday-and-hour slots with at least 3 posts, the highest mean interactions per post was on Thursday, 19:00–20:00 (Asia/Jakarta): 312.0 across 4 posts.",
            ]
        );
    }

    #[test]
    fn too_few_posts_give_no_best_format_or_slot() {
        let lang = Lang::En;
        let thin = ContentFacts {
            formats: vec![
                format_fact("video", 2, 900.0),
                format_fact("photo", 3, 50.0),
            ],
            slots: vec![slot("Monday", 8, 2, 999.0), slot("Friday", 9, 3, 10.0)],
            too_recent: None,
            posts: None,
        };
        let ctx = context(Vec::new(), Vec::new());
        let n = tell(&ctx, &thin, lang);
        assert_eq!(
            n.content,
            vec![
                "Only the “photo” format has at least 3 posts (3 posts, a mean of 50.0 interactions per post); formats cannot be compared yet. 1 other format with fewer than 3 posts is not compared.",
                "Fewer than two weekday-and-hour slots have at least 3 posts; posting times cannot be compared yet.",
            ]
        );
        assert!(
            n.actions.iter().all(|a| a.role != "distributor"),
            "{:?}",
            n.actions
        );
        let none = ContentFacts {
            formats: vec![format_fact("video", 2, 900.0)],
            ..ContentFacts::default()
        };
        assert_eq!(
            tell(&context(Vec::new(), Vec::new()), &none, Lang::Id).content,
            vec!["Belum ada format dengan sedikitnya 3 unggahan; format belum dapat dibandingkan."]
        );
        assert!(tell(&ctx, &ContentFacts::default(), lang)
            .content
            .is_empty());
    }

    /// Every action rule fires except `care_worse` (a care target is missed instead).
    fn busy(lang: Lang) -> Case {
        let negative_share = row(
            "negative_share",
            l(
                lang,
                "Porsi penyebutan negatif",
                "Negative share of mentions",
            ),
            Unit::Percent,
            Some(10.33),
            Some(6.59),
        )
        .lower_is_better()
        .stage(Stage::Outcome);
        let response = row(
            "first_response_median",
            l(
                lang,
                "Waktu tanggapan pertama (median)",
                "First-response time (median)",
            ),
            Unit::Seconds,
            Some(2460.0),
            Some(2220.0),
        )
        .lower_is_better()
        .stage(Stage::Outcome)
        .target("<= 30min", false);
        let donations = row(
            "donations",
            l(lang, "Donasi terhimpun", "Donations raised"),
            Unit::Currency,
            Some(67_138_000.0),
            Some(69_045_000.0),
        )
        .stage(Stage::Impact)
        .target(">= 70000000", false);
        let roas = row("roas", "ROAS".into(), Unit::Ratio, None, None)
            .stage(Stage::Impact)
            .unavailable(&l(
                lang,
                "penyebutnya nol dalam periode ini",
                "the denominator is zero in this period",
            ));
        let csat = row("csat", "CSAT".into(), Unit::Percent, None, None)
            .stage(Stage::Impact)
            .unavailable(&l(
                lang,
                "perlu data `outcomes` dari ekspor survei",
                "needs `outcomes` rows from a survey export",
            ));
        let mut ctx = context(
            vec![impressions(lang)],
            vec![
                community(lang),
                objective(
                    "crisis",
                    l(lang, "Krisis", "Crisis"),
                    vec![negative_share],
                    Vec::new(),
                ),
                objective(
                    "customer_care",
                    l(lang, "Layanan", "Service"),
                    vec![response, csat],
                    Vec::new(),
                ),
                objective(
                    "fundraising",
                    l(lang, "Donasi", "Fundraising"),
                    vec![donations, roas],
                    Vec::new(),
                ),
                objective(
                    "recruitment",
                    l(lang, "Perekrutan", "Recruitment"),
                    vec![impressions(lang)],
                    Vec::new(),
                ),
            ],
        );
        ctx.spikes = vec![
            spike("all", "2026-10-09", 63, 12.9, 13.0),
            spike("negative", "2026-10-04", 11, 2.0, 4.5),
            spike("negative", "2026-10-09", 16, 1.0, 15.0),
        ];
        ctx
    }

    fn rules(n: &Narrative) -> Vec<(&str, &str)> {
        n.actions
            .iter()
            .map(|a| (a.rule.as_str(), a.role.as_str()))
            .collect()
    }

    #[test]
    fn actions_follow_the_stated_priority_and_stop_at_eight() {
        let n = tell(&busy(Lang::Id), &facts(Lang::Id), Lang::Id);
        // Nine rules fire; `no_targets`, the last, is cut by the limit of eight.
        assert_eq!(
            rules(&n),
            vec![
                ("negative_spike", "recipient"),
                ("negative_share_up", "recipient"),
                ("care_target_missed", "orchestrator"),
                ("output_target_missed", "producer"),
                ("outcome_target_missed", "analyst"),
                ("best_slot", "distributor"),
                ("best_format", "distributor"),
                ("data_gap", "analyst"),
            ]
        );
        let a = &n.actions;
        assert_eq!(a[0].role_label, "Pendengar dan penerima masukan");
        assert_eq!(
            a[0].text,
            "Tinjau penyebutan negatif paling awal pada lonjakan 9 Oktober 2026 beserta penulisnya, lalu putuskan apakah perlu tanggapan atau klarifikasi publik."
        );
        assert_eq!(
            a[0].because,
            "Penyebutan negatif pada 9 Oktober 2026: 16, terhadap acuan 1,0. Ada 2 lonjakan penyebutan negatif dalam periode ini."
        );
        assert_eq!(
            a[1].because,
            "Porsi penyebutan negatif naik 3,74 poin persentase dibandingkan September 2026 menjadi 10,33%."
        );
        assert_eq!(
            a[2].because,
            "Target yang belum tercapai: Waktu tanggapan pertama (median) (41 mnt; target ≤ 30min)."
        );
        // The missed output target goes to the producer, the missed impact target to the
        // analyst: each cites only its own metric.
        assert_eq!(
            a[3].because,
            "Target yang belum tercapai: Angka amplifikasi (bagikan per unggahan) (6,20; target ≥ 8)."
        );
        assert_eq!(
            a[4].because,
            "Target yang belum tercapai: Donasi terhimpun (Rp67.138.000; target ≥ 70000000)."
        );
        assert_eq!(
            a[5].text,
            "Uji coba: jadwalkan sebagian unggahan bulan depan pada Kamis pukul 19.00–20.00 (Asia/Jakarta), lalu bandingkan hasilnya dengan slot lain; pola ini belum tentu berulang."
        );
        assert_eq!(
            a[5].because,
            "Slot ini mencatat rata-rata 312,0 interaksi per unggahan dari 4 unggahan, tertinggi di antara slot dengan sedikitnya 3 unggahan."
        );
        assert_eq!(
            a[6].because,
            "Di antara format dengan sedikitnya 3 unggahan, format “karusel” mencatat rata-rata 412,5 interaksi per unggahan (6 unggahan), sedangkan format “teks” 35,2 (20 unggahan)."
        );
        // ROAS's zero denominator is a fact of the data, not a gap to fill.
        assert_eq!(
            a[7].because,
            "Tidak tersedia dalam periode ini: Simpan (save): perlu `saves` dari ekspor Instagram; Jumlah pengikut akhir periode: perlu `followers` dari ekspor harian; CSAT: perlu data `outcomes` dari ekspor survei."
        );
    }

    #[test]
    fn worse_care_figures_and_missing_targets_reach_the_orchestrator_and_architect() {
        let lang = Lang::En;
        let response = row(
            "first_response_median",
            "First-response time (median)".into(),
            Unit::Seconds,
            Some(2460.0),
            Some(2220.0),
        )
        .lower_is_better()
        .stage(Stage::Outcome);
        let replies = row(
            "replies_sent",
            "Replies sent".into(),
            Unit::Count,
            Some(87.0),
            Some(89.0),
        );
        let care = objective(
            "customer_care",
            "Customer service and support".into(),
            vec![response, replies],
            Vec::new(),
        );
        let ctx = context(Vec::new(), vec![care]);
        let n = tell(&ctx, &ContentFacts::default(), lang);
        assert_eq!(
            rules(&n),
            vec![("care_worse", "orchestrator"), ("no_targets", "architect")]
        );
        // 2 460 s against 2 220 s is +10,8 % (lower is better). Replies sent fell 2,2 % but
        // follow how many customers wrote: they are not a response metric and not cited.
        assert_eq!(
            n.actions[0].because,
            "First-response time (median) rose by 10.8% compared with September 2026, to 41 min."
        );
        assert_eq!(n.actions[1].role_label, "Architect");
        assert_eq!(
            n.actions[1].text,
            "Set targets for “Customer service and support” under [targets] in the pipeline file so that next month's results can be assessed."
        );
        assert_eq!(n.actions[1].because, "1 of 1 objectives has no target.");
    }

    #[test]
    fn long_lists_cite_three_then_count_the_rest() {
        let case = context(Vec::new(), Vec::new());
        let figures = Figures {
            period: &case.period,
            time_zone: "Asia/Jakarta",
            headline: &[],
            objectives: &[],
            spikes: &[],
        };
        let items: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(
            Say::new(&figures, Lang::Id).cite(&items),
            "a; b; c; dan 2 lainnya"
        );
        assert_eq!(Say::new(&figures, Lang::En).cite(&items[..3]), "a; b; c");
    }

    const CAUSAL_WORDS: [&str; 10] = [
        "karena",
        "berkat",
        "menyebabkan",
        "akibat",
        "because",
        "due to",
        "thanks to",
        "caused",
        "led to",
        "drove",
    ];

    fn every_sentence(n: &Narrative) -> Vec<String> {
        let mut all: Vec<String> = n.summary.clone();
        all.extend(n.objectives.values().flatten().cloned());
        all.extend(n.content.clone());
        for a in &n.actions {
            all.extend([a.role_label.clone(), a.text.clone(), a.because.clone()]);
        }
        all
    }

    #[test]
    fn no_sentence_claims_a_cause() {
        let mut checked = 0;
        for lang in [Lang::Id, Lang::En] {
            let thin = ContentFacts {
                formats: vec![format_fact("video", 3, 9.0)],
                slots: vec![slot("Senin", 23, 3, 1.0)],
                too_recent: Some(1),
                posts: Some(1),
            };
            let contexts = [
                (busy(lang), facts(lang)),
                (
                    context(
                        vec![impressions(lang), posts(lang, 5.0, 0.0)],
                        vec![community(lang)],
                    ),
                    thin,
                ),
                (context(Vec::new(), Vec::new()), ContentFacts::default()),
            ];
            for (ctx, content) in &contexts {
                for sentence in every_sentence(&tell(ctx, content, lang)) {
                    let lower = sentence.to_lowercase();
                    for word in CAUSAL_WORDS {
                        assert!(!lower.contains(word), "«{word}» in: {sentence}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "only {checked} sentences checked");
    }

    #[test]
    fn the_same_figures_give_the_same_narrative() {
        let ctx = busy(Lang::Id);
        let first = tell(&ctx, &facts(Lang::Id), Lang::Id);
        let second = tell(&ctx, &facts(Lang::Id), Lang::Id);
        assert_eq!(first, second);
        let json = |n: &Narrative| serde_json::to_string(n).expect("serialisable");
        assert_eq!(json(&first), json(&second));
        // The order the lead lists formats and slots in does not matter.
        let mut shuffled = facts(Lang::Id);
        shuffled.formats.reverse();
        shuffled.slots.reverse();
        assert_eq!(tell(&ctx, &shuffled, Lang::Id), first);
        // Equal means are ranked by posts, then by label.
        let tied = ContentFacts {
            formats: vec![
                format_fact("video", 3, 10.0),
                format_fact("foto", 3, 10.0),
                format_fact("teks", 4, 10.0),
            ],
            ..ContentFacts::default()
        };
        let text = tell(&ctx, &tied, Lang::Id).content;
        assert!(
            text[0].contains("tertinggi dicatat oleh format “teks”")
                && text[0].contains("terendah oleh format “video”"),
            "{text:?}"
        );
    }
}
