"""Shared measuring tools for the benchmark sections: wall time and peak memory of a child process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def in_child(code: str, *args: str) -> dict:
    """Run Python ``code`` in a fresh process; returns its JSON result plus seconds and peak RSS (MiB).

    A fresh process per measurement keeps one stage's memory out of the next one's figure.
    """
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else {}
    out.update(seconds=round(seconds, 2), peak_rss_mib_all_children=round(usage.ru_maxrss / 1024, 1))
    return out
