"""Source files as opcc takes them in: the types it reads and the SHA-256 that names each one."""

from __future__ import annotations

import hashlib
from pathlib import Path

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".xls": "application/vnd.ms-excel",
}
SPREADSHEET_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".xls"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
