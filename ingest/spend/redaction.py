"""Redacted suppliers and suppliers that may be private individuals, by ``ingest/vocab/redaction_markers.yml``.

Both checks look at one supplier text at a time; the frame builder applies them to
each distinct supplier once, so a million rows cost a few hundred calls.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.text import comparable

MARKERS_PATH = Path(__file__).resolve().parent.parent / "vocab" / "redaction_markers.yml"

PRIVATE_INDIVIDUAL = "supplier may be a private individual"
"""The row review reason the publication gate looks for (``opcc.gate.publishable_spend``)."""


def _key(text: str) -> str:
    """Case-folded, punctuation as spaces, spaces collapsed: ``"Redacted - personal data"`` -> ``"redacted personal data"``."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/]", " ", comparable(text))).strip()


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    raw = yaml.safe_load(MARKERS_PATH.read_text(encoding="utf-8"))
    return {
        "markers": {_key(k): v for k, v in raw["markers"].items()},
        "prefixes": [_key(p) for p in raw["prefixes"]],
        "keywords": [(_key(item["keyword"]), item["label"]) for item in raw["label_keywords"]],
        "default": raw["default_label"],
        "titles": set(raw["individual_titles"]),
        "organisation": {_key(w) for w in raw["organisation_words"]},
    }


def redaction_label(supplier: str | None) -> str | None:
    """The LGA label when ``supplier`` is a redaction marker, else ``None``.

    >>> redaction_label("Redacted - personal data"), redaction_label("REDACTIVE MEDIA SALES LIMITED")
    ('REDACTED PERSONAL DATA', None)
    """
    if not supplier:
        return None
    vocab = _vocabulary()
    key = _key(supplier)
    if key in vocab["markers"]:
        return vocab["markers"][key]
    # The prefix must end at a word break, so "redactive" is not "redacted".
    if any(key == prefix or key.startswith(prefix + " ") for prefix in vocab["prefixes"]):
        padded = f" {key} "
        return next((label for word, label in vocab["keywords"] if f" {word} " in padded), vocab["default"])
    return None


@lru_cache(maxsize=1 << 16)  # the gate asks again for every return, and suppliers recur month after month
def may_be_individual(supplier: str | None) -> bool:
    """Whether a (non-redacted) supplier reads as a person's name: a title first, no organisation word."""
    if not supplier:
        return False
    vocab = _vocabulary()
    words = _key(supplier).split()
    return (
        len(words) >= 2
        and words[0] in vocab["titles"]
        and not any(word in vocab["organisation"] for word in words)
    )
