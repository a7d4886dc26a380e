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

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
    "string": gettext_lazy("text"),
    "integer": gettext_lazy("a whole number"),
    "number": gettext_lazy("a number"),
    "object": gettext_lazy("a mapping (key: value)"),
    "array": gettext_lazy("a list"),
    "boolean": gettext_lazy("true or false"),
}


def _schema_message(error: SchemaError) -> tuple[list[Any], str]:
    path = list(error.absolute_path)
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [*path, missing], _("missing required field")
    if validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(schema.get("properties", {})))
        if extra:
            return [*path, extra[0]], _("unknown field (check the spelling)")
    if validator == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else [str(n) for n in wanted]  # type: ignore[union-attr]
        kinds = _(" or ").join(str(_TYPE_NAMES.get(n, n)) for n in names)
        if "string" in names and isinstance(error.instance, int | float):
            return path, _('must be %(kinds)s (write it in quotes, e.g. "1")') % {"kinds": kinds}
        return path, _("must be %(kinds)s") % {"kinds": kinds}
    if validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)  # type: ignore[union-attr]
        return path, _("must be one of: %(choices)s") % {"choices": choices}
    if validator == "pattern":
        return path, _("%(instance)s is not allowed here (letters, digits, '.', '-', '_')") % {
            "instance": repr(error.instance)
        }
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return path, _("%(instance)s is out of range (%(validator)s %(validator_value)s)") % {
            "instance": error.instance,
            "validator": validator,
            "validator_value": error.validator_value,
        }
    if validator in ("minLength",):
        return path, _("must not be empty")
    if validator in ("minItems",):
        return path, _("needs at least %(validator_value)s entries") % {
            "validator_value": error.validator_value
        }
    if validator in ("maxLength",):
        return path, _("is too long (at most %(validator_value)s characters)") % {
            "validator_value": error.validator_value
        }
    if validator in ("anyOf", "oneOf"):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        if "x-expected" in schema:
            return path, _("must be %(schema_x_expected)s") % {
                "schema_x_expected": schema["x-expected"]
            }
    if validator == "uniqueItems":
        return path, _("lists the same entry twice")
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
            problems.append(
                Problem(
                    f"{where}[{index}].{key}", _("duplicate id %(value)s") % {"value": repr(value)}
                )
            )
        seen.add(value)
    return problems


def _check_bands(bands: Sequence[Mapping[str, Any]], where: str) -> list[Problem]:
    problems = _duplicates(bands, where)
    for index, band in enumerate(bands):
        if band["min"] >= band["max"]:
            problems.append(Problem(f"{where}[{index}]", _("min must be below max")))
    if problems:
        return problems
    ordered = sorted(enumerate(bands), key=lambda pair: pair[1]["min"])
    if ordered[0][1]["min"] != 0:
        problems.append(
            Problem(
                f"{where}[{ordered[0][0]}].min", _("the lowest band must start at 0 (gap below)")
            )
        )
    for (_low_index, low), (index, high) in pairwise(ordered):
        if high["min"] > low["max"]:
            problems.append(
                Problem(
                    f"{where}[{index}].min",
                    _("gap between %(low_max)s and %(high_min)s (no band covers it)")
                    % {"low_max": low["max"], "high_min": high["min"]},
                )
            )
        elif high["min"] < low["max"]:
            problems.append(
                Problem(
                    f"{where}[{index}].min",
                    _("overlaps band %(low_id)s (%(low_min)s–%(low_max)s)")
                    % {"low_id": repr(low["id"]), "low_min": low["min"], "low_max": low["max"]},
                )
            )
    if ordered[-1][1]["max"] != 100:
        problems.append(
            Problem(
                f"{where}[{ordered[-1][0]}].max", _("the highest band must end at 100 (gap above)")
            )
        )
    return problems


def _check_period(period: Mapping[str, Any] | None, where: str) -> list[Problem]:
    """One of the two forms of periods.py: relative (fiscal_year, months) or fixed (start, end)."""
    if period is None:
        return []
    if "fiscal_year" in period:
        return [
            Problem(f"{where}.{key}", _("give either fiscal_year (and months) or start and end"))
            for key in ("start", "end")
            if key in period
        ]
    if "months" in period:
        return [Problem(f"{where}.months", _("months goes with fiscal_year (current or previous)"))]
    missing = [key for key in ("start", "end") if key not in period]
    if missing:
        return [
            Problem(
                f"{where}.{key}",
                _("missing required field (or give fiscal_year: current or previous)"),
            )
            for key in missing
        ]
    try:
        start = dt.date.fromisoformat(period["start"])
    except ValueError:
        return [
            Problem(
                f"{where}.start",
                _("%(start)s is not a real date (YYYY-MM-DD)") % {"start": repr(period["start"])},
            )
        ]
    try:
        end = dt.date.fromisoformat(period["end"])
    except ValueError:
        return [
            Problem(
                f"{where}.end",
                _("%(end)s is not a real date (YYYY-MM-DD)") % {"end": repr(period["end"])},
            )
        ]
    if end < start:
        return [Problem(f"{where}.end", _("the period ends before it starts"))]
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
            Problem(
                "instruments",
                _("weights add up to %(total_weight)s, they must add up to 100")
                % {"total_weight": format(total_weight, "g")},
            )
        )
    for index, inst in enumerate(d["instruments"]):
        if inst["id"] == "OIT" and inst["respondents"] != "none":
            p.append(
                Problem(f"instruments[{index}].respondents", _("OIT has no respondents: use none"))
            )
        if inst["id"] != "OIT" and inst["respondents"] == "none":
            p.append(Problem(f"instruments[{index}].respondents", _("a survey needs respondents")))
        sample = inst.get("sample")
        if sample and ("cap" in sample) != ("cap_above" in sample):
            p.append(Problem(f"instruments[{index}].sample", _("cap and cap_above go together")))

    indicators = {i["id"]: i for i in d["indicators"]}
    for index, ind in enumerate(d["indicators"]):
        if ind["instrument"] not in instruments:
            p.append(
                Problem(
                    f"indicators[{index}].instrument",
                    _("unknown instrument %(instrument)s (not in instruments)")
                    % {"instrument": repr(ind["instrument"])},
                )
            )
    for inst_id in instruments:
        if not any(i["instrument"] == inst_id for i in d["indicators"]):
            p.append(
                Problem("indicators", _("instrument %(id)s has no indicator") % {"id": inst_id})
            )

    subs = {s["id"]: s for s in d["sub_indicators"]}
    for index, sub in enumerate(d["sub_indicators"]):
        ind = indicators.get(sub["indicator"])
        if ind is None:
            p.append(
                Problem(
                    f"sub_indicators[{index}].indicator",
                    _("unknown indicator %(indicator)s") % {"indicator": repr(sub["indicator"])},
                )
            )
        elif ind["instrument"] != "OIT":
            p.append(
                Problem(
                    f"sub_indicators[{index}].indicator",
                    _("indicator %(indicator)s is not an OIT indicator")
                    % {"indicator": repr(sub["indicator"])},
                )
            )
        parent = sub.get("parent")
        if parent is not None:
            if parent not in subs:
                p.append(
                    Problem(
                        f"sub_indicators[{index}].parent",
                        _("unknown sub-indicator %(parent)s") % {"parent": repr(parent)},
                    )
                )
            elif subs[parent]["indicator"] != sub["indicator"]:
                p.append(
                    Problem(
                        f"sub_indicators[{index}].parent",
                        _("the parent belongs to another indicator"),
                    )
                )

    scales = {s["id"]: s for s in d["scales"]}
    for index, scale in enumerate(d["scales"]):
        p += _duplicates(scale["levels"], f"scales[{index}].levels", key="value")

    for index, q in enumerate(d["questions"]):
        where = f"questions[{index}]"
        ind = indicators.get(q["indicator"])
        if ind is None:
            p.append(
                Problem(
                    f"{where}.indicator",
                    _("unknown indicator %(indicator)s") % {"indicator": repr(q["indicator"])},
                )
            )
        elif ind["instrument"] != q["instrument"]:
            p.append(
                Problem(
                    f"{where}.indicator",
                    _("indicator %(indicator)s belongs to %(instrument)s, not %(instrument2)s")
                    % {
                        "indicator": repr(q["indicator"]),
                        "instrument": ind["instrument"],
                        "instrument2": q["instrument"],
                    },
                )
            )
        if q["scale"] not in scales:
            p.append(
                Problem(
                    f"{where}.scale", _("unknown scale %(scale)s") % {"scale": repr(q["scale"])}
                )
            )
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
                        _("duplicate answer id %(id)s") % {"id": repr(sub["id"])},
                    )
                )
    for index, pq in enumerate(d.get("profile_questions", [])):
        if pq["id"] in answer_keys:
            p.append(Problem(f"profile_questions[{index}].id", _("clashes with a question id")))
        p += _duplicates(pq["options"], f"profile_questions[{index}].options", key="value")

    for index, item in enumerate(d["items"]):
        where = f"items[{index}]"
        sub = subs.get(item["sub_indicator"])
        if sub is None:
            p.append(
                Problem(
                    f"{where}.sub_indicator",
                    _("unknown sub-indicator %(sub_indicator)s")
                    % {"sub_indicator": repr(item["sub_indicator"])},
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
                            _("duplicate criterion id %(id)s") % {"id": repr(crit["id"])},
                        )
                    )
    if "OIT" in instruments and not d["items"]:
        p.append(Problem("items", _("the OIT instrument has no items")))
    for inst_id in ("IIT", "EIT"):
        if inst_id in instruments and not any(q["instrument"] == inst_id for q in d["questions"]):
            p.append(
                Problem("questions", _("instrument %(id)s has no questions") % {"id": inst_id})
            )
    for index, q in enumerate(d["questions"]):
        if q["instrument"] not in instruments:
            p.append(
                Problem(
                    f"questions[{index}].instrument",
                    _("%(instrument)s is not in instruments") % {"instrument": q["instrument"]},
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
                    f"scoring.rating_caps[{index}].at_most",
                    _("unknown rating %(at_most)s") % {"at_most": repr(cap["at_most"])},
                )
            )
    if scoring["oit"]["fail_score"] > scoring["oit"]["pass_score"]:
        p.append(Problem("scoring.oit.fail_score", _("must not be above pass_score")))

    carry = d.get("carry_forward")
    if carry:
        item_ids = {i["id"] for i in d["items"]}
        for new_id in carry["items"]:
            if new_id not in item_ids:
                p.append(
                    Problem(
                        f"carry_forward.items.{new_id}",
                        _("unknown item %(new_id)s in this framework") % {"new_id": repr(new_id)},
                    )
                )
        if carry["from"] == d["id"]:
            p.append(
                Problem("carry_forward.from", _("a framework cannot carry forward from itself"))
            )
    return p


def validate_definition(data: Any) -> list[Problem]:
    """Every problem in ``data``; empty when it may be loaded."""
    if not isinstance(data, dict):
        return [Problem("", _("the file must contain a mapping (id: …, version: …) at the top"))]
    problems = _schema_problems(data)
    if problems:
        # Cross-checks assume the structure is right; report structure first.
        return problems
    return sorted(set(_semantic_problems(data)), key=lambda pr: (_path_key(pr.path), pr.message))


def _path_key(path: str) -> list[Any]:
    """Sort paths naturally: items[2] before items[10]."""
    import re

    return [int(tok) if tok.isdigit() else tok for tok in re.split(r"(\d+)", path)]
