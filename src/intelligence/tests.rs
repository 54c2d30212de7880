use super::*;
use crate::i18n::Lang;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).expect("valid day")
}

fn mention(
    id: &str,
    date: NaiveDate,
    hour: i64,
    groups: &[&str],
    sentiment: Option<&str>,
) -> MentionRecord {
    MentionRecord {
        mention_id: id.to_string(),
        platform: "x".to_string(),
        local_ms: local_midnight_ms(date) + hour * HOUR_MS,
        author_id: Some(format!("@{}", id.len() % 3)),
        text: "akun palsu minta transfer".to_string(),
        url: None,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        sentiment: sentiment.map(str::to_string),
        lexicon: None,
        engagement: 2,
    }
}

fn settings() -> Settings {
    Settings {
        detector: Detector {
            method: Method::RollingSigma,
            window: 7,
            k: 2.0,
            min_count: 5,
        },
        hourly: false,
    }
}

/// Two mentions a day from 2026-09-24 to 2026-10-10, and ten extra negative ones on 10-06.
fn planted() -> (Vec<MentionRecord>, Vec<MentionRecord>) {
    let mut previous = Vec::new();
    for d in 24..=30 {
        let date = NaiveDate::from_ymd_opt(2026, 9, d).expect("valid day");
        for n in 0..2 {
            previous.push(mention(
                &format!("p{d}-{n}"),
                date,
                9 + n,
                &["own"],
                Some("positive"),
            ));
        }
    }
    let mut current = Vec::new();
    for d in 1..=10 {
        for n in 0..2 {
            current.push(mention(
                &format!("c{d}-{n}"),
                day(d),
                9 + n,
                &["own"],
                Some("positive"),
            ));
        }
    }
    for n in 0..10 {
        current.push(mention(
            &format!("s{n:02}"),
            day(6),
            12 + n / 3,
            &["own"],
            Some("negative"),
        ));
    }
    sort_mentions(&mut current);
    (current, previous)
}

#[test]
fn the_planted_spike_is_found_on_its_day_in_both_series() {
    let (current, previous) = planted();
    let groups = vec!["own".to_string()];
    let dates = (
        NaiveDate::from_ymd_opt(2026, 9, 24).expect("day"),
        day(1),
        day(10),
    );
    let analysis = analyse(
        settings(),
        &groups,
        &Default::default(),
        dates,
        &current,
        &previous,
    );
    let found: Vec<(Series, NaiveDate, u64)> = analysis
        .spikes
        .iter()
        .map(|s| (s.series, local_date(s.start_ms), s.count))
        .collect();
    assert_eq!(
        found,
        vec![(Series::Negative, day(6), 10), (Series::All, day(6), 12)]
    );
    // Negative: nothing before → mean 0, σ 0 floored to 1, z = 10 / 1.
    assert_eq!(analysis.spikes[0].z, 10.0);
    assert_eq!(analysis.spikes[0].earliest.len(), EARLIEST_MENTIONS);
    assert_eq!(analysis.spikes[0].earliest[0].mention_id, "s00");
    assert_eq!(analysis.spikes[0].top_terms[0].count, 10);
    // All: the seven days before hold 2 each → mean 2, σ 0 floored to 1, z = 10.
    assert_eq!(analysis.spikes[1].baseline, 2.0);
    assert_eq!(analysis.spikes[1].z, 10.0);
    assert_eq!(analysis.days[5].all, 12);
    assert_eq!(analysis.days[5].negative, 10);
}

#[test]
fn findings_name_the_spike_day_and_size_without_a_cause() {
    let (current, previous) = planted();
    let groups = vec!["own".to_string()];
    let dates = (
        NaiveDate::from_ymd_opt(2026, 9, 24).expect("day"),
        day(1),
        day(10),
    );
    let analysis = analyse(
        settings(),
        &groups,
        &Default::default(),
        dates,
        &current,
        &previous,
    );
    let en = findings::findings(&analysis, Lang::En);
    assert!(en[0].finding.starts_with("Negative mention volume on 6 October 2026 was 10.0 σ above the previous 7 days (10 mentions"), "{}", en[0].finding);
    assert!(en.iter().all(|f| !f.finding.contains("because")));
    let id = findings::findings(&analysis, Lang::Id);
    assert!(
        id[0].finding.contains("6 Oktober 2026"),
        "{}",
        id[0].finding
    );
    assert!(id[0].finding.contains("10,0 σ"), "{}", id[0].finding);
}

#[test]
fn share_of_voice_and_both_net_sentiments_by_hand() {
    // own: 3 mentions (2 positive, 1 negative), engagement 6; baznas: 1 positive, engagement 2.
    let current = vec![
        mention("a", day(1), 1, &["own"], Some("positive")),
        mention("b", day(1), 2, &["own"], Some("positive")),
        mention("c", day(1), 3, &["own"], Some("negative")),
        mention("d", day(1), 4, &["baznas"], Some("positive")),
        mention("e", day(1), 5, &[], Some("neutral")),
    ];
    let previous = vec![
        mention("f", day(1), 1, &["own"], None),
        mention("g", day(1), 2, &["baznas"], None),
    ];
    let groups = vec!["own".to_string(), "baznas".to_string()];
    let rows = share_of_voice(&groups, &current, &previous);
    assert_eq!(rows[0].volume, 3);
    assert_eq!(rows[0].volume_share, Some(75.0));
    assert_eq!(rows[0].engagement_share, Some(75.0));
    // Positive: own 2 of 3 positives.
    assert!((rows[0].positive_share.expect("labelled") - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(rows[0].previous_volume_share, Some(50.0));
    assert_eq!(rows[1].volume_share, Some(25.0));
    // About us = own + unmatched: 2 positive, 1 neutral, 1 negative.
    let ours: Vec<&MentionRecord> = current.iter().filter(|m| m.about_us()).collect();
    let counts = SentimentCounts::of(ours);
    assert_eq!(
        (counts.positive, counts.neutral, counts.negative),
        (2, 1, 1)
    );
    // NS1 = (2 − 1)/(2 + 1) = 33.3; NS2 = 2/4 − 1/4 = 25.
    assert!((counts.net_polar().expect("polar") - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(counts.net_share(), Some(25.0));
}

#[test]
fn without_sentiment_labels_nothing_sentiment_is_invented() {
    let current = vec![mention("a", day(1), 1, &["own"], None)];
    let rows = share_of_voice(&["own".to_string()], &current, &[]);
    assert_eq!(rows[0].positive_share, None);
    assert_eq!(rows[0].previous_volume_share, None);
    let counts = SentimentCounts::of(&current);
    assert_eq!((counts.net_polar(), counts.net_share()), (None, None));
}

#[test]
fn matched_lists_split_into_groups() {
    assert_eq!(groups_of(Some("own; baznas")), vec!["own", "baznas"]);
    assert!(groups_of(None).is_empty());
    let competitor_only = mention("x", day(1), 1, &["baznas"], None);
    assert!(!competitor_only.about_us());
}

#[test]
fn crisis_settings_are_checked_strictly() {
    let mut crisis = Crisis::default();
    assert!(check_crisis(&crisis).is_empty());
    crisis.method = "zscore".into();
    crisis.window = 1;
    crisis.k = f64::NAN;
    crisis.min_count = 0;
    crisis.interval = "week".into();
    let keys: Vec<String> = check_crisis(&crisis).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["method", "interval", "window", "k", "min-count"]);
    let hourly = Crisis {
        interval: "hour".into(),
        window: 168,
        ..Crisis::default()
    };
    assert!(check_crisis(&hourly).is_empty());
}

#[test]
fn hourly_detection_finds_the_hour_and_counts_the_window_in_hours() {
    // One mention every hour from 09-30 00:00 to 10-02 23:00, and eight more at 10-02 14:xx.
    let mut current = Vec::new();
    let mut previous = Vec::new();
    let first = NaiveDate::from_ymd_opt(2026, 9, 30).expect("day");
    for date in first.iter_days().take(3) {
        for hour in 0..24 {
            let m = mention(&format!("{date}-{hour:02}"), date, hour, &["own"], None);
            if date < day(1) {
                previous.push(m);
            } else {
                current.push(m);
            }
        }
    }
    for n in 0..8 {
        let mut m = mention(&format!("z{n}"), day(2), 14, &["own"], None);
        m.local_ms += n * 60_000;
        current.push(m);
    }
    sort_mentions(&mut current);
    let hourly = Settings {
        detector: Detector {
            window: 24,
            ..settings().detector
        },
        hourly: true,
    };
    let analysis = analyse(
        hourly,
        &["own".to_string()],
        &Default::default(),
        (first, day(1), day(2)),
        &current,
        &previous,
    );
    assert_eq!(analysis.spikes.len(), 1, "{:?}", analysis.spikes);
    let spike = &analysis.spikes[0];
    assert_eq!(spike.start_ms, local_midnight_ms(day(2)) + 14 * HOUR_MS);
    // 24 hours of 1 mention: mean 1, σ 0 taken as 1; z = (9 − 1) / 1.
    assert_eq!((spike.count, spike.z), (9, 8.0));
    // The day table still counts whole days.
    assert_eq!(analysis.days[1].all, 24 + 8);
}
