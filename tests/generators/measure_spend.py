"""Per-family outcome of the readers on a generated spend corpus: refused, wrong without a review flag, wrong but flagged, exact.

    python -m tests.generators.measure_spend CORPUS_DIR [-v]

Runs :func:`ingest.extract.extract` (two worker processes) on every source file with a
``*.truth.json`` beside it. A file is *exact* when its rows (date, amount, supplier: the
keys ``scripts/evaluate.py`` scores), its total and its redacted rows all equal the truth;
otherwise it is *flagged* when the record or any row carries a ``review`` reason, else
*unflagged* (the dangerous case: wrong and silent). ``refused`` is
:class:`ingest.errors.RefusedInput`; ``kind`` is a file read as another kind of document.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("files", "refused", "error", "kind", "unflagged", "flagged", "exact")
"""Outcome counts per family; ``report`` adds the mean row recall (refused and crashed files count 0)."""


def _one(path: str):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ingest.errors import RefusedInput
    from ingest.extract import extract

    start = time.perf_counter()
    try:
        return path, "ok", extract(Path(path)).model_dump(mode="json"), None, time.perf_counter() - start
    except RefusedInput as exc:
        return path, "refused", None, str(exc), time.perf_counter() - start
    except Exception as exc:  # a crash is an outcome to count, not a reason to stop
        return path, "error", None, f"{type(exc).__name__}: {exc}", time.perf_counter() - start


def _money(value) -> str | None:
    return None if value is None else f"{Decimal(str(value)):.2f}"


def measure(corpus: Path) -> tuple[dict[str, Counter], list[str]]:
    sys.path.insert(0, str(ROOT))
    from scripts.evaluate import spend_key

    sources = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        found = [p for p in corpus.glob(stem + ".*") if not p.name.endswith(".truth.json")]
        if found:
            sources.append(found[0])
    with get_context("spawn").Pool(2, maxtasksperchild=20) as pool:
        results = pool.map(_one, [str(p) for p in sources], chunksize=1)
    table: dict[str, Counter] = defaultdict(Counter)
    notes = []
    for path, status, rec, msg, _seconds in results:
        p = Path(path)
        truth = json.loads(p.with_name(p.stem + ".truth.json").read_text(encoding="utf-8"))
        fam = truth["layout"] + (" (scanned)" if truth["scanned"] else "")
        c = table[fam]
        c["files"] += 1
        want = Counter(spend_key(r) for r in truth["rows"])
        if status != "ok":
            c[status] += 1
            notes.append(f"{p.name} {fam}: {status}: {msg}")
            continue
        if rec.get("kind") != "expenditure":
            c["kind"] += 1
            notes.append(f"{p.name} {fam}: read as {rec.get('kind')}")
            continue
        have = Counter(spend_key(r) for r in rec["rows"])
        c["recall_permille"] += round(1000 * sum((want & have).values()) / max(1, sum(want.values())))
        red_want = Counter(spend_key(r) for r in truth["rows"] if r["redacted"])
        red_have = Counter(spend_key(r) for r in rec["rows"] if r.get("redacted"))
        total_ok = truth["total"] == _money(rec.get("total"))
        if want == have and total_ok and red_want == red_have:
            c["exact"] += 1
            continue
        flagged = bool(rec.get("review")) or any(r.get("review") for r in rec["rows"])
        c["flagged" if flagged else "unflagged"] += 1
        hits = sum((want & have).values())
        reasons = [f.get("reason") for f in rec.get("review", [])][:2]
        notes.append(f"{p.name} {fam}: rows {len(truth['rows'])} got {len(rec['rows'])} matching {hits}; "
                     f"total {truth['total']} got {_money(rec.get('total'))}; redacted {'ok' if red_want == red_have else 'wrong'}; "
                     f"{'flagged ' + str(reasons) if flagged else 'NOT FLAGGED'}")
    return table, notes


def report(table: dict[str, Counter]) -> str:
    def recall(c: Counter) -> str:
        return f"{c['recall_permille'] / max(1, c['files']) / 1000:9.3f}"

    lines = [f"{'family':36s} " + " ".join(f"{c:>9s}" for c in COLUMNS) + "    recall"]
    total = Counter()
    for fam in sorted(table):
        lines.append(f"{fam:36s} " + " ".join(f"{table[fam][c]:9d}" for c in COLUMNS) + " " + recall(table[fam]))
        total.update(table[fam])
    lines.append(f"{'all':36s} " + " ".join(f"{total[c]:9d}" for c in COLUMNS) + " " + recall(total))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(next(a for a in args if not a.startswith("-")))
    table, notes = measure(corpus)
    print(report(table))
    if "-v" in args:
        print("\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
