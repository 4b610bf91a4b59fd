"""Positioned words grouped into visual lines: the one place the table readers do it."""

from __future__ import annotations

from ingest.pdf import Line, Word


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words in visual lines, top to bottom: a word joins the line its vertical middle falls in."""
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (w.top + w.bottom) / 2
        if bands and bands[-1][0] <= middle <= bands[-1][1]:
            lines[-1].append(w)
            bands[-1] = (min(bands[-1][0], w.top), max(bands[-1][1], w.bottom))
        else:
            lines.append([w])
            bands.append((w.top, w.bottom))
    return lines


def as_lines(words: list[Word], page: int) -> list[Line]:
    """Words as :class:`~ingest.pdf.Line` objects (words left to right), top to bottom."""
    out = []
    for group in group_lines(words):
        ordered = sorted(group, key=lambda w: w.x0)
        out.append(Line(
            " ".join(w.text for w in ordered), page,
            min(w.top for w in ordered), max(w.bottom for w in ordered),
            min(w.x0 for w in ordered), max(w.x1 for w in ordered), ordered,
        ))
    return out
