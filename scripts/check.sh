#!/usr/bin/env bash
# Check every duty of the Specified Information Order against data/ (run after scripts/build.sh):
# exits 1 if a verified duty is missing or late. The GitHub Pages workflow runs it after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/opcc check
