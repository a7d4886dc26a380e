"""A tiny framework definition whose scores are easy to compute by hand."""

from __future__ import annotations

import copy
from typing import Any


def _t(th: str) -> dict[str, str]:
    return {"th": th, "en": th}


TINY: dict[str, Any] = {
    "id": "tiny-2567",
    "version": 1,
    "year": 2567,
    "variant": "tiny",
    "status": "draft",
    "title": _t("กรอบทดสอบ"),
    "instruments": [
        {"id": "IIT", "title": _t("IIT"), "weight": 30, "respondents": "internal",
         "sample": {"percent": 10, "minimum": 30, "everyone_below": 30, "cap": 400, "cap_above": 4000}},
        {"id": "EIT", "title": _t("EIT"), "weight": 30, "respondents": "external",
         "sample": {"percent": 10, "minimum": 30, "everyone_below": 30, "cap": 400, "cap_above": 4000}},
        {"id": "OIT", "title": _t("OIT"), "weight": 40, "respondents": "none"},
    ],
    "indicators": [
        {"id": "1", "instrument": "IIT", "title": _t("การปฏิบัติหน้าที่")},
        {"id": "6", "instrument": "EIT", "title": _t("คุณภาพการดำเนินงาน")},
        {"id": "9", "instrument": "OIT", "title": _t("การเปิดเผยข้อมูล")},
    ],
    "sub_indicators": [{"id": "9.1", "indicator": "9", "title": _t("ข้อมูลพื้นฐาน")}],
    "scales": [
        {"id": "level4", "levels": [
            {"value": 1, "label": _t("น้อยที่สุดหรือไม่มีเลย"), "score": 0},
            {"value": 2, "label": _t("น้อย"), "score": 33.33},
            {"value": 3, "label": _t("มาก"), "score": 66.67},
            {"value": 4, "label": _t("มากที่สุด"), "score": 100},
        ]},
        {"id": "yesno", "levels": [
            {"value": 1, "label": _t("มี"), "score": 100},
            {"value": 0, "label": _t("ไม่มี"), "score": 0},
        ]},
    ],
    "questions": [
        {"id": "i1", "instrument": "IIT", "indicator": "1", "text": _t("ปฏิบัติงาน"),
         "scale": "level4", "sub_items": [{"id": "i1.1", "text": _t("ตามขั้นตอน")},
                                          {"id": "i1.2", "text": _t("ตามเวลา")}]},
        {"id": "i4", "instrument": "IIT", "indicator": "1", "text": _t("เรียกรับเงิน"),
         "scale": "yesno", "reverse": True},
        {"id": "e1", "instrument": "EIT", "indicator": "6", "text": _t("ขั้นตอนชัดเจน"),
         "scale": "level4"},
    ],
    "items": [
        {"id": "O1", "sub_indicator": "9.1", "title": _t("โครงสร้าง"),
         "criteria": [{"id": "O1.1", "text": _t("แผนผัง")}, {"id": "O1.2", "text": _t("ผู้บริหาร")}]},
        {"id": "O2", "sub_indicator": "9.1", "title": _t("อำนาจหน้าที่"),
         "criteria": [{"id": "O2.1", "text": _t("อำนาจหน้าที่")}]},
    ],
    "scoring": {
        "aggregation": "mean-of-means",
        "oit": {"pass_score": 100, "fail_score": 0, "conditional_passes": False},
        "grades": [
            {"id": "AA", "label": _t("AA"), "min": 95, "max": 100},
            {"id": "A", "label": _t("A"), "min": 85, "max": 95},
            {"id": "B", "label": _t("B"), "min": 75, "max": 85},
            {"id": "C", "label": _t("C"), "min": 65, "max": 75},
            {"id": "F", "label": _t("F"), "min": 0, "max": 65},
        ],
        "ratings": [
            {"id": "excellent", "label": _t("ผ่านดีเยี่ยม"), "min": 95, "max": 100},
            {"id": "good", "label": _t("ผ่านดี"), "min": 90, "max": 95},
            {"id": "pass", "label": _t("ผ่าน"), "min": 85, "max": 90},
            {"id": "fail", "label": _t("ไม่ผ่าน"), "min": 0, "max": 85},
        ],
        "rating_caps": [{"when": "any_instrument_below", "threshold": 85, "at_most": "pass"}],
    },
}  # fmt: skip


def tiny() -> dict[str, Any]:
    return copy.deepcopy(TINY)
