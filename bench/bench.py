"""`make bench`: tolok against DuckDB and Polars (and vaderSentiment), side by side in one run,
on the same generated files; writes bench/results.md. Called by bench/run.sh, which installs
the peers into bench/.venv and builds tolok with the `measure` profile first.

Environment: BENCH_ROWS (mention rows, e.g. "1000000" or "10000000 100000000"), BENCH_RUNS
(runs per figure, the median is reported), BENCH_DIR (where datasets go), TOLOK (binary),
SENTIMENT_REPEAT (times the 5,772 oracle sentences are repeated for the sentiment figure).

Every tolok figure is the wall-clock time of the whole command (start-up, reading, writing);
a peer's figure is its engine's time inside Python (`bench/peers.py`), without the
interpreter's start-up and imports, so ratios err in the peers' favour.
"""

import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
PYTHON = sys.executable
RESULTS = BENCH / "results.md"
# Everything below this line in results.md is written by hand and kept across runs.
NOTES_MARKER = "<!-- notes below are written by hand; bench/bench.py keeps them -->"


def env_list(name: str, default: str) -> list[int]:
    return [int(part) for part in re.split(r"[\s,]+", os.environ.get(name, default).strip()) if part]


ROWS = env_list("BENCH_ROWS", "1000000")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
DATA = Path(os.environ.get("BENCH_DIR", PROJECT / "target" / "bench"))
TOLOK = Path(os.environ.get("TOLOK", PROJECT / "target" / "measure" / "tolok"))
SENTIMENT_REPEAT = int(os.environ.get("SENTIMENT_REPEAT", "20"))
TOLOK_ENV = {**os.environ, "TOLOK_PROGRESS": "never"}


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def timed(command: list, stdout=subprocess.DEVNULL, cwd=None) -> float:
    """Wall-clock seconds of one command; fails loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(command, stdout=stdout, check=True, env=TOLOK_ENV, cwd=cwd)
    return time.perf_counter() - start


def peer(task: str, *args) -> float:
    """One run of bench/peers.py; its engine seconds."""
    out = subprocess.run(
        [PYTHON, str(BENCH / "peers.py"), task, *map(str, args)],
        check=True, capture_output=True, text=True,
    ).stdout
    return float(out.strip().splitlines()[-1].split()[1])


def figure(runs: list[float]) -> dict:
    return {"runs": runs, "median": statistics.median(runs)}


def tolok_stored_rows(store: Path) -> int:
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    return sum(entry["stored"] for entry in manifest["files"] if entry["table"] == "mentions")


def du_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_size(rows: int) -> dict:
    dataset = DATA / f"rows-{rows}"
    result = {"rows": rows}
    shutil.rmtree(dataset, ignore_errors=True)
    DATA.mkdir(parents=True, exist_ok=True)

    log(f"{rows} rows: generating into {dataset}")
    result["generate"] = timed([TOLOK, "-q", "sample", "--rows", str(rows), "--out", dataset], cwd=PROJECT)
    result["csv_bytes"] = du_bytes(dataset / "mentions")
    pipeline = dataset / "pipeline.toml"

    log(f"{rows} rows: ingest of mentions/*.csv, {RUNS} runs each")
    ingest = {"tolok": [], "duckdb": [], "polars": []}
    scratch = dataset / "ingest-out"
    for _ in range(RUNS):  # engines interleaved, so a slow spell of the machine hits all three
        shutil.rmtree(scratch, ignore_errors=True)
        ingest["tolok"].append(timed([TOLOK, "-q", "ingest", "--pipeline", pipeline, "--store", scratch,
                                      dataset / "mentions"]))
        result["tolok_ingested_rows"] = tolok_stored_rows(scratch)
        result["tolok_store_bytes"] = du_bytes(scratch / "mentions")
        ingest["duckdb"].append(peer("ingest-duckdb", dataset / "mentions", scratch))
        result["duckdb_parquet_bytes"] = du_bytes(scratch)
        ingest["polars"].append(peer("ingest-polars", dataset / "mentions", scratch))
        result["polars_parquet_bytes"] = du_bytes(scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    result["ingest"] = {engine: figure(runs) for engine, runs in ingest.items()}

    log(f"{rows} rows: end to end `tolok run`, {RUNS} runs, fresh store each")
    walls, peaks = [], []
    for _ in range(RUNS):
        for folder in ("store", "reports"):
            shutil.rmtree(dataset / folder, ignore_errors=True)
        wall, peak_kib = time_verbose([TOLOK, "-q", "run", pipeline])
        walls.append(wall)
        peaks.append(peak_kib)
    result["end_to_end"] = figure(walls)
    result["end_to_end"]["peak_kib"] = peaks

    log(f"{rows} rows: metric catalogue over the store, {RUNS} runs each")
    sql_file = dataset / "metrics.sql"
    with open(sql_file, "w", encoding="utf-8") as out:
        subprocess.run([TOLOK, "-q", "sql", pipeline, "--dialect", "duckdb"], stdout=out, check=True,
                       env=TOLOK_ENV)
    tolok_csv = dataset / "tolok-metrics.csv"
    metrics = {"tolok": [], "duckdb": [], "polars": []}
    for run in range(RUNS):
        with open(tolok_csv, "w", encoding="utf-8") as out:
            metrics["tolok"].append(timed([TOLOK, "-q", "metrics", pipeline, "--format", "csv"], stdout=out))
        first = run == 0
        metrics["duckdb"].append(peer("metrics-duckdb", sql_file, dataset,
                                      *(["--csv", dataset / "duckdb-metrics.csv"] if first else [])))
        metrics["polars"].append(peer("metrics-polars", sql_file, dataset,
                                      *(["--csv", dataset / "polars-metrics.csv"] if first else [])))
    result["metrics"] = {engine: figure(runs) for engine, runs in metrics.items()}
    result["agreement"] = {
        engine: agreement(tolok_csv, dataset / f"{engine}-metrics.csv") for engine in ("duckdb", "polars")
    }
    return result


def time_verbose(command: list) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) from GNU time's -v report."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *map(str, command)],
                       stdout=subprocess.DEVNULL, check=True, env=TOLOK_ENV)
        wall = time.perf_counter() - start
        text = Path(report.name).read_text(encoding="utf-8")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return wall, int(peak.group(1)) if peak else -1


def agreement(tolok_csv: Path, peer_csv: Path) -> dict:
    """How many of tolok's numeric metric rows the peer has, and equal (1e-9 relative)."""
    peer_values = {}
    with open(peer_csv, encoding="utf-8") as f:
        for metric, scope, period, value, *_ in csv.reader(f):
            peer_values[(metric, scope, period)] = value
    compared = equal = 0
    differing = []
    with open(tolok_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["metric"], row["scope"], row["period"])
            try:
                expected = float(row["value"])
            except ValueError:
                continue  # "not available: …"
            if key not in peer_values:
                continue
            compared += 1
            try:
                got = float(peer_values[key])
            except ValueError:
                got = float("nan")
            if abs(got - expected) <= 1e-9 * max(1.0, abs(expected)):
                equal += 1
            else:
                differing.append((key, f"tolok {expected} vs {peer_values[key]}"))
    return {"compared": compared, "equal": equal, "differing": [f"{k}: {d}" for k, d in differing[:5]]}


def bench_sentiment() -> dict:
    log(f"sentiment: oracle sentences x{SENTIMENT_REPEAT}, {RUNS} runs each")
    with tempfile.TemporaryDirectory() as work:
        texts = Path(work) / "texts.txt"
        sentences = [
            line.split("\t", 1)[0]
            # split on "\n" only: some sentences hold other characters splitlines() breaks at
            for line in (PROJECT / "tests/fixtures/sentiment/vader_oracle.tsv").read_text(encoding="utf-8").split("\n")
            if line
        ]
        texts.write_text("\n".join(sentences * SENTIMENT_REPEAT) + "\n", encoding="utf-8")
        count = len(sentences) * SENTIMENT_REPEAT
        tolok_runs, python_runs = [], []
        for _ in range(RUNS):
            tolok_runs.append(timed([TOLOK, "-q", "sentiment", "--lang", "en", texts]))
            out = subprocess.run([PYTHON, str(BENCH / "sentiment.py"), str(texts), "--runs", "1"],
                                 check=True, capture_output=True, text=True).stdout.split()
            python_runs.append(float(out[2]))
    return {"texts": count, "tolok": figure(tolok_runs), "vader": figure(python_runs)}


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "nproc": os.cpu_count(),
        "memory_gib": kib / 1024 / 1024,
        "cpu": cpu,
        "kernel": platform.release(),
        # Other work on the machine slows every engine; shown so a reader can judge.
        "load": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def versions() -> dict:
    import importlib.metadata as md

    git = lambda *args: subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    commit = git("rev-parse", "--short=12", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    tolok = subprocess.run([TOLOK, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "tolok": f"{tolok}, git {commit}, `measure` profile with the pdf feature (bench/run.sh)",
        "duckdb": md.version("duckdb"),
        "polars": md.version("polars"),
        "vaderSentiment": md.version("vaderSentiment"),
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------- results.md


def seconds(value: float) -> str:
    return f"{value:.3f}"


def runs_text(runs: list[float]) -> str:
    return ", ".join(seconds(r) for r in runs)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "n/a"


def render(info: dict, sizes: list[dict], sentiment: dict, notes: str) -> str:
    size_names = ", ".join(f"{s['rows']:,}" for s in sizes)
    lines = [
        "# Benchmark: tolok vs DuckDB vs Polars, one run",
        "",
        f"Written by `make bench` (bench/run.sh → bench/bench.py) on {info['date']}, BENCH_ROWS=\"{' '.join(str(s['rows']) for s in sizes)}\","
        f" BENCH_RUNS={RUNS}. **Sizes in this run: {size_names} mention rows only.**",
        "",
        "| machine | |",
        "|---|---|",
        f"| cores (nproc) | {info['machine']['nproc']} |",
        f"| memory | {info['machine']['memory_gib']:.1f} GiB |",
        f"| CPU | {info['machine']['cpu']} |",
        f"| kernel | {info['machine']['kernel']} |",
        f"| load average at the start (1, 5, 15 min) | {info['machine']['load']} |",
        "",
        "| software | version |",
        "|---|---|",
        *(f"| {name} | {version} |" for name, version in info["versions"].items()),
        "",
        "How each figure is taken: tolok, the wall-clock time of the whole command (start-up,"
        " reading, writing); DuckDB and Polars, the engine's time inside Python"
        " (`bench/peers.py`), not counting the interpreter's start-up and imports, so every ratio"
        " errs in the peers' favour. Each figure is the median of the runs listed; the engines"
        " take turns run by run. Ratios are tolok's median ÷ the peer's median (below 1: tolok"
        " is faster).",
        "",
    ]
    for size in sizes:
        rows = size["rows"]
        lines += [
            f"## {rows:,} mention rows",
            "",
            f"Generated by `tolok sample --rows {rows}` in {seconds(size['generate'])} s (once):"
            f" {size['csv_bytes'] / 2**20:.0f} MiB of mentions CSV, plus {rows // 100:,} posts and"
            " the Meta daily series.",
            "",
            "| stage | engine | median s | runs (s) | tolok ÷ engine |",
            "|---|---|--:|---|--:|",
        ]
        for stage, title in (("ingest", "ingest mentions CSV → Parquet"), ("metrics", "metric catalogue")):
            figures = size[stage]
            for engine in ("tolok", "duckdb", "polars"):
                fig = figures[engine]
                shown = "" if engine == "tolok" else ratio(figures["tolok"]["median"], fig["median"])
                lines.append(f"| {title} | {engine} | {seconds(fig['median'])} | {runs_text(fig['runs'])} | {shown} |")
        e2e = size["end_to_end"]
        peak = max(e2e["peak_kib"]) / 2**20
        lines += [
            f"| end to end `tolok run` | tolok | {seconds(e2e['median'])} | {runs_text(e2e['runs'])} | |",
            "",
            f"End to end peak memory (`/usr/bin/time -v`, maximum resident set): {peak:.2f} GiB"
            f" (runs: {', '.join(f'{k / 2**20:.2f}' for k in e2e['peak_kib'])} GiB).",
            "",
            f"Ingest output: tolok stored {size['tolok_ingested_rows']:,} mention rows"
            f" ({size['tolok_store_bytes'] / 2**20:.0f} MiB of Parquet, with sentiment score, label,"
            f" lexicon and language per row); DuckDB wrote {size['duckdb_parquet_bytes'] / 2**20:.0f} MiB,"
            f" Polars {size['polars_parquet_bytes'] / 2**20:.0f} MiB.",
            "",
        ]
        for engine, agree in size["agreement"].items():
            text = (f"Metric values, {engine} vs tolok: {agree['equal']} of {agree['compared']} numeric rows"
                    " that both have are equal (1e-9 relative).")
            if agree["differing"]:
                text += " First differences: " + "; ".join(agree["differing"])
            lines += [text, ""]
    tolok_rate = sentiment["texts"] / sentiment["tolok"]["median"]
    vader_rate = sentiment["texts"] / sentiment["vader"]["median"]
    lines += [
        "## Sentiment",
        "",
        f"The {sentiment['texts'] // SENTIMENT_REPEAT:,} English sentences of"
        f" `tests/fixtures/sentiment/vader_oracle.tsv` repeated {SENTIMENT_REPEAT} times"
        f" ({sentiment['texts']:,} texts), as `make bench-sentiment`. tolok: `tolok sentiment --lang en"
        " FILE`, whole command, all cores. Python: vaderSentiment's `polarity_scores` over the texts"
        " already in memory, one process per run.",
        "",
        "| engine | median s | runs (s) | texts per second | × vaderSentiment |",
        "|---|--:|---|--:|--:|",
        f"| vaderSentiment | {seconds(sentiment['vader']['median'])} | {runs_text(sentiment['vader']['runs'])} | {vader_rate:,.0f} | 1.0 |",
        f"| tolok | {seconds(sentiment['tolok']['median'])} | {runs_text(sentiment['tolok']['runs'])} | {tolok_rate:,.0f} | {tolok_rate / vader_rate:.1f} |",
        "",
        "## Goals of issue #7",
        "",
        "| goal | measured | verdict |",
        "|---|---|---|",
        *goal_rows(sizes, tolok_rate / vader_rate),
        "",
        NOTES_MARKER,
        "",
        notes,
    ]
    return "\n".join(lines).rstrip() + "\n"


def goal_rows(sizes: list[dict], sentiment_speedup: float) -> list[str]:
    by_rows = {s["rows"]: s for s in sizes}
    rows = []
    for target in (10_000_000, 100_000_000):
        if target in by_rows:
            r = float(ratio(by_rows[target]["metrics"]["tolok"]["median"], by_rows[target]["metrics"]["duckdb"]["median"]))
            rows.append(f"| catalogue: tolok ÷ DuckDB ≤ 0.8 at {target:,} | {r:.2f} | {'met' if r <= 0.8 else 'not met'} |")
        else:
            measured = "; ".join(
                f"{s['rows']:,}: {ratio(s['metrics']['tolok']['median'], s['metrics']['duckdb']['median'])}" for s in sizes
            )
            rows.append(f"| catalogue: tolok ÷ DuckDB ≤ 0.8 at {target:,} | not run (only {measured}) | not measured |")
    for s in sizes:
        r = s["ingest"]["tolok"]["median"] / s["ingest"]["duckdb"]["median"]
        rows.append(f"| ingest: tolok ÷ DuckDB ≤ 1.0 ({s['rows']:,}) | {r:.2f} | {'met' if r <= 1.0 else 'not met'} |")
    rows.append(f"| sentiment: ≥ 100× vaderSentiment's throughput | {sentiment_speedup:.1f}× | "
                f"{'met' if sentiment_speedup >= 100 else 'not met'} |")
    if 100_000_000 in by_rows:
        peak = max(by_rows[100_000_000]["end_to_end"]["peak_kib"]) / 2**20
        rows.append(f"| 100 M end to end in ≤ 4 GiB peak | {peak:.2f} GiB | {'met' if peak <= 4 else 'not met'} |")
    else:
        peaks = "; ".join(f"{s['rows']:,}: {max(s['end_to_end']['peak_kib']) / 2**20:.2f} GiB" for s in sizes)
        rows.append(f"| 100 M end to end in ≤ 4 GiB peak | not run (only {peaks}) | not measured |")
    if 10_000_000 in by_rows and 100_000_000 in by_rows:
        growth = by_rows[100_000_000]["end_to_end"]["median"] / by_rows[10_000_000]["end_to_end"]["median"]
        rows.append(f"| end to end time 10 M → 100 M ≤ 11× | {growth:.1f}× | {'met' if growth <= 11 else 'not met'} |")
    else:
        rows.append("| end to end time 10 M → 100 M ≤ 11× | not run | not measured |")
    return rows


def kept_notes() -> str:
    if not RESULTS.exists():
        return ""
    text = RESULTS.read_text(encoding="utf-8")
    return text.split(NOTES_MARKER, 1)[1].strip("\n") + "\n" if NOTES_MARKER in text else ""


def main() -> None:
    if not TOLOK.is_file():
        sys.exit(f"bench: no tolok binary at {TOLOK} (bench/run.sh builds it)")
    info = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "versions": versions(),
    }
    sizes = [bench_size(rows) for rows in ROWS]
    sentiment = bench_sentiment()
    raw = DATA / "results.json"
    raw.write_text(json.dumps({"info": info, "sizes": sizes, "sentiment": sentiment}, indent=2), encoding="utf-8")
    RESULTS.write_text(render(info, sizes, sentiment, kept_notes()), encoding="utf-8")
    log(f"wrote {RESULTS.relative_to(PROJECT)} (raw figures: {raw})")


if __name__ == "__main__":
    main()
