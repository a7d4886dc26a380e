"""Validate a framework definition completely before anything is written.

``validate_definition(data)`` returns every problem found, each with the path inside the file
(``items[3].criteria[0].text.th``) and a plain message. Structure is checked with the JSON schema
(``definitions/framework.schema.json`` in this package, see ``shipped``); cross-references and arithmetic are checked here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from .shipped import schema_text

WEIGHT_TOLERANCE = 1e-6


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(schema_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def format_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
}


def _schema_message(error: SchemaError) -> tuple[list[Any], str]:
    path = list(error.absolute_path)
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [*path, missing], "missing required field"
    if validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(schema.get("properties", {})))
        if extra:
            return [*path, extra[0]], "unknown field (check the spelling)"
    if validator == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else [str(n) for n in wanted]  # type: ignore[union-attr]
        hint = ""
        if "string" in names and isinstance(error.instance, int | float):
            hint = ' (write it in quotes, e.g. "1")'
        return path, "must be " + " or ".join(_TYPE_NAMES.get(n, n) for n in names) + hint
    if validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)  # type: ignore[union-attr]
        return path, f"must be one of: {choices}"
    if validator == "pattern":
        return path, f"{error.instance!r} is not allowed here (letters, digits, '.', '-', '_')"
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return path, f"{error.instance} is out of range ({validator} {error.validator_value})"
    if validator in ("minLength",):
        return path, "must not be empty"
    if validator in ("minItems",):
        return path, f"needs at least {error.validator_value} entries"
    if validator in ("maxLength",):
        return path, f"is too long (at most {error.validator_value} characters)"
    if validator in ("anyOf", "oneOf"):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        if "x-expected" in schema:
            return path, f"must be {schema['x-expected']}"
    if validator == "uniqueItems":
        return path, "lists the same entry twice"
    return path, error.message


def _schema_problems(data: Any) -> list[Problem]:
    problems = []
    for error in _validator().iter_errors(data):
        path, message = _schema_message(error)
        problems.append(Problem(format_path(path), message))
    return sorted(set(problems))


def _duplicates(entries: Sequence[Mapping[str, Any]], where: str, key: str = "id") -> list[Problem]:
    counts = Counter(e.get(key) for e in entries)
    problems = []
    seen: set[Any] = set()
    for index, entry in enumerate(entries):
        value = entry.get(key)
        if counts[value] > 1 and value in seen:
            problems.append(Problem(f"{where}[{index}].{key}", f"duplicate id {value!r}"))
        seen.add(value)
    return problems


def _check_bands(bands: Sequence[Mapping[str, Any]], where: str) -> list[Problem]:
    problems = _duplicates(bands, where)
    for index, band in enumerate(bands):
        if band["min"] >= band["max"]:
            problems.append(Problem(f"{where}[{index}]", "min must be below max"))
    if problems:
        return problems
    ordered = sorted(enumerate(bands), key=lambda pair: pair[1]["min"])
    if ordered[0][1]["min"] != 0:
        problems.append(
            Problem(f"{where}[{ordered[0][0]}].min", "the lowest band must start at 0 (gap below)")
        )
    for (_, low), (index, high) in pairwise(ordered):
        if high["min"] > low["max"]:
            problems.append(
                Problem(
                    f"{where}[{index}].min",
                    f"gap between {low['max']} and {high['min']} (no band covers it)",
                )
            )
        elif high["min"] < low["max"]:
            problems.append(
                Problem(
                    f"{where}[{index}].min",
                    f"overlaps band {low['id']!r} ({low['min']}–{low['max']})",
                )
            )
    if ordered[-1][1]["max"] != 100:
        problems.append(
            Problem(
                f"{where}[{ordered[-1][0]}].max", "the highest band must end at 100 (gap above)"
            )
        )
    return problems


def _check_period(period: Mapping[str, Any] | None, where: str) -> list[Problem]:
    """One of the two forms of periods.py: relative (fiscal_year, months) or fixed (start, end)."""
    if period is None:
        return []
    if "fiscal_year" in period:
        return [
            Problem(f"{where}.{key}", "give either fiscal_year (and months) or start and end")
            for key in ("start", "end")
            if key in period
        ]
    if "months" in period:
        return [Problem(f"{where}.months", "months goes with fiscal_year (current or previous)")]
    missing = [key for key in ("start", "end") if key not in period]
    if missing:
        return [
            Problem(
                f"{where}.{key}",
                "missing required field (or give fiscal_year: current or previous)",
            )
            for key in missing
        ]
    try:
        start = dt.date.fromisoformat(period["start"])
    except ValueError:
        return [Problem(f"{where}.start", f"{period['start']!r} is not a real date (YYYY-MM-DD)")]
    try:
        end = dt.date.fromisoformat(period["end"])
    except ValueError:
        return [Problem(f"{where}.end", f"{period['end']!r} is not a real date (YYYY-MM-DD)")]
    if end < start:
        return [Problem(f"{where}.end", "the period ends before it starts")]
    return []


def _semantic_problems(d: Mapping[str, Any]) -> list[Problem]:
    p: list[Problem] = []
    for where in ("instruments", "indicators", "sub_indicators", "scales", "questions", "items"):
        p += _duplicates(d[where], where)
    p += _duplicates(d.get("profile_questions", []), "profile_questions")

    instruments = {i["id"]: i for i in d["instruments"]}
    total_weight = sum(i["weight"] for i in d["instruments"])
    if abs(total_weight - 100) > WEIGHT_TOLERANCE:
        p.append(
            Problem("instruments", f"weights add up to {total_weight:g}, they must add up to 100")
        )
    for index, inst in enumerate(d["instruments"]):
        if inst["id"] == "OIT" and inst["respondents"] != "none":
            p.append(
                Problem(f"instruments[{index}].respondents", "OIT has no respondents: use none")
            )
        if inst["id"] != "OIT" and inst["respondents"] == "none":
            p.append(Problem(f"instruments[{index}].respondents", "a survey needs respondents"))
        sample = inst.get("sample")
        if sample and ("cap" in sample) != ("cap_above" in sample):
            p.append(Problem(f"instruments[{index}].sample", "cap and cap_above go together"))

    indicators = {i["id"]: i for i in d["indicators"]}
    for index, ind in enumerate(d["indicators"]):
        if ind["instrument"] not in instruments:
            p.append(
                Problem(
                    f"indicators[{index}].instrument",
                    f"unknown instrument {ind['instrument']!r} (not in instruments)",
                )
            )
    for inst_id in instruments:
        if not any(i["instrument"] == inst_id for i in d["indicators"]):
            p.append(Problem("indicators", f"instrument {inst_id} has no indicator"))

    subs = {s["id"]: s for s in d["sub_indicators"]}
    for index, sub in enumerate(d["sub_indicators"]):
        ind = indicators.get(sub["indicator"])
        if ind is None:
            p.append(
                Problem(
                    f"sub_indicators[{index}].indicator",
                    f"unknown indicator {sub['indicator']!r}",
                )
            )
        elif ind["instrument"] != "OIT":
            p.append(
                Problem(
                    f"sub_indicators[{index}].indicator",
                    f"indicator {sub['indicator']!r} is not an OIT indicator",
                )
            )
        parent = sub.get("parent")
        if parent is not None:
            if parent not in subs:
                p.append(
                    Problem(f"sub_indicators[{index}].parent", f"unknown sub-indicator {parent!r}")
                )
            elif subs[parent]["indicator"] != sub["indicator"]:
                p.append(
                    Problem(
                        f"sub_indicators[{index}].parent",
                        "the parent belongs to another indicator",
                    )
                )

    scales = {s["id"]: s for s in d["scales"]}
    for index, scale in enumerate(d["scales"]):
        p += _duplicates(scale["levels"], f"scales[{index}].levels", key="value")

    for index, q in enumerate(d["questions"]):
        where = f"questions[{index}]"
        ind = indicators.get(q["indicator"])
        if ind is None:
            p.append(Problem(f"{where}.indicator", f"unknown indicator {q['indicator']!r}"))
        elif ind["instrument"] != q["instrument"]:
            p.append(
                Problem(
                    f"{where}.indicator",
                    f"indicator {q['indicator']!r} belongs to {ind['instrument']}, "
                    f"not {q['instrument']}",
                )
            )
        if q["scale"] not in scales:
            p.append(Problem(f"{where}.scale", f"unknown scale {q['scale']!r}"))
        p += _duplicates(q.get("sub_items", []), f"{where}.sub_items")
    answer_keys = Counter(
        key
        for q in d["questions"]
        for key in ([s["id"] for s in q.get("sub_items", [])] or [q["id"]])
    )
    for index, q in enumerate(d["questions"]):
        for sub_index, sub in enumerate(q.get("sub_items", [])):
            if answer_keys[sub["id"]] > 1 and sub["id"] != q["id"]:
                p.append(
                    Problem(
                        f"questions[{index}].sub_items[{sub_index}].id",
                        f"duplicate answer id {sub['id']!r}",
                    )
                )
    for index, pq in enumerate(d.get("profile_questions", [])):
        if pq["id"] in answer_keys:
            p.append(Problem(f"profile_questions[{index}].id", "clashes with a question id"))
        p += _duplicates(pq["options"], f"profile_questions[{index}].options", key="value")

    for index, item in enumerate(d["items"]):
        where = f"items[{index}]"
        sub = subs.get(item["sub_indicator"])
        if sub is None:
            p.append(
                Problem(
                    f"{where}.sub_indicator", f"unknown sub-indicator {item['sub_indicator']!r}"
                )
            )
        p += _duplicates(item["criteria"], f"{where}.criteria")
        p += _check_period(item.get("period"), f"{where}.period")
    all_criteria = Counter(c["id"] for item in d["items"] for c in item["criteria"])
    for index, item in enumerate(d["items"]):
        for c_index, crit in enumerate(item["criteria"]):
            if all_criteria[crit["id"]] > 1:
                first = next(
                    (i, ci)
                    for i, it in enumerate(d["items"])
                    for ci, c in enumerate(it["criteria"])
                    if c["id"] == crit["id"]
                )
                if first != (index, c_index):
                    p.append(
                        Problem(
                            f"items[{index}].criteria[{c_index}].id",
                            f"duplicate criterion id {crit['id']!r}",
                        )
                    )
    if "OIT" in instruments and not d["items"]:
        p.append(Problem("items", "the OIT instrument has no items"))
    for inst_id in ("IIT", "EIT"):
        if inst_id in instruments and not any(q["instrument"] == inst_id for q in d["questions"]):
            p.append(Problem("questions", f"instrument {inst_id} has no questions"))
    for index, q in enumerate(d["questions"]):
        if q["instrument"] not in instruments:
            p.append(
                Problem(
                    f"questions[{index}].instrument", f"{q['instrument']} is not in instruments"
                )
            )

    scoring = d["scoring"]
    p += _check_period(scoring.get("default_period"), "scoring.default_period")
    p += _check_bands(scoring["grades"], "scoring.grades")
    p += _check_bands(scoring["ratings"], "scoring.ratings")
    rating_ids = {r["id"] for r in scoring["ratings"]}
    for index, cap in enumerate(scoring.get("rating_caps", [])):
        if cap["at_most"] not in rating_ids:
            p.append(
                Problem(
                    f"scoring.rating_caps[{index}].at_most", f"unknown rating {cap['at_most']!r}"
                )
            )
    if scoring["oit"]["fail_score"] > scoring["oit"]["pass_score"]:
        p.append(Problem("scoring.oit.fail_score", "must not be above pass_score"))

    carry = d.get("carry_forward")
    if carry:
        item_ids = {i["id"] for i in d["items"]}
        for new_id in carry["items"]:
            if new_id not in item_ids:
                p.append(
                    Problem(
                        f"carry_forward.items.{new_id}",
                        f"unknown item {new_id!r} in this framework",
                    )
                )
        if carry["from"] == d["id"]:
            p.append(Problem("carry_forward.from", "a framework cannot carry forward from itself"))
    return p


def validate_definition(data: Any) -> list[Problem]:
    """Every problem in ``data``; empty when it may be loaded."""
    if not isinstance(data, dict):
        return [Problem("", "the file must contain a mapping (id: …, version: …) at the top")]
    problems = _schema_problems(data)
    if problems:
        # Cross-checks assume the structure is right; report structure first.
        return problems
    return sorted(set(_semantic_problems(data)), key=lambda pr: (_path_key(pr.path), pr.message))


def _path_key(path: str) -> list[Any]:
    """Sort paths naturally: items[2] before items[10]."""
    import re

    return [int(tok) if tok.isdigit() else tok for tok in re.split(r"(\d+)", path)]
