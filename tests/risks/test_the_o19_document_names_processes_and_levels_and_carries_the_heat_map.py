"""The O19 assessment and plan, generated from the register: its PDF's text (pdftotext) names
the processes and the level names, and the heat-map picture is an image in the PDF (pdfimages)
and an image part of the DOCX."""

from __future__ import annotations

import io
import subprocess
import zipfile
from typing import Any

from prongsai.documents.registry import render_now
from prongsai.risks.document_kinds import ASSESSMENT_DOCX, ASSESSMENT_PDF, register_params

from .helpers import IMMIGRATION_PROCESSES, open_register


def _pdf_text(content: bytes, tmp_path: Any) -> str:
    path = tmp_path / "o19.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_pdf_names_the_processes_and_levels_and_holds_the_heat_map(
    assessment: Any, tmp_path: Any
) -> None:
    open_register(assessment)
    pdf = render_now(ASSESSMENT_PDF, register_params(assessment))
    assert pdf.content.startswith(b"%PDF")
    text = " ".join(_pdf_text(pdf.content, tmp_path).split())
    for name in ("การตรวจลงตรา/การขออยู่ต่อ/การอนุญาต", "การเรียกรับผลประโยชน์จากชาวต่างชาติ"):
        assert name in text, name
    assert IMMIGRATION_PROCESSES
    for level in ("ต่ำ", "ปานกลาง", "สูงมาก"):
        assert level in text
    assert "แผนภูมิความเสี่ยง" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "o19.pdf")],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert images, "the heat map is an image of the PDF"
    widths = [int(line.split()[3]) for line in images]
    assert max(widths) >= 1000  # the heat map drawn at 2× (two 5 × 5 grids side by side)


def test_the_docx_carries_the_heat_map_as_an_image_part(assessment: Any) -> None:
    open_register(assessment)
    docx = render_now(ASSESSMENT_DOCX, register_params(assessment))
    with zipfile.ZipFile(io.BytesIO(docx.content)) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        body = package.read("word/document.xml").decode()
    assert media and media[0].endswith(".png")
    assert "การเรียกรับผลประโยชน์จากชาวต่างชาติ" in body
