//! Pipeline files (`pipelines/<name>.toml`): one report job. Loaded strictly (unknown keys
//! are errors), then validated whole against the catalogue before any data is read; every
//! problem is reported at once.

pub mod branding;
pub mod care;
pub mod commentary;
pub mod listening;
pub mod period;
pub mod target;

use crate::i18n::Lang;
use crate::metrics::catalogue::Catalogue;
use crate::schema::Table;
use chrono::NaiveDate;
use period::Period;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use target::Target;

pub use care::CareSettings;
pub use listening::{Listening, Query, SentimentSettings};

/// What the user writes. Paths are relative to the pipeline file's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PipelineFile {
    /// Names the output folder; default: the file name without `.toml`.
    #[serde(default)]
    pub name: Option<String>,
    pub organisation: String,
    #[serde(default)]
    pub title: Option<Title>,
    #[serde(default)]
    pub lang: Lang,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    pub period: String,
    /// Default: `../store/<name>`, one store per pipeline.
    #[serde(default)]
    pub store: Option<String>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default = "default_catalogue")]
    pub catalogue: String,
    #[serde(default = "default_templates")]
    pub templates: String,
    /// A folder of templates and UI strings that replace the same files of `templates`:
    /// a client's look without copying every template.
    #[serde(default)]
    pub template_overrides: Option<String>,
    pub objectives: Vec<String>,
    #[serde(default = "default_headline")]
    pub headline: Vec<String>,
    #[serde(default)]
    pub top_posts: TopPosts,
    /// Exit with code 3 when more rows than this are quarantined in one run.
    #[serde(default)]
    pub max_quarantined: Option<u64>,
    #[serde(default)]
    pub targets: BTreeMap<String, String>,
    #[serde(default)]
    pub listening: Listening,
    /// How mentions are scored at ingest (`lexicon`: a user's Indonesian lexicon).
    #[serde(default)]
    pub sentiment: SentimentSettings,
    /// Spike detection on mention volumes (the report's listening and intelligence sections).
    #[serde(default)]
    pub crisis: Crisis,
    /// Customer-care service level and business hours.
    #[serde(default)]
    pub care: CareSettings,
    /// `[privacy]`: pseudonymise author identifiers before they are stored.
    #[serde(default)]
    pub privacy: crate::privacy::PrivacySettings,
    /// `[branding]`: client, logo, colours, footer, white label.
    #[serde(default)]
    pub branding: branding::Branding,
    /// The report's output files; default all (`md`, `html`, `pdf`, `xlsx`, `csv`).
    #[serde(default = "branding::default_formats")]
    pub formats: Vec<branding::OutputFormat>,
    /// A Markdown file of the analyst's own commentary per report section.
    #[serde(default)]
    pub commentary: Option<String>,
    #[serde(default)]
    pub input: Vec<InputSpec>,
}

/// The report title: one text for every language, or `{ id = "…", en = "…" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Title {
    Same(String),
    PerLanguage(crate::i18n::Text),
}

impl Title {
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Title::Same(text) => text,
            Title::PerLanguage(text) => text.get(lang),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TopPosts {
    #[serde(default = "default_top_metric")]
    pub metric: String,
    #[serde(default = "default_top_count")]
    pub count: usize,
}

impl Default for TopPosts {
    fn default() -> Self {
        TopPosts {
            metric: default_top_metric(),
            count: default_top_count(),
        }
    }
}

/// `[crisis]`: how mention spikes are found (see `src/intelligence/spikes.rs`). Checked
/// strictly at load time, and printed in the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Crisis {
    /// `rolling_sigma` (mean + k·σ) or `rolling_mad` (median + k·1.4826·MAD).
    #[serde(default = "default_crisis_method")]
    pub method: String,
    /// Intervals before each one that form its baseline, in `interval`s.
    #[serde(default = "default_crisis_window")]
    pub window: usize,
    #[serde(default = "default_crisis_k")]
    pub k: f64,
    /// Fewer mentions than this in an interval are never a spike.
    #[serde(default = "default_crisis_min_count")]
    pub min_count: u64,
    /// `day` or `hour`, in the pipeline's time zone.
    #[serde(default = "default_crisis_interval")]
    pub interval: String,
}

impl Default for Crisis {
    fn default() -> Self {
        Crisis {
            method: default_crisis_method(),
            window: default_crisis_window(),
            k: default_crisis_k(),
            min_count: default_crisis_min_count(),
            interval: default_crisis_interval(),
        }
    }
}

fn default_crisis_method() -> String {
    "rolling_sigma".into()
}
fn default_crisis_window() -> usize {
    7
}
fn default_crisis_k() -> f64 {
    2.0
}
fn default_crisis_min_count() -> u64 {
    10
}
fn default_crisis_interval() -> String {
    "day".into()
}

/// One `[[input]]`: files to ingest, and for generic CSVs the column mapping.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputSpec {
    /// File, folder or glob.
    pub path: String,
    /// Force an adapter instead of detecting it; `generic_mentions` needs `columns`,
    /// `generic_outcomes` needs `source`, `columns.date` and `kinds`.
    #[serde(default)]
    pub adapter: Option<String>,
    /// Dataset name stored in `mentions.source` (generic mentions), or where outcome rows
    /// come from, stored in `outcomes.source` (generic outcomes, where it is required).
    #[serde(default)]
    pub source: Option<String>,
    /// Platform for every row when the file does not say it (Meta's `Reach.csv`), or the
    /// default when a listening CSV's platform column is empty.
    #[serde(default)]
    pub platform: Option<String>,
    /// Account for every row when the file does not say it (Meta's daily series).
    #[serde(default)]
    pub account: Option<String>,
    /// Canonical column = column in the file.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Generic outcomes: outcome kind = column in the file holding its values (one
    /// `outcomes` row per kind and file row).
    #[serde(default)]
    pub kinds: BTreeMap<String, String>,
    /// Generic outcomes: the campaign of every row, when no `columns.campaign` names a
    /// column for it; default `all`.
    #[serde(default)]
    pub campaign: Option<String>,
    /// Generic outcomes: how the date column writes dates (`chrono` format, `%Y%m%d`);
    /// ISO `yyyy-mm-dd` is always read. Generic care: how the time columns write times
    /// (`%d/%m/%Y %H:%M`, local to the pipeline's `timezone` unless it has `%z`); ISO 8601
    /// is always read.
    #[serde(default)]
    pub date_format: Option<String>,
    /// Generic outcomes: ISO 4217 currency of the money kinds (`IDR`).
    #[serde(default)]
    pub currency: Option<String>,
    /// Generic care: the file's values of the direction column, per direction
    /// (`inbound = ["customer", "masuk"]`, `outbound = ["agent", "page"]`).
    #[serde(default)]
    pub direction_values: BTreeMap<String, Vec<String>>,
    /// When these exports were taken (`2026-11-03` or `2026-11-03T09:00:00+07:00`), for
    /// files whose name does not say it, or that were downloaded again later.
    #[serde(default)]
    pub snapshot_at: Option<String>,
    /// Header cell in the file = the header the platform writes in English, for exports
    /// downloaded in another interface language (`"Waktu publikasi" = "Publish time"`):
    /// the file's header is read as if it had the English names, before detection.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

fn default_timezone() -> String {
    "Asia/Jakarta".into()
}
fn default_catalogue() -> String {
    "catalogue".into()
}
fn default_templates() -> String {
    "../report_templates".into()
}
fn default_headline() -> Vec<String> {
    [
        "posts_published",
        "reach",
        "impressions",
        "interactions",
        "engagement_rate_reach",
    ]
    .map(String::from)
    .to_vec()
}
fn default_top_metric() -> String {
    "interactions".into()
}
fn default_top_count() -> usize {
    5
}

/// A validated pipeline with every path resolved and every string parsed.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub path: PathBuf,
    pub name: String,
    pub sha256: String,
    pub file: PipelineFile,
    pub lang: Lang,
    pub period: Period,
    pub previous: Period,
    pub tz: chrono_tz::Tz,
    pub targets: BTreeMap<String, Target>,
    pub store_dir: PathBuf,
    pub output_dir: PathBuf,
    pub catalogue_dir: PathBuf,
    pub templates_dir: PathBuf,
    /// `template-overrides`, resolved.
    pub template_overrides: Option<PathBuf>,
    pub catalogue: Catalogue,
    /// `[care]`, checked.
    pub care: crate::metrics::care::CareRules,
    /// `[branding]` with the logo read.
    pub branding: branding::ResolvedBranding,
    /// The `commentary` file's sections (empty without one).
    pub commentary: commentary::Commentary,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("could not read pipeline file `{path}`")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is not a valid pipeline file:\n{message}")]
    Parse { path: PathBuf, message: String },
    #[error("{}", Problems(.0))]
    Invalid(Vec<Problem>),
}

/// One validation problem, named by file and key.
#[derive(Debug, Clone)]
pub struct Problem {
    pub file: PathBuf,
    pub key: String,
    pub message: String,
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) found:", self.0.len())?;
        for p in self.0 {
            writeln!(f, "  {}: `{}`: {}", p.file.display(), p.key, p.message)?;
        }
        Ok(())
    }
}

impl Pipeline {
    /// Reads, parses and validates a pipeline file and the catalogue it names.
    /// `period_override` replaces the file's `period`; `today` resolves `last-month`.
    pub fn load(
        path: &Path,
        period_override: Option<&str>,
        lang_override: Option<Lang>,
        today: NaiveDate,
    ) -> Result<Pipeline, PipelineError> {
        let text = std::fs::read_to_string(path).map_err(|source| PipelineError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let file: PipelineFile = toml::from_str(&text).map_err(|e| PipelineError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let resolve = |p: &str| normalise_path(&dir.join(p));
        let name = file.name.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });

        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String| {
            problems.push(Problem {
                file: path.to_path_buf(),
                key: key.to_string(),
                message,
            })
        };

        let catalogue_dir = resolve(&file.catalogue);
        let catalogue = match Catalogue::load(&catalogue_dir) {
            Ok(c) => Some(c),
            Err(errors) => {
                for e in errors {
                    problem("catalogue", e);
                }
                None
            }
        };

        let period_text = period_override.unwrap_or(&file.period);
        let period = Period::parse(period_text, today)
            .map_err(|e| problem("period", e))
            .ok();
        let tz = file
            .timezone
            .parse::<chrono_tz::Tz>()
            .map_err(|_| {
                problem(
                    "timezone",
                    format!(
                        "`{}` is not an IANA time zone (for example `Asia/Jakarta`)",
                        file.timezone
                    ),
                )
            })
            .ok();

        let mut targets = BTreeMap::new();
        if let Some(cat) = &catalogue {
            for id in &file.objectives {
                if cat.objective(id).is_none() {
                    problem(
                        "objectives",
                        format!(
                            "unknown objective `{id}`; known: {}",
                            cat.objective_ids().join(", ")
                        ),
                    );
                }
            }
            for id in &file.headline {
                if cat.metric(id).is_none() {
                    problem("headline", format!("unknown metric `{id}`"));
                }
            }
            match cat.metric(&file.top_posts.metric) {
                None => problem(
                    "top-posts.metric",
                    format!("unknown metric `{}`", file.top_posts.metric),
                ),
                Some(m) if m.table() != Some(Table::Posts) => problem(
                    "top-posts.metric",
                    format!(
                        "`{}` is not computed over posts, so it cannot rank posts",
                        m.id
                    ),
                ),
                Some(_) => {}
            }
            let shown: Vec<&str> = file
                .headline
                .iter()
                .map(String::as_str)
                .chain(
                    file.objectives
                        .iter()
                        .filter_map(|id| cat.objective(id))
                        .flat_map(|o| o.key.iter().chain(&o.supporting))
                        .map(|m| m.metric.as_str()),
                )
                .collect();
            for (id, text) in &file.targets {
                let key = format!("targets.{id}");
                if cat.metric(id).is_some() && !shown.contains(&id.as_str()) {
                    problem(
                        &key,
                        format!("the report does not show `{id}`: add it to `headline` or choose an objective that lists it"),
                    );
                }
                let Some(metric) = cat.metric(id) else {
                    problem(&key, format!("unknown metric `{id}`"));
                    continue;
                };
                match Target::parse(text).and_then(|t| t.check_unit(metric.unit).map(|()| t)) {
                    Ok(t) => {
                        targets.insert(id.clone(), t);
                    }
                    Err(e) => problem(&key, e),
                }
            }
        }
        for (key, message) in file.listening.check() {
            problem(&format!("listening.{key}"), message);
        }
        for (key, message) in file.sentiment.check(&dir) {
            problem(&format!("sentiment.{key}"), message);
        }
        for (key, message) in crate::intelligence::check_crisis(&file.crisis) {
            problem(&format!("crisis.{key}"), message);
        }
        let care = crate::metrics::care::CareRules::from_settings(&file.care)
            .map_err(|problems| {
                for (key, message) in problems {
                    problem(&format!("care.{key}"), message);
                }
            })
            .unwrap_or_default();
        if file.objectives.is_empty() {
            problem("objectives", "choose at least one objective".into());
        }
        if let Some(folder) = &file.template_overrides {
            if !dir.join(folder).is_dir() {
                problem(
                    "template-overrides",
                    format!("`{}` is not a folder", dir.join(folder).display()),
                );
            }
        }
        let branding = file
            .branding
            .resolve(&dir)
            .map_err(|problems| {
                for (key, message) in problems {
                    problem(&format!("branding.{key}"), message);
                }
            })
            .ok();
        let commentary = match &file.commentary {
            None => Some(commentary::Commentary::default()),
            Some(relative) => {
                let commentary_path = dir.join(relative);
                commentary::Commentary::load(&commentary_path, &file.objectives)
                    .map_err(|problems| {
                        for (line, message) in problems {
                            let at = match line {
                                0 => String::new(),
                                n => format!(" line {n}"),
                            };
                            problem(
                                "commentary",
                                format!("`{}`{at}: {message}", commentary_path.display()),
                            );
                        }
                    })
                    .ok()
            }
        };
        for (i, input) in file.input.iter().enumerate() {
            let key = format!("input[{i}]");
            for (sub_key, e) in crate::normalise::check_input_spec(input) {
                problem(&format!("{key}{sub_key}"), e);
            }
            if let (Some(text), Some(tz)) = (&input.snapshot_at, tz) {
                if let Err(e) = crate::normalise::values::instant_iso(text, tz) {
                    problem(&format!("{key}.snapshot-at"), e);
                }
            }
        }

        if !problems.is_empty() {
            return Err(PipelineError::Invalid(problems));
        }
        let period = period.expect("checked above");
        let lang = lang_override.unwrap_or(file.lang);
        Ok(Pipeline {
            path: path.to_path_buf(),
            sha256: hex_sha256(text.as_bytes()),
            previous: period.previous(),
            period,
            lang,
            tz: tz.expect("checked above"),
            targets,
            store_dir: resolve(file.store.as_deref().unwrap_or(&format!("../store/{name}"))),
            output_dir: resolve(
                file.output
                    .as_deref()
                    .unwrap_or(&format!("../reports/{name}")),
            ),
            catalogue_dir,
            templates_dir: resolve(&file.templates),
            template_overrides: file.template_overrides.as_deref().map(resolve),
            catalogue: catalogue.expect("checked above"),
            care,
            branding: branding.expect("checked above"),
            commentary: commentary.expect("checked above"),
            name,
            file,
        })
    }

    /// The template folders, the overrides first (see `report::render_layers`).
    pub fn template_layers(&self) -> Vec<&Path> {
        self.template_overrides
            .iter()
            .map(PathBuf::as_path)
            .chain(std::iter::once(self.templates_dir.as_path()))
            .collect()
    }

    /// The `[[input]]` paths, resolved against the pipeline's folder.
    pub fn input_paths(&self) -> Vec<(String, &InputSpec)> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        self.file
            .input
            .iter()
            .map(|i| (dir.join(&i.path).to_string_lossy().into_owned(), i))
            .collect()
    }
}

/// Removes `.` and `a/..` components without touching the file system, so paths in reports
/// read `reports/example`, not `pipelines/../reports/example`.
pub fn normalise_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
