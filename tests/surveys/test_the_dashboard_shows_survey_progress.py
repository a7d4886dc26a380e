"""The assessment dashboard shows count / target with a bar, and responses per day."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from .conftest import eit_fields, eit_url


def test_the_dashboard_counts_answers_and_draws_them_per_day(
    client: Any, people: Any, eit: Any
) -> None:
    for _ in range(3):
        assert Client().post(eit_url(eit), eit_fields(eit)).status_code == 200
    client.force_login(people.viewer)
    page = client.get(reverse("scoring:dashboard", kwargs={"slug": eit.assessment.unit.slug,
                                                           "year": 2567}))  # fmt: skip
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="eit-count">3 <span class="muted small">/ 200' in html
    assert 'data-testid="survey-days"' in html
    assert html.count("<rect ") == 1  # one day with answers so far
    assert ": 3</title>" in html
