"""Sanity of the panel-paper generator (tests/generators/panel.py), not of the reader.

Every family renders a PDF with a text layer in which each item's supplier, narrative and the
paper's title can be read back; the truth is well formed; the scanned variant has no text
layer; the holdouts are families, and scripts/evaluate.py groups the same ones.
"""

from __future__ import annotations

import json
import random
import re

import pypdfium2 as pdfium
import pytest

from tests.generators import panel as gen

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY = re.compile(r"^\d+\.\d{2}$")


def words(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()
    return plain(text)


def plain(text: str) -> list[str]:
    """Words, case-folded, without the punctuation a heading may put after them ('BROKERS,')."""
    return [w.strip(",.:;()") for w in re.sub(r"[\u2018\u2019]", "'", text).casefold().split()]


def readable_in(needle: str, hay: list[str]) -> bool:
    """The needle's words appear in order in the page text, in any case (page furniture may come between)."""
    it = iter(hay)
    return all(any(w == h for h in it) for w in plain(needle))


@pytest.mark.parametrize("family", gen.FAMILIES)
def test_every_family_renders_readable_papers_with_well_formed_truth(family):
    for k in range(2):
        pdf, truth = gen.make_panel_paper(random.Random(f"test:{family}:{k}"), family)
        assert pdf.startswith(b"%PDF") and truth["layout"] == family and truth["scanned"] is False
        assert list(truth) == ["kind", "layout", "scanned", "title", "date", "author", "recipient", "meeting", "items"]
        assert ISO.match(truth["date"]) and (truth["meeting"] is None or truth["meeting"] >= truth["date"])
        text = words(pdf)
        assert readable_in(truth["title"], text)
        for item in truth["items"]:
            assert MONEY.match(item["amount"]) and ISO.match(item["date"]) and item["date"] <= truth["date"]
            assert readable_in(item["supplier"], text) and readable_in(item["narrative"], text), item


def test_dates_are_printed_in_every_uk_style():
    assert gen.fmt_date(gen.dt.date(2020, 5, 11), "yy") == "11 May 20"
    printed = {gen.fmt_date(gen.dt.date(2020, 5, 11), style) for style in gen.DATE_STYLES}
    assert {"11th May 2020", "11/05/2020", "Monday 11 May 2020", "11 May 20"} <= printed


def test_scanned_variant_is_image_only():
    pdf, truth = gen.make_panel_paper(random.Random("scan"), "label-blocks", scanned=True)
    assert truth["scanned"] is True and words(pdf) == []


def test_holdouts_are_families_and_evaluate_groups_the_same_ones(evaluate):
    assert len(gen.HOLDOUT_FAMILIES) in (1, 2) and set(gen.HOLDOUT_FAMILIES) < set(gen.FAMILIES)
    assert len(set(gen.FAMILIES) - set(gen.HOLDOUT_FAMILIES)) >= 6
    assert set(evaluate.PANEL_HOLDOUTS) == set(gen.HOLDOUT_FAMILIES)


def test_cli_writes_truth_beside_each_pdf(tmp_path):
    assert gen.main([str(tmp_path), "--seed", "3", "--count", "2", "--family", "appendix-table"]) == 0
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 2 and all(json.loads(p.read_text())["layout"] == "appendix-table" for p in truths)
