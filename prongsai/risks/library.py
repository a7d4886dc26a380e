"""Starter registers as data (``library/*.yaml``): typical processes and risk events for a kind
of unit (immigration offices, general agencies). Loaded with yaml.safe_load and checked here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .models import RiskType

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
NAMES = ("immigration", "general")


@dataclass(frozen=True)
class TreatmentTemplate:
    measure: str
    owner_position: str
    kpi: str


@dataclass(frozen=True)
class EventTemplate:
    description: str
    cause: str
    risk_type: str
    controls: str
    likelihood: int
    impact: int
    treatments: tuple[TreatmentTemplate, ...]


@dataclass(frozen=True)
class ProcessTemplate:
    name: str
    section: str
    legal_basis: str
    authority_step: str
    events: tuple[EventTemplate, ...]


@dataclass(frozen=True)
class Template:
    key: str
    title_th: str
    title_en: str
    processes: tuple[ProcessTemplate, ...]

    def title(self, lang: str = "th") -> str:
        return self.title_en if lang == "en" else self.title_th


def _s(data: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"library: {name!r} must be text")
    return value.strip()


def _event(data: dict[str, Any]) -> EventTemplate:
    if data.get("risk_type") not in RiskType.values:
        raise ValueError(f"library: unknown risk type {data.get('risk_type')!r}")
    return EventTemplate(
        description=_s(data, "description", required=True),
        cause=_s(data, "cause"),
        risk_type=str(data["risk_type"]),
        controls=_s(data, "controls"),
        likelihood=int(data["likelihood"]),
        impact=int(data["impact"]),
        treatments=tuple(
            TreatmentTemplate(
                measure=_s(t, "measure", required=True),
                owner_position=_s(t, "owner_position"),
                kpi=_s(t, "kpi"),
            )
            for t in data.get("treatments") or []
        ),
    )


@cache
def template(name: str) -> Template:
    if name not in NAMES:
        raise KeyError(name)
    with (LIBRARY_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return Template(
        key=data["key"],
        title_th=data["title"]["th"],
        title_en=data["title"]["en"],
        processes=tuple(
            ProcessTemplate(
                name=_s(p, "name", required=True),
                section=_s(p, "section"),
                legal_basis=_s(p, "legal_basis"),
                authority_step=_s(p, "authority_step"),
                events=tuple(_event(e) for e in p.get("events") or []),
            )
            for p in data["processes"]
        ),
    )


def templates() -> list[Template]:
    return [template(name) for name in NAMES]
