"""The receipt code: 16 digits, stored only as an Argon2 hash; a wrong code is refused, repeated
attempts from one address are throttled, the right one opens the tracking page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.complaints.models import Complaint

from ..conftest import Tree
from .helpers import make_case, submit


def test_the_code_is_stored_only_as_an_argon2_hash(tree: Tree, client: Any) -> None:
    _response, code = submit(client, tree.unit)
    digits = code.replace("-", "")
    complaint = Complaint.objects.get()
    assert complaint.receipt_hash.startswith("$argon2id$")
    assert digits not in complaint.receipt_hash
    assert digits[:8] not in complaint.receipt_lookup


def test_the_right_code_opens_the_case_and_a_wrong_one_is_refused(tree: Tree, client: Any) -> None:
    _complaint, code = make_case(tree.unit)
    url = reverse("complaints:track", kwargs={"slug": tree.unit.slug})
    wrong = str((int(code) + 1) % 10**16).zfill(16)
    refused = client.post(url, {"code": wrong})
    assert refused.status_code == 400
    assert "ไม่ถูกต้อง" in refused.content.decode()
    opened = client.post(url, {"code": f"{code[:4]} {code[4:8]}-{code[8:]}"}, follow=True)
    assert opened.status_code == 200
    assert "รับเรื่อง" in opened.content.decode()
    assert opened.redirect_chain[-1][0].endswith("/track/case/")


def test_a_code_of_another_unit_is_refused(tree: Tree, client: Any) -> None:
    _complaint, code = make_case(tree.sibling)
    url = reverse("complaints:track", kwargs={"slug": tree.unit.slug})
    assert client.post(url, {"code": code}).status_code == 400


def test_repeated_wrong_codes_are_throttled(tree: Tree, client: Any, settings: Any) -> None:
    settings.COMPLAINTS_CODE_ATTEMPTS_PER_MINUTE = 3
    _complaint, code = make_case(tree.unit)
    url = reverse("complaints:track", kwargs={"slug": tree.unit.slug})
    statuses = [client.post(url, {"code": "1234567890123456"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    # Even the right code waits now: the address is paused for the rest of the minute.
    assert client.post(url, {"code": code}).status_code == 429


def test_garbage_codes_get_a_thai_message(tree: Tree, client: Any) -> None:
    url = reverse("complaints:track", kwargs={"slug": tree.unit.slug})
    for junk in ("", "abc", "1" * 40, "๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖"):
        response = client.post(url, {"code": junk})
        assert response.status_code == 400, junk


def test_the_complainant_reads_and_answers_messages_but_not_internal_notes(
    tree: Tree, people: Any, client: Any
) -> None:
    from prongsai.complaints import services

    complaint, code = make_case(tree.unit)
    services.complaint_acknowledge(actor=people.handler, complaint=complaint)
    services.complaint_message_send(
        actor=people.handler, complaint=complaint, body="กรุณาระบุเวลาที่เกิดเหตุ", internal=False
    )
    services.complaint_message_send(
        actor=people.handler, complaint=complaint, body="บันทึกลับภายในหน่วย", internal=True
    )
    client.post(reverse("complaints:track", kwargs={"slug": tree.unit.slug}), {"code": code})
    page = client.get(reverse("complaints:tracked", kwargs={"slug": tree.unit.slug}))
    html = page.content.decode()
    assert "กรุณาระบุเวลาที่เกิดเหตุ" in html
    assert "บันทึกลับภายในหน่วย" not in html
    reply = client.post(
        reverse("complaints:tracked_reply", kwargs={"slug": tree.unit.slug}),
        {"body": "ประมาณ 10 โมงเช้า"},
    )
    assert reply.status_code == 302
    assert complaint.messages.filter(author="reporter", body="ประมาณ 10 โมงเช้า").exists()
    empty = client.post(reverse("complaints:tracked_reply", kwargs={"slug": tree.unit.slug}), {})
    assert empty.status_code == 400
    assert complaint.messages.count() == 3


def test_without_the_code_the_tracking_pages_send_you_to_the_code_form(
    tree: Tree, client: Any
) -> None:
    response = client.post(
        reverse("complaints:tracked_reply", kwargs={"slug": tree.unit.slug}), {"body": "x"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/complaints/track/")
