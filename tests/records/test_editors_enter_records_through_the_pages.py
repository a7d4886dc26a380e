"""An editor enters each kind through its page (an operations entry with a photo, a series and a
month's values, a budget line and a month's spending, a fund quarter); the overview shows the
calendar with a badge per period."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from prongsai.records.models import (
    BudgetLine,
    BudgetMonth,
    FundQuarter,
    OperationEntry,
    StatSeries,
    StatValue,
)

from ..measures.helpers import png_upload

BASE = "/u/kalasin-immigration/2567/records"


@pytest.mark.django_db
def test_pages(client: Any, people: Any, tree: Any) -> None:
    client.force_login(people.editor)
    response = client.post(
        f"{BASE}/operations/2566-10/",
        {
            "month": "2566-10",
            "work_area": "งานบริการ",
            "activity": "บริการ 90 วัน",
            "photos": png_upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = OperationEntry.objects.get()
    assert entry.photos.count() == 1
    page = client.get(f"{BASE}/operations/2566-10/").content.decode()
    assert "บริการ 90 วัน" in page
    photo = client.get(f"{BASE}/photos/{entry.photos.get().pk}/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"

    assert (
        client.post(f"{BASE}/statistics/", {"name": "การจับกุม", "measure": "ราย"}).status_code == 302
    )
    series = StatSeries.objects.get()
    assert client.post(f"{BASE}/statistics/2566-11/", {f"s-{series.pk}": "8"}).status_code == 302
    assert StatValue.objects.get(month="2566-11").value == 8

    assert (
        client.post(f"{BASE}/budget/", {"name": "ค่าตอบแทน", "planned": "120000"}).status_code == 302
    )

    line = BudgetLine.objects.get()
    response = client.post(
        f"{BASE}/budget/2566-10/", {f"p-{line.pk}": "10000", f"s-{line.pk}": "9500.50"}
    )
    assert response.status_code == 302
    assert BudgetMonth.objects.get().spent == Decimal("9500.50")

    response = client.post(
        f"{BASE}/fund/", {"quarter": "q1", "allocated": "50000", "spent": "32000", "cases": "4"}
    )
    assert response.status_code == 302
    assert FundQuarter.objects.get().cases == 4

    overview = client.get(f"{BASE}/")
    assert overview.status_code == 200
    text = overview.content.decode()
    for kind in ("operations", "statistics", "budget", "fund"):
        assert f'data-testid="calendar-{kind}"' in text
    assert "data-status=" in text
    dashboard = client.get("/u/kalasin-immigration/2567/records/statistics/")
    assert "การจับกุม" in dashboard.content.decode()
