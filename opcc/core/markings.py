"""Whether a document marks itself as not for publication: a protective marking in a header
(``OFFICIAL-SENSITIVE``, ``CONFIDENTIAL``) or a phrase such as "not for publication".

The phrases are data (``vocab/protective_markings.yml``). The publication gate holds a marked
document until a person decides; a false alarm costs them a look, a miss publishes what
was marked.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

VOCAB_PATH = Path(__file__).resolve().parent / "vocab" / "protective_markings.yml"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", comparable(text))).strip()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[re.Pattern, frozenset[str]]:
    raw = read_yaml(VOCAB_PATH)
    anywhere = re.compile(r"\b(?:" + "|".join(re.escape(_key(p)) for p in raw["anywhere"]) + r")\b")
    return anywhere, frozenset(_key(word) for word in raw["whole_line"])


def protective_markings(text: str) -> list[str]:
    """Each marking found, with its page (pages are separated by form feeds): ``'CONFIDENTIAL' (page 2)``."""
    anywhere, whole_line = _vocabulary()
    found = []
    for number, page in enumerate(text.split("\f"), start=1):
        for line in page.splitlines():
            key = _key(line)
            if key in whole_line or anywhere.search(key):
                found.append(f"'{line.strip()[:80]}' (page {number})")
    return list(dict.fromkeys(found))
