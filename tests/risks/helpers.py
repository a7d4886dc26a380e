"""Shared builders for the risk-register tests (and the route-access values)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from prongsai.measures.photos import prepare_photo
from prongsai.risks.models import FollowUp, Register, Treatment
from prongsai.risks.services import followup_add, register_open

from ..measures.helpers import png_upload

IMMIGRATION_PROCESSES = [
    "การตรวจลงตรา/การขออยู่ต่อ/การอนุญาต",
    "การเรียกรับผลประโยชน์จากชาวต่างชาติ",
]


def open_register(assessment: Any, start: str = "template:immigration") -> Register:
    return register_open(actor="tests", assessment=assessment, start=start)


def first_treatment(register: Register) -> Treatment:
    treatment = (
        Treatment.objects.filter(event__process__register=register)
        .order_by("event__process__position", "event__position", "position")
        .first()
    )
    assert treatment is not None
    return treatment


def add_followup(treatment: Treatment, *, photo: bool = False, **fields: Any) -> FollowUp:
    data: dict[str, Any] = {
        "round": 6,
        "date": dt.date(2024, 3, 25),
        "done": "ติดประกาศขั้นตอนและระยะเวลาที่จุดบริการแล้ว",
        "result": "ไม่มีข้อร้องเรียน",
        "status": "in_progress",
        "residual_likelihood": 1,
        "residual_impact": 4,
        "idempotency_key": uuid.uuid4().hex,
    }
    data.update(fields)
    photos = [prepare_photo(png_upload())] if photo else []
    return followup_add(actor="tests", treatment=treatment, photos=photos, **data)


def _route_register(w: Any) -> Register:
    register = Register.objects.filter(assessment=w.assessment).first()
    if register is None:
        register = open_register(w.assessment)
        add_followup(first_treatment(register), photo=True)
    return register


def route_process_id(w: Any) -> Any:
    return _route_register(w).processes.first().pk  # type: ignore[union-attr]


def route_event_id(w: Any) -> Any:
    return first_treatment(_route_register(w)).event_id


def route_treatment_id(w: Any) -> Any:
    return first_treatment(_route_register(w)).pk


def route_followup_id(w: Any) -> Any:
    return first_treatment(_route_register(w)).followups.first().pk  # type: ignore[union-attr]


def route_photo_id(w: Any) -> Any:
    followup = first_treatment(_route_register(w)).followups.first()
    return followup.photos.first().pk  # type: ignore[union-attr]
