#!/usr/bin/env python3
"""Benchmarks: speed and memory of every stage, measured here and never in the tests.

    scripts/bench.py [SECTION ...] [--corpus DIR]

Each section is a module in scripts/benchmarks/ with ``run(corpus) -> dict``;
with no SECTION all of them run. Timings on a shared 2-vCPU machine vary by
about 20%: compare figures from the same run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = sorted(p.stem for p in (HERE / "benchmarks").glob("*.py") if not p.stem.startswith("_"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", choices=[[], *SECTIONS], metavar="SECTION", help=", ".join(SECTIONS))
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus",
                        help="the corpus with ground truth (default: ../shared/corpus)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    corpus = args.corpus if args.corpus.exists() else None
    for name in args.sections or SECTIONS:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {name}", flush=True)
        print(json.dumps(module.run(corpus), indent=2, default=str), flush=True)


if __name__ == "__main__":
    main()
