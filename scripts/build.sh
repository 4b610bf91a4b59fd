#!/usr/bin/env bash
# Set up (if needed), ingest the bundled sample documents (when the repository still has
# them) and build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -d samples ]; then
  .venv/bin/opcc ingest samples/ || echo "build: some sample files were refused (listed above); continuing" >&2
fi
.venv/bin/opcc build
