"""The words of decision notices, loaded from ``ingest/vocab/decision_*.yml``.

The parser asks questions by meaning ("does this line start with the label of the
title?", "which role is 'PCC/Deputy PCC'?"); this module answers them from the YAML,
so a new template is taught by adding synonyms there, not by changing code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

from .dates import parse_date

VOCAB_DIR = Path(__file__).parent / "vocab"

LABEL_FUZZY_SCORE = 85
"""How alike (rapidfuzz ratio, 0-100) an OCR'd label must be to a known label to count as it."""
LABEL_FUZZY_MIN_LENGTH = 6
"""Labels shorter than this are matched exactly even in OCR text: 'sign' is too close to too much."""

# Section numbering in front of a heading: "1.", "2.3", "1.0 PURPOSE", "f.", "(a)", "B)", "(iv)",
# "Part 2", "Section 3:".
SECTION_NUMBER = r"(?:\(?(?:\d+(?:\.\d+)*|[a-z]\d*(?:\.\d+)*|[ivx]{1,5})[.)]|(?:part|section)\s+(?:\d+|[ivx]{1,5}|[a-z])[.:]?)"
_NUMBERING = re.compile(rf"^(?:{SECTION_NUMBER}\s+|\d+(?:\.\d+)*\s+(?=[a-z]))", re.IGNORECASE)
# What may follow a label: the end, a colon, a dash, a bracket or a space.
_LABEL_END = re.compile(r"^(?:$|\s|:|-|\)|\?)")


OPEN_ENDED = " ..."
"""Marks a heading synonym that goes on with other words in the vocabulary."""


@dataclass(frozen=True)
class LabelMatch:
    group: str  # "labels", "narrative", "other_headings" or "table_captions"
    key: str  # the field ("title", "summary", ...) or the heading itself
    value: str  # what follows the label on the same text, without the colon
    label: str  # the synonym that matched
    delimited: bool  # a colon, question mark or dash follows the label, or nothing at all
    open_ended: bool = False  # the synonym is a heading's first words (" ..." in the vocabulary)
    fuzzy: bool = False
    qualified: bool = False  # a dash and a qualifier follow ("EXECUTIVE SUMMARY - Retrospective ...")
    cue: bool = False  # known by the words it uses (``label_cues``), not by one of the spellings


@cache
def load_vocabulary(name: str) -> dict:
    """One vocabulary file of ``ingest/vocab/``, parsed (once)."""
    return read_yaml(VOCAB_DIR / name)


def labels() -> dict:
    return load_vocabulary("decision_labels.yml")


def terms() -> dict:
    return load_vocabulary("decision_terms.yml")


@cache
def _synonyms() -> list[tuple[str, str, str]]:
    """Every (synonym, group, key), longest synonym first so the most specific label wins."""
    data = labels()
    found = [(s, "labels", key) for key, words in data["labels"].items() for s in words]
    found += [(s, "narrative", key) for key, words in data["narrative"].items() for s in words]
    found += [(s, "other_headings", s) for s in data["other_headings"]]
    found += [(s, "table_captions", s) for s in data["table_captions"]]
    return sorted(((comparable(s), g, k) for s, g, k in found), key=lambda item: -len(item[0]))


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


def is_section_number(text: str) -> bool:
    """Whether a text is only a section number ('1.', '2.1', 'a)', '(iv)', 'Part 2'); a dotted
    date ('03.05.2019') is not one."""
    text = text.strip()
    return bool(re.fullmatch(rf"{SECTION_NUMBER}|\d+(?:\.\d+)+", text, re.IGNORECASE)) and parse_date(text) is None


@cache
def phrase_list(name: str) -> list[str]:
    """A list of phrases from the labels vocabulary (``form_titles``, ``valedictions``, ...), comparable."""
    return [comparable(phrase) for phrase in labels()[name]]


def starts_with_any(text: str, name: str) -> str | None:
    """The phrase of the list ``name`` that a text starts with (after section numbering), or ``None``."""
    folded = comparable(strip_numbering(text.strip()))
    for phrase in phrase_list(name):
        words = phrase.removesuffix(OPEN_ENDED)
        rest = folded[len(words) :]
        if folded.startswith(words) and (_LABEL_END.match(rest) or rest[:1] in ",;"):  # "Dear Jo,"
            return phrase
    return None


def is_form_title(text: str) -> bool:
    """Whether a line names the kind of document ('Record of Decision', 'Request for Decision')."""
    if starts_with_any(text, "form_titles"):
        return True
    words = re.findall(r"[a-z0-9]+", comparable(text))
    if not words or len(words) > labels()["form_title_max_words"]:
        return False
    return any(all(any(_cue_matches(cue, word) for word in words) for cue in cues) for cues in labels()["form_title_cues"])


def match_labels(text: str, *, fuzzy: bool = False, cues: bool = False) -> list[LabelMatch]:
    """Every label the text starts with, most specific first; ``fuzzy`` tolerates OCR damage.

    With ``cues``, a text that is only a label (a grid cell, a question) and matches none of
    the spellings is matched by the words it uses (:func:`cue_label`). A bilingual label
    ("Teitl / Title") matches as either of its halves.
    """
    original = strip_numbering(text.strip())
    folded = comparable(original)
    halves = original.split(" / ")
    if len(halves) == 2 and all(0 < len(h.split()) <= BILINGUAL_HALF_MAX_WORDS for h in halves):
        # "Decision / Penderfyniad", "Cyfeirnod / Reference": a label printed in two languages.
        for half in halves:
            found = [replace(m, label=original) for m in match_labels(half, fuzzy=fuzzy, cues=cues) if not m.value]
            if found:
                return found
    matches = []
    for synonym, group, key in _synonyms():
        words = synonym.removesuffix(OPEN_ENDED)
        if folded.startswith(words) and _LABEL_END.match(folded[len(words):]):
            matches.append(_match(group, key, original, len(words), synonym))
    if not matches and " / " in original:
        for half in original.split(" / ")[1:]:
            matches += [replace(m, value="", label=original) for m in match_labels(half, fuzzy=fuzzy) if not m.value]
    if not matches and fuzzy:
        matches = _fuzzy_matches(original, folded)
    if cues and not any(m.delimited or not m.value for m in matches):
        found = cue_label(original)  # "Name of decision maker": not the signature's "Name" label
        matches = [found, *matches] if found else matches
    return matches


BILINGUAL_HALF_MAX_WORDS = 5
"""Each half of a label printed in two languages ("Dyddiad y penderfyniad / Date of decision") is short."""
CUE_LABEL_MAX_WORDS = 6
"""A label known by its words is short; with a colon or question mark it may run to twice this."""


def cue_label(text: str) -> LabelMatch | None:
    """The field a short label names by the words it uses (``label_cues``), e.g. 'Who wrote the report?'.

    The label is the text up to a colon or question mark, or the whole text; what follows
    the colon or question mark is its value.
    """
    head, mark, value = re.split(r"([:?])", text, maxsplit=1) if re.search(r"[:?]", text) else (text, "", "")
    words = re.findall(r"[a-z0-9]+", comparable(head))
    if not words or len(words) > CUE_LABEL_MAX_WORDS * (2 if mark else 1):
        return None
    # Several fields' cues can match one label ("Title of report" has report's and title's words):
    # the field whose cue words start earliest names it, since a label leads with its subject.
    found = [(start, order, key) for order, (key, sets) in enumerate(labels()["label_cues"].items())
             if (start := _cue_start(sets, words)) is not None]
    if not found:
        return None
    _, _, key = min(found)
    return LabelMatch("labels", key, value.strip(), head.strip(), True, cue=True)


def _cue_start(sets: list[list[str]], words: list[str]) -> int | None:
    """Where the earliest cue word of the first matching set is found in ``words``, or None."""
    starts = []
    for cues in sets:
        positions = [next((i for i, word in enumerate(words) if _cue_matches(cue, word)), None) for cue in cues]
        if None not in positions:
            starts.append(min(positions))
    return min(starts, default=None)


def _cue_matches(cue: str, word: str) -> bool:
    """A cue word matches itself; one ending in ``*`` matches every word it begins."""
    return word.startswith(cue[:-1]) if cue.endswith("*") else word == cue


def _match(group: str, key: str, original: str, length: int, synonym: str, fuzzy: bool = False) -> LabelMatch:
    rest = original[length:]
    qualified = bool(re.match(r"^\s+[-–]\s", rest))
    # A colon, a question mark, a dash, or an instruction in brackets ("(state 'None' if applicable)").
    delimited = not rest.strip() or qualified or bool(re.match(r"^\s*[:?(]", rest))
    open_ended = synonym.endswith(OPEN_ENDED)
    # An open-ended heading's other words are part of the heading, not a value.
    value = "" if open_ended else _value_after(original, length)
    return LabelMatch(group, key, value, synonym, delimited, open_ended, fuzzy, qualified)


def _fuzzy_matches(original: str, folded: str) -> list[LabelMatch]:
    """OCR'd labels ("ORIGINATO DR:"): compare each label with the text's start of about its length."""
    best: list[tuple[float, LabelMatch]] = []
    colon = folded.find(":")
    for synonym, group, key in _synonyms():
        if len(synonym) < LABEL_FUZZY_MIN_LENGTH:
            continue
        # An OCR'd label usually still ends in its colon; otherwise take the label's own length.
        words = synonym.removesuffix(OPEN_ENDED)
        end = colon if 0 < colon <= len(words) + 4 else len(words)
        score = fuzz.ratio(folded[:end], words)
        if score >= LABEL_FUZZY_SCORE:
            best.append((score, _match(group, key, original, end, synonym, fuzzy=True)))
    return [match for _, match in sorted(best, key=lambda item: -item[0])]


def _value_after(original: str, length: int) -> str:
    # comparable() keeps the length of plain text, so the label's length carries over.
    return original[length:].lstrip(" :-?)").strip()


def find_inner_label(text: str, group: str = "labels") -> int | None:
    """Where a second ``LABEL:`` starts inside a text (two labels sharing a printed line)."""
    folded = comparable(text)
    for synonym, syn_group, _ in _synonyms():
        if syn_group != group or synonym.endswith(OPEN_ENDED):
            continue
        for m in re.finditer(rf"(?<=\s){re.escape(synonym)}\s?:", folded):
            if m.start() > 0:
                return m.start()
    return None


def contains_any(text: str, phrases: list[str]) -> str | None:
    """The first phrase that occurs in the text as whole words, or ``None``."""
    folded = comparable(text)
    for phrase in phrases:
        if re.search(rf"(?<![\w-]){re.escape(comparable(phrase))}(?![\w-])", folded):
            return phrase
    return None


def normalise_role(printed: str | None) -> str | None:
    """The normalised decision-maker role for a printed one (``PFCC`` -> ``Police, Fire and Crime Commissioner``).

    A commissioner title that no rule knows (``Staffordshire Commissioner``) is kept as printed,
    without any ``for <area>``.
    """
    if not printed:
        return None
    folded = comparable(printed).replace("&", "and")
    own_title = re.match(r"^(?!police\b|deputy\b|crime\b|the\b|chief\b)([a-z][a-z'-]+) commissioner\b", folded)
    if own_title:  # "Staffordshire Commissioner for Police, Fire & Rescue and Crime"
        return printed.strip().split()[0] + " Commissioner"
    for rule in terms()["roles"]:
        options = [comparable(o) for o in folded.split("/")]
        if any(option.strip() in rule["abbreviations"] for option in options):
            return rule["role"]
        if all(re.search(rf"\b{re.escape(word)}\b", folded) for word in rule["all_of"]):
            return rule["role"]
    if "commissioner" in folded:
        return re.split(r"\s+for\s+", printed.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    return None


def is_role(text: str) -> bool:
    """Whether a short text names a role (a signature block's label, a sign-off heading)."""
    return contains_any(text, terms()["role_words"]) is not None


def outcome_of(text: str | None) -> tuple[str | None, str | None]:
    """(``approved``/``rejected``/``deferred``/``noted``, the phrase that said so) or (None, None)."""
    if not text:
        return None, None
    for outcome, phrases in terms()["outcomes"].items():
        phrase = contains_any(text, phrases)
        if phrase:
            return outcome, phrase
    folded = comparable(text)
    for prefix in terms()["resolution_prefixes"]:
        if folded.startswith(prefix):
            return "approved", prefix.strip()
    return None, None
