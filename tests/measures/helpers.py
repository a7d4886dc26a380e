"""Shared builders for the measures tests (and the route-access values)."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.measures.models import PlanRow, ProgressUpdate
from prongsai.measures.photos import prepare_photo
from prongsai.measures.services import plan_row_create, progress_add


def png_bytes(size: tuple[int, int] = (64, 48), colour: str = "navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def png_upload(name: str = "photo.png", **kwargs: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def make_row(assessment: Any, **fields: Any) -> PlanRow:
    data: dict[str, Any] = {
        "indicator": "9",
        "issue": "ปรับปรุงเว็บไซต์สำหรับเปิดเผยข้อมูลสู่สาธารณะ",
        "activity": "ปรับปรุงเว็บไซต์/ข้อมูลให้เป็นปัจจุบัน",
        "output": "ข้อมูล OIT O๒๓",
        "channels": ["website"],
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 3, 31),
        "responsible_positions": ["ผบ.หมู่ งานอำนวยการ"],
        "cadence": "monthly",
        "status": "in_progress",
        "oit_items": ["O23"],
    }
    data.update(fields)
    return plan_row_create(actor="tests", assessment=assessment, **data)


def add_update(row: PlanRow, *, photo: bool = False, **fields: Any) -> ProgressUpdate:
    data: dict[str, Any] = {
        "date": dt.date(2024, 2, 1),
        "text": "ปรับปรุงข้อมูลบนเว็บไซต์แล้ว",
        "status": "in_progress",
        "idempotency_key": uuid.uuid4().hex,
    }
    data.update(fields)
    photos = [prepare_photo(png_upload())] if photo else []
    return progress_add(actor="tests", row=row, photos=photos, **data)


def _route_row(w: Any) -> PlanRow:
    row = PlanRow.objects.filter(assessment=w.assessment).first()
    if row is None:
        row = make_row(w.assessment)
        add_update(row, photo=True)
    return row


def route_row_id(w: Any) -> Any:
    return _route_row(w).pk


def route_update_id(w: Any) -> Any:
    return _route_row(w).updates.first().pk  # type: ignore[union-attr]


def route_photo_id(w: Any) -> Any:
    return _route_row(w).updates.first().photos.first().pk  # type: ignore[union-attr]
