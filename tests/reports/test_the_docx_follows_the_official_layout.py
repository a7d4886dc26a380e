"""The Word report: TH Sarabun New 16 pt for Thai (complex-script) runs too, A4 portrait with the
measures table in a landscape section whose header row repeats on every page, the chart, the
signature blocks and clickable public addresses in appendix A."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from prongsai.reports.builder import build_report
from prongsai.reports.render_docx import render_docx

from .helpers import load_seed_plan


def _document(assessment: Any, people: Any) -> Any:
    load_seed_plan(assessment, people)
    return Document(io.BytesIO(render_docx(build_report(assessment, round_=6))))


def test_fonts_and_sizes_cover_thai(assessment: Any, people: Any) -> None:
    document = _document(assessment, people)
    r_pr = document.styles["Normal"].element.rPr
    fonts = r_pr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH Sarabun New"
    assert fonts.get(qn("w:ascii")) == "TH Sarabun New"
    assert r_pr.find(qn("w:szCs")).get(qn("w:val")) == "32"  # 16 pt
    assert r_pr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert r_pr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_the_measures_table_is_landscape_with_a_repeated_header(
    assessment: Any, people: Any
) -> None:
    document = _document(assessment, people)
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[1]
    assert landscape.page_width > landscape.page_height
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "ตัวชี้วัด")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells][-1] == "ผลการดำเนินการ"
    assert len(table.rows) == 1 + 43
    body = document.element.body
    # Three sections: the opening (portrait), the table (landscape), the rest (portrait).
    section_breaks = list(body.iter(qn("w:sectPr")))
    assert len(section_breaks) == 3


def test_signatures_chart_and_links(assessment: Any, people: Any) -> None:
    document = _document(assessment, people)
    signatures = [
        [[c.text for c in row.cells] for row in t.rows]
        for t in document.tables
        if t.rows[0].cells[-1].text.startswith("ผู้")
    ]
    reporter, reviewer = signatures
    assert reporter[0][0] == "ร.ต.อ.หญิง" and reporter[0][2] == "ผู้รายงานรายละเอียดการดำเนินการ"
    assert reporter[2][1] == "รอง สว.ตม.จว.กาฬสินธุ์"
    assert reviewer[0][2] == "ผู้ตรวจสอบรายละเอียดการดำเนินการ"
    assert reviewer[1][1] == f"({people.head.get_full_name()})"
    assert reviewer[2][1] == "สว.ตม.จว.กาฬสินธุ์"
    assert len(document.inline_shapes) >= 1 + 3  # the chart and the demo's photos
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert any(link.endswith("/2567/oit/O24/") for link in links)
