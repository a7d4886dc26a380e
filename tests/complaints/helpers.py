"""Submitting a complaint as a browser does (the form's anti-spam check solved), and the case
rows the other tests start from."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.complaints import services
from prongsai.complaints.identity import Identity
from prongsai.complaints.models import Complaint
from prongsai.surveys import tokens

NAME = "สมหญิง ใจกล้าหาญ"
PHONE = "081-234-5678"
SENTENCE = "เจ้าหน้าที่เรียกเงินสามพันบาทที่ช่องบริการหมายเลขเจ็ด"


def form_data(unit: Any, **overrides: Any) -> dict[str, Any]:
    """A filled-in intake form with a solved proof of work."""
    challenge = tokens.challenge_issue(unit.pk)
    data: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "category": "bribery",
        "details": "ถูกเรียกรับเงินเพื่อเร่งการต่อวีซ่า",
        "happened_on": "15/01/2567",
        "place": "ช่องบริการ 3",
        "officers": "",
        "anonymous": "yes",
        "name": "",
        "contact": "",
        "challenge": challenge.token,
        "pow": tokens.pow_solve(challenge.token, challenge.bits),
    }
    data.update(overrides)
    return data


def csv_file(text: str = SENTENCE, name: str = "evidence.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"วันที่,เรื่อง\n2567-01-15,{text}\n".encode(), "text/csv")


def submit(client: Any, unit: Any, **overrides: Any) -> tuple[Any, str]:
    """POST the intake form; returns the response and the receipt code shown on it."""
    response = client.post(
        reverse("complaints:intake", kwargs={"slug": unit.slug}), form_data(unit, **overrides)
    )
    code = ""
    match = re.search(r'data-testid="receipt-code">([0-9-]+)<', response.content.decode())
    if match:
        code = match.group(1)
    return response, code


def make_case(
    unit: Any, *, identity: Identity | None = None, **fields: Any
) -> tuple[Complaint, str]:
    submitted = services.complaint_submit(
        unit=unit,
        submission_id=uuid.uuid4(),
        category=fields.pop("category", "abuse"),
        details=fields.pop("details", "รายละเอียดของเรื่อง"),
        happened_on=None,
        place="",
        officers=fields.pop("officers", ""),
        identity=identity,
        address=fields.pop("address", f"10.0.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"),
    )
    return submitted.complaint, submitted.receipt


def route_complaint_id(world: Any) -> Any:
    complaint, _code = make_case(
        world.tree.unit, identity=Identity(name="ผู้ร้อง ทดสอบ", contact="0800000000")
    )
    return complaint.pk


def route_file_id(world: Any) -> Any:
    complaint = Complaint.objects.filter(unit=world.tree.unit).first()
    if complaint is None:
        complaint = Complaint.objects.get(pk=route_complaint_id(world))
    services.complaint_reply(complaint=complaint, body="", attachments=[csv_file()])
    return complaint.files.first().pk  # type: ignore[union-attr]
