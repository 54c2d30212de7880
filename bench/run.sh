#!/usr/bin/env bash
# `make bench`: tolok against DuckDB and Polars (Python) and the vaderSentiment package, side
# by side in one run on the same generated files, written to bench/results.md (the figures
# and the issue #7 goals; hand-written notes at its end are kept). bench/bench.py says what
# each figure times; bench/peers.py what the peers run.
#
#   bench/run.sh                                  # 1 M mention rows, 3 runs per figure
#   BENCH_ROWS="10000000 100000000" bench/run.sh  # the issue's sizes: hours, ~20 GB of disk at 100 M
#   BENCH_RUNS=1 BENCH_ROWS=100000 bench/run.sh   # a quick look
#
# BENCH_DIR (default target/bench) holds the datasets and results.json with every raw figure.
# The peers are installed from PyPI into bench/.venv at pinned versions (the DuckDB pin is the
# one scripts/python-env.sh uses for the parity test); `make test`'s .venv is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=bench/.venv
PEERS=(
    # In-process SQL engine (MIT): runs `tolok sql --dialect duckdb` and the CSV → Parquet COPY.
    duckdb==2.0.0
    # DataFrame engine (MIT): scan_csv → sink_parquet and the equivalent aggregations.
    polars==2.1.0
    # The reference VADER implementation (MIT) tolok's English sentiment follows.
    vaderSentiment==3.3.2
)

# GNU time for peak memory (`/usr/bin/time -v`); Debian's package is `time`.
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time (apt-get install time)" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PEERS[@]}"

cargo build --locked --profile measure --features pdf --bin tolok >&2

TOLOK="$PWD/target/measure/tolok" exec "$VENV/bin/python" bench/bench.py
