"""Paper-form files are read within limits: a zip bomb is refused from the ZIP directory before
openpyxl sees it, and text that is not UTF-8 (nor Thai Windows) is refused in Thai, naming the
line — nothing is imported either way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest
from django.utils import translation

from prongsai.surveys.importing import plan_import
from prongsai.surveys.models import Campaign, Response

from ..spreadsheets.hostile import xlsx_bomb

EIT_KEYS = [f"e{n}" for n in range(1, 16)]


def _campaign(assessment: Any) -> Campaign:
    return Campaign.objects.get(assessment=assessment, instrument="EIT")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(assessment: Any, monkeypatch: Any) -> None:
    data = xlsx_bomb(EIT_KEYS)
    assert len(data) < 300_000  # small on the wire, tens of megabytes once unpacked

    def must_not_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl was asked to open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_run)
    with translation.override("en"):
        plan = plan_import(campaign=_campaign(assessment), name="forms.xlsx", data=data)
    assert not plan.ok
    assert "zip bomb" in str(plan.problems[0])
    assert Response.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_in_thai_naming_the_line(assessment: Any) -> None:
    header = ",".join([*EIT_KEYS, "p1"])
    good = ",".join(["4"] * 15 + ["ชาวต่างชาติ"])
    broken = good.encode()[:-4] + b"\xff\xfe"  # a Thai letter cut in half, then junk
    data = "\n".join([header, good, good]).encode() + b"\n" + broken + b"\n"
    with translation.override("th"):
        plan = plan_import(campaign=_campaign(assessment), name="forms.csv", data=data)
    assert not plan.ok
    message = str(plan.problems[0])
    assert "UTF-8" in message and "บรรทัด 4" in message
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")]
)
def test_utf8_with_or_without_bom_and_utf16_are_read(
    assessment: Any, encoding: str, prefix: bytes
) -> None:
    header = ",".join([*EIT_KEYS, "p1"])
    row = ",".join(["มาก"] * 3 + ["ไม่มี"] + ["4"] * 3 + ["มี"] + ["4"] + ["Yes"] + ["4"] * 5)
    text = f"{header}\n{row},ชาวต่างชาติ\n"
    plan = plan_import(
        campaign=_campaign(assessment),
        name="forms.csv",
        data=prefix + text.encode(encoding),
        default_day=dt.date(2024, 2, 1),
    )
    assert plan.ok, [str(p) for p in plan.problems]
    assert len(plan.rows) == 1 and plan.rows[0].answers["e1"] == 3
