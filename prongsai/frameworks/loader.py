"""Read framework files (YAML) and load them, all or nothing.

``read_definition(path)`` parses a file into a dict (or problems with line and column);
``framework_load`` validates everything and only then writes, in one transaction. Loading the same
content twice changes nothing; a corrected framework is a new version (a new framework row).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record

from .models import Criterion, Framework, Indicator, Item, SubIndicator
from .spec import FrameworkSpec
from .validation import Problem, validate_definition


class FrameworkInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


MAX_DEPTH = 64  # framework files nest about eight levels; PyYAML composes recursively
MAX_NUMBER_DIGITS = 30  # weights, scores and years; Python refuses ints over 4,300 digits


class _Refused(yaml.MarkedYAMLError):
    """A construct framework files never need and that could exhaust the server."""


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML without surprises: dates stay text, duplicate keys are errors; no aliases
    (``*name`` can expand exponentially), no nesting deeper than :data:`MAX_DEPTH`, no numbers
    longer than :data:`MAX_NUMBER_DIGITS` digits."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(None, None, _("aliases (*name) are not allowed"), event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    None,
                    None,
                    _("the file is nested more than %(max)s levels deep") % {"max": MAX_DEPTH},
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Remove the implicit timestamp resolver: "2023-10-01" must stay a string for the schema.
_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            mark = key_node.start_mark
            problem = _("duplicate key %(key)s") % {"key": repr(key)}
            raise yaml.constructor.ConstructorError(None, None, problem, mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _construct_number(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_NUMBER_DIGITS:
        raise _Refused(
            None,
            None,
            _("a number with %(n)s digits (at most %(max)s)")
            % {"n": f"{digits:,}", "max": MAX_NUMBER_DIGITS},
            node.start_mark,
        )
    if node.tag.endswith(":int"):
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if value != value or value in (float("inf"), float("-inf")):
        raise _Refused(None, None, _("not a finite number"), node.start_mark)
    return value


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)


def parse_yaml(text: str) -> tuple[Any, list[Problem]]:
    try:
        return yaml.load(text, Loader=_StrictLoader), []  # noqa: S506 (a SafeLoader subclass)
    except RecursionError:  # belt and braces: MAX_DEPTH stops composing long before
        return None, [Problem("", _("the file is nested too deeply"))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            _("line %(line)s, column %(column)s")
            % {"line": mark.line + 1, "column": mark.column + 1}
            if mark
            else ""
        )
        if isinstance(exc, _Refused):
            return None, [Problem(where, str(exc.problem))]
        return None, [
            Problem(
                where,
                _("not valid YAML: %(problem_or_exc)s") % {"problem_or_exc": exc.problem or exc},
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem("", _("not valid YAML: %(exc)s") % {"exc": exc})]


def read_definition(path: Path) -> tuple[Any, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem("", _("the file is not UTF-8 text"))]
    except OSError as exc:
        return None, [
            Problem("", _("cannot read the file: %(strerror)s") % {"strerror": exc.strerror})
        ]
    return parse_yaml(text)


def definition_checksum(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    created: bool


def _database_problems(data: dict[str, Any], checksum: str) -> list[Problem]:
    problems: list[Problem] = []
    existing = Framework.objects.filter(code=data["id"], version=data["version"]).first()
    if existing is not None and existing.checksum != checksum:
        problems.append(
            Problem(
                "version",
                _(
                    "version %(version)s of %(id)s is already loaded with different content; give the corrected file a new version number"
                )
                % {"version": data["version"], "id": data["id"]},
            )
        )
    carry = data.get("carry_forward")
    if carry:
        older = Framework.objects.filter(code=carry["from"]).order_by("-version").first()
        if older is None:
            problems.append(
                Problem(
                    "carry_forward.from",
                    _("framework %(from)s is not loaded; load it first")
                    % {"from": repr(carry["from"])},
                )
            )
        else:
            old_items = set(older.items.values_list("code", flat=True))
            for new_id, old_ids in carry["items"].items():
                for old_id in [old_ids] if isinstance(old_ids, str) else old_ids:
                    if old_id not in old_items:
                        problems.append(
                            Problem(
                                f"carry_forward.items.{new_id}",
                                _("%(from)s has no item %(old_id)s")
                                % {"from": carry["from"], "old_id": repr(old_id)},
                            )
                        )
    return problems


def check_definition(data: Any) -> list[Problem]:
    """All problems, including those that depend on what is already loaded."""
    problems = validate_definition(data)
    if problems:
        return problems
    return _database_problems(data, definition_checksum(data))


@transaction.atomic
def framework_load(*, actor: Any, data: Any, source_name: str = "") -> LoadResult:
    problems = check_definition(data)
    if problems:
        raise FrameworkInvalid(problems)
    checksum = definition_checksum(data)
    existing = Framework.objects.filter(code=data["id"], version=data["version"]).first()
    if existing is not None:
        return LoadResult(existing, created=False)
    spec = FrameworkSpec.from_definition(data)
    carry_from = None
    if spec.carry_forward_from:
        carry_from = (
            Framework.objects.filter(code=spec.carry_forward_from).order_by("-version").first()
        )
    framework = Framework.objects.create(
        code=spec.id,
        version=spec.version,
        year=spec.year,
        variant=spec.variant,
        status=spec.status,
        title_th=spec.title.th,
        title_en=spec.title.en,
        definition=data,
        checksum=checksum,
        source_name=source_name[:300],
        carry_forward_from=carry_from,
    )
    indicators = {}
    for position, ind in enumerate(spec.indicators):
        indicators[ind.id] = Indicator.objects.create(
            framework=framework,
            code=ind.id,
            instrument=ind.instrument,
            title_th=ind.title.th,
            title_en=ind.title.en,
            position=position,
        )
    subs: dict[str, SubIndicator] = {}
    for position, sub in enumerate(spec.sub_indicators):
        subs[sub.id] = SubIndicator.objects.create(
            framework=framework,
            code=sub.id,
            indicator=indicators[sub.indicator],
            title_th=sub.title.th,
            title_en=sub.title.en,
            position=position,
        )
    for sub in spec.sub_indicators:
        if sub.parent:
            SubIndicator.objects.filter(pk=subs[sub.id].pk).update(parent=subs[sub.parent])
    criteria = []
    for position, item in enumerate(spec.items):
        # The item row keeps the dates of the framework's own year; an assessment of another
        # year resolves its own (FrameworkSpec.item_period_for).
        period = spec.item_period_for(item.id, spec.year)
        row = Item.objects.create(
            framework=framework,
            code=item.id,
            stable_id=spec.stable_id(item.id),
            indicator=indicators[spec.item_indicator(item)],
            sub_indicator=subs[item.sub_indicator],
            title_th=item.title.th,
            title_en=item.title.en,
            description_th=item.description.th if item.description else "",
            description_en=item.description.en if item.description else "",
            period_start=period.start if period else None,
            period_end=period.end if period else None,
            position=position,
        )
        criteria += [
            Criterion(
                item=row,
                code=crit.id,
                stable_id=spec.stable_id(crit.id),
                text_th=crit.text.th,
                text_en=crit.text.en,
                position=c_pos,
            )
            for c_pos, crit in enumerate(item.criteria)
        ]
    Criterion.objects.bulk_create(criteria)
    audit_record(
        actor=actor,
        action="framework.load",
        obj=framework,
        changes={
            "code": spec.id,
            "version": spec.version,
            "checksum": checksum,
            "source": source_name,
            "items": len(spec.items),
            "questions": len(spec.questions),
        },
    )
    return LoadResult(framework, created=True)
