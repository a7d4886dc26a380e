"""`make bench`: run every benchmark, print a summary and write bench/results/*.json.

Benchmarks measure; they never fail the build. Each module reports ratios against a baseline it
measures in the same run. Only some of them: ``bench/run.py surveys`` (names or their beginnings,
e.g. ``make bench BENCH=surveys``); arguments after ``--`` go to each module
(``make bench BENCH=surveys BENCH_ARGS=--quick``). One module alone, directly:
``.venv/bin/python -m bench.<module>``.
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
    "complaints_bench",
    "reports_bench",
    "documents_bench",
    "prechecks_bench",
    "rollup_bench",
    "api_bench",
    "website_bench",
    "records_bench",
    "opendata_bench",
]


def selected(wanted: list[str]) -> list[str]:
    """The modules named (or begun) by ``wanted``, in run order; all of them when it is empty."""
    if not wanted:
        return list(MODULES)
    unknown = [w for w in wanted if not any(m.startswith(w) for m in MODULES)]
    if unknown:
        raise SystemExit(f"no benchmark named {', '.join(unknown)} (known: {', '.join(MODULES)})")
    return [m for m in MODULES if any(m.startswith(w) for w in wanted)]


def main(argv: list[str]) -> int:
    names, extra = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    started = time.perf_counter()
    failures = []
    for name in selected(names):
        if importlib.util.find_spec(f"bench.{name}") is None:
            continue
        print(f"\n######## bench.{name} ########", flush=True)
        code = subprocess.call([sys.executable, "-m", f"bench.{name}", *extra], cwd=ROOT)
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
    sys.exit(main(sys.argv[1:]))
