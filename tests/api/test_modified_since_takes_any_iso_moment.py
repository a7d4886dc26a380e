"""``modified_since`` takes any moment ISO 8601 allows: an offset such as +18:10 (PostgreSQL
refused it: a server error, found by schemathesis), or none (the site's time zone). A moment
that has no UTC equivalent is a 422 problem, never a 500."""

from __future__ import annotations

import pytest

from .conftest import Api, Units, base, token


@pytest.mark.parametrize(
    "moment",
    ["4546-04-19T10:43:08+18:10", "2024-03-01T00:00", "2024-03-01", "2000-01-01T00:00:00-15:59"],
)
def test_a_valid_moment_is_answered(units: Units, moment: str) -> None:
    client = Api(token(units.people.editor))
    slug = units.a.unit.slug
    for url in (
        f"/api/v1/units/{slug}/procurements/{units.a.year}",
        f"{base(units)}/oit-items",
        f"{base(units)}/plan-rows",
    ):
        response = client.get(url, data={"modified_since": moment})
        assert response.status_code == 200, (url, response.content[:300])
    listed = client.get("/api/v1/units", data={"modified_since": moment})
    assert listed.status_code == 200


def test_a_moment_past_the_calendar_in_utc_is_a_problem(units: Units) -> None:
    client = Api(token(units.people.editor))
    response = client.get("/api/v1/units", data={"modified_since": "9999-12-31T23:59:59-10:00"})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
