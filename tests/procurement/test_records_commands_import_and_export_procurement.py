"""``records_import --kind procurement`` and ``records_export --kind procurement``: the registry's
commands run the procurement import (whole file or nothing) and export its stable fields."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.procurement.models import Procurement
from prongsai.procurement.record_kind import EXPORT_FIELDS

from .helpers import SK1_ROWS_JAN, sk1_workbook


@pytest.mark.django_db
def test_records_commands_import_and_export_procurement(tree: Any, tmp_path: Path) -> None:
    good = tmp_path / "skr1.xlsx"
    good.write_bytes(
        sk1_workbook(("ม.ค. 67", "มกราคม ๒๕๖๗", SK1_ROWS_JAN), ("ก.พ. 67", "กุมภาพันธ์ ๒๕๖๗", None))
    )
    args = ["--unit", tree.unit.slug, "--year", "2567", "--kind", "procurement"]
    call_command("records_import", str(good), *args, "--dry-run", stdout=StringIO())
    assert not Procurement.objects.exists()
    call_command("records_import", str(good), *args, stdout=StringIO())
    assert Procurement.objects.count() == 2

    rows = [list(r) for r in SK1_ROWS_JAN]
    rows[1][2] = "แปดพันห้า"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sk1_workbook(("มี.ค. 67", "มีนาคม ๒๕๖๗", rows)))
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("records_import", str(bad), *args, stdout=StringIO(), stderr=errors)
    assert "แถวที่ 6 คอลัมน์ “C”" in errors.getvalue() or "row 6, column “C”" in errors.getvalue()
    assert Procurement.objects.count() == 2

    out = StringIO()
    call_command("records_export", *args, "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert [list(r) for r in records] == [list(EXPORT_FIELDS)] * 2
    assert records[0]["period"] == "2567-01" and records[0]["budget"] == 25000.0
    assert records[1]["bids"] == [{"bidder": "ร้านเย็นฉ่ำแอร์", "amount": 8000.0}]
