"""Measure extraction against the corpus ground truth.

    python scripts/evaluate.py CORPUS_DIR [--kind decision] [--misses] [--min-core 0.97] [--lolo]

Runs :func:`ingest.extract.extract` on every document that has a ``*.truth.json``
beside it (two worker processes), scores each truth field and prints per-field
accuracy, text-layer and scanned documents apart, and with ``--misses`` every miss.
Exits 1 with ``--min-core X`` when the core accuracy of text-layer decisions is below
X, 2 on a usage error, 0 otherwise.

Decisions are also reported per layout (the truth's ``layout``): core accuracy, core values
wrong and not flagged for review (the worst error: nobody is told to look), confidential
notices recognised, and open notices held back. ``--lolo`` adds the leave-one-layout-out
view: each layout's text notices read again with the label spellings only that layout
prints taken out of the vocabulary, as if the layout had never been seen. That figure,
not the corpus score, predicts how a new office's notices will read.

Scoring (the corpus README's suggestion):

* short text fields (reference, title, names, roles): equal after normalising
  whitespace, case, quotes and dashes;
* dates, classification, for_publication, outcome: exactly equal;
* summary, recommendation, decision: ``difflib.SequenceMatcher`` ratio of the
  normalised texts; a document counts as right at ``RATIO_PASS`` or more;
* amounts, signatories, withheld parts, panel items, spend rows: sets, with precision
  and recall (their means are printed too); right when both are 1;
* ``bad`` files must be refused with :class:`ingest.errors.RefusedInput`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # measure the code beside this script, in this process and its workers
    sys.path.insert(0, str(REPO))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))

RATIO_PASS = 0.9
"""A narrative field at least this similar to the truth counts as right."""
WORKERS = 2
TASKS_PER_WORKER = 20
"""Worker processes are replaced after this many documents, so memory cannot creep.
(multiprocessing.Pool, not ProcessPoolExecutor: the latter's max_tasks_per_child can hang on 3.11.)"""

CORE_FIELDS = ("reference", "title", "decision_date", "decision_maker", "classification", "for_publication", "outcome")
SHORT_FIELDS = ("reference", "title", "body", "decision_maker", "decision_maker_role", "originator")
EXACT_FIELDS = ("decision_date", "report_date", "classification", "for_publication", "outcome")
RATIO_FIELDS = ("summary", "recommendation", "decision")
SET_FIELDS = ("amounts", "signatories", "withheld_parts")


# ---- scoring functions (importable; tests/test_evaluate.py checks them) -------------


def normalise(value: object) -> str:
    """Whitespace, case, quotes and dashes made uniform: the form short fields are compared in."""
    from opcc.core.text import comparable

    return comparable("" if value is None else str(value))


def jsonable(value: object) -> object:
    """A value as the truth files write it: dates ISO, money as a two-place string."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def same_short(truth: object, got: object) -> bool:
    if truth is None or got is None:
        return truth is None and got is None
    return normalise(truth) == normalise(got)


def same_exact(truth: object, got: object) -> bool:
    return truth == jsonable(got)


def ratio(truth: str | None, got: str | None) -> float:
    """Similarity of two narrative texts, 1.0 when both are absent."""
    if truth is None or got is None:
        return 1.0 if truth is None and got is None else 0.0
    return difflib.SequenceMatcher(None, normalise(truth), normalise(got), autojunk=False).ratio()


def precision_recall(truth: list, got: list) -> tuple[float, float]:
    """Multiset precision and recall; both 1.0 when both are empty, both 0.0 when only the answer is."""
    want, have = Counter(truth), Counter(got)
    hits = sum((want & have).values())
    precision = hits / sum(have.values()) if have else (1.0 if not want else 0.0)
    recall = hits / sum(want.values()) if want else (1.0 if not have else 0.0)
    return precision, recall


def signatory_key(signatory: dict) -> tuple:
    return (normalise(signatory.get("role")), normalise(signatory.get("name")), jsonable(signatory.get("date")))


def item_key(item: dict) -> tuple:
    return (normalise(item.get("supplier")), jsonable(item.get("amount")), jsonable(item.get("date")))


def spend_key(row: dict) -> tuple:
    return (jsonable(row.get("date")), jsonable(row.get("amount")), normalise(row.get("supplier")))


@dataclass
class Score:
    """One field of one document: right or not, with what was expected and what came out."""

    field: str
    right: bool
    expected: object = None
    got: object = None
    value: float | None = None  # a ratio, or recall for set fields
    precision: float | None = None  # set fields only
    flagged: bool = False  # the record carries a review flag on this field


def score_decision(truth: dict, got: dict) -> list[Score]:
    scores = [Score(f, same_short(truth[f], got.get(f)), truth[f], got.get(f)) for f in SHORT_FIELDS]
    scores += [Score(f, same_exact(truth[f], got.get(f)), truth[f], jsonable(got.get(f))) for f in EXACT_FIELDS]
    for f in RATIO_FIELDS:
        r = ratio(truth[f], got.get(f))
        scores.append(Score(f, r >= RATIO_PASS, truth[f], got.get(f), r))
    keyed = {
        "amounts": (truth["amounts"], [jsonable(a) for a in got.get("amounts", [])]),
        "signatories": (
            [signatory_key(s) for s in truth["signatories"]],
            [signatory_key(s) for s in got.get("signatories", [])],
        ),
        "withheld_parts": ([normalise(p) for p in truth["withheld_parts"]], [normalise(p) for p in got.get("withheld_parts", [])]),
    }
    for f, (want, have) in keyed.items():
        p, r = precision_recall(want, have)
        scores.append(Score(f, p == r == 1.0, want, have, r, p))
    flagged = {flag.get("field") for flag in got.get("review", [])}
    for s in scores:
        s.flagged = s.field in flagged
    return scores


PANEL_OPTIONAL = ("recipient", "meeting", "narratives")
"""Panel fields scored only where the truth gives them (the generator's truth does, the corpus's not)."""


def score_panel(truth: dict, got: dict) -> list[Score]:
    scores = [Score(f, same_short(truth[f], got.get(f)), truth[f], got.get(f)) for f in ("title", "author")]
    scores.append(Score("date", same_exact(truth["date"], got.get("date")), truth["date"], jsonable(got.get("date"))))
    want = [item_key(i) for i in truth["items"]]
    have = [item_key(i) for i in got.get("items", [])]
    p, r = precision_recall(want, have)
    scores.append(Score("items", p == r == 1.0, want, have, r, p))
    dates = [(jsonable(i.get("amount")), jsonable(i.get("date"))) for i in got.get("items", [])]
    dated = [(i["amount"], i["date"]) in dates for i in truth["items"]]
    scores.append(Score("item_dates", all(dated), len(dated), sum(dated), sum(dated) / max(1, len(dated))))
    if "recipient" in truth:
        scores.append(Score("recipient", same_short(truth["recipient"], got.get("recipient")), truth["recipient"], got.get("recipient")))
    if "meeting" in truth:
        scores.append(Score("meeting", same_exact(truth["meeting"], got.get("meeting")), truth["meeting"], jsonable(got.get("meeting"))))
    if any("narrative" in i for i in truth["items"]):
        scores.append(_narratives(truth["items"], got.get("items", [])))
    return scores


def _narratives(truth_items: list[dict], got_items: list[dict]) -> Score:
    """Each truth item's narrative against that of the item read with the same key (none if not read)."""
    by_key = {item_key(i): i.get("narrative") for i in got_items}
    ratios = [ratio(i["narrative"], by_key.get(item_key(i))) if item_key(i) in by_key else 0.0 for i in truth_items]
    passed = sum(r >= RATIO_PASS for r in ratios)
    return Score("narratives", passed == len(ratios), len(ratios), passed, passed / max(1, len(ratios)))


def score_expenditure(truth: dict, got: dict) -> list[Score]:
    want_rows, have_rows = truth["rows"], got.get("rows", [])
    p, r = precision_recall([spend_key(x) for x in want_rows], [spend_key(x) for x in have_rows])
    scores = [Score("rows", p == r == 1.0, len(want_rows), len(have_rows), r, p)]
    want_amounts = Counter(x["amount"] for x in want_rows)
    have_amounts = Counter(jsonable(x.get("amount")) for x in have_rows)
    scores.append(Score("amounts", want_amounts == have_amounts, sum(want_amounts.values()), sum(have_amounts.values())))
    scores.append(Score("total", same_exact(truth.get("total"), got.get("total")), truth.get("total"), got.get("total")))
    want_redacted = Counter(spend_key(x) for x in want_rows if x.get("redacted"))
    have_redacted = Counter(spend_key(x) for x in have_rows if x.get("redacted"))
    scores.append(Score("redacted", want_redacted == have_redacted, len(want_redacted), len(have_redacted)))
    return scores


MONEY_SILENT_FLAGS = ("supplier may be a private individual", "supplier may be a redaction placeholder")
"""Row flags about who was paid, not how much: they do not tell a person that the money may be wrong."""


def spend_outcome(truth: dict, record: dict | None, error: str | None) -> str:
    """One spend file's outcome: ``exact`` (rows and amounts as the truth), ``refused``, ``flagged``
    (wrong, but the return or a row carries a review flag about its rows or money), or
    ``silently wrong`` (wrong money and not flagged: the failure that must never happen)."""
    if record is None:
        return "refused" if error == "RefusedInput" else "silently wrong"
    want = Counter(row["amount"] for row in truth["rows"])
    have = Counter(jsonable(row.get("amount")) for row in record.get("rows", []))
    total = sum((Decimal(a) for a in have.elements() if a is not None), Decimal(0))
    right = want == have and total == sum((Decimal(a) for a in want.elements()), Decimal(0))
    if right:
        return "exact"
    row_flags = [
        reason
        for row in record.get("rows", [])
        for reason in (row.get("review") or "").split("; ")
        if reason and not reason.startswith(MONEY_SILENT_FLAGS)
    ]
    return "flagged" if record.get("review") or row_flags else "silently wrong"


def score_bad(truth: dict, error: str | None) -> list[Score]:
    return [Score("refused", error == "RefusedInput", truth.get("reason"), error or "accepted")]


SCORERS = {"decision": score_decision, "panel_report": score_panel, "expenditure": score_expenditure}


# ---- running ------------------------------------------------------------------------


@dataclass
class Result:
    path: Path
    truth: dict
    record: dict | None = None
    error: str | None = None  # the exception's class name
    message: str | None = None
    seconds: float = 0.0
    scores: list[Score] = field(default_factory=list)


def extract_one(path: Path) -> tuple[dict | None, str | None, str | None, float]:
    """Run in a worker: the record as JSON-able dict, or the exception's name and message."""
    from ingest.extract import extract

    start = time.perf_counter()
    try:
        record = extract(path)
        return record.model_dump(mode="json"), None, None, time.perf_counter() - start
    except Exception as exc:  # scoring treats every exception as a miss, so none may stop the run
        return None, type(exc).__name__, str(exc), time.perf_counter() - start


def find_documents(corpus: Path, kind: str | None) -> list[tuple[Path, dict]]:
    found = []
    for truth_path in sorted(corpus.rglob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if kind and truth.get("kind") != kind:
            continue
        stem = truth_path.name.removesuffix(".truth.json")
        sources = [p for p in truth_path.parent.glob(stem + ".*") if not p.name.endswith(".truth.json")]
        if sources:
            found.append((sources[0], truth))
    return found


def run(documents: list[tuple[Path, dict]], initializer=None, initargs: tuple = ()) -> list[Result]:
    results = [Result(path, truth) for path, truth in documents]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no state shared with the caller
    with context.Pool(WORKERS, initializer, initargs, maxtasksperchild=TASKS_PER_WORKER) as pool:
        outputs = pool.map(extract_one, [r.path for r in results], chunksize=1)
    for result, (record, error, message, seconds) in zip(results, outputs, strict=True):
        result.record, result.error, result.message, result.seconds = record, error, message, seconds
    for result in results:
        result.scores = score(result)
    return results


def score(result: Result) -> list[Score]:
    kind = result.truth["kind"]
    if kind == "bad":
        return score_bad(result.truth, result.error)
    if result.record is None or result.record.get("kind") != kind:
        got = result.record.get("kind") if result.record else f"{result.error}: {result.message}"
        fields = {
            "decision": SHORT_FIELDS + EXACT_FIELDS + RATIO_FIELDS + SET_FIELDS,
            "panel_report": ("title", "author", "date", "items", "item_dates"),
            "expenditure": ("rows", "amounts", "total", "redacted"),
        }[kind]
        return [Score(f, False, kind, got) for f in fields]
    return SCORERS[kind](result.truth, result.record)


# ---- reporting ----------------------------------------------------------------------


def summarise(results: list[Result]) -> dict[tuple[str, bool], dict[str, tuple[int, int]]]:
    """(kind, scanned) -> field -> (right, total)."""
    table: dict[tuple[str, bool], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for result in results:
        group = (result.truth["kind"], bool(result.truth.get("scanned")))
        for s in result.scores:
            cell = table[group][s.field]
            cell[0] += s.right
            cell[1] += 1
    return {group: {f: (r, t) for f, (r, t) in fields.items()} for group, fields in table.items()}


def core_accuracy(results: list[Result]) -> float | None:
    """Share of core fields right over the text-layer decisions, or ``None`` when there are none."""
    scores = [
        s
        for r in results
        if r.truth["kind"] == "decision" and not r.truth.get("scanned")
        for s in r.scores
        if s.field in CORE_FIELDS
    ]
    return sum(s.right for s in scores) / len(scores) if scores else None


def report(results: list[Result], *, misses: bool) -> str:
    out = []
    for (kind, scanned), fields in sorted(summarise(results).items()):
        count = sum(1 for r in results if r.truth["kind"] == kind and bool(r.truth.get("scanned")) == scanned)
        out.append(f"\n== {kind} ({'scanned' if scanned else 'text layer'}, {count} documents)")
        means = _mean_values(results, kind, scanned)
        for name, (right, total) in fields.items():
            note = ""
            if name in RATIO_FIELDS:
                note = f"  (ratio >= {RATIO_PASS}; mean ratio {means[name][0]:.3f})"
            elif name in means:
                note = f"  (mean recall {means[name][0]:.3f}, precision {means[name][1]:.3f})"
            out.append(f"  {name:22s} {right:3d}/{total:<3d} {right / total:6.1%}{note}")
    if any(r.truth["kind"] == "decision" for r in results):
        out.append(decisions_by_layout(results))
    spend = [r for r in results if r.truth["kind"] == "expenditure"]
    if spend:
        out.append(spend_by_layout(spend))
    panel = [r for r in results if r.truth["kind"] == "panel_report"]
    if panel:
        out.append(panel_by_layout(panel))
    core = core_accuracy(results)
    if core is not None:
        out.append(f"\ncore accuracy, text-layer decisions: {core:.1%}")
    seconds = sum(r.seconds for r in results)
    out.append(f"documents: {len(results)}, extraction time {seconds:.1f} s (summed over workers)")
    if misses:
        out.append("\n== misses")
        for result in results:
            for s in result.scores:
                if not s.right:
                    extra = f" ratio={s.value:.2f}" if s.value is not None and s.field in RATIO_FIELDS else ""
                    out.append(f"{result.path.name}: {s.field}{extra}\n    expected {_short(s.expected)}\n    got      {_short(s.got)}")
    return "\n".join(out)


def spend_by_layout(results: list[Result]) -> str:
    """Spend per layout: files, mean row recall and precision, and each outcome's count.

    ``silently wrong`` counts files whose rows or sum differ from the truth, that carry
    no review flag about their rows or money, and that were not refused."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        groups[result.truth.get("layout") or "(none)"].append(result)
    out = ["\n== spend per layout", f"  {'layout':34s} {'files':>5s} {'recall':>7s} {'precis':>7s} "
           f"{'exact':>5s} {'flagged':>7s} {'refused':>7s} {'silently wrong':>14s}"]
    totals: Counter = Counter()
    for layout in sorted(groups):
        rows = [next(s for s in r.scores if s.field == "rows") for r in groups[layout]]
        outcomes = Counter(spend_outcome(r.truth, r.record, r.error) for r in groups[layout])
        totals.update(outcomes)
        recall = sum(s.value or 0 for s in rows) / len(rows)
        precision = sum(s.precision or 0 for s in rows) / len(rows)
        out.append(f"  {layout:34s} {len(rows):5d} {recall:7.3f} {precision:7.3f} {outcomes['exact']:5d} "
                   f"{outcomes['flagged']:7d} {outcomes['refused']:7d} {outcomes['silently wrong']:14d}")
    out.append(f"  wrong money and not flagged: {totals['silently wrong']} of {len(results)} files")
    return "\n".join(out)


PANEL_HOLDOUTS = ("two-column-narrative", "inline-bullets")
"""The panel generator's held-out families (tests/generators/panel.py), reported as one group
so that nobody reads their single misses and tunes the reader to them."""


def panel_by_layout(results: list[Result]) -> str:
    """Panel papers per layout family (text layer and scans apart): items precision and recall
    pooled over the items, and the share right of each other field."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        layout = result.truth.get("layout") or "(none)"
        layout = "HOLDOUTS (aggregate)" if layout in PANEL_HOLDOUTS else layout
        groups[layout + (" / scanned" if result.truth.get("scanned") else "")].append(result)
    fields = ("item_dates", "date", "title", "author", "recipient", "meeting", "narratives")
    out = ["\n== panel papers per layout", f"  {'layout':34s} {'papers':>6s} {'items P':>7s} {'items R':>7s} "
           + " ".join(f"{f[:10]:>10s}" for f in fields)]
    for layout in sorted(groups):
        rs = groups[layout]
        want = sum(len(r.truth["items"]) for r in rs)
        have = sum(len((r.record or {}).get("items", [])) for r in rs)
        hits = sum(round((s.value or 0) * len(r.truth["items"])) for r in rs for s in r.scores if s.field == "items")
        cells = []
        for name in fields:
            scores = [s for r in rs for s in r.scores if s.field == name]
            share = (sum(s.value if s.value is not None else s.right for s in scores) / len(scores)) if scores else None
            cells.append(f"{share:10.0%}" if share is not None else f"{'-':>10s}")
        out.append(f"  {layout:34s} {len(rs):6d} {hits / max(1, have):7.3f} {hits / max(1, want):7.3f} " + " ".join(cells))
    return "\n".join(out)


def decision_counts(results: list[Result]) -> dict[str, int]:
    """Core values right, wrong and not flagged, and in all; confidential notices recognised; open ones held."""
    counts: Counter = Counter()
    for result in results:
        core = [s for s in result.scores if s.field in CORE_FIELDS]
        counts["core"] += len(core)
        counts["right"] += sum(s.right for s in core)
        counts["wrong unflagged"] += sum(not s.right and not s.flagged for s in core)
        withheld = result.truth.get("for_publication") is False or bool(result.truth.get("withheld_parts"))
        held = bool(result.record) and (result.record.get("for_publication") is False or bool(result.record.get("withheld_parts")))
        counts["confidential"] += withheld
        counts["recognised"] += withheld and held
        counts["open"] += not withheld
        counts["open held"] += not withheld and held
    return dict(counts)


def decisions_by_layout(results: list[Result]) -> str:
    """Text-layer and scanned decisions per layout: core accuracy, wrong-and-unflagged, confidentiality."""
    groups: dict[tuple[str, bool], list[Result]] = defaultdict(list)
    for result in results:
        if result.truth["kind"] == "decision":
            groups[(result.truth.get("layout") or "(none)", bool(result.truth.get("scanned")))].append(result)
    out = ["\n== decisions per layout", f"  {'layout':28s} {'docs':>4s} {'core':>6s} {'wrong unflagged':>15s} "
           f"{'confidential recognised':>23s} {'open held':>9s}"]
    for (layout, scanned), group in sorted(groups.items()):
        out.append(_decision_line(f"{layout}{' (scanned)' if scanned else ''}", group))
    decisions = [r for r in results if r.truth["kind"] == "decision"]
    out.append(_decision_line("all", decisions))
    return "\n".join(out)


def _decision_line(name: str, results: list[Result]) -> str:
    c = decision_counts(results)
    core = c["right"] / c["core"] if c["core"] else 0.0
    return (f"  {name:28s} {len(results):4d} {core:6.1%} {c['wrong unflagged']:6d} of {c['core']:<5d} "
            f"{c['recognised']:13d} of {c['confidential']:<4d}  {c['open held']:4d} of {c['open']}")


# ---- leave one layout out -------------------------------------------------------------

LOLO_LISTS = ("labels", "narrative", "other_headings", "table_captions", "form_titles")
"""The parts of ``ingest/vocab/decision_labels.yml`` that hold spellings a template prints."""


def spellings() -> list[str]:
    """Every spelling of the decision vocabulary's lists that a layout could have taught it."""
    from ingest.decision_vocab import labels

    found = []
    for name in LOLO_LISTS:
        part = labels()[name]
        for words in part.values() if isinstance(part, dict) else [part]:
            found += words
    return found


def printed_spellings(path: Path, candidates: list[str]) -> set[str]:
    """The candidate spellings some line of a PDF's text layer starts with (after numbering)."""
    from ingest.decision_vocab import OPEN_ENDED, strip_numbering
    from ingest.pdf import read_pdf
    from opcc.core.text import comparable

    lines = [comparable(strip_numbering(line.text.strip())) for page in read_pdf(path, ocr=False).pages for line in page.lines]
    return {c for c in candidates if any(line.startswith(comparable(c).removesuffix(OPEN_ENDED)) for line in lines)}


def layout_only_spellings(documents: list[tuple[Path, dict]]) -> dict[str, set[str]]:
    """Layout -> the spellings its text notices print that no other layout's notices do."""
    candidates = spellings()
    by_layout: dict[str, set[str]] = defaultdict(set)
    for path, truth in documents:
        if truth["kind"] == "decision" and not truth.get("scanned"):
            by_layout[truth.get("layout") or "(none)"] |= printed_spellings(path, candidates)
    return {
        layout: found - set().union(*(other for name, other in by_layout.items() if name != layout))
        for layout, found in by_layout.items()
    }


def _without_spellings(removed: set[str]) -> None:
    """Worker initialiser: take spellings out of this process's copy of the decision vocabulary."""
    from ingest import decision_vocab

    data = decision_vocab.labels()
    for name in LOLO_LISTS:
        part = data[name]
        for words in part.values() if isinstance(part, dict) else [part]:
            words[:] = [w for w in words if w not in removed]
    decision_vocab._synonyms.cache_clear()
    decision_vocab.phrase_list.cache_clear()


def leave_one_layout_out(documents: list[tuple[Path, dict]]) -> tuple[list[Result], dict[str, set[str]]]:
    """Each layout's text notices, read by a vocabulary without the spellings only that layout prints."""
    only = layout_only_spellings(documents)
    results = []
    for layout, removed in sorted(only.items()):
        mine = [(p, t) for p, t in documents
                if t["kind"] == "decision" and not t.get("scanned") and (t.get("layout") or "(none)") == layout]
        results += run(mine, initializer=_without_spellings, initargs=(removed,))
    return results, only


def lolo_report(results: list[Result], only: dict[str, set[str]]) -> str:
    out = ["\n== leave one layout out (text notices; each layout without the spellings only it prints)"]
    out.append(decisions_by_layout(results).split("\n", 2)[2])
    for layout, removed in sorted(only.items()):
        out.append(f"  {layout}: {len(removed)} spellings taken out: {', '.join(sorted(removed)) or '-'}")
    return "\n".join(out)


def _mean_values(results: list[Result], kind: str, scanned: bool) -> dict[str, tuple[float, float]]:
    """Mean (ratio or recall, precision) per field of one group of documents."""
    values: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for result in results:
        if result.truth["kind"] == kind and bool(result.truth.get("scanned")) == scanned:
            for s in result.scores:
                if s.value is not None:
                    values[s.field].append((s.value, s.precision if s.precision is not None else s.value))
    return {name: (sum(v for v, _ in pairs) / len(pairs), sum(p for _, p in pairs) / len(pairs)) for name, pairs in values.items()}


def _short(value: object, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--kind", choices=["decision", "panel_report", "expenditure", "bad"])
    parser.add_argument("--misses", action="store_true", help="list every field that came out wrong")
    parser.add_argument("--min-core", type=float, help="exit 1 if text-layer decision core accuracy is below this (0-1)")
    parser.add_argument("--lolo", action="store_true", help="add the leave-one-layout-out view of decisions")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a directory")
    documents = find_documents(args.corpus, args.kind)
    if not documents:
        parser.error(f"no *.truth.json with a source file under {args.corpus}")
    results = run(documents)
    print(report(results, misses=args.misses))
    if args.lolo:
        lolo, only = leave_one_layout_out(documents)
        print(lolo_report(lolo, only))
    core = core_accuracy(results)
    if args.min_core is not None and core is not None and core < args.min_core:
        print(f"core accuracy {core:.1%} is below the required {args.min_core:.1%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
