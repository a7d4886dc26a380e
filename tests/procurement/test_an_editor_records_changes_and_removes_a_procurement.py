from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.core.models import AuditEntry
from prongsai.procurement.models import Procurement


def _data(**over: Any) -> dict[str, Any]:
    return {
        "month": "2024-03-01",
        "title": "จัดซื้อวัสดุสำนักงาน",
        "category": "goods",
        "egp_number": "67039123456",
        "budget_source": "เงินงบประมาณ",
        "budget": "25000",
        "reference_price": "24500",
        "method": "specific",
        "bids": "ร้านกาฬสินธุ์พาณิชย์ | 24,000.00\nหจก.อีสานซัพพลาย | ๒๔,๘๐๐",
        "supplier": "ร้านกาฬสินธุ์พาณิชย์",
        "agreed_price": "24000",
        "reason": "ราคาต่ำสุด",
        "contract_number": "12/2567",
        "contract_date": "15 มี.ค. 2567",
        "stage": "in_contract",
        **over,
    }


def test_an_editor_records_changes_and_removes_a_procurement(
    client: Any, people: Any, tree: Any
) -> None:
    client.force_login(people.editor)
    year_url = reverse("procurement:year", kwargs={"slug": tree.unit.slug, "year": 2567})
    page = client.get(year_url)
    assert page.status_code == 200
    assert (
        reverse("procurement:new", kwargs={"slug": tree.unit.slug, "year": 2567})
        in page.content.decode()
    )

    new = reverse("procurement:new", kwargs={"slug": tree.unit.slug, "year": 2567})
    response = client.post(new, _data())
    assert response.status_code == 302, response.content.decode()[:2000]
    p = Procurement.objects.get(unit=tree.unit, year=2567)
    assert [(b.bidder, str(b.amount)) for b in p.bids.all()] == [
        ("ร้านกาฬสินธุ์พาณิชย์", "24000.00"),
        ("หจก.อีสานซัพพลาย", "24800.00"),
    ]
    assert p.contract_date is not None and p.contract_date.isoformat() == "2024-03-15"
    assert "จัดซื้อวัสดุสำนักงาน" in client.get(year_url).content.decode()

    edit = reverse(
        "procurement:edit", kwargs={"slug": tree.unit.slug, "year": 2567, "procurement_id": p.pk}
    )
    assert client.get(edit).status_code == 200
    assert client.post(edit, _data(agreed_price="23900", bids="")).status_code == 302
    p.refresh_from_db()
    assert str(p.agreed_price) == "23900.00" and not p.bids.exists()
    change = AuditEntry.objects.filter(action="procurement.update").get()
    assert change.changes["agreed_price"] == ["24000.00", "23900.00"]

    delete = reverse(
        "procurement:delete", kwargs={"slug": tree.unit.slug, "year": 2567, "procurement_id": p.pk}
    )
    assert client.post(delete).status_code == 302
    assert not Procurement.objects.exists()
    assert AuditEntry.objects.filter(action="procurement.delete").count() == 1


def test_a_month_outside_the_fiscal_year_or_a_bad_bid_line_is_refused(
    client: Any, people: Any, tree: Any
) -> None:
    client.force_login(people.editor)
    new = reverse("procurement:new", kwargs={"slug": tree.unit.slug, "year": 2567})
    response = client.post(new, _data(month="2024-10-01"))
    assert response.status_code == 200
    response = client.post(new, _data(bids="ร้าน ก ไม่มีราคา"))
    assert response.status_code == 200
    assert "“|”" in response.content.decode()
    assert not Procurement.objects.exists()
