"""A follow-up recorded on a treatment (what was done, result, residual rating, photo, link)
appears in the O20 results report of its round, PDF and DOCX; the 6-month report leaves out the
12-month round's follow-ups, and the residual rating moves the event on the "after" heat map."""

from __future__ import annotations

import io
import subprocess
import zipfile
from typing import Any

from prongsai.documents.registry import render_now
from prongsai.risks.document_kinds import RESULTS_DOCX, RESULTS_PDF, register_params
from prongsai.risks.heatmap import heat_grid
from prongsai.risks.selectors import register_view

from .helpers import add_followup, first_treatment, open_register


def _text(content: bytes, tmp_path: Any) -> str:
    path = tmp_path / "o20.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return "".join(out.stdout.split())  # Thai wraps without spaces: compare without any


def test_the_follow_up_is_in_the_report_of_its_round(assessment: Any, tmp_path: Any) -> None:
    register = open_register(assessment)
    treatment = first_treatment(register)
    add_followup(
        treatment,
        photo=True,
        done="ติดตั้งกล้องวงจรปิดที่จุดรับคำขอแล้ว",
        result="ไม่พบการเรียกรับเงิน",
        links=["https://kalasin.immigration.go.th/risk"],
    )
    add_followup(
        treatment,
        round=12,
        done="ทบทวนคู่มือการให้บริการครบทุกขั้นตอน",
        status="done",
        date=treatment.created_at.date(),
    )

    six = _text(render_now(RESULTS_PDF, register_params(assessment, round=6)).content, tmp_path)
    assert "ติดตั้งกล้องวงจรปิดที่จุดรับคำขอแล้ว" in six
    assert "ไม่พบการเรียกรับเงิน" in six
    assert "ทบทวนคู่มือการให้บริการครบทุกขั้นตอน" not in six
    assert "รอบ๖เดือน" in six
    assert "https://kalasin.immigration.go.th/risk" in six
    assert "สถานะ:ดำเนินการเสร็จสิ้น" not in six  # done only in the 12-month round
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "o20.pdf")],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.splitlines()[2:]
    assert len(images) >= 2  # the heat map and the activity photo

    twelve = _text(render_now(RESULTS_PDF, register_params(assessment, round=12)).content, tmp_path)
    assert "ทบทวนคู่มือการให้บริการครบทุกขั้นตอน" in twelve
    assert "สถานะ:ดำเนินการเสร็จสิ้น" in twelve
    assert "ติดตั้งกล้องวงจรปิดที่จุดรับคำขอแล้ว" in twelve

    docx = render_now(RESULTS_DOCX, register_params(assessment, round=6)).content
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = package.read("word/document.xml").decode()
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert "ติดตั้งกล้องวงจรปิดที่จุดรับคำขอแล้ว" in body
    assert len(media) >= 2  # heat map + photo


def test_the_residual_rating_moves_the_event_on_the_after_map(assessment: Any) -> None:
    register = open_register(assessment)
    treatment = first_treatment(register)
    event = treatment.event

    def cell_of(after: bool) -> tuple[int, int]:
        view = register_view(register)
        number = next(e.number for e in view.events if e.event.pk == event.pk)
        for row in heat_grid(view.scheme, view.events, after=after):
            for cell in row.cells:
                if number in cell.events:
                    return (cell.likelihood, cell.impact)
        raise AssertionError("event not placed")

    assert cell_of(False) == cell_of(True) == (event.likelihood, event.impact)
    add_followup(treatment, residual_likelihood=1, residual_impact=2)
    assert cell_of(False) == (event.likelihood, event.impact)
    assert cell_of(True) == (1, 2)
