"""Thai in the PDF is drawn (a rasterised page is not blank) and can be copied back exactly, also
where vowels and tone marks stack and where SARA AM is split by shaping."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PIL import Image

from prongsai.reports.builder import build_report
from prongsai.reports.render_pdf import render_pdf

from .helpers import load_seed_plan, pdf_text, poppler

# Stacked vowels and tone marks (ผู้ ที่ น้ำ), SARA AM (ดำ ทำ), clusters that shaping reorders.
SENTENCES = [
    "ผู้รับผิดชอบ",
    "ที่",
    "ผลการดำเนินการ",
    "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "มอบหมายหน้าที่ผู้รับผิดชอบจัดทำข้อมูลเผยแพร่บนเว็บไซต์",
    "ผู้ตรวจสอบรายละเอียดการดำเนินการ",
]


def _pdf(assessment: Any, people: Any, tmp_path: Path) -> Path:
    load_seed_plan(assessment, people)
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(build_report(assessment, round_=6)))
    return path


def test_a_rasterised_page_is_not_blank(assessment: Any, people: Any, tmp_path: Path) -> None:
    pdf = _pdf(assessment, people, tmp_path)
    subprocess.run(
        [
            poppler("pdftoppm"),
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert grey.width < grey.height  # the first page is portrait
    assert dark > 2000, f"only {dark} dark pixels: the page looks blank"


def test_extracted_text_round_trips(assessment: Any, people: Any, tmp_path: Path) -> None:
    # Thai separates no words with spaces: lines are joined without them to read a wrapped
    # sentence back.
    text = "".join(pdf_text(_pdf(assessment, people, tmp_path)).split())
    for sentence in SENTENCES:
        assert "".join(sentence.split()) in text, sentence
    assert "ดาเนิน" not in text  # what a glyph-only mapping gives for ดำเนิน
