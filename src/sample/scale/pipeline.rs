//! `pipeline.toml` for a generated dataset: it ingests every file written beside it.
//!
//! Inputs, store and report folder are relative to the pipeline (tolok reads them so); the
//! catalogue and templates are the project's own folders, written as absolute paths, because
//! a dataset of tens of gigabytes usually lives outside the project (see `ScaleOptions`).

use std::fmt::Write;
use std::path::Path;

use super::super::calendar::Month;
use super::super::content::ORG_NAME;
use super::text::{COMPETITORS, OWN_FORMS};

/// What the pipeline needs to know about the generated data.
pub(crate) struct PipelineSpec<'a> {
    pub rows: u64,
    pub seed: u64,
    pub first: Month,
    pub last: Month,
    pub catalogue: &'a Path,
    pub templates: &'a Path,
}

/// The file's text. The period is the whole generated range, so `tolok run` reads every row.
pub(crate) fn pipeline_toml(spec: &PipelineSpec<'_>) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let path = |path: &Path| quoted(&path.to_string_lossy());
    let period = format!(
        "{}..{}",
        spec.first.first_day().format("%Y-%m-%d"),
        spec.last.last_day().format("%Y-%m-%d")
    );
    let own: Vec<String> = own_terms().iter().map(|term| quoted(term)).collect();
    let competitors: Vec<String> = COMPETITORS
        .iter()
        .map(|(name, _)| {
            let key = name.to_lowercase().replace(' ', "_");
            format!("{key} = [{}]", quoted(&name.to_lowercase()))
        })
        .collect();
    let mut text = String::new();
    let _ = write!(
        text,
        "\
# Written by `tolok sample --rows {rows} --seed {seed}`: {rows} generated mentions, their
# posts and account days, for benchmarks. Paths of inputs, store and output are relative to
# this file's folder; `catalogue` and `templates` are the tolok project's own folders.
# The period is the whole generated range, so that a run reads every row.

organisation = {organisation}
title = {{ id = \"Evaluasi Media Sosial (data bangkitan)\", en = \"Social Media Evaluation (generated data)\" }}
lang = \"id\"
timezone = \"Asia/Jakarta\"
period = {period}
store = \"store\"
output = \"reports\"
catalogue = {catalogue}
templates = {templates}
objectives = [\"awareness\", \"engagement\"]
max-quarantined = 0

[listening]
own = [{own}]
competitors = {{ {competitors} }}

# Fridays are busy by design; k = 3 flags the generated spike days, not every Friday.
[crisis]
method = \"rolling_sigma\"
window = 7
k = 3
min-count = 10
interval = \"day\"

[[input]]
path = \"facebook\"

[[input]]
path = \"instagram\"

# Meta Business Suite daily series; Instagram's reach file names no platform.
[[input]]
path = \"meta_daily/*/facebook\"

[[input]]
path = \"meta_daily/*/instagram\"
platform = \"instagram\"

[[input]]
path = \"mentions\"
adapter = \"generic_mentions\"
source = \"generated-listening\"
[input.columns]
mention_id = \"id\"
published_at = \"created_at\"
platform = \"platform\"
author_id = \"author\"
author_followers = \"author_followers\"
text = \"text\"
url = \"url\"
likes = \"likes\"
shares = \"reposts\"
replies = \"replies\"
",
        rows = spec.rows,
        seed = spec.seed,
        organisation = quoted(&format!("Yayasan {ORG_NAME}")),
        period = quoted(&period),
        catalogue = path(spec.catalogue),
        templates = path(spec.templates),
        own = own.join(", "),
        competitors = competitors.join(", "),
    );
    text
}

/// The listening terms for the foundation: the shortest forms, which every longer form
/// contains (`Amanah Zakat Nusantara` contains `Amanah Zakat`).
fn own_terms() -> Vec<&'static str> {
    let forms: Vec<&str> = OWN_FORMS.iter().map(|&(form, _)| form).collect();
    forms
        .iter()
        .copied()
        .filter(|form| {
            !forms
                .iter()
                .any(|other| other != form && form.contains(other))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_lists_the_brand_terms_and_parses_as_toml() {
        let spec = PipelineSpec {
            rows: 20_000,
            seed: 1,
            first: Month::new(2026, 8).unwrap(),
            last: Month::new(2026, 10).unwrap(),
            catalogue: Path::new("/p/pipelines/catalogue"),
            templates: Path::new("/p/report \"templates\""),
        };
        let text = pipeline_toml(&spec);
        let value: toml::Table = toml::from_str(&text).expect("valid TOML");
        assert_eq!(value["period"].as_str(), Some("2026-08-01..2026-10-31"));
        assert_eq!(value["templates"].as_str(), Some("/p/report \"templates\""));
        let own: Vec<&str> = value["listening"]["own"]
            .as_array()
            .unwrap()
            .iter()
            .map(|term| term.as_str().unwrap())
            .collect();
        assert_eq!(own, ["Amanah Zakat", "@AmanahZakatID", "#AmanahZakat"]);
        assert_eq!(
            value["listening"]["competitors"]["dompet_sejahtera"][0].as_str(),
            Some("dompet sejahtera")
        );
        assert_eq!(value["input"].as_array().unwrap().len(), 5);
    }
}
