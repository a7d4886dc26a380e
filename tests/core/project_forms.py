"""Every form of the project, instantiated, so that tests can hold each of its fields to the
rules every text field follows (prongsai/core/form_fields.py).

Found without a list: every ``django.forms.BaseForm`` subclass defined in a ``prongsai`` module
(all modules are imported first) and every ``form_class`` of a class-based view routed in
``config/urls.py`` (Django's log-in and password forms). A form whose constructor needs a keyword
is built with a value from ``ARGUMENTS``, by the keyword's *name*; a new name fails the tests
with a message saying where to add it (as tests/route_values.py does for URL kwargs).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

import prongsai


def _import_everything() -> None:
    for module in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".migrations" in module.name or module.name.endswith(".tests"):
            continue
        importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _routed_form_classes() -> set[type]:
    found: set[type] = set()

    def walk(patterns: list[Any]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name != "admin":
                    walk(entry.url_patterns)
            elif isinstance(entry, URLPattern):
                view_class = getattr(entry.callback, "view_class", None)
                form_class = getattr(view_class, "form_class", None)
                if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
                    found.add(form_class)

    walk(get_resolver().url_patterns)
    return found


def project_form_classes() -> list[type[forms.BaseForm]]:
    _import_everything()
    ours = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("prongsai.") and not inspect.isabstract(cls)
    }
    return sorted(ours | _routed_form_classes(), key=lambda c: f"{c.__module__}.{c.__qualname__}")


# --- constructor arguments by keyword name ------------------------------------------------------
def _criteria(world: Any) -> list[Any]:
    from prongsai.frameworks.models import Criterion

    return list(Criterion.objects.filter(item__framework=world.assessment.framework)[:2])


def _members(world: Any) -> Any:
    return get_user_model().objects.filter(memberships__unit=world.tree.unit)


def _role_choices() -> list[tuple[str, str]]:
    from prongsai.organizations.models import Role

    return [(role.value, role.value) for role in Role]


def _plan_fields() -> Any:
    from prongsai.measures.importing import PLAN_FIELDS

    return PLAN_FIELDS


def _frameworks(world: Any) -> Any:
    from prongsai.frameworks.models import Framework

    return Framework.objects.all()


def _risk_scheme() -> Any:
    from prongsai.risks.schemes import shipped_scheme

    return shipped_scheme("default")


def _risk_register(world: Any) -> Any:
    from prongsai.risks.services import register_open

    return register_open(actor="tests", assessment=world.assessment, start="empty")


def _stat_series(world: Any) -> Any:
    from prongsai.records.models import StatSeries
    from prongsai.records.services import stat_series_save

    found = StatSeries.objects.filter(unit=world.tree.unit, year=2567).first()
    return [found or stat_series_save(actor="tests", unit=world.tree.unit, year=2567, name="จับกุม")]


def _budget_lines(world: Any) -> Any:
    from decimal import Decimal

    from prongsai.records.models import BudgetLine
    from prongsai.records.services import budget_line_save

    found = BudgetLine.objects.filter(unit=world.tree.unit, year=2567).first()
    return [
        found
        or budget_line_save(
            actor="tests", unit=world.tree.unit, year=2567, name="ค่าวัสดุ", planned=Decimal(1)
        )
    ]


# Each builder returns the list of values to try (a form whose fields depend on the value, such as
# EvidenceEditForm's ``kind``, is checked once per value).
ARGUMENTS: dict[str, Callable[[Any], list[Any]]] = {
    "assessment": lambda w: [w.assessment],
    "criteria": lambda w: [_criteria(w), []],
    "members": lambda w: [_members(w)],
    "units": lambda w: [[w.tree.unit, w.tree.sibling]],
    "kind": lambda w: ["link", "file", "page"],
    "frameworks": lambda w: [_frameworks(w)],
    "user": lambda w: [w.people.editor],
    "role_choices": lambda w: [_role_choices()],
    "years": lambda w: [[2567, 2568]],
    "columns": lambda w: [[]],  # the column-mapping form: one choice per column, no text
    "fieldset": lambda w: [_plan_fields()],
    "levels": lambda w: [[0, 1, 2]],  # the roll-up's filter form: levels and kinds present
    "kinds": lambda w: [["bureau", "division", "office"]],
    "handlers": lambda w: [[(str(w.people.handler.pk), "handler")]],  # complaint assignment
    # risks: the register's scheme (likelihood/impact choices), the register (its members), the
    # start form's "copy last year" choice.
    "scheme": lambda w: [_risk_scheme()],
    "register": lambda w: [_risk_register(w)],
    "can_copy": lambda w: [True, False],
    "previous_year": lambda w: [2566],
    "year": lambda w: [2567],  # records: the fiscal year's months
    "stat_series": lambda w: [_stat_series(w)],  # records: one number per series
    "budget_lines": lambda w: [_budget_lines(w)],  # records: planned/spent per line
}
_NOT_ARGUMENTS = {"self", "data", "files", "args", "kwargs"}


@dataclass
class BuiltForm:
    label: str
    make: Callable[..., forms.BaseForm]  # make(data=…) → a bound form; make() → unbound

    def fields(self) -> dict[str, forms.Field]:
        return dict(self.make().fields)


def _required_arguments(cls: type) -> list[str]:
    names = []
    for name, parameter in inspect.signature(cls.__init__).parameters.items():  # type: ignore[misc]
        if name in _NOT_ARGUMENTS or parameter.kind in (
            parameter.VAR_POSITIONAL,
            parameter.VAR_KEYWORD,
        ):
            continue
        if parameter.default is parameter.empty:
            names.append(name)
    return names


def build_forms(world: Any) -> list[BuiltForm]:
    built: list[BuiltForm] = []
    for cls in project_form_classes():
        needed = _required_arguments(cls)
        missing = [n for n in needed if n not in ARGUMENTS]
        assert not missing, (
            f"{cls.__module__}.{cls.__qualname__} needs {missing}: add a builder for each to "
            "ARGUMENTS in tests/core/project_forms.py"
        )
        variants: list[dict[str, Any]] = [{}]
        for name in needed:
            variants = [{**v, name: value} for v in variants for value in ARGUMENTS[name](world)]
        for kwargs in variants:
            shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if isinstance(v, str))
            label = f"{cls.__module__}.{cls.__qualname__}" + (f"({shown})" if shown else "")

            def make(cls: type = cls, kwargs: dict[str, Any] = kwargs, **bound: Any) -> Any:
                return cls(**kwargs, **bound)

            built.append(BuiltForm(label, make))
    return built
