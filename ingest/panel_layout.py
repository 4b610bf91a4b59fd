"""A panel paper's rows grouped into paragraphs and headings, by the white space between them.

Nothing here knows about items: it answers where a paragraph starts and ends, and which
short lines are headings, for the item and narrative readers above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .decision_layout import Row, ends_sentence, join_lines

PARAGRAPH_GAP = 1.3
"""A gap above a line of more than this many usual line pitches starts a new paragraph."""
SHORT_LINE_WORDS = 9
SHORT_LINE_SHARE = 0.6
"""A heading set like a paragraph's line has at most this many words, over less than this share of the text's width."""
HEADING_MAX_WORDS = 14
"""A heading is short: a line of more words is prose."""

_PARAGRAPH_NUMBER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?=\S)")


@dataclass
class Para:
    rows: list[int]  # indices into the paper's rows
    text: str
    heading: bool

    @property
    def first(self) -> int:
        return self.rows[0]

    @property
    def last(self) -> int:
        return self.rows[-1]


def pitch(rows: list[Row]) -> float:
    """The usual distance from one line's top to the next line's within a paragraph: the lower
    quartile of the distances between lines, since papers of short paragraphs have nearly as
    many gaps between paragraphs as lines within them."""
    gaps = sorted(b.top - a.top for a, b in zip(rows, rows[1:], strict=False)
                  if a.page == b.page and 0.8 * max(a.size, 1) < b.top - a.top < 3 * max(a.size, 1))
    return gaps[len(gaps) // 4] if gaps else 14.0


def heading_shaped(row: Row, width: float) -> bool:
    """A few words, well short of the text's width, opening with a capital and not ending a
    sentence: a heading, if it stands alone (the last line of a paragraph ends its sentence)."""
    text = row.text
    first = next((ch for ch in text if ch.isalpha()), "")
    return (len(text.split()) <= SHORT_LINE_WORDS and row.x1 - row.x0 < SHORT_LINE_SHARE * width
            and not ends_sentence(text) and first.isupper())


def _starts_paragraph(above: Row, row: Row, usual: float, width: float) -> bool:
    # A heading set as close to its paragraph as the paragraph's own lines: shaped like one,
    # after a sentence's end or another heading, and ending the paragraph it is in.
    if heading_shaped(above, width) or (heading_shaped(row, width) and ends_sentence(above.text)):
        return True
    if row.page != above.page:
        return ends_sentence(above.text) or row.line.bold != above.line.bold
    if row.top - above.top > PARAGRAPH_GAP * usual or row.line.bold != above.line.bold:
        return True
    return bool(_PARAGRAPH_NUMBER.match(row.text)) and ends_sentence(above.text)


def paragraphs(rows: list[Row], available: set[int]) -> list[Para]:
    """The paragraphs and headings among the ``available`` rows; a row not available ends a paragraph."""
    usual = pitch(rows)
    width = text_width(rows)
    found: list[list[int]] = []
    for i, row in enumerate(rows):
        if i not in available:
            continue
        if found and found[-1][-1] == i - 1 and not _starts_paragraph(rows[i - 1], row, usual, width):
            found[-1].append(i)
        else:
            found.append([i])
    return [_para(rows, indices) for indices in found]


def text_width(rows: list[Row]) -> float:
    """How wide the paper's lines of prose run: the widest lines (the upper decile of widths)."""
    widths = sorted(row.x1 - row.x0 for row in rows)
    return widths[len(widths) * 9 // 10] if widths else 400.0


def _para(rows: list[Row], indices: list[int]) -> Para:
    text = join_lines([rows[i].text for i in indices])
    bold = all(rows[i].line.bold for i in indices)
    short = len(text.split()) <= HEADING_MAX_WORDS and not ends_sentence(text)
    return Para(indices, text, heading=short and (bold or len(indices) == 1))


def without_number(text: str) -> str:
    """A paragraph without its number ('5. Launched in 2015 ...' -> 'Launched in 2015 ...')."""
    return _PARAGRAPH_NUMBER.sub("", text, count=1)
