#!/usr/bin/env python3
"""Fill a project's data/ with many decisions for the site benchmark (default 1,500).

    scripts/make_large_decisions.py PROJECT_DIR [--count 1500] [--corpus DIR]

Each decision is a corpus (or bundled sample) truth record with a new reference,
date and title, written straight as YAML through ``Store.write_record`` (no PDF
parsing: this measures the site, not ingest). Withheld decisions are split by the
gate exactly as ingest splits them: the public stub in data/, the record in the
private store. Deterministic: the same count gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from opcc import gate
from opcc.core.kinds.decision import Decision
from opcc.core.settings import load_settings
from opcc.store import Store, record_relpath

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "decisions"
TRUTH_ONLY_KEYS = {"layout", "scanned", "canary"}  # truth-file keys that are not record fields
FIRST_DATE = dt.date(2014, 4, 1)
DAYS_SPREAD = 3650  # dates cycle over ten years, like the large spend set


def templates(corpus: Path) -> list[Decision]:
    folders = [corpus, REPO / "samples" / "decisions"]
    truths = sorted(p for folder in folders if folder.exists() for p in folder.glob("*.truth.json"))
    records = []
    for path in truths:
        data = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k not in TRUTH_ONLY_KEYS}
        if data.get("kind") == "decision":
            records.append(Decision.model_validate(data))
    if not records:
        raise SystemExit(f"no decision truth files in {corpus} or samples/decisions")
    return records


def make(project: Path, count: int, corpus: Path = DEFAULT_CORPUS) -> int:
    settings = load_settings(project / "opcc.yml")
    store = Store(settings)
    bases = templates(corpus)
    for i in range(count):
        base = bases[i % len(bases)]
        date = FIRST_DATE + dt.timedelta(days=(i * 7919) % DAYS_SPREAD)  # a prime stride spreads the dates
        record = base.model_copy(update={
            "reference": f"BENCH/{date.year}/{i:04d}",
            "title": f"{base.title or 'Decision'} ({i})",
            "body": settings.body.name,
            "decision_date": date,
            "sources": [],
            "provenance": {},
        })
        public, withheld = gate.split_for_storage(record)
        relpath = record_relpath(record, settings)
        store.write_record(store.public, relpath, public)
        if withheld is not None:
            store.write_record(store.private, relpath, withheld)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="folder holding opcc.yml")
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    print(f"{make(args.project, args.count, args.corpus)} decisions written under {args.project / 'data'}")


if __name__ == "__main__":
    main()
