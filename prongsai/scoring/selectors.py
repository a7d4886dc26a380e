"""Reads that turn a snapshot into what pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prongsai.frameworks.spec import FrameworkSpec, Text


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    instrument: str
    title: Text
    score: float | None


@dataclass(frozen=True)
class OpportunityRow:
    kind: str
    id: str
    title: Text
    instrument: str
    indicator: str
    current: float | None
    points: float


def indicator_rows(spec: FrameworkSpec, result: dict[str, Any]) -> list[IndicatorRow]:
    return [
        IndicatorRow(i.id, i.instrument, i.title, result["indicators"].get(i.id))
        for i in spec.indicators
    ]


def opportunity_rows(
    spec: FrameworkSpec, result: dict[str, Any], limit: int = 12
) -> list[OpportunityRow]:
    rows = []
    for o in result.get("opportunities", [])[:limit]:
        if o["kind"] == "item":
            title = spec.item_by_id[o["id"]].title
        elif o["kind"] == "indicator":
            title = spec.indicator_by_id[o["id"]].title
        else:
            title = spec.question_by_id[o["id"]].text
        rows.append(
            OpportunityRow(
                o["kind"],
                o["id"],
                title,
                o["instrument"],
                o["indicator"],
                o["current"],
                o["points"],
            )
        )
    return rows
