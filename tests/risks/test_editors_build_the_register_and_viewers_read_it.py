"""Editors open the year's register from a starter set, add a process and a risk event, rate it
(the heat map on the page places it), add a treatment and record its follow-up; viewers of the
parent read the pages but get no forms and are refused writes; the tab opens the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.risks.models import FollowUp, Register, RiskEvent, Treatment


def _base(assessment: Any) -> str:
    return f"/u/{assessment.unit.slug}/{assessment.year}/risks/"


def _cells_with(page: Any, number: str, which: str) -> list[tuple[int, int]]:
    grid = page.context[which]
    return [(c.likelihood, c.impact) for row in grid for c in row.cells if number in c.events]


def test_an_editor_builds_the_register_through_the_pages(
    client: Any, people: Any, assessment: Any
) -> None:
    client.force_login(people.editor)
    base = _base(assessment)
    page = client.get(base)
    assert page.status_code == 200 and "start-form" in page.content.decode()
    assert client.post(f"{base}start/", {"start": "template:immigration"}).status_code == 302
    register = Register.objects.get(assessment=assessment)
    assert register.processes.count() == 2

    response = client.post(
        f"{base}processes/new/",
        {"name": "การตรวจค้นผู้โดยสาร", "section": "งานตรวจคนเข้าเมือง"},
    )
    assert response.status_code == 302
    process = register.processes.get(name="การตรวจค้นผู้โดยสาร")
    response = client.post(
        f"{base}processes/{process.pk}/events/new/",
        {
            "description": "เรียกรับเงินเพื่อไม่ตรวจค้น",
            "risk_type": "bribes",
            "likelihood": "2",
            "impact": "5",
            "cause": "",
            "controls": "",
        },
    )
    assert response.status_code == 302
    event = RiskEvent.objects.get(description="เรียกรับเงินเพื่อไม่ตรวจค้น")
    page = client.get(base)
    assert "heatmap-before" in page.content.decode()
    assert _cells_with(page, "3.1", "before") == [(2, 5)]
    assert "สูง (10)" in page.content.decode()

    response = client.post(
        f"{base}events/{event.pk}/treatments/new/",
        {
            "measure": "สุ่มตรวจการปฏิบัติงานด้วยกล้อง",
            "owner_position": "สารวัตร",
            "owner_user": str(people.editor.pk),
            "due_date": "2024-03-31",
            "kpi": "ทุกเดือน",
        },
    )
    assert response.status_code == 302
    treatment = Treatment.objects.get(event=event)
    assert treatment.owner_user == people.editor
    page = client.get(f"{base}treatments/{treatment.pk}/")
    key = page.context["form"].initial["idempotency_key"]
    response = client.post(
        f"{base}treatments/{treatment.pk}/",
        {
            "round": "6",
            "date": "2024-03-20",
            "done": "สุ่มตรวจแล้ว ๓ ครั้ง",
            "result": "ไม่พบ",
            "status": "done",
            "residual_likelihood": "1",
            "residual_impact": "5",
            "links": "",
            "idempotency_key": key,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    treatment.refresh_from_db()
    assert treatment.status == "done" and FollowUp.objects.filter(treatment=treatment).count() == 1
    page = client.get(base)
    assert _cells_with(page, "3.1", "after") == [(1, 5)]
    assert _cells_with(page, "3.1", "before") == [(2, 5)]
    assert client.get(f"{base}heatmap.png")["Content-Type"] == "image/png"
    assert dt.date(2024, 3, 20) == FollowUp.objects.get().date


def test_a_rating_off_the_scale_is_refused(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.editor)
    base = _base(assessment)
    client.post(f"{base}start/", {"start": "empty"})
    client.post(f"{base}processes/new/", {"name": "งานพัสดุ"})
    process = Register.objects.get().processes.get()
    response = client.post(
        f"{base}processes/{process.pk}/events/new/",
        {"description": "x", "risk_type": "budget", "likelihood": "6", "impact": "1"},
    )
    assert response.status_code == 200 and "likelihood" in response.context["form"].errors
    assert not RiskEvent.objects.exists()


def test_viewers_read_but_do_not_write(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.editor)
    client.post(f"{_base(assessment)}start/", {"start": "template:immigration"})
    treatment = Treatment.objects.first()
    assert treatment is not None
    client.force_login(people.viewer)
    base = _base(assessment)
    page = client.get(base)
    assert page.status_code == 200 and "การเรียกรับผลประโยชน์จากชาวต่างชาติ" in page.content.decode()
    assert (
        "process_new" not in page.content.decode()
        and "/processes/new/" not in page.content.decode()
    )
    detail = client.get(f"{base}treatments/{treatment.pk}/")
    assert detail.status_code == 200 and detail.context["form"] is None
    assert client.post(f"{base}processes/new/", {"name": "x"}).status_code == 403
    assert client.post(f"{base}treatments/{treatment.pk}/", {"done": "x"}).status_code == 403


def test_the_unit_tab_leads_to_the_register(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.editor)
    page = client.get(f"/u/{assessment.unit.slug}/{assessment.year}/plan/")
    assert _base(assessment) in page.content.decode()
