"""`make bench`: run every benchmark, print a summary and write bench/results/*.json.

Benchmarks measure; they never fail the build. Each module reports ratios against a baseline it
measures in the same run. Run one alone with ``.venv/bin/python -m bench.<module>``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each runs in its own process: they configure Django for different databases.
MODULES = [
    "scoring_national",
    "scoring_stored",
    "surveys_ladder",
    "reports_bench",
    "documents_bench",
]


def main() -> int:
    started = time.perf_counter()
    failures = []
    for name in MODULES:
        if importlib.util.find_spec(f"bench.{name}") is None:
            continue
        print(f"\n######## bench.{name} ########", flush=True)
        code = subprocess.call([sys.executable, "-m", f"bench.{name}"], cwd=ROOT)
        if code:
            failures.append(name)
    print(
        f"\nbenchmarks finished in {time.perf_counter() - started:.0f} s; results in bench/results/"
    )
    if failures:
        print("failed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
