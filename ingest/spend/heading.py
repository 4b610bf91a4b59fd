"""The publishing body's name from the title lines printed above a spend table."""

from __future__ import annotations

import re

from opcc.core.text import normalise

_BODY = re.compile(
    r"(?:office of the\s+)?(?P<name>(?:[\w'.-]+\s+){0,6}?police,?\s+(?:fire\s+)?(?:and|&)\s+crime\s+commissioner"
    r"(?:\s+for\s+[\w' -]+?)?|chief constable of [\w' -]+?)(?=\s+-\s+|\s*[,:(]|\s+expenditure|\s+spend|\s+payments|\s+page\b|\s+report\b|$)",
    re.IGNORECASE,
)
_SMALL_WORDS = {"and", "of", "for", "the"}


def body_from_heading(lines: list[str]) -> str | None:
    """``"Office of the Kent Police and Crime Commissioner"`` -> ``"Kent Police and Crime Commissioner"``.

    '&' is written 'and', and a heading printed in capitals is given title case, so
    the same body read from a PDF and from a CSV has one spelling.
    """
    for line in lines:
        match = _BODY.search(normalise(line))
        if match:
            name = re.sub(r"\s*&\s*", " and ", match["name"]).strip()
            # "... Commissioner for X and Chief Constable of X" names two bodies: the publisher is the first.
            name = re.split(r"\s+and\s+(?:the\s+)?chief\s+constable\b", name, flags=re.IGNORECASE)[0]
            if name.isupper():
                name = " ".join(
                    w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in name.split()
                )
            return name[0].upper() + name[1:]
    return None
