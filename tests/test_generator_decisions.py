"""Sanity of the decision-notice generator (tests/generators/decisions.py), not of the parser.

Every family renders a PDF with a text layer in which the truth's reference, title and
narrative can be read back; truth files keep the corpus README's rules; the same seed
gives the same bytes; the scanned variant has no text layer.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.generators import decisions as gen  # noqa: E402

FIELDS = ["kind", "layout", "scanned", "reference", "title", "body", "decision_maker", "decision_maker_role", "decision_date",
          "report_date", "originator", "classification", "for_publication", "withheld_parts", "summary", "recommendation",
          "decision", "outcome", "amounts", "signatories", "canary"]
ROLES = {"Police and Crime Commissioner", "Deputy Police and Crime Commissioner", "Police, Fire and Crime Commissioner",
         "Deputy Police, Fire and Crime Commissioner", "Chief Executive", "Staffordshire Commissioner"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY = re.compile(r"^\d+\.\d{2}$")


def pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def words(text: str) -> list[str]:
    return re.sub(r"[\u2018\u2019]", "'", text).split()


def readable_in(needle: str, hay: list[str]) -> bool:
    """The needle's words appear in order in the page text (page furniture may come between)."""
    it = iter(hay)
    return all(any(w == h for h in it) for w in words(needle))


def check_truth(t: dict) -> None:
    assert list(t) == FIELDS
    assert t["kind"] == "decision" and t["layout"] in gen.FAMILIES
    assert t["decision_maker_role"] in ROLES
    for f in ("decision_date", "report_date"):
        assert t[f] is None or ISO.match(t[f]), f
    if t["report_date"]:
        assert t["report_date"] <= t["decision_date"]
    assert t["classification"] in ("open", "confidential")
    assert t["for_publication"] is (t["classification"] == "open")
    assert t["outcome"] in ("approved", "rejected", "deferred", None)
    assert all(MONEY.match(a) for a in t["amounts"])
    values = [float(a) for a in t["amounts"]]
    assert values == sorted(set(values), reverse=True)
    if t["classification"] == "confidential":
        assert re.fullmatch(r"CANARY-[0-9a-f]{12}", t["canary"])
        assert t["canary"] in (t["summary"] or "") + (t["decision"] or "")
    else:
        assert t["canary"] is None
    for s in t["signatories"]:
        assert set(s) == {"role", "name", "date"} and s["role"]
        assert s["date"] is None or ISO.match(s["date"])
    for f in ("summary", "decision", "title", "reference", "body"):
        assert t[f] and t[f] == " ".join(t[f].split()), f
    for f in ("summary", "recommendation", "decision"):
        assert "£" not in (t[f] or "") or t["amounts"], f


@pytest.mark.parametrize("family", gen.FAMILIES)
def test_every_family_renders_readable_notices(family):
    for k in range(2):
        pdf, truth = gen.make_notice(random.Random(f"test:{family}:{k}"), family)
        assert pdf.startswith(b"%PDF")
        check_truth(truth)
        assert truth["layout"] == family and truth["scanned"] is False
        text = words(pdf_text(pdf))
        assert len(text) > 50
        for f in ("reference", "title", "summary", "recommendation", "decision", "body"):
            if truth[f]:
                assert readable_in(truth[f], text), (family, f, truth[f])
        if truth["decision_maker"]:
            assert readable_in(truth["decision_maker"], text)
        if truth["canary"]:
            assert truth["canary"] in " ".join(text)


def test_the_mix_has_confidential_notices_and_every_outcome():
    truths = [gen.make_notice(random.Random(f"mix:{i}"))[1] for i in range(40)]
    assert 4 <= sum(t["classification"] == "confidential" for t in truths) <= 24
    assert {t["outcome"] for t in truths} >= {"approved", "rejected", "deferred"}


def test_same_seed_same_bytes(tmp_path):
    a = gen.write_corpus(tmp_path / "a", seed=7, count=3)
    b = gen.write_corpus(tmp_path / "b", seed=7, count=3)
    assert [p.name for p in a] == ["gen_7_0.pdf", "gen_7_1.pdf", "gen_7_2.pdf"]
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes()
        tx, ty = (p.with_name(p.stem + ".truth.json") for p in (x, y))
        assert tx.read_text() == ty.read_text()
    c = gen.write_corpus(tmp_path / "c", seed=8, count=1)
    assert c[0].read_bytes() != a[0].read_bytes()


def test_scanned_variant_is_image_only():
    pdf, truth = gen.make_notice(random.Random("scan"), "quad-grid", scanned=True)
    assert pdf == gen.make_notice(random.Random("scan"), "quad-grid", scanned=True)[0]
    assert truth["scanned"] is True
    assert pdf_text(pdf).strip() == ""
    doc = pdfium.PdfDocument(pdf)
    assert len(doc) >= 1
    doc.close()


def test_holdout_families_are_families():
    assert len(gen.HOLDOUT_FAMILIES) == 3 and set(gen.HOLDOUT_FAMILIES) <= set(gen.FAMILIES)
    assert len(gen.FAMILIES) >= 12


def test_cli_writes_truth_beside_each_pdf(tmp_path):
    assert gen.main([str(tmp_path), "--seed", "3", "--count", "2", "--family", "delegated-letter"]) == 0
    truths = sorted(tmp_path.glob("*.truth.json"))
    assert len(truths) == 2
    assert all(json.loads(p.read_text())["layout"] == "delegated-letter" for p in truths)
