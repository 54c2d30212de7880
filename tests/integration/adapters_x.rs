//! The X adapters: twarc2 collections (twarc-csv output → `mentions`) and the X data archive
//! (`data/tweets.js` → `posts`), on fixtures written by hand in the exact formats, plus the
//! real twarc-csv sample in ../shared/data/exports. The X archive's JavaScript reader
//! (`tolok::ingest::js`) is tested here too.
//!
//! tests/fixtures/twarc2/collection.csv (period 2026-10, Asia/Jakarta; `[listening]` own =
//! "pelita desa", "@pelitadesa", competitor "Rumah Harapan" = "rumah harapan"):
//!
//! | # | created_at (UTC)   | Jakarta month | author       | matched       |
//! |---|--------------------|---------------|--------------|---------------|
//! | 1 | 10-02 03:15        | October       | rina_w       | own           |
//! | 2 | 10-05 10:00        | October       | budi_santoso | own (3 lines) |
//! | 3 | 10-05 12:30, reply | October       | rina_w       | own           |
//! | 4 | 10-20 01:00        | October       | jakarta_news | own (`&amp;`) |
//! | 5 | 10-20 02:00, RT    | October       | sari_d       | own           |
//! | 6 | 09-28 08:00        | September     | agus_pr      | own           |
//! | 7 | 09-30 18:30        | October (01:30 WIB) | dewi_k | own           |
//! | 8 | 10-12 05:00        | October       | fajar_id     | Rumah Harapan |
//!
//! tests/fixtures/x_archive/data/tweets.js (favorite_count, retweet_count):
//! T1 09-30 23:30 UTC = 10-01 06:30 WIB (25, 6); T2 10-07 (40, 12, `&amp;`); T3 10-12 reply
//! (3, 0); T4 10-18 (58, 20, `&lt;3`); T5 10-31 18:00 UTC = 11-01 01:00 WIB (9, 2, November);
//! T6 09-15 (14, 5).
use crate::util::{counts, metric_rows, shared_data, stored, summary_cells, texts, value, TestDir};
use polars::prelude::*;
use tolok::ingest::js;

fn manifest(dir: &TestDir) -> serde_json::Value {
    serde_json::from_str(&dir.read("store/manifest.json")).unwrap()
}

// ── twarc2 ──────────────────────────────────────────────────────────────────────────────

#[test]
fn detect_names_twarc2_by_its_dotted_header() {
    let dir = TestDir::from_fixture("twarc2");
    let out = dir
        .tolok()
        .args(["detect", "collection.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("  twarc2  ")
            && text.contains("twarc2 CSV (X API v2 collection, twarc-csv): header has `id`, `conversation_id`, `author_id`, `created_at`, `text`, `public_metrics.like_count`"),
        "{text}"
    );
    // Without the metrics columns it is a near miss, not a generic CSV.
    std::fs::write(
        dir.path().join("thin.csv"),
        "id,conversation_id,author_id,created_at,text\n1,1,2,2026-10-01T00:00:00.000Z,hai\n",
    )
    .unwrap();
    let out = dir.tolok().args(["detect", "thin.csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("looks like twarc2 CSV (X API v2 collection, twarc-csv) but the column(s) `public_metrics.like_count` are missing"),
        "{text}"
    );
}

#[test]
fn twarc2_ingest_maps_every_row_by_name() {
    let dir = TestDir::from_fixture("twarc2");
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "collection.csv"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{summary}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 8 tweets (one spans three lines of the file): all stored, none quarantined.
    assert_eq!(
        &summary_cells(&summary, "collection.csv")[0..6],
        ["twarc2", "8", "8", "0", "0", "added"],
        "{summary}"
    );
    let m = manifest(&dir);
    let record = &m["files"][0];
    assert_eq!(record["table"], "mentions");
    assert_eq!(record["adapter"], "twarc2");

    let rows = stored(&dir, tolok::schema::Table::Mentions, "mention_id");
    assert_eq!(rows.height(), 8);
    let id = |n: u8| format!("184500000000000000{n}");
    assert_eq!(texts(&rows, "mention_id")[0].as_deref(), Some(&*id(1)));
    assert!(texts(&rows, "platform")
        .iter()
        .all(|p| p.as_deref() == Some("x")));
    assert!(texts(&rows, "source")
        .iter()
        .all(|s| s.as_deref() == Some("twarc2")));
    // author.username wins over the numeric author_id.
    assert_eq!(
        texts(&rows, "author_id")[..3],
        [
            Some("rina_w".into()),
            Some("budi_santoso".into()),
            Some("rina_w".into())
        ]
    );
    assert_eq!(counts(&rows, "author_followers")[3], Some(45210));
    // The multi-line text survives whole; HTML entities are undone.
    assert_eq!(
        texts(&rows, "text")[1].as_deref(),
        Some("Program air bersih @pelitadesa sudah sampai di Desa Sukamaju.\nSemoga berkelanjutan!\n\n#AirBersih")
    );
    assert!(texts(&rows, "text")[3]
        .as_deref()
        .unwrap()
        .starts_with("Yayasan Pelita Desa & local partners"));
    // The reply: its thread and the tweet it replies to.
    assert_eq!(texts(&rows, "thread_id")[2].as_deref(), Some(&*id(2)));
    assert_eq!(texts(&rows, "in_reply_to")[2].as_deref(), Some(&*id(2)));
    assert_eq!(texts(&rows, "in_reply_to")[0], None);
    assert_eq!(texts(&rows, "lang")[3].as_deref(), Some("en"));
    assert_eq!(counts(&rows, "likes")[3], Some(40));
    assert_eq!(counts(&rows, "shares")[3], Some(15));
    assert_eq!(counts(&rows, "replies")[3], Some(4));
    // `2026-10-02T03:15:00.000Z`.
    let published = rows
        .column("published_at")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap();
    assert_eq!(
        published.i64().unwrap().get(0),
        Some(
            chrono::DateTime::parse_from_rfc3339("2026-10-02T03:15:00Z")
                .unwrap()
                .timestamp_millis()
        )
    );
    // No tweet link in the file: url stays empty rather than invented.
    assert!(texts(&rows, "url").iter().all(Option::is_none));
}

#[test]
fn twarc2_listening_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("twarc2");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str, period: &str| value(&rows, m, scope, period);
    // October in Jakarta: tweets 1, 2, 3, 4, 5 and 7 name the foundation; 8 names only the
    // competitor and is left out of volume and authors; 6 is September.
    assert_eq!(v("mention_volume", "all", "2026-10"), "6");
    assert_eq!(v("mention_volume", "x", "2026-10"), "6");
    // rina_w (1 and 3), budi_santoso, jakarta_news, sari_d, dewi_k.
    assert_eq!(v("unique_authors", "all", "2026-10"), "5");
    assert_eq!(v("tags_mentions", "all", "2026-10"), "6");
    // 6 own / (6 own + 1 competitor) = 85.714…%.
    assert_eq!(v("share_of_voice", "all", "2026-10"), "85.7142857143");
    // September: tweet 6 only (tweet 7 is September in UTC but October in Jakarta).
    assert_eq!(v("mention_volume", "all", "2026-09"), "1");
    assert_eq!(v("unique_authors", "all", "2026-09"), "1");
}

#[test]
fn the_real_twarc2_sample_is_read_with_every_row_accounted_for() {
    let Some(data) = shared_data() else {
        eprintln!("skipped: ../shared/data is not here");
        return;
    };
    let file = data.join("exports/research_tools/twarc2/small_sample.csv");
    let dir = TestDir::empty();
    let out = dir.tolok().arg("detect").arg(&file).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  twarc2  "), "{text}");
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store"])
        .arg(&file)
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{summary}");
    let m = manifest(&dir);
    let r = &m["files"][0];
    let n = |k: &str| r[k].as_u64().unwrap();
    assert_eq!(n("rows_read"), 4, "{r}");
    assert_eq!(
        n("rows_read"),
        n("stored") + n("quarantined") + n("duplicates"),
        "{r}"
    );
    assert_eq!(n("quarantined"), 0, "{r}");
    let rows = stored(&dir, tolok::schema::Table::Mentions, "mention_id");
    // Its columns come in another order (`reply_settings,possibly_sensitive,id,…`).
    assert_eq!(
        texts(&rows, "author_id"),
        [
            Some("GameStop".into()),
            Some("TheNickyWaters".into()),
            Some("aXSniperSC".into()),
            Some("thebeardedluke".into())
        ]
    );
    assert_eq!(counts(&rows, "likes")[0], Some(15606));
    assert_eq!(counts(&rows, "author_followers")[0], Some(1_660_222));
}

// ── X data archive ──────────────────────────────────────────────────────────────────────

#[test]
fn detect_names_the_x_archive_from_its_content() {
    let dir = TestDir::from_fixture("x_archive");
    let out = dir
        .tolok()
        .args(["detect", "data/tweets.js"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("  x_archive  ")
            && text.contains(
                "X data archive tweets (tweets.js): header has `tweet.id_str`, `tweet.full_text`, `tweet.created_at`"
            ),
        "{text}"
    );
    // Other archive files are read but fit no adapter; deleted tweets are told apart.
    std::fs::write(
        dir.path().join("data/like.js"),
        "window.YTD.like.part0 = [ { \"like\" : { \"tweetId\" : \"1\", \"fullText\" : \"hai\" } } ]",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("data/deleted-tweets.js"),
        "window.YTD.deleted_tweets.part0 = [ { \"tweet\" : { \"id_str\" : \"1\", \"full_text\" : \"x\", \
         \"created_at\" : \"Wed Oct 07 02:45:00 +0000 2026\", \"deleted_at\" : \"Thu Oct 08 02:45:00 +0000 2026\" } } ]",
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["detect", "data/like.js", "data/deleted-tweets.js"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("no adapter fits this header") && text.contains("`like.tweetId`"),
        "{text}"
    );
    assert!(
        text.contains(
            "but it has `tweet.deleted_at`, which X data archive tweets (tweets.js) does not"
        ),
        "{text}"
    );
}

#[test]
fn x_archive_ingest_types_every_tweet_and_falls_back_to_the_latest_tweet_as_snapshot() {
    let dir = TestDir::from_fixture("x_archive");
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "data"])
        .output()
        .unwrap();
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{summary}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        &summary_cells(&summary, "data/tweets.js")[0..6],
        ["x_archive", "6", "6", "0", "0", "added"],
        "{summary}"
    );
    let m = manifest(&dir);
    let record = &m["files"][0];
    assert_eq!(record["table"], "posts");
    // No date in the file name and no `snapshot-at`: the latest tweet (T5).
    assert_eq!(record["snapshot_from"], "latest time in the file");
    assert_eq!(record["snapshot_at"], "2026-10-31T18:00:00+00:00");

    let rows = stored(&dir, tolok::schema::Table::Posts, "post_id");
    assert_eq!(rows.height(), 6);
    // Sorted by id: T6, T1, T2, T3, T4, T5.
    assert_eq!(
        texts(&rows, "post_id")[1].as_deref(),
        Some("1841000000000000001")
    );
    // Without an account on the input the rows are the `archive` account's.
    assert!(texts(&rows, "account_id")
        .iter()
        .all(|a| a.as_deref() == Some("archive")));
    assert!(texts(&rows, "platform")
        .iter()
        .all(|p| p.as_deref() == Some("x")));
    assert_eq!(
        texts(&rows, "text")[2].as_deref(),
        Some("Air bersih & sanitasi untuk 120 keluarga di Sukamaju 💧\n\n#AirBersih")
    );
    assert!(texts(&rows, "text")[4].as_deref().unwrap().ends_with("<3"));
    assert_eq!(
        counts(&rows, "likes"),
        [Some(14), Some(25), Some(40), Some(3), Some(58), Some(9)]
    );
    assert_eq!(
        counts(&rows, "shares"),
        [Some(5), Some(6), Some(12), Some(0), Some(20), Some(2)]
    );
    // The archive has no impressions, replies or quotes: null, never zero.
    for column in ["impressions", "comments", "quotes", "saves"] {
        assert!(
            counts(&rows, column).iter().all(Option::is_none),
            "{column}"
        );
    }
    // `Wed Sep 30 23:30:00 +0000 2026`; source_row is the element number.
    let published = rows
        .column("published_at")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap();
    assert_eq!(
        published.i64().unwrap().get(1),
        Some(
            chrono::DateTime::parse_from_rfc3339("2026-09-30T23:30:00Z")
                .unwrap()
                .timestamp_millis()
        )
    );
    assert_eq!(
        counts(&rows, "source_row"),
        [Some(6), Some(1), Some(2), Some(3), Some(4), Some(5)]
    );
}

#[test]
fn x_archive_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("x_archive");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m = manifest(&dir);
    assert_eq!(
        m["files"][0]["snapshot_from"],
        "`snapshot-at` in the pipeline"
    );
    let rows = stored(&dir, tolok::schema::Table::Posts, "post_id");
    // The input's `account` names the archive's account.
    assert!(texts(&rows, "account_id")
        .iter()
        .all(|a| a.as_deref() == Some("pelitadesa")));

    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    // October in Jakarta: T1 (06:30 WIB on 1 October), T2, T3, T4; T5 is 1 November in
    // Jakarta and T6 is September.
    assert_eq!(v("posts_published", "all"), "4");
    assert_eq!(v("posts_published", "x"), "4");
    // 25 + 40 + 3 + 58 and 6 + 12 + 0 + 20.
    assert_eq!(v("likes", "all"), "126");
    assert_eq!(v("shares", "x"), "38");
    // Per post: 126 / 4 and 38 / 4.
    assert_eq!(v("applause_rate", "all"), "31.5");
    assert_eq!(v("amplification_rate", "all"), "9.5");
    // Interactions need replies (comments), which the archive does not have.
    let interactions = v("interactions", "all");
    assert!(
        interactions.starts_with("not available") && interactions.contains("comments"),
        "{interactions}"
    );
    assert_eq!(value(&rows, "posts_published", "all", "2026-09"), "1");
    assert_eq!(value(&rows, "likes", "all", "2026-09"), "14");
}

#[test]
fn a_malformed_archive_file_is_refused_by_name_while_the_others_land() {
    let dir = TestDir::from_fixture("x_archive");
    // A trailing comma: JavaScript allows it, JSON does not.
    std::fs::write(
        dir.path().join("data/tweets-part1.js"),
        "window.YTD.tweets.part1 = [\n  {\n    \"tweet\" : {\n      \"id_str\" : \"1\",\n    }\n  }\n]\n",
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["ingest", "--store", "store", "data"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "inputs rejected");
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        summary_cells(&summary, "data/tweets-part1.js")[0..6],
        ["(none)", "-", "-", "-", "-", "rejected"],
        "{summary}"
    );
    assert!(
        summary.contains(
            "data/tweets-part1.js: an X data archive file (UTF-8) that cannot be read: \
             `window.YTD.tweets.part1` is not followed by a readable JSON array: trailing comma (line 5 of the file)"
        ),
        "{summary}"
    );
    assert_eq!(
        &summary_cells(&summary, "data/tweets.js")[0..6],
        ["x_archive", "6", "6", "0", "0", "added"],
        "{summary}"
    );
    let m = manifest(&dir);
    assert_eq!(m["files"].as_array().unwrap().len(), 1);
}

// ── X analytics by day (daily_tweet_activity_metrics) ─────────────────────────────────

const X_DAILY: &str = "daily_tweet_activity_metrics_pelitadesa_20260929_20261006_en.csv";

/// The fixture's rows as the file writes them: header → cell, by `Date`.
fn file_rows(dir: &TestDir, file: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.path().join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn x_daily_rows_land_in_account_daily_under_the_inputs_account() {
    let dir = TestDir::from_fixture("x_daily");
    let out = dir.tolok().args(["detect", X_DAILY]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  x_daily  ")
            && text.contains("X analytics tweet activity export by day: header has `Date`, `Tweets published`, `impressions`, `engagements`"),
        "{text}"
    );
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{summary}");
    // 8 days; the one a spreadsheet re-saved as `06/10/2026` is quarantined.
    assert_eq!(
        &summary_cells(&summary, X_DAILY)[0..6],
        ["x_daily", "8", "7", "1", "0", "added"],
        "{summary}"
    );
    assert!(
        summary.contains("1 row(s) quarantined, Date: is not a date of the form `%Y-%m-%d`"),
        "{summary}"
    );
    let rows = stored(&dir, tolok::schema::Table::AccountDaily, "date");
    assert_eq!(rows.height(), 7);
    assert!(texts(&rows, "account_id")
        .iter()
        .all(|a| a.as_deref() == Some("pelitadesa")));
    assert!(texts(&rows, "platform")
        .iter()
        .all(|p| p.as_deref() == Some("x")));
    // Counts written as `"1530.0"`.
    assert_eq!(
        counts(&rows, "impressions"),
        [820, 410, 1530, 960, 380, 2210, 1045].map(Some)
    );
    assert_eq!(counts(&rows, "link_clicks")[2], Some(6));
    assert_eq!(counts(&rows, "profile_visits")[2], Some(11));
    assert_eq!(counts(&rows, "followers_gained")[2], Some(2));
    // X's engagements count clicks too: not stored as interactions.
    assert!(counts(&rows, "interactions").iter().all(Option::is_none));

    // X's own `engagement rate` is engagements / impressions, on the impressions stored:
    // each stored day's impressions times the file's rate gives the file's engagements.
    let file = file_rows(&dir, X_DAILY);
    let stored_impressions = counts(&rows, "impressions");
    for (day, impressions) in file.iter().take(7).zip(stored_impressions) {
        let rate: f64 = day["engagement rate"].parse().unwrap();
        let engagements: f64 = day["engagements"].parse().unwrap();
        let impressions = impressions.unwrap() as f64;
        assert!(
            (engagements / impressions - rate).abs() < 1e-12,
            "{}: {engagements} / {impressions} is not {rate}",
            day["Date"]
        );
        assert_eq!((impressions * rate).round(), engagements, "{}", day["Date"]);
    }
}

#[test]
fn x_daily_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("x_daily");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, period: &str| value(&rows, m, "all", period);
    // 1–5 October: follows 2 + 0 + 1 + 3 + 0; user profile clicks 11 + 6 + 1 + 18 + 8.
    assert_eq!(v("followers_gained", "2026-10"), "6");
    assert_eq!(v("profile_visits", "2026-10"), "44");
    assert_eq!(value(&rows, "profile_visits", "x", "2026-10"), "44");
    // 29–30 September.
    assert_eq!(v("followers_gained", "2026-09"), "1");
    assert_eq!(v("profile_visits", "2026-09"), "6");
}

// ── X account analytics content (2024+) ─────────────────────────────────────────────────

const X_CONTENT: &str = "account_analytics_content_2026-10-01_2026-11-01.csv";

#[test]
fn x_content_posts_take_their_time_from_the_post_id() {
    let dir = TestDir::from_fixture("x_content");
    let out = dir.tolok().args(["detect", X_CONTENT]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  x_content  ")
            && text.contains("X account analytics content export (2024+): header has `Post id`, `Date`, `Post text`, `Post Link`, `Impressions`"),
        "{text}"
    );
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{summary}");
    // 5 posts; the id a spreadsheet wrote as `1.84529E+18` is quarantined.
    assert_eq!(
        &summary_cells(&summary, X_CONTENT)[0..6],
        ["x_content", "5", "4", "1", "0", "added"],
        "{summary}"
    );
    assert!(
        summary.contains("1 row(s) quarantined, Post id: is not an X post id (a whole number)"),
        "{summary}"
    );
    let m = manifest(&dir);
    assert_eq!(
        m["files"][0]["snapshot_from"],
        "export date range in the file name"
    );
    assert_eq!(m["files"][0]["snapshot_at"], "2026-11-01T00:00:00+00:00");

    let rows = stored(&dir, tolok::schema::Table::Posts, "post_id");
    assert_eq!(rows.height(), 4);
    assert!(texts(&rows, "account_id")
        .iter()
        .all(|a| a.as_deref() == Some("pelitadesa")));
    // The id's time, to the second; its local date is the file's `Date` (`Thu, Oct 1, 2026`).
    let file = file_rows(&dir, X_CONTENT);
    let published = rows
        .column("published_at")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap();
    let published: Vec<i64> = published
        .i64()
        .unwrap()
        .iter()
        .map(Option::unwrap)
        .collect();
    assert_eq!(
        chrono::DateTime::from_timestamp_millis(published[0])
            .unwrap()
            .to_rfc3339(),
        "2026-10-01T00:30:00+00:00"
    );
    for (post, ms) in file.iter().zip(&published) {
        let local = chrono::DateTime::from_timestamp_millis(*ms)
            .unwrap()
            .with_timezone(&chrono_tz::Asia::Jakarta);
        assert_eq!(local.format("%a, %b %-d, %Y").to_string(), post["Date"]);
    }
    assert_eq!(
        texts(&rows, "text")[1].as_deref(),
        Some("Relawan & warga gotong royong membangun sumur, terima kasih semua")
    );
    assert_eq!(
        counts(&rows, "impressions"),
        [1200, 860, 150, 300].map(Some)
    );
    // Reposts are shares, bookmarks saves, replies comments; X's `Shares` has no column.
    assert_eq!(counts(&rows, "shares"), [8, 4, 0, 2].map(Some));
    assert_eq!(counts(&rows, "saves"), [3, 1, 0, 2].map(Some));
    assert_eq!(counts(&rows, "comments"), [5, 3, 1, 0].map(Some));
    assert_eq!(counts(&rows, "follows"), [2, 0, 0, 1].map(Some));
    assert_eq!(
        counts(&rows, "platform_engagements"),
        [95, 51, 9, 27].map(Some)
    );
    assert_eq!(counts(&rows, "link_clicks")[0], Some(6));
    assert_eq!(counts(&rows, "profile_visits")[0], Some(12));
}

#[test]
fn x_content_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("x_content");
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str| value(&rows, m, "all", "2026-10");
    // October in Jakarta: the posts of 1, 9 and 20 October; the last one was published on
    // 1 November at 01:00 WIB.
    assert_eq!(v("posts_published"), "3");
    assert_eq!(v("impressions"), "2210");
    assert_eq!(v("likes"), "66");
    // (40 + 5 + 8 + 3) + (22 + 3 + 4 + 1) + (4 + 1 + 0 + 0).
    assert_eq!(v("interactions"), "91");
    // (95 + 51 + 9) / 2210.
    let rate: f64 = v("engagement_rate_platform").parse().unwrap();
    assert!((rate - 155.0 / 2210.0 * 100.0).abs() < 1e-9, "{rate}");
}

// ── tolok::ingest::js ───────────────────────────────────────────────────────────────────

#[test]
fn js_leaves_other_text_alone() {
    assert!(js::parse("id,text\n1,hai\n").is_none());
    assert!(js::parse("var x = [1];").is_none());
    assert!(js::parse("window.__THAR_CONFIG = {}").is_none());
    assert!(js::parse("").is_none());
}

#[test]
fn js_flattens_wrapped_elements_into_dotted_columns() {
    let text = "\nwindow.YTD.tweets.part0 = [ {\n  \"tweet\" : {\n    \"id_str\" : \"10\",\n    \
                \"favorite_count\" : \"5\",\n    \"entities\" : { \"hashtags\" : [ { \"text\" : \"hi\" } ], \
                \"place\" : { \"name\" : \"Kupang\" } },\n    \"truncated\" : false,\n    \"geo\" : null,\n    \
                \"n\" : 7\n  }\n}, {\n  \"tweet\" : {\n    \"id_str\" : \"11\",\n    \
                \"in_reply_to_status_id_str\" : \"10\"\n  }\n} ];\n";
    let t = js::parse(text).unwrap().unwrap();
    let cell = |row: usize, name: &str| {
        let i = t
            .column(name)
            .unwrap_or_else(|| panic!("{name} in {:?}", t.header));
        t.rows[row].1[i].clone()
    };
    // The line of a row is its element number.
    assert_eq!(t.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2]);
    assert!(t.rows.iter().all(|r| r.1.len() == t.header.len()));
    assert_eq!(cell(0, "tweet.id_str"), "10");
    assert_eq!(cell(0, "tweet.favorite_count"), "5");
    assert_eq!(cell(0, "tweet.entities.hashtags"), r#"[{"text":"hi"}]"#);
    assert_eq!(cell(0, "tweet.entities.place.name"), "Kupang");
    assert_eq!(cell(0, "tweet.truncated"), "false");
    assert_eq!(cell(0, "tweet.geo"), "");
    assert_eq!(cell(0, "tweet.n"), "7");
    assert_eq!(cell(0, "tweet.in_reply_to_status_id_str"), "");
    assert_eq!(cell(1, "tweet.in_reply_to_status_id_str"), "10");
    assert_eq!(cell(1, "tweet.favorite_count"), "");
    assert!(t.preamble.is_empty() && !t.unwrapped);
}

#[test]
fn js_reads_bare_tweets_of_old_archives_under_the_singular_name() {
    // Archives from 2019 and before: `tweet.js`, no `{ "tweet": … }` wrapper.
    let t = js::parse(
        "window.YTD.tweet.part0 = [ { \"retweeted\" : false, \"id_str\" : \"123\", \
         \"full_text\" : \"hello\" } ]",
    )
    .unwrap()
    .unwrap();
    assert!(t.has("tweet.id_str") && t.has("tweet.full_text") && t.has("tweet.retweeted"));
    // A later part of a big account's archive.
    let t = js::parse("window.YTD.tweets.part12 = [ { \"tweet\" : { \"id_str\" : \"9\" } } ]")
        .unwrap()
        .unwrap();
    assert_eq!(t.rows, [(1, vec!["9".to_string()])]);
}

#[test]
fn js_errors_say_what_is_wrong_and_where() {
    let err = |text: &str| js::parse(text).unwrap().unwrap_err();
    assert_eq!(
        err("window.YTD.tweets.part0 = [\n  { \"tweet\" : { \"id_str\" : \"1\" } },\n  { oops }\n]"),
        "`window.YTD.tweets.part0` is not followed by a readable JSON array: key must be a string (line 3 of the file)"
    );
    assert!(
        err("window.YTD.tweets.part0 = [ { \"tweet\" : {").contains("EOF while parsing"),
        "truncated file"
    );
    assert_eq!(
        err("window.YTD.tweets.part0 = { }"),
        "`window.YTD.tweets.part0` is assigned an object, not an array"
    );
    assert_eq!(
        err("window.YTD.tweets.part0 = [ ]"),
        "`window.YTD.tweets.part0` holds no items: there is nothing to read"
    );
    assert_eq!(
        err("window.YTD.tweets.part0 = [ { \"tweet\" : { } }, 5 ]"),
        "item 2 of `window.YTD.tweets.part0` is a number, not an object"
    );
    assert!(err("window.YTD.tweets = [ ]").contains("not of the form `window.YTD.<name>.part<N>`"));
    assert!(err("window.YTD.tweets.part0 [ ]").contains("without `=`"));
}
