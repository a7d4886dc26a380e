"""Scoring at national scale (issue 3, point 5; issue 5, point 5).

1. The pure calculator over 8,300 units whose tallies add up to 1.35 million responses, against a
   baseline measured in the same run: one pass that only reads every tally count (the least any
   scorer must do with the same input); once with the shipped rule (item-first, written
   ``mean-of-means``) and once with the same framework set to respondent-first (which also reads
   the partly answered respondents' patterns: up to 5% leave each sub-item blank).
2. Rescoring one unit: the calculator alone, and the full service path (read inputs from the
   database, compute, store the snapshot) on the demo-like unit.
3. National rescoring from stored data (tallies and OIT reviews in the database) with
   ``prongsai.scoring.national.rescore_all`` on SQLite and on PostgreSQL, against a baseline that
   only streams the same rows.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.common import setup_django, table, timed, write_result
from prongsai.frameworks.shipped import definition_path


def _pure(spec: Any, units: list[Any]) -> dict[str, Any]:
    from prongsai.scoring.calculator import score

    inputs = [u.scoring_input() for u in units]

    def baseline() -> int:
        total = 0
        for data in inputs:
            for tally in data.surveys.values():
                for levels in tally.counts.values():
                    for count in levels.values():
                        total += count
                for patterns in tally.partial.values():
                    for count in patterns.values():
                        total += count
            total += sum(len(r.criteria) for r in data.reviews.values())
        return total

    def everything() -> None:
        for data in inputs:
            score(spec, data)

    base, _ = timed(baseline, repeat=3)
    full, runs = timed(everything, repeat=3)
    one, _ = timed(lambda: score(spec, inputs[0]), repeat=200)
    responses = sum(u.iit.respondents + u.eit.respondents for u in units)
    return {
        "units": len(units),
        "responses": responses,
        "calculator_seconds": round(full, 3),
        "calculator_runs": [round(r, 3) for r in runs],
        "baseline_read_seconds": round(base, 3),
        "ratio_to_baseline": round(full / base, 1),
        "one_unit_ms": round(one * 1000, 3),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=8_300)
    parser.add_argument("--responses", type=int, default=1_350_000)
    args = parser.parse_args(argv)

    setup_django()

    from bench.national_data import national_inputs
    from prongsai.frameworks.loader import read_definition
    from prongsai.frameworks.spec import FrameworkSpec

    definition, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems
    spec = FrameworkSpec.from_definition(definition)
    definition["scoring"]["aggregation"] = "respondent-first"
    respondent_first = FrameworkSpec.from_definition(definition)
    started = time.perf_counter()
    units = national_inputs(spec, units=args.units, responses=args.responses)
    generated = time.perf_counter() - started
    pure = _pure(spec, units)
    pure_rf = _pure(respondent_first, units)
    partial_rows = sum(
        len(patterns)
        for u in units
        for tally in (u.iit, u.eit)
        for patterns in tally.partial.values()
    )
    result: dict[str, Any] = {
        "generation_seconds": round(generated, 1),
        "pure": pure,
        "pure_respondent_first": pure_rf,
        "partial_pattern_rows": partial_rows,
    }
    print("\n== Scoring: pure calculator, national scale ==")
    rows = []
    for name, p in (("item-first", pure), ("respondent-first", pure_rf)):
        rows.append(
            [
                f"all units, {name}",
                f"{p['units']:,}",
                f"{p['responses']:,}",
                f"{p['calculator_seconds']} s",
                f"{p['baseline_read_seconds']} s",
                f"{p['ratio_to_baseline']}×",
            ]
        )
        rows.append([f"one unit, {name}", "1", "", f"{p['one_unit_ms']} ms", "", ""])
    print(table(rows, ["what", "units", "responses", "time", "baseline (read only)", "ratio"]))
    print(f"partly answered pattern rows: {partial_rows:,}")
    write_result("scoring_national", result)
    return result


if __name__ == "__main__":
    main()
