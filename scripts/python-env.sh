#!/usr/bin/env bash
# The project's Python environment, `.venv/` at the project root (gitignored): the Python
# packages that tests check tolok against, pinned to exact versions from PyPI. Today that is
# DuckDB, which runs `tolok sql --dialect duckdb` in the SQL parity test
# (tests/integration/sql_parity.rs). Safe to run again: it only installs what is missing.
#
#   scripts/python-env.sh          # then: TOLOK_PYTHON=.venv/bin/python cargo test ...
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PACKAGES=(
    # In-process SQL engine (MIT): executes the DuckDB dialect of `tolok sql`.
    duckdb==2.0.0
)

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
# pip does nothing when the pinned versions are already there.
"$VENV/bin/pip" install --quiet --disable-pip-version-check "${PACKAGES[@]}"
"$VENV/bin/python" -c 'import duckdb; print(f"python-env: duckdb {duckdb.__version__} in .venv")'
