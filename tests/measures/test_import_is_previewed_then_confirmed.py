"""Importing through the plan page: the upload is checked and previewed, nothing is saved until
the editor confirms, and a file with problems shows them and can never be confirmed."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.demo.measures import seed_docx
from prongsai.demo.seed_rows import seed_rows
from prongsai.measures.exporting import WordTable, word_tables_docx
from prongsai.measures.models import PlanRow

from .helpers import make_row


def _url(assessment: Any) -> str:
    return reverse(
        "measures:import", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
    )


def _upload(data: bytes, name: str = "plan.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_upload_preview_confirm(assessment: Any, people: Any, client: Any) -> None:
    make_row(assessment, activity="แถวเดิม")
    client.force_login(people.editor)
    preview = client.post(_url(assessment), {"file": _upload(seed_docx())})
    assert preview.status_code == 200
    assert len(preview.context["preview"]) == len(seed_rows())
    assert PlanRow.objects.count() == 1  # nothing saved yet
    token = preview.context["token"]

    done = client.post(_url(assessment), {"confirm": "1", "token": token})
    assert done.status_code == 302
    assert PlanRow.objects.count() == 1 + len(seed_rows())
    assert PlanRow.objects.order_by("position").first().activity == "แถวเดิม"  # type: ignore[union-attr]

    # The token is spent: confirming again imports nothing more.
    again = client.post(_url(assessment), {"confirm": "1", "token": token})
    assert again.status_code == 302
    assert PlanRow.objects.count() == 1 + len(seed_rows())


def test_replace_mode_replaces_the_plan(assessment: Any, people: Any, client: Any) -> None:
    make_row(assessment, activity="แถวเดิม")
    client.force_login(people.editor)
    preview = client.post(_url(assessment), {"file": _upload(seed_docx()), "replace": "on"})
    client.post(_url(assessment), {"confirm": "1", "token": preview.context["token"]})
    assert PlanRow.objects.count() == len(seed_rows())
    assert not PlanRow.objects.filter(activity="แถวเดิม").exists()


def test_a_file_with_problems_shows_them_and_offers_no_confirmation(
    assessment: Any, people: Any, client: Any
) -> None:
    data = word_tables_docx(
        [WordTable(rows=[["๑๒. อื่น ๆ", "ประเด็น", "กิจกรรม", "", "", "๓๑ ก.ข. ๖๗", "", "", ""]])]
    )
    client.force_login(people.editor)
    response = client.post(_url(assessment), {"file": _upload(data)})
    assert response.status_code == 200
    assert "token" not in response.context
    body = response.content.decode()
    assert "Table 1, row 2, column “ตัวชี้วัด”" in body or "ตารางที่ 1 แถวที่ 2" in body
    assert 'name="confirm"' not in body
    forged = client.post(_url(assessment), {"confirm": "1", "token": "made-up"})
    assert forged.status_code == 302
    assert not PlanRow.objects.exists()


def test_viewers_cannot_import(assessment: Any, people: Any, client: Any) -> None:
    client.force_login(people.viewer)
    assert client.post(_url(assessment), {"file": _upload(seed_docx())}).status_code == 403
    assert not PlanRow.objects.exists()
