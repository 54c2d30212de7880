//! Listening collections and customer-care logs: 4CAT dataset CSVs and Facepager exports
//! (→ `mentions`), and an inbox log mapped in the pipeline (`generic_care` → `care`), on
//! fixtures written by hand in the exact formats. Period 2026-10, Asia/Jakarta;
//! `[listening]` own = "pelita desa", "@pelitadesa", competitor "Rumah Harapan".
//!
//! tests/fixtures/4cat/telegram.csv (4CAT Telegram `map_item` columns; `timestamp` in the
//! 4CAT server's local time, CEST, as that data source writes it):
//!
//! | id  | unix_timestamp (UTC) | Jakarta      | author | matched       |
//! |-----|----------------------|--------------|--------|---------------|
//! | 101 | 10-03 02:00          | October      | 5001   | own           |
//! | 102 | 10-03 03:30, reply   | October      | 5002   | own (2 lines) |
//! | 103 | 10-10 10:00          | October      | 5003   | Rumah Harapan |
//! | 104 | 09-30 15:30          | September (22:30; its CEST `timestamp` would be October) | 5002 | own |
//! | 105 | 10-20 05:00          | October      | 5001   | own           |
//! | 106 | `undefined`          | quarantined  | 5004   |               |
//!
//! tests/fixtures/4cat/tiktok.csv (4CAT TikTok import): 7561…001 10-05 by warga.sukamaju
//! (340 likes, 12 comments, 5 shares, 1200 followers) and 7561…002 10-12 by rina.w, both
//! own.
//!
//! tests/fixtures/facepager/facebook.csv (`;`, BOM, CRLF, all quoted; node tree):
//!
//! | node | parent | object_id      | type   | created_time (UTC)     | author              | matched |
//! |------|--------|----------------|--------|------------------------|---------------------|---------|
//! | 1    |        | pelitadesa.page| seed   |                        |                     |         |
//! | 2    | 1      | 100200300_1001 | data   | 10-02 03:00            | Yayasan Pelita Desa | own     |
//! | 3    | 1      | pelitadesa.page| offcut |                        |                     |         |
//! | 4    | 2      | 1001_2001      | data   | 10-02 05:10            | Budi Santoso        | own     |
//! | 5    | 4      | 1001_2002      | data   | 10-02 06:00            | Yayasan Pelita Desa | none    |
//! | 6    | 1      | 100200300_1002 | data   | 09-30 18:30 (Oct 1 WIB)| Yayasan Pelita Desa | own     |
//! | 7    | 6      | 1002_2003      | data   | 10-05 01:00            | Agus Pratama        | Rumah Harapan |
//! | 8    | 6      | 1002_2004      | data   | `kemarin` (quarantined)| Dewi K              |         |
//! | 9    | 1      | 100200300_0999 | data   | 09-20 02:00            | Yayasan Pelita Desa | own     |
//!
//! tests/fixtures/facepager/youtube.csv (an older Facepager without `object_key`; YouTube
//! comment threads, text column mapped by the pipeline): seed, UgxComment01 (10-08, Made,
//! own, 7 likes), UgxComment02 (10-09, Nia, no term), offcut.
//!
//! tests/fixtures/care/inbox.csv (times `dd/mm/yyyy hh:mm` in Jakarta):
//!
//! | thread  | msg | platform  | sent        | from      | auto  |
//! |---------|-----|-----------|-------------|-----------|-------|
//! | IG-1001 | m1  | Instagram | 10-01 08:00 | Pelanggan | no    |
//! | IG-1001 | m2  | Instagram | 10-01 08:01 | Agen      | yes   |
//! | IG-1001 | m3  | Instagram | 10-01 09:30 | Agen      | no, resolved 09:45 |
//! | WA-2001 | m4  | WhatsApp  | 10-05 20:00 | pelanggan | no    |
//! | WA-2001 | m5  | WhatsApp  | 10-05 20:00 | Agen      | yes   |
//! | IG-1002 | m6  | Instagram | 10-10 14:00 | Halaman   | no    |
//! | IG-0999 | m7  | Instagram | 09-30 23:50 | Pelanggan | no    |
//! | IG-0999 | m8  | Instagram | 10-01 00:10 | Agen      | no    |
//! | IG-1003 | m9  | Instagram | 10-12 09:00 | `Sistem` (quarantined) | yes |
use crate::util::{counts, line_of, metric_rows, stored, summary_cells, texts, value, TestDir};
use polars::prelude::*;

/// A time column as RFC 3339 text (UTC).
fn times(frame: &DataFrame, column: &str) -> Vec<Option<String>> {
    frame
        .column(column)
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .map(|ms| {
            ms.and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.to_rfc3339())
        })
        .collect()
}

/// The row of `frame` whose `key` column holds `id`.
fn row_of(frame: &DataFrame, key: &str, id: &str) -> usize {
    texts(frame, key)
        .iter()
        .position(|k| k.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no {key} {id}"))
}

/// Runs the fixture's pipeline and returns the ingest summary (stderr).
fn run(dir: &TestDir) -> String {
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    stderr
}

// ── 4CAT ────────────────────────────────────────────────────────────────────────────────

#[test]
fn detect_names_4cat_by_its_columns_and_explains_a_near_miss() {
    let dir = TestDir::from_fixture("4cat");
    let out = dir
        .tolok()
        .args(["detect", "telegram.csv", "tiktok.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    for file in ["telegram.csv", "tiktok.csv"] {
        assert!(
            line_of(&text, file).contains("  4cat  ")
                && line_of(&text, file).contains(
                    "4CAT dataset CSV: header has `id`, `thread_id`, `body`, `timestamp`, `unix_timestamp`"
                ),
            "{text}"
        );
    }
    // Without 4CAT's own `unix_timestamp` column it is a near miss, not a 4CAT file.
    std::fs::write(
        dir.path().join("forum.csv"),
        "id,thread_id,body,timestamp\n1,1,hai,2026-10-01 00:00:00\n",
    )
    .unwrap();
    let out = dir.tolok().args(["detect", "forum.csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("looks like 4CAT dataset CSV but the column(s) `unix_timestamp` are missing"),
        "{text}"
    );
}

#[test]
fn fourcat_rows_take_their_time_from_unix_timestamp_and_their_platform_from_the_input() {
    let dir = TestDir::from_fixture("4cat");
    let summary = run(&dir);
    // 6 messages: 5 stored, the one without a time quarantined with its reason.
    assert_eq!(
        &summary_cells(&summary, "telegram.csv")[0..6],
        ["4cat", "6", "5", "1", "0", "added"],
        "{summary}"
    );
    assert!(
        summary.contains(
            "telegram.csv: 1 row(s) quarantined, unix_timestamp: is not a time in ISO 8601 or Unix seconds"
        ),
        "{summary}"
    );
    assert_eq!(
        &summary_cells(&summary, "tiktok.csv")[0..6],
        ["4cat", "2", "2", "0", "0", "added"],
        "{summary}"
    );

    let rows = stored(&dir, tolok::schema::Table::Mentions, "mention_id");
    assert_eq!(rows.height(), 7);
    assert!(texts(&rows, "source")
        .iter()
        .all(|s| s.as_deref() == Some("4cat")));
    let at = |id: &str| row_of(&rows, "mention_id", id);
    assert_eq!(
        texts(&rows, "platform")[at("101")].as_deref(),
        Some("telegram")
    );
    // `unix_timestamp`, not the server-local `timestamp` (`2026-09-30 17:30:00`).
    assert_eq!(
        times(&rows, "published_at")[at("104")].as_deref(),
        Some("2026-09-30T15:30:00+00:00")
    );
    assert_eq!(
        texts(&rows, "in_reply_to")[at("102")].as_deref(),
        Some("101")
    );
    assert_eq!(
        texts(&rows, "thread_id")[at("102")].as_deref(),
        Some("infodesa")
    );
    assert_eq!(
        texts(&rows, "text")[at("102")].as_deref(),
        Some("Setuju, @pelitadesa mantap!\nSemoga berlanjut tahun depan.")
    );
    assert_eq!(
        texts(&rows, "author_id")[at("101")].as_deref(),
        Some("5001")
    );
    // The TikTok import's extras.
    let video = at("7561000000000000001");
    assert_eq!(texts(&rows, "platform")[video].as_deref(), Some("tiktok"));
    assert_eq!(
        texts(&rows, "author_id")[video].as_deref(),
        Some("warga.sukamaju")
    );
    assert_eq!(counts(&rows, "author_followers")[video], Some(1200));
    assert_eq!(counts(&rows, "likes")[video], Some(340));
    assert_eq!(counts(&rows, "replies")[video], Some(12));
    assert_eq!(counts(&rows, "shares")[video], Some(5));
    assert_eq!(
        texts(&rows, "url")[video].as_deref(),
        Some("https://tiktok.com/@warga.sukamaju/video/7561000000000000001")
    );
    // Telegram counts views, not likes: null, never zero.
    assert_eq!(counts(&rows, "likes")[at("101")], None);
}

#[test]
fn fourcat_listening_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("4cat");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str, period: &str| value(&rows, m, scope, period);
    // October in Jakarta: 101, 102, 105 and both TikTok videos name the foundation; 103
    // names only the competitor; 104 is September; 106 was quarantined.
    assert_eq!(v("mention_volume", "all", "2026-10"), "5");
    assert_eq!(v("mention_volume", "telegram", "2026-10"), "3");
    assert_eq!(v("mention_volume", "tiktok", "2026-10"), "2");
    // 5001 (101, 105), 5002, warga.sukamaju, rina.w.
    assert_eq!(v("unique_authors", "all", "2026-10"), "4");
    assert_eq!(v("tags_mentions", "all", "2026-10"), "5");
    // 5 own / (5 own + 1 competitor).
    assert_eq!(v("share_of_voice", "all", "2026-10"), "83.3333333333");
    assert_eq!(v("mention_volume", "all", "2026-09"), "1");
}

// ── Facepager ───────────────────────────────────────────────────────────────────────────

#[test]
fn detect_names_facepager_with_and_without_object_key() {
    let dir = TestDir::from_fixture("facepager");
    let out = dir
        .tolok()
        .args(["detect", "facebook.csv", "youtube.csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    for file in ["facebook.csv", "youtube.csv"] {
        let line = line_of(&text, file);
        assert!(
            line.contains("  facepager  ")
                && line.contains("Facepager CSV export: header has `level`, `id`, `parent_id`, `object_id`, `object_type`")
                && line.contains("delimiter `;`"),
            "{text}"
        );
    }
}

#[test]
fn facepager_keeps_data_nodes_and_accounts_for_every_other_row() {
    let dir = TestDir::from_fixture("facepager");
    let summary = run(&dir);
    // 9 nodes: 6 posts and comments; the seed, the offcut and the comment whose time
    // reads `kemarin` quarantined.
    assert_eq!(
        &summary_cells(&summary, "facebook.csv")[0..6],
        ["facepager", "9", "6", "3", "0", "added"],
        "{summary}"
    );
    for reason in [
        "facebook.csv: 1 row(s) quarantined, object_type: Facepager seed row (the node the query started from), not a post",
        "facebook.csv: 1 row(s) quarantined, object_type: Facepager offcut row (what was left of a response after its items were split off: paging, summaries), not a post",
        "facebook.csv: 1 row(s) quarantined, created_time: is not a time in ISO 8601 or %Y-%m-%dT%H:%M:%S%z or %a %b %d %H:%M:%S %z %Y",
    ] {
        assert!(summary.contains(reason), "{reason}\n{summary}");
    }
    assert_eq!(
        &summary_cells(&summary, "youtube.csv")[0..6],
        ["facepager", "4", "2", "2", "0", "added"],
        "{summary}"
    );
    // The quarantine lists each row by its line in the file.
    let m: serde_json::Value = serde_json::from_str(&dir.read("store/manifest.json")).unwrap();
    let record = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("facebook.csv"))
        .unwrap();
    let listed = dir.read(&format!(
        "store/{}",
        record["quarantine_file"].as_str().unwrap()
    ));
    for expected in [
        "facebook.csv,2,object_type,seed,",
        "facebook.csv,9,created_time,kemarin,",
    ] {
        assert!(listed.contains(expected), "{expected}\n{listed}");
    }

    let rows = stored(&dir, tolok::schema::Table::Mentions, "mention_id");
    assert_eq!(rows.height(), 8);
    let at = |id: &str| row_of(&rows, "mention_id", id);
    let post = at("100200300_1001");
    assert_eq!(texts(&rows, "platform")[post].as_deref(), Some("facebook"));
    assert_eq!(texts(&rows, "source")[post].as_deref(), Some("facepager"));
    // `;` and doubled quotes inside a quoted cell.
    assert_eq!(
        texts(&rows, "text")[post].as_deref(),
        Some("Air bersih untuk Sukamaju; bersama \"warga\" dan Pelita Desa")
    );
    assert_eq!(
        times(&rows, "published_at")[post].as_deref(),
        Some("2026-10-02T03:00:00+00:00")
    );
    // A post: its own thread, no parent. `None` (Facepager's missing value) is empty.
    assert_eq!(
        texts(&rows, "thread_id")[post].as_deref(),
        Some("100200300_1001")
    );
    assert_eq!(texts(&rows, "in_reply_to")[post], None);
    assert_eq!(counts(&rows, "likes")[post], None);
    assert_eq!(counts(&rows, "shares")[post], Some(14));
    // A reply to a comment: the post's thread, the comment it answers.
    let reply = at("1001_2002");
    assert_eq!(
        texts(&rows, "thread_id")[reply].as_deref(),
        Some("100200300_1001")
    );
    assert_eq!(
        texts(&rows, "in_reply_to")[reply].as_deref(),
        Some("1001_2001")
    );
    assert_eq!(
        texts(&rows, "author_id")[reply].as_deref(),
        Some("Yayasan Pelita Desa")
    );
    let comment = at("1001_2001");
    assert_eq!(
        texts(&rows, "in_reply_to")[comment].as_deref(),
        Some("100200300_1001")
    );
    assert_eq!(counts(&rows, "likes")[comment], Some(3));
    assert_eq!(counts(&rows, "replies")[comment], Some(1));
    // YouTube: the text column the pipeline maps, the rest by alias.
    let youtube = at("UgxComment01");
    assert_eq!(
        texts(&rows, "platform")[youtube].as_deref(),
        Some("youtube")
    );
    assert_eq!(
        texts(&rows, "text")[youtube].as_deref(),
        Some("Videonya bagus, Pelita Desa!")
    );
    assert_eq!(texts(&rows, "author_id")[youtube].as_deref(), Some("Made"));
    assert_eq!(counts(&rows, "likes")[youtube], Some(7));
    assert_eq!(
        times(&rows, "published_at")[youtube].as_deref(),
        Some("2026-10-08T10:00:00+00:00")
    );
}

#[test]
fn facepager_listening_metrics_match_the_hand_computed_values() {
    let dir = TestDir::from_fixture("facepager");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str, period: &str| value(&rows, m, scope, period);
    // October in Jakarta: Facebook nodes 2, 4, 5 (no term, so counted as the
    // organisation's) and 6 (1 October 01:30 WIB); 7 names the competitor; 9 is September.
    // YouTube: both comments.
    assert_eq!(v("mention_volume", "all", "2026-10"), "6");
    assert_eq!(v("mention_volume", "facebook", "2026-10"), "4");
    assert_eq!(v("mention_volume", "youtube", "2026-10"), "2");
    // Yayasan Pelita Desa, Budi Santoso, Made, Nia.
    assert_eq!(v("unique_authors", "all", "2026-10"), "4");
    // Nodes 2, 4, 6 and UgxComment01 name the foundation.
    assert_eq!(v("tags_mentions", "all", "2026-10"), "4");
    // 4 own / (4 own + 1 competitor).
    assert_eq!(v("share_of_voice", "all", "2026-10"), "80");
    assert_eq!(v("mention_volume", "all", "2026-09"), "1");
}

#[test]
fn a_facepager_column_mapping_is_checked_before_any_data_is_read() {
    let dir = TestDir::from_fixture("facepager");
    let text = dir.read("pipeline.toml").replace(
        "columns = { text = \"snippet.topLevelComment.snippet.textDisplay\" }",
        "columns = { text = \"snippet.textDisplay\", mention_id = \"id\" }",
    );
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("`input[1].columns.mention_id`: `mention_id` is not mapped for Facepager"),
        "{stderr}"
    );
    // A column the file does not have is named when the file is read.
    let text = dir
        .read("pipeline.toml")
        .replace(", mention_id = \"id\"", "");
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir.tolok().args(["run", "pipeline.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "inputs rejected");
    let summary = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        summary_cells(&summary, "youtube.csv")[0..6],
        ["(none)", "-", "-", "-", "-", "rejected"],
        "{summary}"
    );
    assert!(
        summary.contains(
            "looks like Facepager CSV export but the column(s) `snippet.textDisplay` are missing"
        ),
        "{summary}"
    );
}

// ── Customer care ───────────────────────────────────────────────────────────────────────

#[test]
fn care_logs_are_mapped_typed_and_quarantined_by_the_pipeline() {
    let dir = TestDir::from_fixture("care");
    let summary = run(&dir);
    assert_eq!(
        &summary_cells(&summary, "inbox.csv")[0..6],
        ["generic_care", "9", "8", "1", "0", "added"],
        "{summary}"
    );
    assert!(
        summary.contains(
            "inbox.csv: 1 row(s) quarantined, Dari: is none of the values mapped in the pipeline (Pelanggan, Agen, Halaman)"
        ),
        "{summary}"
    );
    let rows = stored(&dir, tolok::schema::Table::Care, "message_id");
    assert_eq!(
        texts(&rows, "message_id"),
        ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"].map(|m| Some(m.to_string()))
    );
    assert_eq!(
        texts(&rows, "platform")[..4],
        ["instagram", "instagram", "instagram", "whatsapp"].map(|p| Some(p.to_string()))
    );
    // `pelanggan` as well as `Pelanggan`; `Halaman` (the page) is outbound.
    assert_eq!(
        texts(&rows, "direction"),
        [
            "inbound", "outbound", "outbound", "inbound", "outbound", "outbound", "inbound",
            "outbound"
        ]
        .map(|d| Some(d.to_string()))
    );
    let automated: Vec<Option<bool>> = rows
        .column("is_automated")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(automated[1], Some(true));
    assert_eq!(automated[2], Some(false));
    // `01/10/2026 08:00` in Jakarta.
    assert_eq!(
        times(&rows, "sent_at")[0].as_deref(),
        Some("2026-10-01T01:00:00+00:00")
    );
    assert_eq!(
        times(&rows, "resolved_at")[2].as_deref(),
        Some("2026-10-01T02:45:00+00:00")
    );
    assert_eq!(times(&rows, "resolved_at")[0], None);
}

#[test]
fn care_metrics_compute_on_the_mapped_log() {
    let dir = TestDir::from_fixture("care");
    run(&dir);
    let rows = metric_rows(&dir, &[]);
    let v = |m: &str, scope: &str| value(&rows, m, scope, "2026-10");
    // Outbound, not automated, sent in October (Jakarta): m3, m6, m8 (m7's answer, the
    // next day).
    assert_eq!(v("replies_sent", "all"), "3");
    // Threads with a non-automated message in October: IG-1001, WA-2001, IG-1002, IG-0999;
    // answered by a person: all but WA-2001 (only an automated reply).
    assert_eq!(v("response_rate", "all"), "75");
    assert_eq!(v("response_rate", "instagram"), "100");
    assert_eq!(v("response_rate", "whatsapp"), "0");
}

#[test]
fn care_mappings_are_validated_whole() {
    let dir = TestDir::from_fixture("care");
    let text = dir
        .read("pipeline.toml")
        .replace(
            "date-format = \"%d/%m/%Y %H:%M\"",
            "date-format = \"%d/%m/%Y\"",
        )
        .replace(
            "direction-values = { inbound = [\"Pelanggan\"], outbound = [\"Agen\", \"Halaman\"] }",
            "direction-values = { inbound = [\"Pelanggan\"], keluar = [\"Agen\"] }",
        )
        .replace("message_id = \"ID Pesan\", ", "");
    std::fs::write(dir.path().join("pipeline.toml"), text).unwrap();
    let out = dir
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "`input[0].columns.message_id`: required for `generic_care`",
        "`input[0].date-format`: `%d/%m/%Y` is not a time format tolok can read",
        "`input[0].direction-values.keluar`: `keluar` is not a direction",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    // `direction-values` belongs to care logs only.
    let out = TestDir::from_fixture("twarc2");
    let text = out.read("pipeline.toml") + "direction-values = { inbound = [\"x\"] }\n";
    std::fs::write(out.path().join("pipeline.toml"), text).unwrap();
    let result = out
        .tolok()
        .args(["validate", "pipeline.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.contains(
            "`input[0].direction-values`: `direction-values` needs `adapter = \"generic_care\"`"
        ),
        "{stderr}"
    );
}
