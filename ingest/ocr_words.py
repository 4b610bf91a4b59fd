"""A dictionary for OCR: which of two readings of a page reads better, and repairing words.

A scan with its own OCR layer (ocrmypdf, a scanner's software) is OCR'd again and
the better reading is kept. Letter-pair and character statistics
(:func:`ingest.pdf.text_quality`) cannot tell ``CONDITIONAL PERMISSION`` from
``COBTIITIONAL PERSISSION``; a dictionary can.

The dictionary is Tesseract's own English word list (about 340,000 words), taken
from the installed ``eng.traineddata`` with the ``combine_tessdata`` and
``dawg2wordlist`` tools of the tesseract-ocr package and cached beside the OCR
results, so nothing has to be shipped. It is needed only where Tesseract runs: to
compare readings and to mend the words Tesseract splits.
"""

from __future__ import annotations

import functools
import re
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytesseract

from opcc.core.files import atomic_write_text

from .pdf import Word

_WORD = re.compile(r"[^\W\d_]{2,}")
JOIN_GAP = 0.2  # of the word height: Tesseract's splits inside a word are narrower than this
_DECIMAL_HEAD = re.compile(r"^[£$]?\d[\d,]*\.$")  # "£303." of "£303. 6k"
_LETTERS = re.compile(r"^[A-Za-z]+$")
_STRAY = "'\"`"  # specks read as quotes; none can follow a decimal point inside a number
SURE = 80.0  # Tesseract's confidence from which a word is taken as read right
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


def repair_words(words: list[Word]) -> list[Word]:
    """Undo two Tesseract habits on a line's words (left to right).

    * A word split in two (``£303. 6k``, ``an d``) is joined, across a gap narrower than
      :data:`JOIN_GAP` of the word height only, and only a number split after its decimal
      point (dropping a speck read as a quote), or letters whose pieces are not both words
      but whose join is (``an`` + ``d``, never ``of`` + ``the``).
    * The pronoun I read as a bar (``| have considered``) is put back: a table rule is not
      followed by a lower-case word.
    * A speck read as an opening quote (``2020/21: 'dog section vans``) is dropped: Tesseract
      was unsure of the word, the rest of it is a word, and no quote closes later in the line.
    """
    repaired: list[Word] = []
    for index, word in enumerate(words):
        following = words[index + 1].text if index + 1 < len(words) else ""
        if word.text == "|" and following[:1].islower():
            word = replace(word, text="I")
        if _speck_quote(word, words[index + 1 :]):
            word = replace(word, text=word.text[1:])
        previous = repaired[-1] if repaired else None
        if previous is not None and _split_inside(previous, word):
            right = word.text.lstrip(_STRAY) if _DECIMAL_HEAD.match(previous.text) else word.text
            repaired[-1] = Word(
                previous.text + right,
                previous.x0,
                word.x1,
                min(previous.top, word.top),
                max(previous.bottom, word.bottom),
                min(previous.confidence, word.confidence),
            )
        else:
            repaired.append(word)
    return repaired


def _speck_quote(word: Word, rest: list[Word]) -> bool:
    quote, remainder = word.text[:1], word.text[1:]
    if quote not in _STRAY or word.confidence is None or word.confidence >= SURE or not _LETTERS.match(remainder):
        return False
    closed = any(quote in later.text.rstrip(".,;:!?")[-1:] for later in rest)
    return not closed and remainder.casefold() in dictionary()


def _split_inside(left: Word, right: Word) -> bool:
    height = max(left.bottom - left.top, right.bottom - right.top)
    if right.x0 - left.x1 >= JOIN_GAP * height:
        return False
    if _DECIMAL_HEAD.match(left.text) and right.text.lstrip(_STRAY).startswith(tuple("0123456789")):
        return True
    if _LETTERS.match(left.text) and _LETTERS.match(right.text):
        words = dictionary()
        both = left.text.casefold() in words and right.text.casefold() in words
        return not both and (left.text + right.text).casefold() in words
    return False


@functools.cache
def dictionary() -> frozenset[str]:
    from .ocr import LANGUAGE, cache_dir

    cached = cache_dir() / f"words-{LANGUAGE}.txt"
    if not cached.exists():
        atomic_write_text(cached, _extract_word_list())
    return frozenset(cached.read_text(encoding="utf-8").casefold().split())


def _extract_word_list() -> str:
    """Tesseract's word list for :data:`LANGUAGE`, one word a line."""
    listing = subprocess.run(
        [pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True, text=True, check=True
    ).stdout
    from .ocr import LANGUAGE

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
