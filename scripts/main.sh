#!/usr/bin/env bash
# The main job: set up, ingest the bundled sample documents, build the site and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
port=${PORT:-8000}
echo "opcc: the site is at http://127.0.0.1:${port}/ (Ctrl-C to stop)"
exec .venv/bin/opcc serve --port "$port"
