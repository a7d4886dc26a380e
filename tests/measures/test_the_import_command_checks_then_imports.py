"""``measures_import`` imports a plan file from the command line, all or nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.demo.measures import seed_docx
from prongsai.demo.seed_rows import seed_rows
from prongsai.measures.exporting import WordTable, word_tables_docx
from prongsai.measures.models import PlanRow


def _args(path: Path, *extra: str) -> list[str]:
    return [str(path), "--unit", "kalasin-immigration", "--year", "2567", *extra]


def test_dry_run_then_import(assessment: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(seed_docx())
    out = StringIO()
    call_command("measures_import", *_args(path, "--dry-run"), stdout=out, stderr=StringIO())
    assert f"{len(seed_rows())} row(s) would be imported" in out.getvalue()
    assert not PlanRow.objects.exists()
    call_command("measures_import", *_args(path), stdout=out, stderr=StringIO())
    assert PlanRow.objects.count() == len(seed_rows())


def test_a_bad_file_imports_nothing(assessment: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(
        word_tables_docx([WordTable(rows=[["๑๒. อื่น", "ประเด็น", "กิจกรรม", "", "", "", "", "", ""]])])
    )
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("measures_import", *_args(path), stdout=StringIO(), stderr=err)
    assert "row 2" in err.getvalue() or "แถวที่ 2" in err.getvalue()
    assert not PlanRow.objects.exists()
