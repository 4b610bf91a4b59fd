"""Check boxes on a scanned page, found in the image because Tesseract cannot read them.

Tesseract reads a ticked box as ``&``, ``[]``, ``O`` or nothing at all, and an empty one
the same way, so on a scan ``OPEN ☒ CONFIDENTIAL ☐`` may come out as ``OPEN & CONFIDENTIAL``
or ``OPEN CONFIDENTIAL``. Whether a notice is confidential must not hang on that: the
boxes are found as small squares of ink and handed to the lines as ``☒``/``☐`` words.

A box is a horizontal run of ink (its top edge) about as long as a letter is high,
matched by a run of the same span about that far below it (its bottom edge), with ink
down both sides and white around it; its inside says whether it is ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .pdf import Word

MIN_SIDE, MAX_SIDE = 0.5, 1.5  # box side as a multiple of the median word box height (with descenders)
SQUARENESS = 0.2  # height may differ from width by this share
EDGE_INK = 0.8  # share of ink along each of the four sides
CORNER_INK = 0.5  # and in each corner
RING_INK = 0.1  # at most this share of ink just outside: a box stands alone, a letter or table cell does not
SPACE = 0.3  # of the side: the white a box has left and right of it, a word space
EMPTY_INSIDE = 0.04  # inside ink share at most this: empty
TICKED_INSIDE = 0.10  # at least this: ticked; between the two the reading is uncertain
CLEAR, UNSURE = 95.0, 40.0  # confidence given to a box word, like Tesseract's 0-100
CONFIDENT_WORD = 80.0  # a box inside a word read this confidently is part of its letters


@dataclass
class Box:
    left: int
    top: int
    right: int
    bottom: int
    ticked: bool
    confidence: float

    @property
    def glyph(self) -> str:
        return "☒" if self.ticked else "☐"


def find_boxes(ink: np.ndarray, text_height: float) -> list[Box]:
    """The check boxes in a page's ink (a boolean image) whose words are ``text_height`` pixels high (median)."""
    ys, x0s, x1s = _runs(ink, round(MIN_SIDE * text_height), round(MAX_SIDE * text_height))
    boxes: list[Box] = []
    for top, bottom in _edge_pairs(ys, x0s, x1s):
        box = _verify(ink, int(x0s[top]), int(ys[top]), int(x1s[top]), int(ys[bottom]) + 1)
        if box and not any(_overlap(box, other) for other in boxes):
            boxes.append(box)
    return boxes


def _runs(ink: np.ndarray, shortest: int, longest: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Horizontal ink runs with a length in range: (row, first column, column after the last), row by row."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=bool)  # white either side, so every run starts and ends
    padded[:, 1:-1] = ink
    rows, columns = np.nonzero(padded[:, 1:] != padded[:, :-1])  # a run's start, then its end
    rows, starts, ends = rows[0::2], columns[0::2], columns[1::2]
    length = ends - starts
    keep = (length >= shortest) & (length <= longest)
    return rows[keep], starts[keep], ends[keep]


def _edge_pairs(ys: np.ndarray, x0s: np.ndarray, x1s: np.ndarray, block: int = 1024) -> list[tuple[int, int]]:
    """(top, bottom) indices of runs that could be a box's top and bottom edges: the same span, about a side apart.

    Every pair is compared at once, a ``block`` of tops at a time to bound the memory.
    """
    side = x1s - x0s
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(ys), block):
        part = slice(start, start + block)
        below = ys[None, :] - ys[part, None]
        match = (
            (np.abs(x0s[None, :] - x0s[part, None]) <= 2)
            & (np.abs(x1s[None, :] - x1s[part, None]) <= 2)
            & (below > (1 - SQUARENESS) * side[part, None])
            & (below < (1 + SQUARENESS) * side[part, None])
        )
        tops, bottoms = np.nonzero(match)
        pairs += zip((tops + start).tolist(), bottoms.tolist(), strict=True)
    return pairs


def _ink(ink: np.ndarray, left: int, top: int, right: int, bottom: int) -> float:
    """Share of ink in the rectangle [left, right) x [top, bottom), 0 when it is empty or off the page.

    Read from the pixels themselves: only a few candidates per page get this far, so an
    integral image of the whole page would cost more than it saves.
    """
    window = ink[max(top, 0) : max(bottom, 0), max(left, 0) : max(right, 0)]
    return float(window.mean()) if window.size else 0.0


def _verify(ink: np.ndarray, left: int, top: int, right: int, bottom: int) -> Box | None:
    side = right - left
    edge = max(1, round(side * 0.12))  # a box's line is one to three pixels, not always at the run's end
    sides = (
        max(_ink(ink, left, y, right, y + 1) for y in range(top, top + edge)),
        max(_ink(ink, left, y, right, y + 1) for y in range(bottom - edge, bottom)),
        max(_ink(ink, x, top, x + 1, bottom) for x in range(left, left + edge)),
        max(_ink(ink, x, top, x + 1, bottom) for x in range(right - edge, right)),
    )
    if min(sides) < EDGE_INK:
        return None
    corners = (
        _ink(ink, left, top, left + edge, top + edge),
        _ink(ink, right - edge, top, right, top + edge),
        _ink(ink, left, bottom - edge, left + edge, bottom),
        _ink(ink, right - edge, bottom - edge, right, bottom),
    )
    if min(corners) < CORNER_INK:
        return None  # a rounded letter (D, O, 0) fills its sides but not its corners
    gap = 2 * edge
    space = max(gap, round(side * SPACE))
    ring = max(
        _ink(ink, left, top - gap, right, top - 1),
        _ink(ink, left, bottom + 1, right, bottom + gap),
        _ink(ink, left - space, top, left - 1, bottom),
        _ink(ink, right + 1, top, right + space, bottom),
    )
    if ring > RING_INK:
        return None
    inside = _ink(ink, left + gap, top + gap, right - gap, bottom - gap)
    if inside <= EMPTY_INSIDE:
        return Box(left, top, right, bottom, False, CLEAR)
    return Box(left, top, right, bottom, True, CLEAR if inside >= TICKED_INSIDE else UNSURE)


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def place_boxes(
    runs: list[list[Word]], boxes: list[Box], to_word: Callable[..., Word]
) -> list[list[Word]]:
    """Put the boxes into Tesseract's runs of words, each placed on the page by ``to_word`` (see :class:`ingest.ocr.Frame`).

    A box inside a word Tesseract read with confidence is part of a letter (the counter of
    a bold ``ID``), not a box; the words a box covers were Tesseract's misreading of it
    (``&``, ``[]``, the ``Q`` of ``NoQ``) and make way for it.
    """
    for box in boxes:
        word = to_word(box.glyph, box.left, box.top, box.right, box.bottom, box.confidence)
        if any(_covers(w, word) and _confident(w) for run in runs for w in run):
            continue
        runs = [[kept for w in run if (kept := _trimmed(w, word))] for run in runs]
        _run_for(runs, word).append(word)
    return [run for run in runs if run]


def _trimmed(word: Word, box: Word) -> Word | None:
    """A word without the letters that were the box (``NoQ``, ``(No``, ``&``), or ``None`` if none are left.

    Tesseract gives no letter positions, so letters are taken to be equally wide.
    """
    if word.x1 <= box.x0 or box.x1 <= word.x0 or word.bottom <= box.top or box.bottom <= word.top:
        return word
    width = (word.x1 - word.x0) / len(word.text)
    kept = [i for i in range(len(word.text)) if not box.x0 <= word.x0 + (i + 0.5) * width <= box.x1]
    if not kept:
        return None
    return replace(
        word,
        text="".join(word.text[i] for i in kept),
        x0=word.x0 + kept[0] * width,
        x1=word.x0 + (kept[-1] + 1) * width,
    )


def _covers(a: Word, b: Word) -> bool:
    """Whether ``a`` covers most of ``b``."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width > 0 and height > 0 and width * height >= 0.5 * (b.x1 - b.x0) * (b.bottom - b.top)


def _confident(word: Word) -> bool:
    return word.confidence >= CONFIDENT_WORD and sum(ch.isalnum() for ch in word.text) >= 2


def _run_for(runs: list[list[Word]], box: Word) -> list[Word]:
    """The run on the box's line nearest to it, or a new run."""
    middle = (box.top + box.bottom) / 2
    level = [run for run in runs if min(w.top for w in run) <= middle <= max(w.bottom for w in run)]
    if not level:
        runs.append([])
        return runs[-1]
    return min(level, key=lambda run: min(abs(w.x0 - box.x1) + abs(w.x1 - box.x0) for w in run))
