"""Text normalisation shared by every parser: one place decides what 'the same text' means."""

from __future__ import annotations

import re
import unicodedata

# Typographic variants that PDFs and Word exports use for the same character.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\ufeff": "",
    }
)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (expands ﬁ/ﬂ ligatures), plain quotes and hyphens, single spaces, trimmed."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACES.sub(" ", text).strip()


def collapse(text: str | None) -> str | None:
    """Whitespace runs collapsed to one space, characters otherwise kept as printed; ``None`` if empty."""
    if text is None:
        return None
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).replace("\ufeff", "")).strip()
    return text or None


def comparable(text: str | None) -> str:
    """The form used to compare labels and to score extraction: normalised and case-folded."""
    return normalise(text or "").casefold()


def slugify(text: str) -> str:
    """A readable file-name slug: ``OPCC.D.033.23`` -> ``opcc-d-033-23``, ``089/2017`` -> ``089-2017``."""
    return re.sub(r"[^a-z0-9]+", "-", comparable(text)).strip("-")
