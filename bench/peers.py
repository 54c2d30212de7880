"""The peers tolok is measured against in `make bench` (bench/run.sh → bench/bench.py):
DuckDB and Polars, doing the same work on the same files. One call does one timed run and
prints `seconds <engine-seconds>` on its last line; the timer covers the engine's work only
(not Python's start-up nor the imports), which favours the peers over tolok, whose figures
are whole-process wall-clock times.

  peers.py ingest-duckdb  MENTIONS_DIR OUT_DIR
  peers.py ingest-polars  MENTIONS_DIR OUT_DIR
  peers.py metrics-duckdb SQL_FILE DATASET_DIR [--csv OUT]
  peers.py metrics-polars SQL_FILE DATASET_DIR [--csv OUT]

Ingest (both peers, on the generated `mentions/*.csv`): read every CSV with explicit column
types (counts as BIGINT/Int64, `created_at` parsed into a timestamp), rename the columns to
the store's names, add `source` and `source_file`, and write zstd Parquet partitioned
hive-style by `platform` and UTC `month`, as tolok's store lays out `mentions`. They do not
score sentiment, detect the language, hash the file, check for duplicates or quarantine bad
rows, all of which tolok's ingest does for every row.

Metrics, DuckDB: every statement of `tolok sql --dialect duckdb`, run from the dataset
folder (the SQL reads `store/...`), all result rows fetched.

Metrics, Polars: what it computes is written out in `polars_metrics` below. It takes the
period bounds and the `[listening]` regular expressions from the same SQL file, so the three
engines apply one definition of both.
"""

import argparse
import csv
import re
import shutil
import sys
import time
from pathlib import Path

# The generated mentions CSV (src/sample/scale/mentions.rs) → the store's column names.
MENTION_COLUMNS = {
    "id": "mention_id",
    "created_at": "published_at",
    "platform": "platform",
    "author": "author_id",
    "author_followers": "author_followers",
    "text": "text",
    "url": "url",
    "likes": "likes",
    "reposts": "shares",
    "replies": "replies",
}
SOURCE = "generated-listening"
COUNT_COLUMNS = ("author_followers", "likes", "reposts", "replies")


def ingest_duckdb(mentions: Path, out: Path) -> float:
    import duckdb

    types = {name: "VARCHAR" for name in MENTION_COLUMNS}
    types.update({name: "BIGINT" for name in COUNT_COLUMNS})
    types["created_at"] = "TIMESTAMP"
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in types.items()) + "}"
    select = ", ".join(f'"{k}" AS "{v}"' for k, v in MENTION_COLUMNS.items())
    sql = f"""
        COPY (
            SELECT '{SOURCE}' AS source, {select},
                   strftime(created_at, '%Y-%m') AS month, filename AS source_file
            FROM read_csv('{mentions}/*.csv', header = true, columns = {columns},
                          timestampformat = '%Y-%m-%dT%H:%M:%SZ', filename = true)
        ) TO '{out}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (platform, month))
    """
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - start


def ingest_polars(mentions: Path, out: Path) -> float:
    import polars as pl

    overrides = {name: pl.String for name in MENTION_COLUMNS}
    overrides.update({name: pl.Int64 for name in COUNT_COLUMNS})
    files = sorted(str(p) for p in mentions.glob("*.csv"))
    start = time.perf_counter()
    frame = (
        pl.scan_csv(files, schema_overrides=overrides, include_file_paths="source_file")
        .rename(MENTION_COLUMNS)
        .with_columns(
            pl.lit(SOURCE).alias("source"),
            pl.col("published_at").str.to_datetime("%Y-%m-%dT%H:%M:%SZ", time_unit="us"),
        )
        .with_columns(pl.col("published_at").dt.strftime("%Y-%m").alias("month"))
    )
    target = pl.PartitionBy(str(out), key=["platform", "month"], include_key=False)
    frame.sink_parquet(target, compression="zstd", mkdir=True)
    return time.perf_counter() - start


def run_duckdb_sql(sql_file: Path, dataset: Path, csv_out: Path | None) -> float:
    import duckdb
    import os

    sql = sql_file.read_text(encoding="utf-8")
    os.chdir(dataset)
    con = duckdb.connect()
    rows = []
    start = time.perf_counter()
    for statement in duckdb.extract_statements(sql):
        rows.extend(con.execute(statement).fetchall())
    elapsed = time.perf_counter() - start
    if csv_out:
        write_rows(csv_out, rows)
    return elapsed


# Lines of `tolok sql`'s header: `--   <label> (current|previous): a .. b, from <UTC> to before <UTC> UTC`.
PERIOD_LINE = re.compile(
    r"^--\s+(\S+) \((current|previous)\): .*, from (\S+ \S+) to before (\S+ \S+) UTC$"
)
# `WHEN (<regex tests>) THEN '<name>'` in the mentions statements' listening CASE.
LISTENING_LINE = re.compile(r"^\s*WHEN \((.*)\) THEN '([^']+)'$")
REGEX_TEST = re.compile(r"regexp_matches\(\"text\", '((?:[^']|'')*)'\)")


def periods_from_sql(sql: str):
    """(label, start, end) for the current then the previous period, UTC instants."""
    from datetime import datetime

    found = {}
    for line in sql.splitlines():
        match = PERIOD_LINE.match(line)
        if match:
            label, kind, start, end = match.groups()
            parse = lambda text: datetime.strptime(text, "%Y-%m-%d %H:%M")  # noqa: E731
            found.setdefault(kind, (label, parse(start), parse(end)))
    return [found[kind] for kind in ("current", "previous") if kind in found]


def listening_from_sql(sql: str):
    """[(name, [regex, …])] in the CASE's order: own first, then the competitors."""
    terms = []
    for line in sql.splitlines():
        match = LISTENING_LINE.match(line)
        if match:
            regexes = [r.replace("''", "'") for r in REGEX_TEST.findall(match.group(1))]
            terms.append((match.group(2), regexes))
    seen, unique = set(), []
    for name, regexes in terms:  # every mentions statement repeats the same CASE
        if name not in seen:
            seen.add(name)
            unique.append((name, regexes))
    return unique


def polars_metrics(sql_file: Path, dataset: Path, csv_out: Path | None) -> float:
    """The catalogue's mention metrics and its main post metrics, in Polars:

    Mentions in each period (published_at in [start, end) as UTC instants), each marked
    with the first listening term whose regular expressions match its text (own first);
    overall and per platform:
      mention_volume  = rows not marked as a competitor's
      unique_authors  = distinct non-null author_id among those rows
      share_of_voice  = own rows / marked rows × 100
      share_of_voice_engagement = likes+shares+replies (nulls as 0) of own / of marked × 100
      share_of_voice_positive   = own positive rows / marked positive rows × 100
    Posts: each post's (platform, account, post) latest snapshot taken by the period end,
    else its earliest; those published in the period; overall and per platform:
      posts_published = rows; reach, impressions, video_views, saves = sums;
      interactions = sum of likes+comments+shares+saves (nulls as 0).
    Not done here (tolok and DuckDB do): dropping Meta video-export rows whose video is also
    a post (the generated data has none), account-day metrics, per-account metrics, the
    derived metrics and the "not available" rules."""
    import polars as pl

    sql = sql_file.read_text(encoding="utf-8")
    periods = periods_from_sql(sql)
    listening = listening_from_sql(sql)
    store = dataset / "store"
    start_clock = time.perf_counter()
    mentions = pl.scan_parquet(store / "mentions" / "**" / "*.parquet", hive_partitioning=True)
    posts = pl.scan_parquet(store / "posts" / "**" / "*.parquet", hive_partitioning=True)
    matched = pl.lit(None, dtype=pl.String)
    for name, regexes in reversed(listening):
        hit = pl.any_horizontal([pl.col("text").str.contains(r).fill_null(False) for r in regexes])
        matched = pl.when(hit).then(pl.lit(name)).otherwise(matched)
    engagement = sum(pl.col(c).fill_null(0) for c in ("likes", "shares", "replies"))
    interactions = sum(pl.col(c).fill_null(0) for c in ("likes", "comments", "shares", "saves"))
    queries = []
    for label, start, end in periods:
        in_period = (pl.col("published_at") >= start) & (pl.col("published_at") < end)
        marked = (
            mentions.filter(in_period)
            .select("platform", "author_id", "sentiment_label", matched.alias("m"), engagement.alias("e"))
        )
        own = pl.col("m") == "own"
        volume_rows = pl.col("m").is_null() | own
        positive = pl.col("sentiment_label") == "positive"
        mention_aggs = [
            volume_rows.sum().alias("mention_volume"),
            pl.col("author_id").filter(volume_rows).drop_nulls().n_unique().alias("unique_authors"),
            (own.sum() / pl.col("m").is_not_null().sum() * 100).alias("share_of_voice"),
            (pl.col("e").filter(own).sum() / pl.col("e").filter(pl.col("m").is_not_null()).sum() * 100)
            .alias("share_of_voice_engagement"),
            ((own & positive).sum() / (pl.col("m").is_not_null() & positive).sum() * 100)
            .alias("share_of_voice_positive"),
        ]
        key = ["platform", "account_id", "post_id"]
        latest = (
            posts.with_columns(
                pl.col("snapshot_at").filter(pl.col("snapshot_at") <= end).max().over(key).alias("by_end"),
                pl.col("snapshot_at").min().over(key).alias("first"),
            )
            .filter(pl.col("snapshot_at") == pl.coalesce("by_end", "first"))
            .filter(in_period)
        )
        post_aggs = [
            pl.len().cast(pl.Float64).alias("posts_published"),
            *(pl.col(c).sum().alias(c) for c in ("reach", "impressions", "video_views", "saves")),
            interactions.sum().alias("interactions"),
        ]
        for frame, aggs in ((marked, mention_aggs), (latest, post_aggs)):
            queries.append((label, frame.select(pl.lit("all").alias("scope"), *aggs)))
            queries.append((label, frame.group_by("platform").agg(aggs).rename({"platform": "scope"})))
    results = pl.collect_all([query for _, query in queries])
    elapsed = time.perf_counter() - start_clock
    if csv_out:
        rows = []
        for (label, _), frame in zip(queries, results):
            for record in frame.iter_rows(named=True):
                scope = record.pop("scope")
                rows.extend((metric, scope, label, value) for metric, value in record.items())
        write_rows(csv_out, rows)
    return elapsed


def write_rows(path: Path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for row in sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r[:3])):
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["ingest-duckdb", "ingest-polars", "metrics-duckdb", "metrics-polars"])
    parser.add_argument("input", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--csv", type=Path, help="write the metric rows here (metrics tasks)")
    args = parser.parse_args()
    if args.task.startswith("ingest"):
        shutil.rmtree(args.target, ignore_errors=True)
        run = ingest_duckdb if args.task == "ingest-duckdb" else ingest_polars
        seconds = run(args.input.resolve(), args.target.resolve())
    else:
        run = run_duckdb_sql if args.task == "metrics-duckdb" else polars_metrics
        seconds = run(args.input.resolve(), args.target.resolve(), args.csv.resolve() if args.csv else None)
    print(f"seconds {seconds:.6f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
