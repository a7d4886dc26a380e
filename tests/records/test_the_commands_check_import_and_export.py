"""``records_import`` checks the whole file (non-zero exit, every problem printed, nothing
saved), imports a good one (``--dry-run`` saves nothing); ``records_export`` writes the stable
field names in JSON, CSV and XLSX."""

from __future__ import annotations

import json
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.records.models import StatValue
from prongsai.spreadsheets.reader import read_tables

from .helpers import STATISTICS_GOOD, xlsx


def _run(*argv: str, capsys: Any) -> tuple[int, str, str]:
    """The exit code ``manage.py`` gives (a CommandError's ``returncode``), without
    ``run_from_argv`` (which closes the database connections the test runs in)."""
    code = 0
    try:
        call_command(*argv)
    except CommandError as exc:
        sys.stderr.write(f"{exc}\n")
        code = exc.returncode
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.django_db
def test_import_exit_codes(tree: Any, tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        xlsx([*STATISTICS_GOOD, ["ต.ค. 66", "", "", "", "x"], ["ม.ค. 70", "ก", "", "", "1"]])
    )
    args = ["--unit", "kalasin-immigration", "--year", "2567", "--kind", "statistics"]
    code, _out, err = _run("records_import", str(bad), *args, capsys=capsys)
    assert code == 1
    assert "row 5" in err and "B รายการ" in err and "E จำนวน" in err and "row 6" in err
    assert not StatValue.objects.exists()

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(STATISTICS_GOOD))
    code, out, _err = _run("records_import", str(good), *args, "--dry-run", capsys=capsys)
    assert code == 0 and "3 row(s) would be imported" in out
    assert not StatValue.objects.exists()
    code, out, _err = _run("records_import", str(good), *args, capsys=capsys)
    assert code == 0 and StatValue.objects.count() == 3

    code, _out, err = _run("records_import", str(good), *args[:-1], "nonsense", capsys=capsys)
    assert code == 1 and "unknown kind" in err


@pytest.mark.django_db
def test_export_formats(tree: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(STATISTICS_GOOD))
    base = ["--unit", "kalasin-immigration", "--year", "2567", "--kind", "statistics"]
    call_command("records_import", str(good), *base, stdout=StringIO())
    out = StringIO()
    call_command("records_export", *base, "--format", "json", stdout=out)
    records = json.loads(out.getvalue())
    assert records[0] == {
        "year": 2567, "month": "2566-10", "series": "การจับกุม", "category": "งานปราบปราม",
        "measure": "ราย", "value": "12.00",
    }  # fmt: skip
    target = tmp_path / "export.csv"
    call_command("records_export", *base, "--format", "csv", "--output", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbfyear,month,series,category,measure,value")
    target = tmp_path / "export.xlsx"
    call_command("records_export", *base, "--format", "xlsx", "--output", str(target))
    table = read_tables(target.read_bytes()).tables[0]
    assert table.texts()[0] == ["year", "month", "series", "category", "measure", "value"]
    # The export imports back unchanged.
    call_command("records_import", str(target), *base, stdout=StringIO())
    assert StatValue.objects.count() == 3
