#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite; with ../shared present, also the
# full-corpus evaluation. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pytest -q -n 2 "$@"
if [ -d ../shared/corpus ]; then
  .venv/bin/python scripts/evaluate.py ../shared/corpus --min-core 0.97
fi
