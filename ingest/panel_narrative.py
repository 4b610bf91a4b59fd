"""Each item's narrative: the paragraphs a panel paper explains the item with.

* An item printed in the run of the text (a heading, a line, a label block) is explained
  by the paragraphs after it, up to the next item or the next heading that is not an
  item's (``3. Recommendation``). A heading that only labels the narrative
  (``Explanation:``) is passed over.
* An item named in a sentence is explained by that sentence's paragraph and those after it.
* An item read from a table is explained under a heading naming its supplier (with its
  date when the supplier was paid more than once), wherever in the paper that heading is.
"""

from __future__ import annotations

import re

from opcc.core.text import comparable

from .dates import find_dates
from .decision_layout import Row, join_lines
from .panel_items import Found
from .panel_layout import Para, without_number
from .panel_vocab import match_label, strip_list_mark


def attach_narratives(items: list[Found], paras: list[Para], rows: list[Row]) -> None:
    starts = sorted({min(item.rows) for item in items if item.rows} | {i.paragraph.first for i in items if i.paragraph})
    for item in items:
        if item.how == "table":
            continue
        if item.paragraph is not None:
            begin, first = item.paragraph.first, [item.paragraph]
        else:
            begin, first = max(item.rows), []
        following = [p for p in paras if p.first > begin and not any(begin < s <= p.first for s in starts)]
        item.narrative = _join(first + _until_heading(following))
    for item in items:
        if item.how == "table" or not item.narrative:
            under = _under_heading(item, items, paras, rows)
            if under:
                item.narrative = under


def _until_heading(paras: list[Para]) -> list[Para]:
    taken = []
    for para in paras:
        if para.heading:
            label = match_label(para.text, "item")
            if label and label.key == "narrative" and not label.value:
                continue
            if taken or not label:
                break
        taken.append(para)
    return taken


def _heading_key(text: str) -> str:
    text = strip_list_mark(without_number(text)).rstrip(":").strip()
    return comparable(re.sub(r"\s*\([^)]*\)\s*$", "", text))


def _under_heading(item: Found, items: list[Found], paras: list[Para], rows: list[Row]) -> str | None:
    """The paragraphs under the heading that names this item's supplier (and date, if it is paid twice).
    A heading set no further from its paragraph than the paragraph's own lines is its first line."""
    if not item.supplier:
        return None
    key = comparable(item.supplier)
    twice = sum(1 for other in items if other.supplier and comparable(other.supplier) == key) > 1
    for k, para in enumerate(paras):
        heading = para.text if para.heading else rows[para.first].text
        if _heading_key(heading) != key or (twice and item.date not in [d for d, _, _ in find_dates(heading)]):
            continue
        rest = [] if para.heading else [Para(para.rows[1:], join_lines([rows[i].text for i in para.rows[1:]]), False)]
        return _join(rest + _until_heading(paras[k + 1:]))
    return None


def _join(paras: list[Para]) -> str | None:
    text = " ".join(without_number(p.text) for p in paras if not p.heading)
    return " ".join(text.split()) or None
