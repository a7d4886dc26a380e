"""``ita_report`` writes the demo unit's report: the DOCX has every activity of the seed's measures
tables, the PDF has the report's title phrase and the unit's name, and embeds every font."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.core.pdf import FONT_FAMILY
from prongsai.demo.seed_rows import seed_rows

from .helpers import docx_text, load_seed_plan, pdf_fonts, pdf_text, squash


@pytest.fixture
def seeded(assessment: Any, people: Any) -> Any:
    load_seed_plan(assessment, people)
    return assessment


def _run(tmp_path: Path, fmt: str, *extra: str) -> Path:
    output = tmp_path / f"report.{fmt}"
    out = StringIO()
    call_command(
        "ita_report",
        "--unit", "kalasin-immigration", "--year", "2567", "--round", "6",
        "--format", fmt, "--output", str(output), *extra,
        stdout=out,
    )  # fmt: skip
    assert "written" in out.getvalue()
    return output


def test_the_docx_has_every_seed_activity(seeded: Any, tmp_path: Path) -> None:
    text = squash(docx_text(_run(tmp_path, "docx").read_bytes()))
    missing = [row.activity for row in seed_rows() if squash(row.activity) not in text]
    assert missing == []
    assert "ผลการดำเนินการ" in text and "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in text
    assert "ตามคำสั่งตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์ ที่ ๕/๒๕๖๗ ลงวันที่ 2 มกราคม 2567" in text


def test_the_pdf_has_the_title_and_unit_and_embeds_its_fonts(seeded: Any, tmp_path: Path) -> None:
    path = _run(tmp_path, "pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "ผลการดำเนินการ" in text
    assert "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส" in text
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in text
    fonts = pdf_fonts(path)
    assert fonts, "the PDF lists no fonts"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert all(f["uni"] == "yes" for f in fonts), fonts
    # Only the Laksaman faces we ship: no glyph fell back to a font of this machine.
    assert all(f["name"].split("+")[-1].startswith(FONT_FAMILY) for f in fonts), fonts


def test_thai_digits_and_the_twelve_month_round(seeded: Any, tmp_path: Path) -> None:
    text = pdf_text(_run(tmp_path, "pdf", "--thai-digits"))
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in text
    assert "รอบ ๖ เดือน" in text
    # Every number is written in Thai digits; only web addresses (lines with "/") keep 0–9.
    arabic = [line for line in text.splitlines() if "/" not in line and re.search(r"[0-9]", line)]
    assert arabic == []


def test_unknown_units_are_refused(seeded: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no assessment"):
        call_command(
            "ita_report", "--unit", "nowhere", "--year", "2567", "--output", str(tmp_path / "x.pdf")
        )
