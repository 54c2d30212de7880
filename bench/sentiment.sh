#!/usr/bin/env bash
# Sentiment throughput, side by side in one run: `tolok sentiment --lang en` (VADER rules,
# rayon over the lines) against the Python vaderSentiment 3.3.2 package, on the same texts:
# the 5,772 oracle sentences of tests/fixtures/sentiment/vader_oracle.tsv repeated REPEAT
# times. The Python package is installed from PyPI into bench/.venv; tolok is built with
# the `measure` profile (optimised, see Cargo.toml). Prints a Markdown table to stdout.
#
#   bench/sentiment.sh              # REPEAT=20 (115,440 texts), RUNS=3 (best of)
#   REPEAT=5 RUNS=1 bench/sentiment.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REPEAT=${REPEAT:-20}
RUNS=${RUNS:-3}
VENV=bench/.venv
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet vaderSentiment==3.3.2
cargo build --locked --profile measure --bin tolok >&2
TOLOK=target/measure/tolok

cut -f1 tests/fixtures/sentiment/vader_oracle.tsv > "$WORK/one.txt"
for _ in $(seq "$REPEAT"); do cat "$WORK/one.txt"; done > "$WORK/texts.txt"
texts=$(wc -l < "$WORK/texts.txt")

# Best of RUNS wall-clock times, in seconds.
best_tolok() {
    local best=""
    for _ in $(seq "$RUNS"); do
        local start end t
        start=$(date +%s.%N)
        "$TOLOK" -q sentiment --lang en "$@" "$WORK/texts.txt" > "$WORK/out.txt"
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}
tolok_all=$(best_tolok)
tolok_one=$(TOLOK_THREADS=1 best_tolok)
read -r _ _ python <<< "$("$VENV/bin/python" bench/sentiment.py "$WORK/texts.txt" --runs "$RUNS")"

rate() { echo "$texts / $1" | bc -l | xargs printf '%.0f'; }
ratio() { echo "$python / $1" | bc -l | xargs printf '%.1f'; }
cat <<TABLE
| engine | texts | seconds (best of $RUNS) | texts per second | × Python |
|---|--:|--:|--:|--:|
| vaderSentiment 3.3.2 (Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')) | $texts | $(printf '%.3f' "$python") | $(rate "$python") | 1.0 |
| tolok sentiment --lang en, 1 thread | $texts | $(printf '%.3f' "$tolok_one") | $(rate "$tolok_one") | $(ratio "$tolok_one") |
| tolok sentiment --lang en, $(nproc) threads | $texts | $(printf '%.3f' "$tolok_all") | $(rate "$tolok_all") | $(ratio "$tolok_all") |
TABLE
