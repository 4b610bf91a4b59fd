"""Spend returns from the generator (tests/generators/spend.py) on a fresh random seed every run.

The seed is printed, so a failure can be made again with ``python -m tests.generators.spend
OUT --seed N``. Every family but the holdouts is read, one return each, text layer only (the
scanned ones are measured by scripts/evaluate.py, being slow): no return may be wrong without
a flag, and the amounts must be read with recall well above the threshold.
"""

from __future__ import annotations

import json
import random
from collections import Counter

from ingest.extract import extract
from tests.generators import spend as generator

MIN_AMOUNT_RECALL = 0.9
"""Mean share of each return's amounts read, over the returns not refused (measured 0.97-1.0 over fresh seeds)."""
MAX_REFUSED_SHARE = 0.35
"""A refusal is a clear one-line error, not a silent loss; still, most returns must be read."""


def test_generated_returns_on_a_fresh_seed_are_read_and_none_is_wrong_without_a_flag(tmp_path, evaluate):
    seed = random.SystemRandom().randrange(1, 10**9)
    print(f"generator seed {seed}")
    families = [f for f in generator.FAMILIES if f not in generator.HOLDOUT_FAMILIES]
    paths = generator.write_corpus(tmp_path, seed, len(families), families=families)
    outcomes, recalls = Counter(), []
    for path in paths:
        truth = json.loads(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json").read_text(encoding="utf-8"))
        try:
            record, error = extract(path).model_dump(mode="json"), None
        except Exception as exc:  # noqa: BLE001 - the outcome says refused or wrong
            record, error = None, type(exc).__name__
        outcome = evaluate.spend_outcome(truth, record, error)
        outcomes[outcome] += 1
        assert outcome != "silently wrong", f"seed {seed}: {path.name} ({truth['layout']}) is wrong without a flag"
        if record is None:
            continue
        want = Counter(row["amount"] for row in truth["rows"])
        have = Counter(row["amount"] for row in record.get("rows", []))
        recalls.append(sum((want & have).values()) / max(1, sum(want.values())))
    print(f"seed {seed}: {dict(outcomes)}")
    assert outcomes["refused"] <= MAX_REFUSED_SHARE * len(paths), f"seed {seed}: {dict(outcomes)}"
    assert sum(recalls) / len(recalls) >= MIN_AMOUNT_RECALL, f"seed {seed}: amount recall {recalls}"
