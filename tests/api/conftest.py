"""Two units with an assessment and a plan row each (the seed's unit A and its sibling B), and
helpers to make tokens and call the API with them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from prongsai.api.services import token_create
from prongsai.assessments.services import assessment_open
from prongsai.measures.models import PlanRow

from ..conftest import Personas, Tree
from ..measures.helpers import make_row


@dataclass
class Units:
    tree: Tree
    people: Personas
    a: Any  # assessment of unit A (the seed's unit)
    b: Any  # assessment of unit B (its sibling)
    row_a: PlanRow
    row_b: PlanRow


@pytest.fixture
def units(tree: Tree, people: Personas, assessment: Any, framework: Any) -> Units:
    b = assessment_open(
        actor="tests",
        unit=tree.sibling,
        framework=framework,
        headcount_internal=10,
        headcount_external=500,
    )
    return Units(tree, people, assessment, b, make_row(assessment), make_row(b))


def token(user: Any, scope: str = "read", unit: Any = None, days: int = 30) -> str:
    return token_create(actor=user, name="test", scope=scope, days=days, unit=unit).plain


class Api:
    """A client that sends a token (or none)."""

    def __init__(self, plain: str | None = None, language: str = "en") -> None:
        headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": language}
        if plain:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
        self.client = Client(**headers)

    def get(self, url: str, **extra: Any) -> Any:
        return self.client.get(url, **extra)

    def post(self, url: str, data: Any) -> Any:
        return self.client.post(url, json.dumps(data), content_type="application/json")

    def put(self, url: str, data: Any) -> Any:
        return self.client.put(url, json.dumps(data), content_type="application/json")


def base(units: Units, unit: str = "a") -> str:
    assessment = units.a if unit == "a" else units.b
    return f"/api/v1/units/{assessment.unit.slug}/assessments/{assessment.year}"


MONTH = "2567-01"  # a month of fiscal year 2567 (Buddhist era)


def make_records(unit: Any, year: int) -> dict[str, str]:
    """One record of each writable kind for ``unit``'s year: the path values that name them."""
    from decimal import Decimal

    from prongsai.procurement.services import procurement_create
    from prongsai.records import services

    entry = services.operation_entry_save(
        actor="tests", unit=unit, year=year, month=MONTH,
        fields={"work_area": "งานบริการ", "activity": "ประชุมประจำเดือน"},
    )  # fmt: skip
    series = services.stat_series_save(
        actor="tests", unit=unit, year=year, name="คนต่างด้าวแจ้งที่พัก", measure="ราย"
    )
    line = services.budget_line_save(
        actor="tests", unit=unit, year=year, name="งบดำเนินงาน", planned=Decimal("120000")
    )
    procurement = procurement_create(
        actor="tests", unit=unit, year=year,
        fields={"month": dt.date(2024, 1, 1), "title": "จัดซื้อวัสดุสำนักงาน",
                "budget": Decimal("5000"), "method": "specific"},
    )  # fmt: skip
    return {
        "entry_id": str(entry.pk),
        "series_id": str(series.pk),
        "line_id": str(line.pk),
        "procurement_id": str(procurement.pk),
        "month": MONTH,
        "quarter": "q2",
    }
