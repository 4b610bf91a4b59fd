"""The words of panel papers, loaded from ``ingest/vocab/panel_labels.yml`` and ``panel_columns.yml``.

The readers ask by meaning ("does this cell start with the label of an item's amount?",
"is this run of words a supplier's name?"); this module answers from the YAML, so a paper
that words its labels differently is taught by a line there, not by code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from opcc.core.text import comparable, normalise

from .dates import find_dates
from .decision_vocab import load_vocabulary
from .money import parse_amount
from .tables.vocabulary import Vocabulary
from .tables.vocabulary import load_vocabulary as load_columns

NAME_MAX_WORDS = 10
"""A supplier's name is at most this many words ('Association of Police and Crime Commissioners')."""

_LIST_MARK = re.compile(r"^(?:[•·▪◦*\-–—]+\s*|\(?\d{1,3}[.)]\s+|\(?\d{1,3}\)\s*|\(?[a-h]\)\s+|\d{1,3}\s+(?=[A-Z£]))")
"""A bullet, a number or a letter in front of a list entry: '•', '3.', '(2)', '4)', 'b)', '1 '."""
AMOUNT_TEXT = re.compile(
    r"£\s?\d{1,3}(?:,\d{3})+(?:\.\d{2})?(?!\.?\d)|£\s?\d+(?:\.\d{2})?(?!\d|[.,]\d)"
    r"|(?<![\w.,/£])\d{1,3}(?:,\d{3})+\.\d{2}(?!\d)|(?<![\w.,/£])\d+\.\d{2}(?!\d|\.\d)"
)
"""A sum of money written in full: with a pound sign, or with pence (a bare '2018' is never money)."""


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?=\d)", re.IGNORECASE)
"""A day's name before a date ('Thursday, 29th April 2021'): part of the date, not of the words around it."""


def without_weekdays(text: str) -> str:
    return _WEEKDAY.sub("", text)


_UNIT = re.compile(r"^\s*\([^()\w]?\w?\)(?=\s*(?::|$))")
"""A unit after a label, '(£)', or what OCR makes of it, '(e)': part of the label."""


@dataclass(frozen=True)
class Label:
    key: str  # the field it names
    value: str  # what follows it on the same text, without the colon ('' when nothing does)
    delimited: bool  # a colon follows it, or it is all the text (a grid cell)


def labels() -> dict:
    return load_vocabulary("panel_labels.yml")


def columns() -> Vocabulary:
    return load_columns("panel_columns")


@cache
def _spellings(group: str) -> list[tuple[str, str]]:
    """(spelling, field) of one group of labels, longest spelling first so the most specific wins."""
    found = [(comparable(s), key) for key, words in labels()[group].items() for s in words]
    return sorted(found, key=lambda item: -len(item[0]))


def strip_list_mark(text: str) -> str:
    return _LIST_MARK.sub("", text.strip(), count=1).strip()


def match_label(text: str, group: str) -> Label | None:
    """The label of ``group`` (``paper`` or ``item``) a text starts with, if something marks it as a label:
    a colon after it ('Amount: £4,400'), or nothing else in the text (a grid's label cell)."""
    original = strip_list_mark(normalise(text))
    folded = comparable(original)
    for spelling, key in _spellings(group):
        if not folded.startswith(spelling):
            continue
        rest = _UNIT.sub("", original[len(spelling):], count=1)
        if not rest.strip() or rest.strip() == ":":
            return Label(key, "", True)
        if re.match(r"^\s*[:\-–]\s", rest) or rest.lstrip().startswith(":"):
            return Label(key, rest.lstrip()[1:].strip(), True)
    return None


@cache
def item_marker() -> re.Pattern[str]:
    """'Item 3', 'Payment 2 of 4:', 'Selected item 1' on a line of their own."""
    words = "|".join(sorted((re.escape(comparable(w)) for w in labels()["item_markers"]), key=len, reverse=True))
    return re.compile(rf"^(?:{words})\s*(?:no\.?\s*)?\d{{1,3}}(?:\s*of\s*\d{{1,3}})?\s*[:.\-]?\s*(?P<rest>.*)$")


def is_item_marker(text: str) -> bool:
    m = item_marker().match(comparable(text.strip()))
    return bool(m) and not m["rest"]


@cache
def name_suffixes() -> frozenset[str]:
    return frozenset(comparable(w) for w in labels()["name_suffixes"])


@cache
def not_names() -> frozenset[str]:
    return frozenset(comparable(w) for w in labels()["not_names"])


@cache
def joining_words() -> frozenset[str]:
    return frozenset(comparable(w) for w in labels()["name_joining_words"])


def _name_word(word: str) -> bool:
    bare = word.strip(",.;:()'\"")
    if not bare:
        return False
    if comparable(bare) in joining_words() or comparable(bare) in name_suffixes():
        return True
    if bare.isdigit():
        return False
    return bare[0].isupper() or bare[0].isdigit() or bare[0] in "&"


def is_name(text: str) -> bool:
    """Whether a text is shaped like an organisation's name: a few words, each capitalised or a joining word."""
    words = text.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    if comparable(words[-1].strip(",.")) in joining_words() - {"&"} or sum(ch.isalpha() for ch in text) < 2:
        return False
    if len(words) == 1 and comparable(text) in not_names():
        return False
    return all(_name_word(w) for w in words) and any(ch.isalpha() for ch in text)


def name_after(words: list[str]) -> str | None:
    """The name that opens a run of words ('Dandelion Time on 18 April' -> 'Dandelion Time')."""
    taken: list[str] = []
    for word in words:
        if not _name_word(word) or find_dates(word) or AMOUNT_TEXT.search(word):
            break
        taken.append(word)
        if word.endswith((",", ".", ";", ":", ")")) and not re.search(r"\b(?:Ltd|Co|St|plc|Inc)\.$", word):
            break
    while taken and comparable(taken[-1].strip(",.;:")) in joining_words():
        taken.pop()
    name = " ".join(taken).strip(",.;:() ")
    return name if name and is_name(name) else None


def name_before(words: list[str]) -> str | None:
    """The name that closes a run of words ('On 3 May 2019 SignHealth' -> 'SignHealth')."""
    taken: list[str] = []
    for word in reversed(words):
        if not _name_word(word) or word.endswith((",", ".", ";", ":")) or find_dates(word):
            break
        taken.insert(0, word)
    while taken and comparable(taken[0]) in joining_words() - {"the"}:
        taken.pop(0)
    if taken and comparable(taken[0]) in {"a", "on"}:
        taken.pop(0)
    name = " ".join(taken).strip(",.;:() ")
    return name if name and is_name(name) else None


def amounts_in(text: str) -> list[tuple[str, int, int]]:
    """Every sum written in full in a text, with its span."""
    return [(m.group(), m.start(), m.end()) for m in AMOUNT_TEXT.finditer(text) if parse_amount(m.group()) is not None]


@cache
def prose_cues() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(payment words, cues before a supplier's name, cues after it), comparable, longest cue first."""
    prose = labels()["prose"]
    by_length = lambda words: tuple(sorted((comparable(w) for w in words), key=len, reverse=True))  # noqa: E731
    return frozenset(comparable(w) for w in prose["payment_words"]), by_length(prose["before_supplier"]), by_length(prose["after_supplier"])
