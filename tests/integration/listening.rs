//! Listening queries, sentiment filled at ingest, share of voice and net sentiment, on
//! tests/fixtures/listening (a generic mentions CSV written by hand; period 2026-10,
//! Asia/Jakarta). The pipeline's queries:
//! own = any of "pelita desa", "@pelitadesa", "#PelitaDesa", not "lowongan";
//! "Rumah Harapan" = "rumah harapan" or "@rumahharapan";
//! "Sinar Kasih" = "sinar kasih" and "yayasan".
//!
//! | id  | day   | lang | matched       | label    | likes+shares+replies | why                           |
//! |-----|-------|------|---------------|----------|----------------------|-------------------------------|
//! | m01 | 10-02 | en   | own           | positive | 10+2+1 = 13          | "love", "great"               |
//! | m02 | 10-03 | id   | own           | negative | 4+0+3 = 7            | "buruk", "kecewa"; @pelitadesa |
//! | m03 | 10-05 | id   | own           | neutral  | 2+1+0 = 3            | #pelitadesa                   |
//! | m04 | 10-06 | id   | (none)        | neutral  | 0                    | "lowongan" excludes own       |
//! | m05 | 10-07 | en   | Rumah Harapan | positive | 20+5+5 = 30          | "wonderful", "thank"          |
//! | m06 | 10-08 | id   | Rumah Harapan | negative | 1+0+1 = 2            | @rumahharapan, "mengecewakan" |
//! | m07 | 10-09 | id   | Sinar Kasih   | positive | 6+3+1 = 10           | has "yayasan"; "luar biasa bagus" |
//! | m08 | 10-10 | id   | (none)        | neutral  | 1                    | no "yayasan"                  |
//! | m09 | 10-11 | id   | own           | positive | 5+5+0 = 10           | names own and Rumah Harapan: own first |
//! | m10 | 10-12 | id   | (none)        | negative | 1                    | "harapanku" is not the word "harapan" |
//! | m11 | 10-13 | id   | own           | negative | 0                    | the export's own "Negative" wins over a positive text |
//! | m12 | 10-14 |      | (none)        |          | 0                    | no text: no language, no sentiment |
//! | m13 | 09-20 | id   | own           | positive | 3                    | September                     |
//! | m14 | `kemarin` | — | —            | —        | —                    | quarantined                   |
use crate::util::{line_of, metric_rows, stored, summary_cells, texts, value, TestDir};
use tolok::schema::Table;

fn run(dir: &TestDir) -> String {
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // The quarantined row is reported, not fatal (the pipeline sets no max-quarantined).
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn every_row_is_accounted_for() {
    let dir = TestDir::from_fixture("listening");
    let stderr = run(&dir);
    // read, stored, quarantined, duplicates.
    assert_eq!(
        summary_cells(&stderr, "mentions.csv")[1..5],
        ["14", "13", "1", "0"]
    );
    assert!(
        line_of(&stderr, "mentions.csv: 1 row(s) quarantined").contains("created_at"),
        "{stderr}"
    );
}

#[test]
fn language_and_sentiment_are_filled_where_the_export_left_them_empty() {
    let dir = TestDir::from_fixture("listening");
    run(&dir);
    let rows = stored(&dir, Table::Mentions, "mention_id");
    let ids = texts(&rows, "mention_id");
    let at = |id: &str| ids.iter().position(|i| i.as_deref() == Some(id)).unwrap();
    let cell = |column: &str, id: &str| texts(&rows, column)[at(id)].clone();
    assert_eq!(cell("lang", "m01").as_deref(), Some("en"));
    assert_eq!(cell("lang", "m02").as_deref(), Some("id"));
    assert_eq!(cell("sentiment_label", "m01").as_deref(), Some("positive"));
    assert_eq!(cell("lexicon", "m01").as_deref(), Some("vader-3.3.2"));
    assert_eq!(cell("sentiment_label", "m02").as_deref(), Some("negative"));
    assert_eq!(cell("lexicon", "m02").as_deref(), Some("tolok-id 1"));
    // The export's label, spelled canonically, and no lexicon: tolok did not score it.
    assert_eq!(cell("sentiment_label", "m11").as_deref(), Some("negative"));
    assert_eq!(cell("lexicon", "m11"), None);
    // No text: nothing to identify or score.
    assert_eq!(cell("lang", "m12"), None);
    assert_eq!(cell("sentiment_label", "m12"), None);
    let scores = rows
        .column("sentiment_score")
        .unwrap()
        .f64()
        .unwrap()
        .clone();
    let m01 = scores.get(at("m01")).unwrap();
    let vader = tolok::sentiment::vader::Vader::builtin()
        .polarity("I love the new school program by Pelita Desa, great work!")
        .compound;
    assert_eq!(m01, vader);
    assert_eq!(scores.get(at("m11")), None);
}

#[test]
fn share_of_voice_and_net_sentiment_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("listening");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    // Own or unmatched in October: m01–m04, m08–m12.
    assert_eq!(v("mention_volume", "all"), "9");
    // Own: m01, m02, m03, m09, m11.
    assert_eq!(v("tags_mentions", "all"), "5");
    // 5 own / 8 matched (5 own + 2 Rumah Harapan + 1 Sinar Kasih).
    assert_eq!(v("share_of_voice", "all"), "62.5");
    // Own engagement 13 + 7 + 3 + 10 + 0 = 33; all matched 33 + 30 + 2 + 10 = 75.
    assert_eq!(v("share_of_voice_engagement", "all"), "44");
    // Instagram: own m03 (3) of m03 + m07 (3 + 10).
    assert_eq!(v("share_of_voice_engagement", "instagram"), "23.0769230769");
    // Positive: own m01, m09 of matched m01, m05, m07, m09.
    assert_eq!(v("share_of_voice_positive", "all"), "50");
    // Own or unmatched, labelled: m01–m04, m08–m11 (8); positive m01, m09; negative m02,
    // m10, m11; neutral m03, m04, m08.
    // NS1 = (2 − 3) / (2 + 3) = −20 %; NS2 = 2/8 − 3/8 = −12.5 %.
    assert_eq!(v("net_sentiment", "all"), "-20");
    assert_eq!(v("net_sentiment_score", "all"), "-12.5");
    assert_eq!(v("positive_share", "all"), "25");
    assert_eq!(v("negative_share", "all"), "37.5");
    // September: m13 alone, own and positive.
    assert_eq!(value(&rows, "share_of_voice", "all", "2026-09"), "100");
    assert_eq!(value(&rows, "net_sentiment_score", "all", "2026-09"), "100");
}

#[test]
fn a_user_lexicon_from_the_pipeline_scores_indonesian_mentions() {
    let dir = TestDir::from_fixture("listening");
    // "hebat" made negative: only the user's file could say so.
    std::fs::write(
        dir.path().join("my_lexicon.tsv"),
        "word\tweight\nhebat\t-4\n",
    )
    .unwrap();
    let pipeline = dir.path().join("pipeline.toml");
    let mut text = std::fs::read_to_string(&pipeline).unwrap();
    text = text.replace(
        "[listening]",
        "[sentiment]\nlexicon = \"my_lexicon.tsv\"\n\n[listening]",
    );
    std::fs::write(&pipeline, text).unwrap();
    run(&dir);
    let rows = stored(&dir, Table::Mentions, "mention_id");
    let ids = texts(&rows, "mention_id");
    let at = |id: &str| ids.iter().position(|i| i.as_deref() == Some(id)).unwrap();
    assert_eq!(
        texts(&rows, "sentiment_label")[at("m09")].as_deref(),
        Some("negative")
    );
    assert_eq!(
        texts(&rows, "lexicon")[at("m09")].as_deref(),
        Some("my_lexicon.tsv")
    );
    // English mentions are still VADER's.
    assert_eq!(
        texts(&rows, "lexicon")[at("m01")].as_deref(),
        Some("vader-3.3.2")
    );
}

#[test]
fn a_missing_lexicon_or_an_empty_term_is_refused_naming_its_key() {
    let dir = TestDir::from_fixture("listening");
    let pipeline = dir.path().join("pipeline.toml");
    let text = std::fs::read_to_string(&pipeline)
        .unwrap()
        .replace(
            "[listening]",
            "[sentiment]\nlexicon = \"nowhere.tsv\"\n\n[listening]",
        )
        .replace(r#""@rumahharapan""#, r#""@""#);
    std::fs::write(&pipeline, text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`sentiment.lexicon`: no lexicon file at"),
        "{stderr}"
    );
    assert!(stderr.contains("nowhere.tsv"), "{stderr}");
    assert!(
        stderr.contains("`listening.competitors.Rumah Harapan.any`: `@`"),
        "{stderr}"
    );
    // Nothing was read: the store was never created.
    assert!(!dir.path().join("store").exists());
}
