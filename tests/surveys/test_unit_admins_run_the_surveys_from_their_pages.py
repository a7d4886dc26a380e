"""The unit's survey page: progress for everyone in the unit; campaigns, codes, slips, posters,
imports and exports for its admins only."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.core.pdf import FONT_FAMILY
from prongsai.surveys.models import AccessCode, Campaign, CodeBatch, Response

from ..documents.helpers import fetch_document
from .conftest import eit_fields, eit_url, good_answers, iit_url, new_codes, redeem


def _url(name: str, **kwargs: Any) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": "kalasin-immigration", "year": 2567, **kwargs}
    )


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


_THAI_MARKS = re.compile(r"[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e\s]")


def _bare(text: str) -> str:
    """Thai text without vowel and tone marks or spaces: text extracted from a PDF shifts some
    marks (the glyphs are right on the page, their text mapping is not)."""
    return _THAI_MARKS.sub("", text)


def test_members_see_progress_and_admins_see_the_tools(client: Any, people: Any, eit: Any) -> None:
    Client().post(eit_url(eit), eit_fields(eit))
    client.force_login(people.viewer)
    page = client.get(_url("overview"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="eit-progress"' in html and "1 <span" in html
    assert "/s/kalasin-immigration/2567/eit/" in html
    assert _url("codes") not in html  # no admin tools for a viewer
    client.force_login(people.admin)
    html = client.get(_url("overview")).content.decode()
    assert _url("codes") in html and _url("export_csv", instrument="EIT") in html


def test_editors_cannot_manage_campaigns(client: Any, people: Any, eit: Any) -> None:
    client.force_login(people.editor)
    assert (
        client.post(_url("campaign_state", instrument="EIT"), {"action": "close"}).status_code
        == 403
    )
    assert client.post(_url("codes"), {"count": 5}).status_code == 403
    assert client.post(_url("export_csv", instrument="EIT")).status_code == 403


def test_an_admin_opens_and_closes_a_campaign(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.admin)
    client.post(_url("campaign_state", instrument="EIT"), {"action": "open"})
    assert Campaign.objects.get(assessment=assessment, instrument="EIT").state == "open"
    client.post(_url("campaign_state", instrument="EIT"), {"action": "close"})
    assert Campaign.objects.get(assessment=assessment, instrument="EIT").state == "closed"
    edit = client.post(
        _url("campaign_edit", instrument="EIT"),
        {"opens_on": "2024-01-08", "closes_on": "2024-03-31", "target_override": "180",
         "target_override_reason": ""},
    )  # fmt: skip
    assert edit.status_code == 200  # the reason is missing: the form says so
    assert "target_override_reason" in edit.context["form"].errors


def test_generating_codes_downloads_printable_slips(
    client: Any, people: Any, iit: Any, tmp_path: Path
) -> None:
    client.force_login(people.admin)
    fetched = fetch_document(client, _url("codes"), {"count": 12})
    assert fetched.response["Content-Type"] == "application/pdf"
    assert "attachment" in fetched.response["Content-Disposition"]
    text = _pdf_text(fetched.content, tmp_path)
    assert _bare("ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์") in _bare(text)
    assert text.count("รหัสตอบแบบวัด") == 12
    assert AccessCode.objects.count() == 12
    # The codes printed on the slips work (and are not stored in plain text anywhere).
    printed = re.findall(r"\b([A-Z0-9]{5}-[A-Z0-9]{5})\b", text)
    assert len(set(printed)) == 12
    assert redeem(Client(), iit, printed[0])


def test_voiding_a_batch_stops_its_unused_codes(client: Any, people: Any, iit: Any) -> None:
    codes = new_codes(iit, 3)
    redeem(Client(), iit, codes[0])
    batch = CodeBatch.objects.get()
    client.force_login(people.admin)
    client.post(_url("batch_void", batch_id=batch.pk))
    batch.refresh_from_db()
    assert batch.voided == 2 and AccessCode.objects.count() == 0
    assert Client().post(iit_url(iit), {"code": codes[1]}).status_code == 400


def test_qr_codes_and_the_poster(client: Any, people: Any, eit: Any, tmp_path: Path) -> None:
    client.force_login(people.viewer)
    svg = client.get(_url("qr_svg"))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get(_url("qr_png"))
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    poster = fetch_document(client, _url("poster"))
    assert poster.response["Content-Type"] == "application/pdf"
    text = _pdf_text(poster.content, tmp_path)
    assert _bare("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)") in _bare(text)
    assert _bare("ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์") in _bare(text)
    assert "/s/kalasin-immigration/2567/eit/" in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert FONT_FAMILY in fonts  # our shipped Thai font, embedded
    # Thai text extracted from the poster is exact (marks and SARA AM included).
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก" in "".join(text.split())
    assert "ในการดำเนินงานของหน่วยงานภาครัฐ" in "".join(text.split())


def test_exports_are_anonymous(client: Any, people: Any, eit: Any, iit: Any) -> None:
    for level in (4, 3, 2):
        Client().post(eit_url(eit), eit_fields(eit, a_e1=str(level)))
    client.force_login(people.admin)
    csv = fetch_document(client, _url("export_csv", instrument="EIT"))
    assert csv.content.startswith("\ufeff".encode())
    lines = csv.content.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert header[:4] == ["no", "date", "source", "p1"] and "e15" in header
    assert len(lines) == 4
    assert sorted(line.split(",")[header.index("e1")] for line in lines[1:]) == ["2", "3", "4"]
    xlsx = fetch_document(client, _url("export_xlsx", instrument="EIT"))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["answers", "questions"]
    assert book["answers"].max_row == 4


def test_iit_exports_carry_no_dates_and_wait_for_enough_answers(
    client: Any, people: Any, iit: Any
) -> None:
    import uuid

    from prongsai.surveys.services import ballot_box_flush

    client.force_login(people.admin)
    for code in new_codes(iit, 5):
        browser = Client()
        ballot = redeem(browser, iit, code)
        browser.post(iit_url(iit), {**good_answers(iit), "ballot": ballot,
                                    "submission_id": str(uuid.uuid4())})  # fmt: skip
        ballot_box_flush(campaign_id=iit.pk, everything=True)
        if Response.objects.count() == 4:
            too_few = client.post(_url("export_csv", instrument="IIT"))
            assert too_few.status_code == 302  # explained on the overview page
            assert too_few["Location"] == _url("overview")
    assert Response.objects.count() == 5
    csv = fetch_document(client, _url("export_csv", instrument="IIT"))
    header = csv.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert "date" not in header and header[:2] == ["no", "source"]


def test_paper_forms_can_be_uploaded(client: Any, people: Any, eit: Any) -> None:
    client.force_login(people.admin)
    keys = [f"e{n}" for n in range(1, 16)]
    answers = ["4"] * 15
    answers[3] = answers[7] = answers[9] = "1"  # e4, e8, e10 are yes/no
    good = "\n".join([",".join([*keys, "p1"]), ",".join([*answers, "person"])])
    bad = good + "\n" + ",".join(["9"] * 15 + ["person"])
    upload = io.BytesIO(bad.encode())
    upload.name = "forms.csv"
    client.cookies.load({"django_language": "en"})
    response = client.post(_url("import", instrument="EIT"), {"file": upload})
    assert response.status_code == 200
    assert "Row 3, column e1" in response.content.decode()
    assert Response.objects.count() == 0
    upload = io.BytesIO(good.encode())
    upload.name = "forms.csv"
    response = client.post(_url("import", instrument="EIT"), {"file": upload})
    assert response.status_code == 302
    assert Response.objects.filter(source="paper").count() == 1
