"""A report-ready assessment: the seed plan (demo), progress, report settings; and PDF tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from prongsai.demo.context import DemoContext


def load_seed_plan(assessment: Any, people: Any) -> None:
    from prongsai.demo import measures as measures_demo
    from prongsai.demo import reports as reports_demo

    ctx = DemoContext(
        assessments={assessment.unit.slug: assessment},
        users={
            "kalasin-editor": people.editor,
            "kalasin-admin": people.admin,
            "kalasin-head": people.head,
        },
    )
    measures_demo.load_demo(ctx)
    reports_demo.load_demo(ctx)


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install poppler-utils (make sysdeps)")
    return path


def pdf_text(path: Path, *args: str) -> str:
    out = subprocess.run(
        [poppler("pdftotext"), *args, str(path), "-"], capture_output=True, check=True
    )
    return out.stdout.decode()


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, check=True)
    lines = out.stdout.decode().splitlines()[2:]
    fonts = []
    for line in lines:
        # name type encoding emb sub uni object-id gen
        parts = re.split(r"\s+", line.strip())
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def squash(text: str) -> str:
    return " ".join(text.split())
