"""Building :class:`~ingest.pdf.Line` objects from OCR words, ours or a scan's own OCR layer.

Both OCR paths produce runs of words (Tesseract's lines; the lines of an existing
invisible text layer). :func:`assemble_lines` joins runs that share a baseline band, as
:func:`ingest.pdf.page_lines` joins text runs, so a form's label and its value end up on
one line whichever way the page was read.
"""

from __future__ import annotations

import pypdfium2 as pdfium

from opcc.core.text import normalise

from .pdf import Line, Word


def assemble_lines(runs: list[list[Word]], number: int) -> list[Line]:
    """Runs of words (each run one line of text) as lines top to bottom, words left to right."""
    lines: list[Line] = []
    for words in sorted((run for run in runs if run), key=lambda run: min(w.top for w in run)):
        _merge_run(lines, words, number)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.text = " ".join(w.text for w in line.words)
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def _merge_run(lines: list[Line], words: list[Word], number: int) -> None:
    """Add a run to the line whose band holds its middle and that it sits beside, or start a line."""
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    middle = (top + bottom) / 2
    for line in lines:
        beside = line.x1 < x0 or x1 < line.x0  # never merge runs that overlap horizontally
        if beside and line.top <= middle <= line.bottom:
            line.words.extend(words)
            line.top, line.bottom = min(line.top, top), max(line.bottom, bottom)
            line.x0, line.x1 = min(line.x0, x0), max(line.x1, x1)
            return
    lines.append(Line("", number, top, bottom, x0, x1, list(words)))


def layer_lines(page: pdfium.PdfPage, number: int) -> list[Line]:
    """The lines of a scan's own (invisible) OCR layer, word by word from pdfium's characters.

    :func:`ingest.pdf.page_lines` cannot be used here: OCR layers place every glyph on its
    own, so pdfium's text rectangles are single overlapping characters (``HA HAM AML``).
    pdfium's page text puts spaces and line breaks in the right places, so words are cut
    there and boxed from their characters.
    """
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        runs: list[list[Word]] = [[]]
        chars: list[tuple[str, tuple[float, float, float, float]]] = []
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if char.strip():
                chars.append((char, textpage.get_charbox(index)))
                continue
            _end_word(runs[-1], chars, height)
            if char in "\r\n" and runs[-1]:
                runs.append([])
        _end_word(runs[-1], chars, height)
        return assemble_lines(runs, number)
    finally:
        textpage.close()


def _end_word(run: list[Word], chars: list, height: float) -> None:
    text = normalise("".join(char for char, _ in chars))
    if text:
        boxes = [box for _, box in chars]
        left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
        bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
        run.append(Word(text, left, right, height - top, height - bottom))
    chars.clear()
