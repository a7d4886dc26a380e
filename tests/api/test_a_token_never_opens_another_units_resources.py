"""Walks every operation of the OpenAPI document: a token of unit A's editor gets 404 for each
of unit B's non-public resources (and the same operation on A's resources answers), no token
gets 401, and the lists that span units leave B out."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.api.api import api
from prongsai.core.models import AuditEntry
from prongsai.disclosures.models import Evidence
from prongsai.measures.models import ProgressUpdate
from prongsai.procurement.models import Procurement
from prongsai.records.models import FundQuarter, OperationEntry, StatValue

from .conftest import Api, Units, make_records, token

SCHEMA = api.get_openapi_schema(path_prefix="/api/v1")
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in SCHEMA["paths"].items()
    for method, operation in methods.items()
]
PRIVATE = [(m, p, o) for m, p, o in OPERATIONS if o.get("security")]
IDS = [f"{m} {p.removeprefix('/api/v1')}" for m, p, _o in PRIVATE]
ENTRY = {"month": "2567-02", "work_area": "งานบริการ", "activity": "ออกหน่วยบริการ"}
PROCUREMENT = {
    "month": "2024-02-01",
    "title": "จ้างซ่อมเครื่องปรับอากาศ",
    "budget": "8000",
    "method": "specific",
    "bids": [{"bidder": "ร้านช่างดี", "amount": "7900.00"}],
}
# The body each write sends (by the operation's path), built from the side's path values.
BODIES: dict[str, Any] = {
    "/evidence-links": lambda v: {"title": "ลิงก์", "url": "https://example.go.th/x"},
    "/progress": lambda v: {
        "date": "2024-05-01", "text": "ทำแล้ว", "status": "done", "idempotency_key": "k"
    },
    "/operations/entries": lambda v: ENTRY,
    "/operations/entries/{entry_id}": lambda v: ENTRY,
    "/statistics/values/{month}": lambda v: {"values": [{"series_id": v["series_id"],
                                                         "value": "12"}]},
    "/budget/months/{month}": lambda v: {"lines": [{"line_id": v["line_id"], "planned": "10000",
                                                    "spent": "9500.50"}]},
    "/fund/quarters/{quarter}": lambda v: {"allocated": "50000", "spent": "0", "cases": 0},
    "/procurements/{year}": lambda v: PROCUREMENT,
    "/procurements/{year}/{procurement_id}": lambda v: PROCUREMENT,
}  # fmt: skip


def _written() -> tuple[int, ...]:
    return (
        Evidence.objects.count(),
        ProgressUpdate.objects.count(),
        OperationEntry.objects.count(),
        StatValue.objects.count(),
        FundQuarter.objects.count(),
        Procurement.objects.count(),
    )


def _values(units: Units, side: str) -> dict[str, str]:
    assessment = units.a if side == "a" else units.b
    row = units.row_a if side == "a" else units.row_b
    if not hasattr(units, "records"):
        units.records = {  # type: ignore[attr-defined]
            s: make_records((units.a if s == "a" else units.b).unit, units.a.year)
            for s in ("a", "b")
        }
    return {
        "slug": assessment.unit.slug,
        "year": str(assessment.year),
        "code": "O1",
        "row_id": str(row.pk),
        "framework_id": str(assessment.framework_id),
        "kind": "operations",
        **units.records[side],  # type: ignore[attr-defined]
    }


def _url(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"add a value for {path}"
    return path


def _call(client: Api, method: str, path: str, units: Units, side: str) -> Any:
    values = _values(units, side)
    url = _url(path, values)
    if method == "GET":
        return client.get(url)
    body = next(make for end, make in BODIES.items() if path.endswith(end))(values)
    return client.post(url, body) if method == "POST" else client.put(url, body)


def test_the_walk_finds_every_kind_of_operation() -> None:
    paths = {p for _m, p, _o in OPERATIONS}
    assert "/api/v1/units/{slug}/assessments/{year}/oit-items" in paths
    assert "/api/v1/public/units/{slug}/years/{year}/manifest" in paths
    assert {m for m, _p, _o in PRIVATE} == {"GET", "POST", "PUT"}
    assert len(PRIVATE) >= 15


@pytest.mark.parametrize(("method", "path", "operation"), PRIVATE, ids=IDS)
def test_unit_bs_resources_are_404_for_unit_as_token(
    method: str, path: str, operation: Any, units: Units
) -> None:
    client = Api(token(units.people.editor, "read-write"))
    if "{slug}" not in path:
        return  # lists across units: below
    _values(units, "a")
    counts, audited = _written(), AuditEntry.objects.count()
    response = _call(client, method, path, units, "b")
    assert response.status_code == 404, (path, response.content[:200])
    assert response["Content-Type"] == "application/problem+json"
    assert (_written(), AuditEntry.objects.count()) == (counts, audited)
    # The same operation on the token's own unit answers (the 404 is the access check).
    own = _call(client, method, path, units, "a")
    assert own.status_code in (200, 201), (path, own.content[:300])


@pytest.mark.parametrize(("method", "path", "operation"), PRIVATE, ids=IDS)
def test_without_a_token_every_private_operation_is_401(
    method: str, path: str, operation: Any, units: Units
) -> None:
    response = _call(Api(), method, path, units, "a")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_lists_across_units_leave_unit_b_out(units: Units) -> None:
    client = Api(token(units.people.editor))
    slugs = {u["slug"] for u in client.get("/api/v1/units").json()["results"]}
    assert slugs == {"kalasin-immigration"}
    subtree = client.get("/api/v1/units/kalasin-immigration/subtree").json()["results"]
    assert [u["slug"] for u in subtree] == ["kalasin-immigration"]
    under = client.get("/api/v1/units?under=immigration-division-4").json()["results"]
    assert [u["slug"] for u in under] == ["kalasin-immigration"]


def test_an_outsider_with_a_token_sees_no_unit_and_no_framework(units: Units) -> None:
    client = Api(token(units.people.outsider))
    assert client.get("/api/v1/units").json()["count"] == 0
    assert client.get("/api/v1/frameworks").status_code == 404
    assert client.get(f"/api/v1/frameworks/{units.a.framework_id}").status_code == 404
    for path in (
        "/api/v1/units/kalasin-immigration",
        "/api/v1/units/kalasin-immigration/assessments",
    ):
        assert client.get(path).status_code == 404
