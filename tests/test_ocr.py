"""OCR of scanned pages: real Tesseract on a real scan (one page, so the suite stays quick).

The OCR cache is one temporary folder for the session: the scan is OCR'd once and the
other tests read it from there, which is itself what the cache test checks.
"""

from __future__ import annotations

import ctypes
import difflib
import json
import math
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytesseract
import pytest
from PIL import Image, ImageDraw

from ingest import ocr
from ingest.errors import RefusedInput
from ingest.ocr_boxes import find_boxes
from ingest.ocr_words import repair_words
from ingest.pdf import Word, read_pdf, text_quality, triage_page

FIXTURES = Path(__file__).parent / "fixtures" / "scanned"
SCAN = FIXTURES / "kent_rod_scan_p1.pdf"
TWIN = FIXTURES / "kent_rod_p1.pdf"
TRUTH = json.loads((FIXTURES / "kent_rod_scan.truth.json").read_text())


@pytest.fixture(scope="session")
def ocr_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture(autouse=True)
def _cache(ocr_cache, monkeypatch):
    monkeypatch.setenv("OPCC_CACHE", str(ocr_cache))


@pytest.fixture()
def no_tesseract(monkeypatch, tmp_path):
    """A machine without Tesseract: an empty PATH and a fresh cache."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("OPCC_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract")


def fail_if_called(*args, **kwargs):
    raise AssertionError("Tesseract was run")


def test_scanned_page_is_ocrd_with_key_fields_and_confidences():
    doc = read_pdf(SCAN)
    page = doc.pages[0]
    assert page.ocr and doc.ocr
    text = page.text
    for phrase in (
        "Record of Decision",
        TRUTH["reference"],
        TRUTH["title"],
        "Chief Finance Officer",
        "£2.4m",
    ):
        assert phrase in text
    words = [word for line in page.lines for word in line.words]
    assert len(words) > 300
    assert all(0 <= word.confidence <= 100 for word in words)
    assert min(word.confidence for word in words) < 60 < max(word.confidence for word in words)
    # positions are PDF points, top-left origin, like the text layer's
    assert all(0 <= w.x0 < w.x1 <= page.width and 0 <= w.top < w.bottom <= page.height for w in words)
    assert "OPEN ☒ CONFIDENTIAL ☐" in text  # boxes found in the image, not left to Tesseract
    title = next(line for line in page.lines if TRUTH["title"] in line.text)
    assert title.text.startswith("TITLE:")  # label and value on one line, as in the text layer


def test_ocr_text_matches_the_born_digital_twin():
    ocr_text = " ".join(read_pdf(SCAN).text.split())
    twin_text = " ".join(read_pdf(TWIN).text.split())
    assert difflib.SequenceMatcher(None, ocr_text, twin_text, autojunk=False).ratio() > 0.97
    assert " ".join(TRUTH["summary"].split()[:60]) in ocr_text


def test_second_read_uses_the_cache_and_runs_no_tesseract(monkeypatch):
    first = read_pdf(SCAN)
    monkeypatch.setattr(pytesseract, "image_to_data", fail_if_called)
    monkeypatch.setattr(ocr, "run_tesseract", fail_if_called)
    again = read_pdf(SCAN)
    assert again.text == first.text
    assert [w.confidence for w in again.lines[5].words] == [w.confidence for w in first.lines[5].words]
    cached = list(Path(ocr.cache_dir()).glob(f"*/{first.sha256}/p0000-{ocr.SETTINGS_KEY}.json"))
    assert len(cached) == 1


def test_pages_are_ocrd_in_parallel_processes(tmp_path, monkeypatch):
    twice = tmp_path / "twice.pdf"
    _combine([SCAN, SCAN], twice)
    monkeypatch.setenv("OPCC_OCR_PROCESSES", "2")
    doc = read_pdf(twice)
    assert doc.pages[0].text == doc.pages[1].text == read_pdf(SCAN).text
    assert [line.page for line in doc.lines] == sorted(line.page for line in doc.lines)


def test_missing_tesseract_is_a_clear_refusal(no_tesseract):
    with pytest.raises(
        RefusedInput,
        match=r"page 1 is a scanned image and Tesseract is not installed \(apt-get install tesseract-ocr",
    ):
        read_pdf(SCAN)


def test_a_text_page_is_not_ocrd(tmp_path, monkeypatch):
    mixed = tmp_path / "mixed.pdf"
    _combine([TWIN, SCAN], mixed)
    asked: list[list[int]] = []
    real = ocr.ocr_pages
    monkeypatch.setattr(
        ocr, "ocr_pages", lambda path, sha, indices: asked.append(list(indices)) or real(path, sha, indices)
    )
    doc = read_pdf(mixed)
    assert asked == [[1]]
    assert not doc.pages[0].ocr and doc.pages[1].ocr
    assert all(word.confidence is None for word in doc.pages[0].lines[0].words)
    assert TRUTH["reference"] in doc.pages[0].text and TRUTH["reference"] in doc.pages[1].text


def test_a_poor_ocr_layer_is_replaced_by_ours(tmp_path):
    layered = tmp_path / "layered.pdf"
    _with_invisible_layer(
        SCAN, layered, "Recrod of Decisoin TlTLE: Sa1e ot lP Adresses ~~ | ™ Ofice telephcne"
    )
    doc = read_pdf(layered)
    assert doc.pages[0].ocr
    assert TRUTH["title"] in doc.text and "Recrod" not in doc.text


def test_an_ocr_layer_is_kept_without_tesseract(tmp_path, no_tesseract):
    layered = tmp_path / "layered.pdf"
    _with_invisible_layer(
        SCAN, layered, "Record of Decision REFERENCE: OPCC.D.033.23 TITLE: Sale of IP Addresses"
    )
    doc = read_pdf(layered)
    assert doc.pages[0].ocr
    assert doc.text == "Record of Decision REFERENCE: OPCC.D.033.23 TITLE: Sale of IP Addresses"


def test_triage_tells_scans_text_layers_and_blank_pages_apart(tmp_path):
    blank = tmp_path / "blank.pdf"
    new = pdfium.PdfDocument.new()
    new.new_page(595, 842)
    new.save(blank)
    layered = tmp_path / "layered.pdf"
    _with_invisible_layer(SCAN, layered, "Record of Decision " * 5)
    assert [_triage(path) for path in (SCAN, TWIN, blank, layered)] == ["ocr", "text", "blank", "ocr_layer"]


def test_text_quality_rejects_undecodable_fonts():
    page = read_pdf(TWIN).text
    # what pdfium returns for an Identity-H font without /ToUnicode: glyph ids, shifted by 29
    shifted = "".join(chr(ord(ch) - 29) if ch.isalpha() else ch for ch in page)
    assert text_quality(page) > 0.85
    assert text_quality(shifted) < 0.3
    assert text_quality("(cid:12)(cid:15) Record") == 0.0


def test_skew_is_measured_and_removed():
    pdf = pdfium.PdfDocument(SCAN)
    image = ocr.render_page(pdf[0], 100)
    straight = ocr.measure_skew(ocr.ink(image))
    tilted = image.rotate(-1.0, resample=Image.Resampling.BICUBIC, fillcolor=255)  # clockwise: lines run down
    skew = ocr.measure_skew(ocr.ink(tilted))
    assert skew == pytest.approx(straight + 1.0, abs=0.15)
    # a word at the right of a tilted line sits lower in the image; on the straightened page it is level again
    frame = ocr.Frame(scale=1.0, left=0, top=0, skew=1.0, centre=(500, 500))
    tilt = math.tan(math.radians(1.0))
    left_word = frame.word("left", 100, 300, 140, 320, 90.0)
    right_word = frame.word("right", 900, 300 + 800 * tilt, 940, 320 + 800 * tilt, 90.0)
    assert right_word.top == pytest.approx(left_word.top, abs=0.5)
    assert right_word.x1 - right_word.x0 == pytest.approx(40)


def test_tesseract_is_given_only_the_writing():
    image = Image.new("L", (1000, 1400), 255)
    draw = ImageDraw.Draw(image)
    for left in range(200, 700, 30):
        draw.rectangle((left, 300, left + 10, 340), fill=0)  # the writing: a line of letters
    draw.rectangle((990, 0, 999, 1399), fill=0)  # a scanner's dark border down the right
    draw.point((50, 50), fill=0)  # a speck of dust
    assert ocr.ink_bounds(ocr.ink(image), margin=10) == (190, 290, 701, 351)
    assert ocr.ink_bounds(ocr.ink(Image.new("L", (100, 80), 255)), margin=10) == (0, 0, 100, 80)


def test_split_words_and_the_pronoun_bar_are_repaired():
    def word(text, x0, x1):
        return Word(text, x0, x1, 0, 10, 90.0)

    line = [word("|", 0, 2), word("have", 6, 26), word("£303.", 30, 50), word("'6k", 51, 60)]
    line += [
        word("an", 70, 80),
        word("d", 81, 85),
        word("of", 95, 105),
        word("the", 106, 120),
        word("|", 130, 131),
    ]
    assert [w.text for w in repair_words(line)] == ["I", "have", "£303.6k", "and", "of", "the", "|"]


def test_a_speck_read_as_an_opening_quote_is_dropped_but_real_quotes_stay():
    def words(*texts, confidence=70.0):
        return [Word(text, 20 * i, 20 * i + 15, 0, 10, confidence) for i, text in enumerate(texts)]

    def repaired(line):
        return " ".join(w.text for w in repair_words(line))

    assert repaired(words("2020/21:", "'dog", "section", "vans")) == "2020/21: dog section vans"
    assert repaired(words("the", "'blue", "light'", "scheme")) == "the 'blue light' scheme"  # closed later
    assert repaired(words("2020/21:", "'dog", confidence=95.0)) == "2020/21: 'dog"  # Tesseract was sure
    assert repaired(words("ref", "'XQ7")) == "ref 'XQ7"  # not a word


def test_check_boxes_are_found_but_not_in_letters():
    image = Image.new("L", (400, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 20, 60, 40), outline=0, width=2)  # empty
    draw.rectangle((140, 20, 160, 40), outline=0, width=2)  # ticked
    draw.line((140, 20, 160, 40), fill=0, width=2)
    draw.line((140, 40, 160, 20), fill=0, width=2)
    draw.rectangle((240, 20, 260, 40), outline=0, width=2)  # a cell of a grid: ink all round it
    draw.rectangle((262, 20, 282, 40), outline=0, width=2)
    boxes = find_boxes(ocr.ink(image), text_height=20)
    assert [(box.left, box.glyph) for box in boxes] == [(40, "☐"), (140, "☒")]


def test_dpi_policy_follows_the_scan():
    pdf = pdfium.PdfDocument(SCAN)
    assert ocr.native_dpi(pdf[0]) == pytest.approx(200, abs=1)
    assert ocr.ocr_dpi(200.2) == 200
    assert ocr.ocr_dpi(72) == ocr.LOW_RES_DPI
    assert ocr.ocr_dpi(600) == ocr.MAX_DPI
    assert ocr.ocr_dpi(None) == ocr.NO_IMAGE_DPI


def test_tesseract_is_present_for_the_ocr_tests():
    # the tests above need the real thing; setup.sh installs it
    assert shutil.which("tesseract") and "eng" in pytesseract.get_languages()


# --- building test PDFs ---


def _triage(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    page = pdf[0]
    textpage = page.get_textpage()
    return triage_page(page, textpage.get_text_range())


def _combine(sources: list[Path], target: Path) -> None:
    out = pdfium.PdfDocument.new()
    for source in sources:
        out.import_pages(pdfium.PdfDocument(source))
    out.save(target)


def _with_invisible_layer(scan: Path, target: Path, text: str) -> None:
    """The scan with an invisible (render mode 3) text layer, as ocrmypdf makes."""
    pdf = pdfium.PdfDocument(scan)
    page = pdf[0]
    obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(10))
    encoded = (text + "\0").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(encoded), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 700)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    pdf.save(target)
