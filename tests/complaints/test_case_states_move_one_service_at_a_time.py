"""The handling workflow: received → acknowledged → under investigation → concluded → closed,
reopen with a reason; each step audited; a step out of order changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.complaints import services
from prongsai.complaints.models import State
from prongsai.core.models import AuditEntry

from ..conftest import Personas, Tree
from .helpers import make_case


def _post(client: Any, complaint: Any, name: str, data: dict[str, str] | None = None) -> Any:
    url = reverse(
        f"complaints:{name}", kwargs={"slug": complaint.unit.slug, "complaint_id": complaint.pk}
    )
    return client.post(url, data or {})


def test_the_whole_workflow_through_the_pages(tree: Tree, people: Personas, client: Any) -> None:
    complaint, _code = make_case(tree.unit)
    client.force_login(people.handler)
    assert _post(client, complaint, "acknowledge").status_code == 302
    assert _post(client, complaint, "investigate").status_code == 302
    referred = _post(client, complaint, "conclude", {"outcome": "referred", "conclusion": "ส่งต่อ"})
    assert referred.status_code == 400  # which agency?
    done = _post(
        client,
        complaint,
        "conclude",
        {
            "outcome": "referred",
            "conclusion": "ส่งต่อ ป.ป.ช.",
            "referred_to": "ป.ป.ช.",
            "referral_reference": "ปช 0001/2567",
        },
    )
    assert done.status_code == 302
    assert _post(client, complaint, "close").status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.referred_to == "ป.ป.ช."
    actions = list(
        AuditEntry.objects.filter(object_id=str(complaint.pk)).values_list("action", flat=True)
    )
    assert actions == [
        "complaint.submit",
        "complaint.acknowledge",
        "complaint.investigate",
        "complaint.conclude",
        "complaint.close",
    ]
    assert [t.to_state for t in complaint.transitions.all()] == [
        "received",
        "acknowledged",
        "investigating",
        "concluded",
        "closed",
    ]
    no_reason = _post(client, complaint, "reopen", {"reason": ""})
    assert no_reason.status_code == 400
    assert _post(client, complaint, "reopen", {"reason": "มีหลักฐานใหม่"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.INVESTIGATING and complaint.outcome == ""


@pytest.mark.parametrize(
    "state, service",
    [
        (State.RECEIVED, "complaint_investigate"),
        (State.RECEIVED, "complaint_close"),
        (State.ACKNOWLEDGED, "complaint_acknowledge"),
        (State.INVESTIGATING, "complaint_close"),
    ],
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(
    state: str, service: str, tree: Tree, people: Personas
) -> None:
    complaint, _code = make_case(tree.unit)
    complaint.state = state
    complaint.save()
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        getattr(services, service)(actor=people.handler, complaint=complaint)
    complaint.refresh_from_db()
    assert complaint.state == state
    assert AuditEntry.objects.count() == entries


def test_an_out_of_order_step_on_the_page_says_so_in_thai(
    tree: Tree, people: Personas, client: Any
) -> None:
    complaint, _code = make_case(tree.unit)
    client.force_login(people.handler)
    response = _post(client, complaint, "close")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "เปลี่ยนสถานะเช่นนี้ไม่ได้" in page.content.decode()


def test_a_custodian_cannot_move_a_case(tree: Tree, people: Personas, client: Any) -> None:
    complaint, _code = make_case(tree.unit)
    client.force_login(people.custodian)
    assert _post(client, complaint, "acknowledge").status_code == 403
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED


def test_deadlines_show_overdue_cases(tree: Tree, people: Personas, client: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    late, _code = make_case(tree.unit)
    late.received_at = timezone.now() - dt.timedelta(days=10)
    late.save()
    fresh, _code = make_case(tree.unit)
    client.force_login(people.handler)
    page = client.get(reverse("complaints:cases", kwargs={"slug": tree.unit.slug}) + "?overdue=1")
    html = page.content.decode()
    assert late.reference in html and fresh.reference not in html
