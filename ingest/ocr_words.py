"""Which of two readings of a scanned page reads better: a dictionary-word score.

A scan with its own OCR layer (ocrmypdf, a scanner's software) is OCR'd again and
the better reading is kept. Letter-pair and character statistics
(:func:`ingest.pdf.text_quality`) cannot tell ``CONDITIONAL PERMISSION`` from
``COBTIITIONAL PERSISSION``; a dictionary can.

The dictionary is Tesseract's own English word list (about 340,000 words), taken
from the installed ``eng.traineddata`` with the ``combine_tessdata`` and
``dawg2wordlist`` tools of the tesseract-ocr package and cached beside the OCR
results, so nothing has to be shipped. It is only needed when there is something to
compare, and that is only when Tesseract is installed.
"""

from __future__ import annotations

import functools
import re
import subprocess
import tempfile
from pathlib import Path

import pytesseract

from opcc.files import atomic_write_text

from .ocr import LANGUAGE, cache_dir

_WORD = re.compile(r"[^\W\d_]{2,}")
_TESSDATA = re.compile(r'"([^"]+)"')


def reading_score(text: str) -> int:
    """Dictionary words minus other letter runs: each misread or debris word costs what a good one gains.

    Not a rate: a reading that drops half the page must not win by being short.
    """
    words = dictionary()
    known = unknown = 0
    for token in _WORD.findall(text):
        if token.casefold() in words:
            known += 1
        else:
            unknown += 1
    return known - unknown


@functools.cache
def dictionary() -> frozenset[str]:
    cached = cache_dir() / f"words-{LANGUAGE}.txt"
    if not cached.exists():
        atomic_write_text(cached, _extract_word_list())
    return frozenset(cached.read_text(encoding="utf-8").casefold().split())


def _extract_word_list() -> str:
    """Tesseract's word list for :data:`LANGUAGE`, one word a line."""
    listing = subprocess.run(
        [pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True, text=True, check=True
    ).stdout
    traineddata = Path(_TESSDATA.search(listing).group(1)) / f"{LANGUAGE}.traineddata"
    with tempfile.TemporaryDirectory(prefix="opcc-words-") as folder:
        prefix = str(Path(folder) / LANGUAGE)
        dawg, unicharset = f"{prefix}.lstm-word-dawg", f"{prefix}.lstm-unicharset"
        subprocess.run(
            ["combine_tessdata", "-e", str(traineddata), dawg, unicharset], capture_output=True, check=True
        )
        words = Path(folder) / "words.txt"
        subprocess.run(["dawg2wordlist", unicharset, dawg, str(words)], capture_output=True, check=True)
        return words.read_text(encoding="utf-8")
