//! Renders a `ReportContext` through the templates of a `report_templates/`-shaped folder.
//!
//! The environment is strict: a template that names a value the context does not have, or
//! a UI string missing from `i18n/<lang>.toml`, fails the render instead of printing an
//! empty string. Escaping follows the template's file name: `*.html.j2` is HTML-escaped,
//! `*.typ.j2` prints every value as a typst string literal, everything else (`*.md.j2`,
//! `*.css.j2`) is not escaped, so Markdown templates pass user text through the `md` filter
//! instead.

use super::context::ReportContext;
use super::format::{self, FormatError, MISSING};
use super::ReportError;
use crate::i18n::Lang;
use crate::metrics::catalogue::{Stage, Unit};
use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The output formats that have an entry template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// Typst markup, compiled to `report.pdf` by `report::render_pdf`.
    Typst,
}

impl Format {
    /// The entry template, relative to the templates folder.
    pub fn template_name(self) -> &'static str {
        match self {
            Format::Markdown => "report.md.j2",
            Format::Html => "report.html.j2",
            Format::Typst => "report.typ.j2",
        }
    }

    /// The extension of the file the output belongs in.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Typst => "typ",
        }
    }
}

/// Renders the report. `templates_dir` is a folder with the layout of `report_templates/`.
///
/// The output has no trailing whitespace on any line, at most one blank line in a row, and
/// ends with exactly one newline, so reruns over the same context are byte-identical.
pub fn render(
    ctx: &ReportContext,
    templates_dir: &Path,
    format: Format,
) -> Result<String, ReportError> {
    render_layers(ctx, &[templates_dir], format)
}

/// Renders through several template folders: a file (template or `i18n` string) of an
/// earlier folder replaces the same one of a later folder, so a pipeline's
/// `template-overrides` folder needs to hold only what it changes.
pub fn render_layers(
    ctx: &ReportContext,
    layers: &[&Path],
    format: Format,
) -> Result<String, ReportError> {
    let lang = report_lang(&ctx.lang)?;
    let strings = load_strings_layers(layers, lang)?;
    let env = environment(layers, lang, strings);
    let entry = format.template_name();
    let context = context_value(ctx)?;
    let text = env
        .get_template(entry)
        .and_then(|template| template.render(context))
        .map_err(|source| template_error(entry, source))?;
    Ok(tidy(&text))
}

fn report_lang(code: &str) -> Result<Lang, ReportError> {
    match code {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        other => Err(ReportError::UnknownLanguage {
            lang: other.to_string(),
        }),
    }
}

/// Names the template where the error happened: for an error inside an included partial,
/// minijinja wraps it once per `include`, so the innermost named error is the partial. Errors
/// without a location (a template not found) fall back to the entry template.
fn template_error(entry: &str, source: Error) -> ReportError {
    let name = innermost_template_name(&source)
        .unwrap_or(entry)
        .to_string();
    ReportError::Template { name, source }
}

fn innermost_template_name(err: &Error) -> Option<&str> {
    let mut name = err.name();
    let mut cause = std::error::Error::source(err);
    while let Some(next) = cause {
        if let Some(inner) = next.downcast_ref::<Error>().and_then(Error::name) {
            name = Some(inner);
        }
        cause = next.source();
    }
    name
}

// ---------------------------------------------------------------------------------------------
// UI strings

fn strings_path(templates_dir: &Path, lang: Lang) -> PathBuf {
    templates_dir
        .join("i18n")
        .join(format!("{}.toml", lang.code()))
}

/// The UI strings of several template folders: the last folder's file must exist (it is the
/// complete set); an earlier folder's file, when present, replaces the keys it names.
pub(crate) fn load_strings_layers(
    layers: &[&Path],
    lang: Lang,
) -> Result<BTreeMap<String, String>, ReportError> {
    let Some((base, overrides)) = layers.split_last() else {
        return Ok(BTreeMap::new());
    };
    let mut strings = load_strings(base, lang)?;
    for dir in overrides.iter().rev() {
        if strings_path(dir, lang).exists() {
            strings.extend(load_strings(dir, lang)?);
        }
    }
    Ok(strings)
}

/// `i18n/<lang>.toml`: flat `key = "text"` pairs, shown to templates as `t`.
pub(crate) fn load_strings(
    templates_dir: &Path,
    lang: Lang,
) -> Result<BTreeMap<String, String>, ReportError> {
    let path = strings_path(templates_dir, lang);
    let text = std::fs::read_to_string(&path).map_err(|source| ReportError::ReadStrings {
        path: path.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|source| ReportError::ParseStrings { path, source })
}

// ---------------------------------------------------------------------------------------------
// Environment

fn environment(
    layers: &[&Path],
    lang: Lang,
    strings: BTreeMap<String, String>,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(escape_for);
    env.set_formatter(typst_aware_formatter);
    // Block tags on their own lines leave no blank lines or indentation behind, which keeps
    // Markdown tables contiguous; each partial keeps its final newline, so sections stay
    // apart.
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid (this is a bug in tolok, please report it)");
    env.set_syntax(syntax);
    env.set_loader(folder_loader(
        layers.iter().map(|dir| dir.to_path_buf()).collect(),
    ));
    env.add_global("t", Value::from_pairs(strings));
    add_filters(&mut env, lang);
    env.add_test("web_link", |url: &Value| {
        Ok::<_, Error>(optional_text(url)?.is_some_and(format::is_web_link))
    });
    env
}

/// HTML escaping for `*.html.j2` (and `*.htm.j2`), typst escaping for `*.typ.j2`, none for
/// anything else.
fn escape_for(name: &str) -> AutoEscape {
    let stem = name.strip_suffix(".j2").unwrap_or(name);
    match stem.rsplit('.').next() {
        Some("html" | "htm") => AutoEscape::Html,
        Some("typ") => AutoEscape::Custom(TYPST_ESCAPE.into()),
        _ => AutoEscape::None,
    }
}

/// The name of the custom auto-escape of `*.typ.j2` templates.
const TYPST_ESCAPE: &str = "typst";

/// minijinja's own formatter, plus the typst escape: in a `*.typ.j2` template every
/// `{{ value }}` that is not already safe (macro output, `typst_string`) becomes a typst
/// string literal, so text from the data can never be read as typst markup or code.
fn typst_aware_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == TYPST_ESCAPE && !value.is_safe() => {
            out.write_str(&typst_text(&value.to_string()))?;
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Text for typst markup: `#"…";`, a string literal shown as plain text. The `;` ends the
/// embedded expression, so a `(`, `[` or `.field` right after it in the template stays text.
fn typst_text(text: &str) -> String {
    format!("#{};", typst_string(text))
}

/// A typst string literal: `\` and `"` escaped, control characters (line breaks included)
/// as `\u{..}`, so the literal stays on one line and cannot end early.
fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Loads `name` from the first folder that has it. Only plain relative paths are looked up,
/// so an `include` cannot reach outside the templates folders.
fn folder_loader(
    dirs: Vec<PathBuf>,
) -> impl Fn(&str) -> Result<Option<String>, Error> + Send + Sync + 'static {
    move |name| {
        let relative = Path::new(name);
        let plain = relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        if !plain {
            return Ok(None);
        }
        for dir in &dirs {
            match std::fs::read_to_string(dir.join(relative)) {
                Ok(source) => return Ok(Some(source)),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("could not read template `{name}`"),
                    )
                    .with_source(err))
                }
            }
        }
        Ok(None)
    }
}

/// Serde → minijinja values. Going through JSON keeps minijinja's default features; every
/// map stays a real map, so a misspelt field is undefined and fails under strict mode.
fn context_value(ctx: &ReportContext) -> Result<Value, ReportError> {
    let json = serde_json::to_value(ctx).map_err(|source| ReportError::Context { source })?;
    Ok(template_value(json))
}

fn template_value(json: serde_json::Value) -> Value {
    use serde_json::Value as Json;
    match json {
        Json::Null => Value::from(()),
        Json::Bool(flag) => Value::from(flag),
        Json::Number(n) => n
            .as_i64()
            .map(Value::from)
            .or_else(|| n.as_u64().map(Value::from))
            .unwrap_or_else(|| Value::from(n.as_f64().unwrap_or(f64::NAN))),
        Json::String(text) => Value::from(text),
        Json::Array(items) => items.into_iter().map(template_value).collect(),
        Json::Object(fields) => Value::from_pairs(
            fields
                .into_iter()
                .map(|(key, value)| (key, template_value(value))),
        ),
    }
}

/// Trailing spaces removed, runs of blank lines collapsed to one, one final newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut previous_blank = true; // also drops blank lines at the very top
    for line in text.lines().map(str::trim_end) {
        let blank = line.is_empty();
        if blank && previous_blank {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        previous_blank = blank;
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Filters: thin adapters from template values to `format`

fn add_filters(env: &mut Environment<'static>, lang: Lang) {
    env.add_filter("num", move |value: &Value, decimals: Option<usize>| {
        num_filter(value, decimals.unwrap_or(0), lang)
    });
    env.add_filter("metric", move |value: &Value, unit: &Value| {
        let unit: Unit = code(unit, "unit")?;
        Ok::<_, Error>(format::metric(optional_number(value)?, unit, lang))
    });
    env.add_filter("change", move |row: &Value| change_filter(row, lang));
    // `{{ 8|hour }}`: a local hour as a clock time (`08.00` in Indonesian, `08:00` in English).
    env.add_filter("hour", move |value: &Value| {
        let hour = i64::try_from(defined(value)?.clone())?;
        let separator = if lang == Lang::Id { '.' } else { ':' };
        Ok::<_, Error>(format!("{hour:02}{separator}00"))
    });
    // `{{ n|signed }}`: a whole number with its sign (`+1.234`, `−56`, `0`).
    env.add_filter("signed", move |value: &Value| {
        let n = i128::try_from(defined(value)?.clone())?;
        let digits = format::integer(n.abs(), lang);
        Ok::<_, Error>(match n.signum() {
            1 => format!("+{digits}"),
            -1 => format!("−{digits}"),
            _ => digits,
        })
    });
    env.add_filter("trend", |row: &Value| {
        let trend = field(row, "trend")?;
        format::trend_arrow(optional_text(&trend)?).map_err(format_error)
    });
    env.add_filter("date", move |value: &Value| {
        optional_text(value)?.map_or(Ok(MISSING.to_string()), |iso| {
            format::date(iso, lang).map_err(format_error)
        })
    });
    env.add_filter("datetime", move |value: &Value| {
        optional_text(value)?.map_or(Ok(MISSING.to_string()), |iso| {
            format::datetime(iso, lang).map_err(format_error)
        })
    });
    env.add_filter("date_range", move |start: &Value, end: &Value| {
        match (optional_text(start)?, optional_text(end)?) {
            (Some(start), Some(end)) => format::date_range(start, end, lang).map_err(format_error),
            _ => Ok(MISSING.to_string()),
        }
    });
    env.add_filter("period_label", move |period: &Value| {
        period_filter(period, ["id", "start", "end"], lang)
    });
    env.add_filter("previous_period_label", move |period: &Value| {
        period_filter(
            period,
            ["previous_id", "previous_start", "previous_end"],
            lang,
        )
    });
    env.add_filter("status", move |value: &Value| {
        format::status(text(value)?, lang).map_err(format_error)
    });
    env.add_filter("aggregation", move |value: &Value| {
        format::aggregation(text(value)?, lang).map_err(format_error)
    });
    env.add_filter("unit", move |value: &Value| {
        Ok::<_, Error>(format::unit_label(code(value, "unit")?, lang))
    });
    env.add_filter("stage", move |value: &Value| {
        if value.is_none() {
            return Ok(MISSING);
        }
        Ok::<_, Error>(format::stage_label(code::<Stage>(value, "stage")?, lang))
    });
    env.add_filter("post_type", move |value: &Value| {
        Ok::<_, Error>(optional_text(value)?.map_or(MISSING.to_string(), |code| {
            format::post_type(code, lang).into_owned()
        }))
    });
    env.add_filter("md", |value: &Value| {
        Ok::<_, Error>(format::markdown_cell(&display_text(value)?))
    });
    env.add_filter("md_code", |value: &Value| {
        Ok::<_, Error>(format::markdown_code(&display_text(value)?))
    });
    // For typst code positions (`#image({{ path|typst_string }})`): a quoted string literal,
    // marked safe so the typst auto-escape leaves it alone.
    env.add_filter("typst_string", |value: &Value| {
        Ok::<_, Error>(Value::from_safe_string(typst_string(&display_text(value)?)))
    });
}

/// `{{ x|num }}`, `{{ x|num(1) }}`: integers stay exact, none is `—`.
fn num_filter(value: &Value, decimals: usize, lang: Lang) -> Result<String, Error> {
    if value.is_integer() && decimals == 0 {
        let exact = i128::try_from(value.clone())?;
        return Ok(format::integer(exact, lang));
    }
    Ok(optional_number(value)?.map_or(MISSING.to_string(), |n| format::number(n, decimals, lang)))
}

/// `{{ row|change }}`: reads the unit and both change fields of a metric row.
fn change_filter(row: &Value, lang: Lang) -> Result<String, Error> {
    let unit: Unit = code(&field(row, "unit")?, "unit")?;
    let change_abs = optional_number(&field(row, "change_abs")?)?;
    let change_pct = optional_number(&field(row, "change_pct")?)?;
    Ok(format::change(unit, change_abs, change_pct, lang))
}

fn period_filter(period: &Value, keys: [&str; 3], lang: Lang) -> Result<String, Error> {
    let [id, start, end] = keys.map(|key| field(period, key));
    format::period_label(text(&id?)?, text(&start?)?, text(&end?)?, lang).map_err(format_error)
}

// Value helpers. Filters receive undefined values without complaint, so each one checks:
// strict mode must hold for `{{ row.valu|metric(row.unit) }}` too.

fn defined(value: &Value) -> Result<&Value, Error> {
    if value.is_undefined() {
        Err(Error::new(
            ErrorKind::UndefinedError,
            "a filter was given an undefined value",
        ))
    } else {
        Ok(value)
    }
}

/// A field of a context object; missing fields are errors, not blanks.
fn field(object: &Value, name: &str) -> Result<Value, Error> {
    let value = defined(object)?.get_attr(name)?;
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            format!("the value has no field `{name}`"),
        ));
    }
    Ok(value)
}

fn optional_number(value: &Value) -> Result<Option<f64>, Error> {
    if defined(value)?.is_none() {
        return Ok(None);
    }
    if !value.is_number() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a number, got {}", value.kind()),
        ));
    }
    Ok(Some(f64::try_from(value.clone())?))
}

fn text(value: &Value) -> Result<&str, Error> {
    defined(value)?.as_str().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a string, got {}", value.kind()),
        )
    })
}

fn optional_text(value: &Value) -> Result<Option<&str>, Error> {
    if defined(value)?.is_none() {
        Ok(None)
    } else {
        text(value).map(Some)
    }
}

/// Any defined value as text, none as `—`.
fn display_text(value: &Value) -> Result<String, Error> {
    if defined(value)?.is_none() {
        Ok(MISSING.to_string())
    } else {
        Ok(value.to_string())
    }
}

/// A catalogue code (`percent`, `outcome`) as its enum, through the enum's own serde names
/// so the filters accept exactly what the catalogue accepts.
fn code<T: DeserializeOwned>(value: &Value, kind: &'static str) -> Result<T, Error> {
    let raw = text(value)?;
    serde_json::from_value(serde_json::Value::String(raw.to_string())).map_err(|_| {
        format_error(FormatError::UnknownCode {
            kind,
            code: raw.to_string(),
        })
    })
}

fn format_error(err: FormatError) -> Error {
    Error::new(ErrorKind::InvalidOperation, err.to_string())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::metrics::catalogue::Direction;
    use crate::report::context::{
        CoverageView, DefinitionView, InputView, MetricRow, ObjectiveView, PeriodView,
        PlatformView, PostView, ProvenanceView, TopPostsView,
    };
    use std::collections::BTreeSet;

    fn templates_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("report_templates")
    }

    fn row(
        id: &str,
        label: &str,
        unit: Unit,
        value: Option<f64>,
        previous: Option<f64>,
    ) -> MetricRow {
        let change_abs = value.zip(previous).map(|(v, p)| v - p);
        let change_pct = value
            .zip(previous)
            .filter(|&(_, p)| p != 0.0 && unit != Unit::Percent)
            .map(|(v, p)| (v - p) / p * 100.0);
        let trend = change_abs.map(|c| {
            if c > 0.0 {
                "up"
            } else if c < 0.0 {
                "down"
            } else {
                "flat"
            }
        });
        MetricRow {
            id: id.to_string(),
            label: label.to_string(),
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
            good: trend.filter(|t| *t != "flat").map(|t| t == "up"),
            target: None,
            status: "no_target".to_string(),
        }
    }

    fn scorecard_row(mut row: MetricRow, stage: Stage, target: &str, status: &str) -> MetricRow {
        row.stage = Some(stage);
        row.target = Some(target.to_string());
        row.status = status.to_string();
        row
    }

    fn unavailable(mut row: MetricRow, why: &str) -> MetricRow {
        row.available = false;
        row.unavailable = Some(why.to_string());
        row.status = "not_available".to_string();
        row
    }

    fn post(rank: usize, excerpt: &str, permalink: Option<&str>, value: f64) -> PostView {
        PostView {
            rank,
            platform: "instagram".to_string(),
            platform_name: "Instagram".to_string(),
            published_local: "2026-10-05T19:30".to_string(),
            post_type: Some("photo".to_string()),
            excerpt: excerpt.to_string(),
            permalink: permalink.map(str::to_string),
            value: Some(value),
            interactions: Some(120),
            reach: Some(2400),
            impressions: None,
        }
    }

    /// Listening data with one spike, both groups, and hostile text in a mention.
    fn sample_listening() -> crate::report::listening::ListeningView {
        use crate::report::listening::*;
        let hostile = MentionView {
            published_local: "2026-10-09T08:15".to_string(),
            platform_name: "X".to_string(),
            author_id: Some("@a|b".to_string()),
            sentiment: Some("negative".to_string()),
            engagement: 12,
            excerpt: "<script>alert(2)</script> | spike".to_string(),
            url: Some("javascript:alert(1)".to_string()),
        };
        let theme = |text: &str, count, previous| ThemeView {
            text: text.to_string(),
            count,
            previous,
            change: count as i64 - previous as i64,
        };
        let voice = |group: &str, own, volume, share| VoiceView {
            group: group.to_string(),
            name: group.to_string(),
            own,
            volume,
            volume_share: Some(share),
            previous_volume_share: None,
            engagement: 10,
            engagement_share: Some(share),
            positive: 0,
            positive_share: None,
            net_polar: None,
            net_share: None,
        };
        ListeningView {
            crisis: CrisisView {
                method: "rolling_sigma".to_string(),
                window: 7,
                k: 2.0,
                min_count: 10,
                interval: "day".to_string(),
            },
            volume: 30,
            previous_volume: 20,
            days: vec![DayView {
                date: "2026-10-09".to_string(),
                all: 30,
                negative: 12,
                positive: 10,
                spike_all: true,
                spike_negative: true,
            }],
            sparkline_all: "▁█".to_string(),
            sparkline_negative: "▁█".to_string(),
            spikes: vec![SpikeView {
                series: "negative".to_string(),
                when: "2026-10-09".to_string(),
                hourly: false,
                count: 12,
                baseline: 1.5,
                spread: 1.0,
                z: 10.5,
                top_terms: vec![theme("palsu", 9, 0)],
                top_authors: vec![AuthorView {
                    author_id: "@a|b".to_string(),
                    mentions: 2,
                }],
                earliest: vec![hostile.clone()],
            }],
            voice: vec![
                voice("own", true, 30, 75.0),
                voice("baznas", false, 10, 25.0),
            ],
            sentiment: SentimentView {
                total: 30,
                positive: 10,
                neutral: 8,
                negative: 12,
                unlabelled: 0,
                net_polar: Some(-9.09),
                net_share: Some(-6.67),
                previous_net_polar: None,
                previous_net_share: None,
            },
            hashtags: vec![theme("#amanahzakat", 5, 4)],
            terms: vec![theme("palsu", 9, 0)],
            phrases: vec![theme("akun palsu", 7, 0)],
            rising: vec![theme("palsu", 9, 0)],
            examples: vec![hostile],
        }
    }

    /// A small but complete context: every field set, every status, one unavailable metric,
    /// hostile text where users write text.
    pub(crate) fn sample_context(lang: &str) -> ReportContext {
        let posts_row = row(
            "posts",
            "Jumlah unggahan",
            Unit::Count,
            Some(1234.0),
            Some(1000.0),
        );
        let engagement = row(
            "engagement_rate_reach",
            "Engagement rate (reach)",
            Unit::Percent,
            Some(3.4512),
            Some(3.0263),
        );
        let watch_time = row(
            "avg_watch_time",
            "Rata-rata waktu tonton",
            Unit::Seconds,
            Some(150.0),
            Some(160.0),
        );
        let clicks = unavailable(
            row("link_clicks", "Klik tautan", Unit::Count, None, None),
            "needs link_clicks from the Meta Business Suite post export",
        );
        ReportContext {
            lang: lang.to_string(),
            title: "Laporan Media Sosial".to_string(),
            organisation: "Yayasan <Contoh> & Mitra".to_string(),
            period: PeriodView {
                id: "2026-10".to_string(),
                start: "2026-10-01".to_string(),
                end: "2026-10-31".to_string(),
                previous_id: "2026-09".to_string(),
                previous_start: "2026-09-01".to_string(),
                previous_end: "2026-09-30".to_string(),
            },
            generated_on: "2026-10-31".to_string(),
            time_zone: "Asia/Jakarta".to_string(),
            headline: vec![posts_row.clone(), engagement.clone(), clicks.clone()],
            objectives: vec![
                ObjectiveView {
                    id: "engagement".to_string(),
                    label: "Keterlibatan audiens".to_string(),
                    description: "Mengukur interaksi | percakapan\ndengan audiens.".to_string(),
                    provenance: "reconstructed".to_string(),
                    key: vec![
                        scorecard_row(engagement.clone(), Stage::Outtake, ">= 3%", "met"),
                        scorecard_row(posts_row.clone(), Stage::Output, ">= 1500", "not_met"),
                        scorecard_row(clicks.clone(), Stage::Outcome, ">= 100", "not_available"),
                    ],
                    supporting: vec![watch_time.clone()],
                    met: 1,
                    with_target: 2,
                },
                ObjectiveView {
                    id: "awareness".to_string(),
                    label: "Kesadaran merek".to_string(),
                    description: "Seberapa luas pesan menjangkau audiens.".to_string(),
                    provenance: "verified".to_string(),
                    key: vec![posts_row.clone()],
                    supporting: Vec::new(),
                    met: 0,
                    with_target: 0,
                },
            ],
            platforms: vec![PlatformView {
                platform: "instagram".to_string(),
                name: "Instagram".to_string(),
                metrics: vec![posts_row, engagement, watch_time],
            }],
            top_posts: TopPostsView {
                metric_id: "interactions".to_string(),
                metric_label: "Interaksi".to_string(),
                metric_unit: Unit::Count,
                posts: vec![
                    post(
                        1,
                        "Terima kasih | donatur! https://contoh.id",
                        Some("https://www.instagram.com/p/abc/"),
                        2345.0,
                    ),
                    post(
                        2,
                        "<script>alert(1)</script>",
                        Some("javascript:alert(1)"),
                        120.0,
                    ),
                ],
            },
            listening: Some(sample_listening()),
            intelligence: crate::report::listening::IntelligenceView {
                findings: vec![crate::intelligence::findings::Finding {
                    rule: "spike".to_string(),
                    role: "Community <manager>".to_string(),
                    finding: "Negative volume | up".to_string(),
                    action: "Read the *earliest* mentions".to_string(),
                }],
                spike_count: 1,
            },
            sentiment_method: crate::report::listening::SentimentMethodView::of(None),
            definitions: vec![DefinitionView {
                id: "engagement_rate_reach".to_string(),
                label: "Engagement rate (reach)".to_string(),
                definition: "Interaksi dibagi jangkauan.".to_string(),
                unit: Unit::Percent,
                aggregation: "ratio_of_sums".to_string(),
                table: "posts".to_string(),
                formula: "sum(likes + comments + shares + saves) / sum(reach)".to_string(),
                filter: Some("is_paid = false".to_string()),
            }],
            coverage: vec![CoverageView {
                table: "posts".to_string(),
                platform: "instagram".to_string(),
                adapter: "meta_bs_posts".to_string(),
                source_file: "exports/ig | oktober.csv".to_string(),
                first: Some("2026-10-01".to_string()),
                last: Some("2026-10-30".to_string()),
                rows: 1234,
            }],
            provenance: ProvenanceView {
                tool_version: "0.1.0".to_string(),
                pipeline_file: "pipelines/contoh.toml".to_string(),
                pipeline_sha256: "a".repeat(64),
                catalogue_sha256: "b".repeat(64),
                schema_version: 1,
                inputs: vec![InputView {
                    file: "exports/ig | oktober.csv".to_string(),
                    sha256: "c".repeat(64),
                    adapter: "meta_bs_posts".to_string(),
                    rows_read: 1300,
                    stored: 1234,
                    quarantined: 16,
                    duplicates: 50,
                }],
                quarantined_total: 16,
            },
            amec: Vec::new(),
            content: crate::report::sections::ContentView {
                formats: Vec::new(),
                best_slots: Vec::new(),
                min_posts_for_best: 3,
                hashtags: Vec::new(),
                bottom_posts: Vec::new(),
                posts: 0,
                recent_posts: 0,
                settling_hours: 72,
            },
            audience: crate::report::sections::AudienceView {
                platforms: Vec::new(),
            },
            branding: crate::report::sections::BrandingView {
                client: None,
                prepared_by: None,
                logo_data_uri: None,
                logo_file: None,
                primary: "#1f2328".to_string(),
                accent: "#0a5da8".to_string(),
                footer: None,
                white_label: false,
            },
            mappings: Vec::new(),
            quarantine: Vec::new(),
            charts: BTreeMap::new(),
            commentary: BTreeMap::new(),
            daily_coverage: Vec::new(),
            narrative: crate::report::narrative::Narrative::default(),
        }
    }

    fn rendered(lang: &str, format: Format) -> String {
        render(&sample_context(lang), &templates_dir(), format)
            .unwrap_or_else(|err| panic!("{}", error_chain(&err)))
    }

    fn error_chain(err: &dyn std::error::Error) -> String {
        let mut text = err.to_string();
        let mut cause = err.source();
        while let Some(next) = cause {
            text.push_str(&format!("\nCaused by: {next}"));
            cause = next.source();
        }
        text
    }

    fn assert_contains_all(text: &str, expected: &[&str]) {
        for needle in expected {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }

    #[test]
    fn markdown_indonesian_has_every_section_and_local_formats() {
        let md = rendered("id", Format::Markdown);
        assert_contains_all(
            &md,
            &[
                "# Laporan Media Sosial",
                "Oktober 2026 (1–31 Oktober 2026)",
                "September 2026",
                "31 Oktober 2026",
                "Asia/Jakarta",
                "## Ringkasan",
                "| Jumlah unggahan | 1.234 | 1.000 | ▲ +23,4% (membaik) |",
                "3,45%",
                "▲ +0,42 pp (membaik)",
                "Tidak tersedia: needs link_clicks from the Meta Business Suite post export",
                "Target tercapai 1 dari 2",
                "belum ada target yang ditetapkan",
                "## Kartu skor tujuan",
                "Daftar metrik direkonstruksi, belum diverifikasi pada sumber.",
                "Serapan",
                "✓ Tercapai",
                "✗ Belum tercapai",
                "Tanpa target",
                "2 mnt 30 dtk",
                "## Per platform",
                "### Instagram",
                "## Unggahan teratas",
                "5 Oktober 2026 19.30",
                "foto",
                "2.345",
                "## Metodologi",
                "rasio jumlah (Σ pembilang ÷ Σ penyebut)",
                "`sum(likes + comments + shares + saves) / sum(reach)`",
                "`is_paid = false`",
                "bukan jumlah orang unik",
                "1–30 Oktober 2026",
                "## Asal-usul data",
                "Total baris dikarantina: 16",
            ],
        );
    }

    #[test]
    fn markdown_sections_come_in_order() {
        let md = rendered("id", Format::Markdown);
        let headings = [
            "# Laporan",
            "## Ringkasan",
            "## Kartu skor tujuan",
            "## Per platform",
            "## Unggahan teratas",
            "## Metodologi",
            "## Asal-usul data",
        ];
        let positions: Vec<usize> = headings.iter().map(|h| md.find(h).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    }

    #[test]
    fn markdown_english_uses_english_formats() {
        let md = rendered("en", Format::Markdown);
        assert_contains_all(
            &md,
            &[
                "October 2026 (1–31 October 2026)",
                "## Summary",
                "| Jumlah unggahan | 1,234 | 1,000 | ▲ +23.4% (better) |",
                "3.45%",
                "+0.42 pp",
                "Not available: needs link_clicks",
                "Targets met 1 of 2",
                "Metric list reconstructed, not verified in the source.",
                "✓ Met",
                "2 min 30 s",
                "5 October 2026 19:30",
                "ratio of sums",
                "## Data provenance",
            ],
        );
    }

    #[test]
    fn markdown_user_text_cannot_break_tables_or_inject_html() {
        let md = rendered("id", Format::Markdown);
        assert!(md.contains("Terima kasih \\| donatur!"));
        assert!(md.contains("&lt;script>alert(1)&lt;/script>"));
        assert!(md.contains("exports/ig \\| oktober.csv"));
        // Mentions in the listening section: escaped text, author and finding cells.
        assert!(md.contains("&lt;script>alert(2)&lt;/script> \\| spike"));
        assert!(md.contains("@a\\|b (2)"));
        assert!(md.contains("Negative volume \\| up"));
        assert!(md.contains("Mengukur interaksi \\| percakapan dengan audiens."));
        assert!(!md.contains("<script>"));
        // Markdown never links permalinks (only HTML does, and only web addresses).
        assert!(!md.contains("javascript:"));
    }

    #[test]
    fn html_is_one_self_contained_document() {
        for lang in ["id", "en"] {
            let html = rendered(lang, Format::Html);
            assert!(html.starts_with("<!DOCTYPE html>\n"));
            assert_contains_all(
                &html,
                &[
                    &format!("<html lang=\"{lang}\">"),
                    "<meta charset=\"utf-8\">",
                    "<style>",
                    "@media print",
                    "class=\"card\"",
                    "badge-met",
                    "badge-not-met",
                    "badge-not-available",
                ],
            );
            for external in ["<script", "<link", "<img", "@import", "url(", "src="] {
                assert!(!html.contains(external), "{lang}: found {external:?}");
            }
            // The only absolute link is the one web permalink.
            assert_eq!(html.matches("href=\"http").count(), 1, "{lang}");
        }
    }

    #[test]
    fn html_escapes_user_text_and_links_only_web_permalinks() {
        let html = rendered("id", Format::Html);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("&lt;script&gt;alert(2)&lt;&#x2f;script&gt; | spike"));
        assert!(html.contains("Community &lt;manager&gt;"));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("Yayasan &lt;Contoh&gt; &amp; Mitra"));
        assert!(html.contains("rel=\"noopener noreferrer\""));
        assert!(html.contains("https:&#x2f;&#x2f;www.instagram.com&#x2f;p&#x2f;abc&#x2f;"));
    }

    #[test]
    fn html_shows_formats_and_unavailable_reason() {
        let html = rendered("id", Format::Html);
        assert_contains_all(
            &html,
            &[
                "<h2>Ringkasan</h2>",
                "1.234",
                "3,45%",
                "Tidak tersedia: needs link_clicks",
                "Daftar metrik direkonstruksi",
                "<code>sum(likes + comments + shares + saves) &#x2f; sum(reach)</code>",
                "Asal-usul data",
            ],
        );
        let en = rendered("en", Format::Html);
        assert_contains_all(
            &en,
            &["<h2>Summary</h2>", "1,234", "3.45%", "Not available: needs"],
        );
    }

    #[test]
    fn output_is_tidy_and_deterministic() {
        for format in [Format::Markdown, Format::Html, Format::Typst] {
            for lang in ["id", "en"] {
                let first = rendered(lang, format);
                assert_eq!(first, rendered(lang, format), "{lang} {format:?}");
                assert!(first.ends_with('\n') && !first.ends_with("\n\n"));
                for (n, line) in first.lines().enumerate() {
                    assert_eq!(line, line.trim_end(), "trailing space on line {}", n + 1);
                }
                assert!(!first.contains("\n\n\n"), "{lang} {format:?}");
            }
        }
    }

    #[test]
    fn unavailable_metrics_never_show_zero() {
        let md = rendered("id", Format::Markdown);
        let clicks_rows: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| Klik tautan |"))
            .collect();
        assert!(!clicks_rows.is_empty());
        for line in clicks_rows {
            let cells: Vec<&str> = line.split(" | ").collect();
            assert!(!cells.contains(&"0"), "{line}");
            assert!(line.contains("Tidak tersedia"), "{line}");
        }
    }

    /// A copy of the shipped templates in a temporary folder, to break one file at a time.
    fn templates_copy() -> tempfile::TempDir {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                let target = to.join(entry.file_name());
                if entry.file_type().unwrap().is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).unwrap();
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        copy(&templates_dir(), dir.path());
        dir
    }

    #[test]
    fn unknown_variable_is_an_error_naming_template_and_line() {
        let dir = templates_copy();
        let partial = dir.path().join("partials/md/summary.md.j2");
        std::fs::write(&partial, "## {{ t.summary_title }}\n\n{{ headlines }}\n").unwrap();
        let err = render(&sample_context("id"), dir.path(), Format::Markdown).unwrap_err();
        let ReportError::Template { name, .. } = &err else {
            panic!("expected a template error, got {err:?}");
        };
        assert_eq!(name, "partials/md/summary.md.j2");
        let chain = error_chain(&err);
        assert!(chain.contains("undefined"), "{chain}");
        assert!(chain.contains("summary.md.j2:3"), "{chain}");
    }

    #[test]
    fn unknown_field_through_a_filter_is_an_error() {
        let dir = templates_copy();
        std::fs::write(
            dir.path().join("report.md.j2"),
            "{{ headline[0].valu|metric(headline[0].unit) }}\n",
        )
        .unwrap();
        let err = render(&sample_context("en"), dir.path(), Format::Markdown).unwrap_err();
        assert!(matches!(err, ReportError::Template { .. }), "{err:?}");
    }

    #[test]
    fn missing_ui_string_is_an_error() {
        let dir = templates_copy();
        std::fs::write(dir.path().join("report.html.j2"), "{{ t.no_such_key }}\n").unwrap();
        let err = render(&sample_context("id"), dir.path(), Format::Html).unwrap_err();
        assert!(error_chain(&err).contains("t.no_such_key"), "{err:?}");
    }

    #[test]
    fn includes_cannot_leave_the_templates_folder() {
        let dir = templates_copy();
        std::fs::write(
            dir.path().join("report.md.j2"),
            "{% include \"../secret.j2\" %}\n",
        )
        .unwrap();
        std::fs::write(dir.path().parent().unwrap().join("secret.j2"), "leaked").ok();
        let err = render(&sample_context("id"), dir.path(), Format::Markdown).unwrap_err();
        assert!(
            error_chain(&err).contains("not found"),
            "{}",
            error_chain(&err)
        );
    }

    #[test]
    fn broken_ui_strings_name_the_file() {
        let dir = templates_copy();
        let strings = dir.path().join("i18n/en.toml");
        std::fs::write(&strings, "summary_title = 3\n").unwrap();
        let err = render(&sample_context("en"), dir.path(), Format::Html).unwrap_err();
        assert!(matches!(err, ReportError::ParseStrings { ref path, .. } if *path == strings));
        std::fs::remove_file(&strings).unwrap();
        let err = render(&sample_context("en"), dir.path(), Format::Html).unwrap_err();
        assert!(matches!(err, ReportError::ReadStrings { ref path, .. } if *path == strings));
    }

    #[test]
    fn unknown_language_is_rejected() {
        let err = render(&sample_context("fr"), &templates_dir(), Format::Markdown).unwrap_err();
        assert!(matches!(err, ReportError::UnknownLanguage { ref lang } if lang == "fr"));
    }

    #[test]
    fn typst_templates_escape_for_typst() {
        let typst = AutoEscape::Custom(TYPST_ESCAPE.into());
        assert_eq!(escape_for("report.typ.j2"), typst);
        assert_eq!(escape_for("partials/typ/summary.typ.j2"), typst);
    }

    #[test]
    fn typst_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(typst_string("plain"), r#""plain""#);
        assert_eq!(
            typst_string("a\"b\\c\nd\u{7}\u{85}é"),
            r#""a\"b\\c\u{a}d\u{7}\u{85}é""#
        );
        assert_eq!(typst_text("x"), r#"#"x";"#);
    }

    #[test]
    fn typst_markup_holds_user_text_only_as_string_literals() {
        let mut ctx = sample_context("id");
        ctx.top_posts.posts[0].excerpt = r#"#eval("1+1") <script> *bold* $x$ \ "q""#.to_string();
        let typ = render(&ctx, &templates_dir(), Format::Typst)
            .unwrap_or_else(|err| panic!("{}", error_chain(&err)));
        assert_contains_all(
            &typ,
            &[
                r##"#"#eval(\"1+1\") <script> *bold* $x$ \\ \"q\"";"##,
                r#"#"Yayasan <Contoh> & Mitra";"#,
                r#"#"<script>alert(1)</script>";"#,
                "= #\"Ringkasan\";",
                // Web permalinks become links, through a string literal in code.
                r#"#link("https://www.instagram.com/p/abc/")"#,
                r#"file-path("exports/ig | oktober.csv")"#,
                "#\"Halaman\"; #counter(page).display() #\"dari\";",
            ],
        );
        // `javascript:` permalinks (post 2, the listening mention) are never links.
        assert!(!typ.contains("#link(\"javascript"), "{typ}");
    }

    #[cfg(not(feature = "pdf"))]
    #[test]
    fn pdf_without_the_feature_says_how_to_build_it() {
        let err =
            crate::report::render_pdf(&sample_context("id"), &templates_dir(), &BTreeMap::new())
                .unwrap_err();
        assert!(matches!(err, ReportError::PdfNotBuilt), "{err:?}");
        assert!(err.to_string().contains("cargo build --features pdf"));
    }

    #[test]
    fn html_auto_escapes_and_markdown_does_not() {
        assert_eq!(escape_for("report.html.j2"), AutoEscape::Html);
        assert_eq!(
            escape_for("partials/html/summary.html.j2"),
            AutoEscape::Html
        );
        assert_eq!(escape_for("report.md.j2"), AutoEscape::None);
        assert_eq!(escape_for("partials/html/style.css.j2"), AutoEscape::None);
    }

    #[test]
    fn ui_string_files_have_the_same_keys() {
        let keys = |lang| -> BTreeSet<String> {
            load_strings(&templates_dir(), lang)
                .unwrap()
                .into_keys()
                .collect()
        };
        let (id, en) = (keys(Lang::Id), keys(Lang::En));
        assert_eq!(
            id.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "keys in only one of id.toml and en.toml"
        );
    }

    /// Every `t.<key>` written in a template, including branches the sample never takes.
    fn keys_used_by_templates() -> BTreeSet<String> {
        fn sources(dir: &Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "j2") {
                    out.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut all = String::new();
        sources(&templates_dir(), &mut all);
        all.match_indices("t.")
            .filter(|&(at, _)| !all[..at].ends_with(is_ident) && !all[..at].ends_with('.'))
            .map(|(at, _)| all[at + 2..].chars().take_while(|&c| is_ident(c)).collect())
            .filter(|key: &String| !key.is_empty())
            .collect()
    }

    #[test]
    fn templates_and_ui_strings_agree() {
        let defined: BTreeSet<String> = load_strings(&templates_dir(), Lang::Id)
            .unwrap()
            .into_keys()
            .collect();
        let used = keys_used_by_templates();
        let undefined: Vec<_> = used.difference(&defined).collect();
        // Chart titles and table headers are looked up by the Rust code that draws and
        // builds them (a missing one fails the render there): a key quoted in those files
        // counts as used.
        let in_code: String = ["figures.rs", "table_builder.rs"]
            .iter()
            .map(|f| {
                std::fs::read_to_string(
                    Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("src/report")
                        .join(f),
                )
                .unwrap()
            })
            .collect();
        let unused: Vec<_> = defined
            .difference(&used)
            .filter(|key| !in_code.contains(&format!("\"{key}\"")))
            .collect();
        assert!(
            undefined.is_empty(),
            "used but not in id.toml: {undefined:?}"
        );
        assert!(unused.is_empty(), "in id.toml but never used: {unused:?}");
    }

    #[test]
    fn empty_report_renders_its_placeholders() {
        let mut ctx = sample_context("id");
        ctx.headline.clear();
        ctx.objectives.clear();
        ctx.platforms.clear();
        ctx.top_posts.posts.clear();
        ctx.definitions.clear();
        ctx.coverage.clear();
        ctx.provenance.inputs.clear();
        for lang in ["id", "en"] {
            ctx.lang = lang.to_string();
            for format in [Format::Markdown, Format::Html, Format::Typst] {
                let text = render(&ctx, &templates_dir(), format)
                    .unwrap_or_else(|err| panic!("{}", error_chain(&err)));
                let expected = if lang == "id" {
                    "Tidak ada unggahan dalam periode ini."
                } else {
                    "No posts in this period."
                };
                assert!(text.contains(expected), "{lang} {format:?}");
            }
        }
    }

    #[test]
    fn tidy_trims_and_ends_with_one_newline() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\t\n\n"), "a\n\nb\n");
        assert_eq!(tidy(""), "\n");
    }
}
