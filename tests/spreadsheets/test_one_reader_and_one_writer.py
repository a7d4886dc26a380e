"""Every spreadsheet the product reads or writes goes through prongsai.spreadsheets: no other
module opens a workbook, a ZIP package or a CSV reader/writer of its own (each would need the
limits, the formula escaping and the control-character cleaning again)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OWN = ROOT / "prongsai" / "spreadsheets"
PYTHON = sorted(
    p for p in ROOT.glob("prongsai/**/*.py") if "migrations" not in p.parts and OWN not in p.parents
)
FORBIDDEN = {
    r"\bload_workbook\b": "read spreadsheets with prongsai.spreadsheets.reader.read_tables",
    r"\bWorkbook\(": "write workbooks with prongsai.spreadsheets.writer.new_workbook",
    r"\bcsv\.(writer|DictWriter)\(": "write CSV with prongsai.spreadsheets.writer.csv_bytes",
    r"\bcsv\.(reader|DictReader)\(": "read CSV with prongsai.spreadsheets.reader.read_tables",
    r"\bzipfile\.ZipFile\(": "open packages with prongsai.spreadsheets.archives",
}


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_reads_or_writes_spreadsheets_on_its_own(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern, advice in FORBIDDEN.items():
        assert not re.search(pattern, text), f"{path.name}: {advice}"
