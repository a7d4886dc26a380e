from __future__ import annotations

import uuid
from typing import Any

from prongsai.inquiries import services
from prongsai.inquiries.models import FaqEntry, Question
from prongsai.surveys import tokens


def ask_data(unit: Any, **overrides: Any) -> dict[str, Any]:
    challenge = tokens.challenge_issue(unit.pk)
    data: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "kind": "question",
        "name": "",
        "body": "ต่ออายุวีซ่าต้องใช้เอกสารอะไรบ้าง",
        "challenge": challenge.token,
        "pow": tokens.pow_solve(challenge.token, challenge.bits),
    }
    data.update(overrides)
    return data


def make_question(unit: Any, *, kind: str = "question", body: str = "คำถามทดสอบ") -> Question:
    return services.question_submit(
        unit=unit,
        submission_id=uuid.uuid4(),
        kind=kind,
        name="",
        body=body,
        address=f"10.1.{uuid.uuid4().int % 250}.1",
    )


def route_question_id(world: Any) -> Any:
    return make_question(world.tree.unit).pk


def route_faq_id(world: Any) -> Any:
    return FaqEntry.objects.create(unit=world.tree.unit, question="ถาม", answer="ตอบ").pk
