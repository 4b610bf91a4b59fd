"""Per-family figures for a generated corpus, scored by scripts/evaluate.py.

    PYTHONPATH=. python -m tests.generators.by_family DIR [--holdout-only-aggregate]

Prints, for each layout family, the core accuracy of the text-layer notices, the share of each
core field right, and how many confidential notices came out open (or with
``for_publication`` true). With ``--holdout-only-aggregate`` the held-out families are
reported as one group, so that nobody reads their individual misses.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from .decisions import HOLDOUT_FAMILIES

ROOT = Path(__file__).resolve().parents[2]


def _evaluate_module():
    """scripts/evaluate.py, importable by name so that its worker processes can find it too."""
    for path in (str(ROOT / "scripts"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import evaluate

    return evaluate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--holdout-only-aggregate", action="store_true")
    args = parser.parse_args(argv)
    ev = _evaluate_module()
    results = ev.run(ev.find_documents(args.corpus, "decision"))
    groups: dict[str, list] = defaultdict(list)
    for r in results:
        layout = r.truth["layout"]
        if args.holdout_only_aggregate and layout in HOLDOUT_FAMILIES:
            layout = "HOLDOUT (aggregate)"
        groups[(layout, bool(r.truth.get("scanned")))].append(r)
    fields = ev.CORE_FIELDS
    print(f"{'family':28s} {'scan':4s} {'n':>3s} {'core':>6s} " + " ".join(f"{f[:9]:>9s}" for f in fields) + "  conf->open")
    for (layout, scanned), rs in sorted(groups.items()):
        right = defaultdict(int)
        for r in rs:
            for s in r.scores:
                if s.field in fields:
                    right[s.field] += s.right
        core = sum(right.values()) / (len(fields) * len(rs))
        conf = [r for r in rs if r.truth["classification"] == "confidential"]
        leaked = sum(1 for r in conf if not r.record or r.record.get("classification") != "confidential"
                     or r.record.get("for_publication") is not False)
        print(f"{layout:28s} {'yes' if scanned else 'no':4s} {len(rs):3d} {core:6.1%} "
              + " ".join(f"{right[f] / len(rs):9.0%}" for f in fields) + f"  {leaked}/{len(conf)}")
    for label, scanned in (("text-layer", False), ("scanned", True)):
        rs = [r for r in results if bool(r.truth.get("scanned")) == scanned]
        if rs:
            scores = [s.right for r in rs for s in r.scores if s.field in fields]
            conf = [r for r in rs if r.truth["classification"] == "confidential"]
            leaked = sum(1 for r in conf if not r.record or r.record.get("classification") != "confidential")
            print(f"core accuracy, all {label} notices ({len(rs)}): {sum(scores) / len(scores):.1%}; "
                  f"confidential read as open: {leaked}/{len(conf)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
