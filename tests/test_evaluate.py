"""The evaluation script's scoring: what counts as right, and how the gate exits."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parents[1] / "scripts"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def ev():
    # On the path, not loaded from its file: the script's worker processes import it by name.
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module("evaluate")


def test_short_fields_ignore_case_whitespace_quotes_and_dashes(ev):
    assert ev.same_short("Grant – Compass’s  project", "grant - compass's project")
    assert not ev.same_short("OPCC.D.033.23", "OPCC.D.033.24")
    assert ev.same_short(None, None) and not ev.same_short(None, "x")


def test_exact_fields_compare_in_truth_file_form(ev):
    assert ev.same_exact("2023-10-06", dt.date(2023, 10, 6))
    assert ev.same_exact(False, False) and not ev.same_exact(True, None)
    assert ev.jsonable(Decimal("36")) == "36.00"


def test_narrative_ratio(ev):
    assert ev.ratio("The cat sat.", "the cat  sat.") == 1.0
    assert 0.5 < ev.ratio("The cat sat on the mat.", "The cat sat on a mat.") < 1.0
    assert ev.ratio(None, None) == 1.0 and ev.ratio("text", None) == 0.0


def test_precision_and_recall_of_sets(ev):
    assert ev.precision_recall(["a", "b"], ["a", "b"]) == (1.0, 1.0)
    assert ev.precision_recall(["a", "b"], ["a", "c", "d", "e"]) == (0.25, 0.5)
    assert ev.precision_recall([], []) == (1.0, 1.0)
    assert ev.precision_recall(["a"], []) == (0.0, 0.0)  # returning nothing is no precision


def test_a_decision_is_scored_field_by_field(ev):
    truth = json.loads((FIXTURES / "decisions" / "seed_000_kent_rod.truth.json").read_text(encoding="utf-8"))
    got = dict(truth, title="Sale of IP addresses", outcome="rejected", amounts=["36.00"])
    scores = {s.field: s for s in ev.score_decision(truth, got)}
    assert scores["title"].right  # case only
    assert not scores["outcome"].right
    assert not scores["amounts"].right and scores["amounts"].value == pytest.approx(0.2)
    assert scores["summary"].right and scores["signatories"].right


def test_a_refusal_is_right_only_for_bad_files(ev):
    assert ev.score_bad({"reason": "empty"}, "RefusedInput")[0].right
    assert not ev.score_bad({"reason": "empty"}, None)[0].right
    assert not ev.score_bad({"reason": "empty"}, "ValueError")[0].right


def test_an_exception_is_a_miss_on_every_field(ev):
    result = ev.Result(Path("x.pdf"), {"kind": "panel_report"}, None, "ValueError", "boom")
    assert [s.right for s in ev.score(result)] == [False] * 5


def test_a_panel_paper_scores_recipient_meeting_and_narratives_when_its_truth_has_them(ev):
    item = {"supplier": "Dandelion Time", "amount": "16258.50", "date": "2018-04-18", "narrative": "A grant for farm therapy."}
    truth = {"kind": "panel_report", "layout": "prose-paragraphs", "title": "Update", "author": "M Scott", "date": "2018-07-19",
             "recipient": "Kent Police and Crime Panel", "meeting": None, "items": [item, dict(item, amount="15944.50")]}
    got = dict(truth, recipient="KENT POLICE AND CRIME PANEL", meeting="2018-07-26",
               items=[dict(item, narrative="A grant for farm therapy."), dict(item, amount="15944.50", date="2018-04-19")])
    scores = {s.field: s for s in ev.score_panel(truth, got)}
    assert scores["recipient"].right and not scores["meeting"].right
    assert scores["items"].value == 0.5 and scores["item_dates"].value == 0.5
    assert scores["narratives"].value == 0.5  # the second item was not read, so neither was its narrative
    corpus_truth = {k: v for k, v in truth.items() if k not in ("recipient", "meeting")}
    assert {"recipient", "meeting"}.isdisjoint(s.field for s in ev.score_panel(corpus_truth, got))
    result = ev.Result(Path("x.pdf"), truth, got, scores=list(scores.values()))
    table = ev.panel_by_layout([result, ev.Result(Path("y.pdf"), dict(truth, layout="inline-bullets"), got,
                                                  scores=list(scores.values()))])
    assert "prose-paragraphs" in table and "HOLDOUTS (aggregate)" in table and "inline-bullets" not in table


def test_expenditure_rows_are_matched_on_date_amount_and_supplier(ev):
    row = {"date": "2018-04-10", "supplier": "Acme Ltd", "amount": "10.00", "redacted": False}
    truth = {"rows": [row, dict(row, amount="20.00")], "total": "30.00"}
    got = {"rows": [dict(row, supplier="ACME LTD"), dict(row, amount="25.00")], "total": "35.00"}
    scores = {s.field: s for s in ev.score_expenditure(truth, got)}
    assert scores["rows"].value == 0.5 and not scores["rows"].right
    assert not scores["amounts"].right and not scores["total"].right and scores["redacted"].right


def test_the_script_reports_and_gates_on_core_accuracy(ev, tmp_path, capsys):
    shutil.copy(FIXTURES / "decisions" / "seed_000_kent_rod.pdf", tmp_path)
    truth = json.loads((FIXTURES / "decisions" / "seed_000_kent_rod.truth.json").read_text(encoding="utf-8"))
    truth["reference"] = "WRONG"
    (tmp_path / "seed_000_kent_rod.truth.json").write_text(json.dumps(truth), encoding="utf-8")
    assert ev.main([str(tmp_path), "--misses", "--min-core", "0.8"]) == 0
    out = capsys.readouterr().out
    assert "decision (text layer, 1 documents)" in out and "seed_000_kent_rod.pdf: reference" in out
    assert ev.main([str(tmp_path), "--min-core", "0.99"]) == 1


def test_usage_errors_exit_2(ev, tmp_path):
    with pytest.raises(SystemExit) as exc:
        ev.main([str(tmp_path / "missing")])
    assert exc.value.code == 2


def test_a_wrong_value_with_a_review_flag_on_its_field_is_flagged_not_silent(ev):
    truth = json.loads((FIXTURES / "decisions" / "seed_000_kent_rod.truth.json").read_text(encoding="utf-8"))
    got = dict(truth, title="The proposal", reference="19/46", review=[{"field": "title", "reason": "unsure"}])
    result = ev.Result(Path("x.pdf"), truth, got, scores=ev.score_decision(truth, got))
    counts = ev.decision_counts([result])
    assert counts["core"] == len(ev.CORE_FIELDS) and counts["right"] == len(ev.CORE_FIELDS) - 2
    assert counts["wrong unflagged"] == 1  # the reference: nobody is told to look at it


def test_confidential_notices_recognised_and_open_ones_held_are_counted(ev):
    truth = json.loads((FIXTURES / "decisions" / "seed_000_kent_rod.truth.json").read_text(encoding="utf-8"))
    secret = dict(truth, for_publication=False, classification="confidential")
    held_open = ev.Result(Path("a.pdf"), truth, dict(truth, for_publication=False))
    missed_secret = ev.Result(Path("b.pdf"), secret, dict(truth))
    for result in (held_open, missed_secret):
        result.scores = ev.score_decision(result.truth, result.record)
    counts = ev.decision_counts([held_open, missed_secret])
    assert (counts["recognised"], counts["confidential"]) == (0, 1)
    assert (counts["open held"], counts["open"]) == (1, 1)


def test_leave_one_layout_out_takes_out_only_the_spellings_no_other_layout_prints(ev):
    documents = [
        (FIXTURES / "decisions" / f"{name}.pdf", json.loads((FIXTURES / "decisions" / f"{name}.truth.json").read_text(encoding="utf-8")))
        for name in ("seed_000_kent_rod", "decision_031", "seed_002_essex_report")
    ]
    only = ev.layout_only_spellings(documents)
    assert set(only) == {"kent-rod", "essex-report"}
    assert "originator" in only["kent-rod"]  # Kent's record prints "Originator:"; the Essex report does not
    assert "title of report" in only["essex-report"]
    assert not only["kent-rod"] & only["essex-report"]
    printed_by_both = ev.printed_spellings(documents[0][0], ev.spellings()) & ev.printed_spellings(documents[2][0], ev.spellings())
    assert not printed_by_both & (only["kent-rod"] | only["essex-report"])


def test_the_leave_one_layout_out_view_reads_each_layout_without_its_own_spellings(ev, tmp_path, capsys):
    for name in ("seed_000_kent_rod", "seed_002_essex_report"):
        for suffix in (".pdf", ".truth.json"):
            shutil.copy(FIXTURES / "decisions" / f"{name}{suffix}", tmp_path)
    assert ev.main([str(tmp_path), "--lolo"]) == 0
    out = capsys.readouterr().out
    assert "== decisions per layout" in out and "== leave one layout out" in out
    assert "essex-report:" in out and "title of report" in out.split("== leave one layout out")[1]
