"""Record entries (operations O6, statistics O10, budget O11, fund O12, procurement) are written
through the apps' services with a read-write token of an editor, each write audited; a read-only
token, or a viewer's, writes nothing; bad input is a 422 problem naming the field, in Thai."""

from __future__ import annotations

from typing import Any

from prongsai.core.models import AuditEntry
from prongsai.procurement.models import Procurement
from prongsai.records.models import BudgetMonth, FundQuarter, OperationEntry, StatValue

from .conftest import Api, Units, make_records, token


def _records(units: Units) -> tuple[str, dict[str, str]]:
    values = make_records(units.a.unit, units.a.year)
    return f"/api/v1/units/{units.a.unit.slug}/records/{units.a.year}", values


def _writes(base: str, v: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    slug_year = base.replace("/records/", "/procurements/")
    return [
        ("post", f"{base}/operations/entries",
         {"month": "2567-03", "work_area": "งานบริการ", "activity": "ออกหน่วยเคลื่อนที่"}),
        ("put", f"{base}/operations/entries/{v['entry_id']}",
         {"month": "2567-01", "work_area": "งานบริการ", "activity": "ประชุม (แก้ไข)"}),
        ("put", f"{base}/statistics/values/2567-01",
         {"values": [{"series_id": v["series_id"], "value": "42"}]}),
        ("put", f"{base}/budget/months/2567-01",
         {"lines": [{"line_id": v["line_id"], "planned": "10000", "spent": "9500.50"}]}),
        ("put", f"{base}/fund/quarters/q2", {"allocated": "50000.00", "spent": "1200", "cases": 2}),
        ("post", slug_year,
         {"month": "2024-02-10", "title": "จ้างซ่อมรถยนต์", "budget": "8000", "method": "specific",
          "bids": [{"bidder": "อู่ช่างดี", "amount": "7900"}]}),
        ("put", f"{slug_year}/{v['procurement_id']}",
         {"month": "2024-01-01", "title": "จัดซื้อวัสดุสำนักงาน", "budget": "5000",
          "method": "specific", "supplier": "ร้านเครื่องเขียน", "agreed_price": "4800"}),
    ]  # fmt: skip


def _call(client: Api, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body) if method == "post" else client.put(url, body)


def _state() -> tuple[Any, ...]:
    return (
        list(OperationEntry.objects.values_list("activity", "month").order_by("activity")),
        list(StatValue.objects.values_list("value")),
        list(BudgetMonth.objects.values_list("spent")),
        list(FundQuarter.objects.values_list("allocated")),
        list(Procurement.objects.values_list("title", "supplier").order_by("title")),
        AuditEntry.objects.count(),
    )


def test_an_editors_read_write_token_writes_each_kind_audited(units: Units) -> None:
    base, values = _records(units)
    client = Api(token(units.people.editor, "read-write"))
    for method, url, body in _writes(base, values):
        response = _call(client, method, url, body)
        assert response.status_code == (201 if method == "post" else 200), (url, response.content)
    assert OperationEntry.objects.get(pk=values["entry_id"]).activity == "ประชุม (แก้ไข)"
    assert OperationEntry.objects.filter(month="2567-03").count() == 1
    assert str(StatValue.objects.get(series__pk=values["series_id"]).value) == "42.00"
    assert str(BudgetMonth.objects.get(line__pk=values["line_id"]).spent) == "9500.50"
    assert FundQuarter.objects.get(unit=units.a.unit, quarter="q2").cases == 2
    changed = Procurement.objects.get(pk=values["procurement_id"])
    assert (changed.supplier, str(changed.agreed_price)) == ("ร้านเครื่องเขียน", "4800.00")
    assert Procurement.objects.get(title="จ้างซ่อมรถยนต์").bids.get().bidder == "อู่ช่างดี"
    actions = set(
        AuditEntry.objects.filter(actor_id=units.people.editor.pk).values_list("action", flat=True)
    )
    assert {
        "records.operation_add", "records.operation_change", "records.values_set",
        "records.budget_set", "records.fund_set", "procurement.create", "procurement.update",
    } <= actions  # fmt: skip
    # What was written reads back with its ids.
    entries = client.get(f"{base}/operations/entries?month=2567-03").json()
    assert [e["activity"] for e in entries["results"]] == ["ออกหน่วยเคลื่อนที่"]
    series = client.get(f"{base}/statistics/series").json()
    assert series[0]["values"] == [{"month": "2567-01", "value": "42.00"}]
    fund = {q["quarter"]: q for q in client.get(f"{base}/fund/quarters").json()}
    assert fund["q2"]["allocated"] == "50000.00" and fund["q1"]["updated_at"] is None


def test_a_read_only_token_or_a_viewer_writes_nothing(units: Units) -> None:
    base, values = _records(units)
    clients = (
        Api(token(units.people.editor, "read")),
        Api(token(units.people.viewer, "read-write")),
    )
    before = _state()
    for client in clients:
        for method, url, body in _writes(base, values):
            response = _call(client, method, url, body)
            assert response.status_code == 403, (url, response.content)
            assert response["Content-Type"] == "application/problem+json"
    assert _state() == before
    assert Api(token(units.people.viewer)).get(f"{base}/budget/lines").status_code == 200


def test_bad_input_is_a_422_naming_the_field_in_thai(units: Units) -> None:
    base, _values = _records(units)
    client = Api(token(units.people.editor, "read-write"), language="th")
    other = make_records(units.b.unit, units.b.year)
    before = _state()
    outside = client.post(
        f"{base}/operations/entries", {"month": "2570-01", "work_area": "ก", "activity": "ข"}
    )
    assert outside.status_code == 422
    problem = outside.json()
    assert problem["errors"][0]["field"] == "month"
    assert "ไม่ใช่เดือนในปีงบประมาณ 2567" in problem["errors"][0]["message"], problem
    money = client.put(f"{base}/fund/quarters/q1", {"allocated": "หนึ่งพัน", "spent": "0"})
    assert money.status_code == 422 and money.json()["errors"][0]["field"] == "allocated"
    flag = client.put(f"{base}/fund/quarters/q1", {"allocated": "1", "spent": "0", "cases": False})
    assert flag.status_code == 422 and flag.json()["errors"][0]["field"] == "cases"
    foreign = client.put(
        f"{base}/statistics/values/2567-01",
        {"values": [{"series_id": other["series_id"], "value": "1"}]},
    )
    assert foreign.status_code == 422 and foreign["Content-Type"] == "application/problem+json"
    method = client.post(
        base.replace("/records/", "/procurements/"),
        {"month": "2024-02-10", "title": "จ้าง", "budget": "1", "method": "lottery"},
    )
    assert method.status_code == 422 and method.json()["errors"][0]["field"] == "method"
    assert _state()[:5] == before[:5]
