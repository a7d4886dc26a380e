"""Publishing the register (``prongsai.publications``): the O19 assessment (year) and the O20
results (h1 = 6 months) become frozen PDF and DOCX versions at stable public URLs, attached as
links to the items O19 and O20; the register's public page lists them for anyone; a second
publication of the same period needs a reason and keeps the first as superseded."""

from __future__ import annotations

from typing import Any

from django.test import Client, TestCase

from prongsai.disclosures.models import Evidence
from prongsai.publications.models import Publication

from .helpers import add_followup, first_treatment, open_register


def _publish(client: Any, assessment: Any, which: str, reason: str = "") -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            f"/u/{assessment.unit.slug}/{assessment.year}/risks/publish/{which}/",
            {"reason": reason},
        )


def test_publishing_puts_the_documents_at_public_urls_and_on_the_items(
    client: Any, people: Any, assessment: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    register = open_register(assessment)
    add_followup(first_treatment(register), done="ติดประกาศขั้นตอนการพิจารณาคำขอแล้ว")
    client.force_login(people.editor)
    assert _publish(client, assessment, "assessment").status_code == 302
    assert _publish(client, assessment, "results-h1").status_code == 302
    rows = Publication.objects.filter(unit=assessment.unit, year=assessment.year)
    assert sorted(rows.values_list("series", "period", "fmt")) == [
        ("risks.assessment", "year", "docx"),
        ("risks.assessment", "year", "pdf"),
        ("risks.results", "h1", "docx"),
        ("risks.results", "h1", "pdf"),
    ]
    anonymous = Client()
    unit, year = assessment.unit.slug, assessment.year
    o19 = anonymous.get(f"/p/{unit}/{year}/data/risk-assessment/year.pdf")
    assert o19.status_code == 200 and o19["Content-Type"] == "application/pdf"
    o20 = anonymous.get(f"/p/{unit}/{year}/data/risk-results/h1.docx")
    assert o20.status_code == 200
    links = set(
        Evidence.objects.filter(work__assessment=assessment, kind=Evidence.Kind.LINK).values_list(
            "work__item__code", "url"
        )
    )
    base = f"https://ita.example.go.th/p/{unit}/{year}/data"
    assert ("O19", f"{base}/risk-assessment/year.pdf") in links
    assert ("O19", f"{base}/risk-assessment/year.docx") in links
    assert ("O20", f"{base}/risk-results/h1.pdf") in links
    assert ("O20", f"{base}/risk-results/h1.docx") in links
    page = anonymous.get(f"/p/{unit}/{year}/risks/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "/risk-assessment/year.pdf" in body and "/risk-results/h1.docx" in body
    # The O20 file holds the follow-up (rendered at publication, frozen).
    from prongsai.documents.models import GeneratedDocument

    o20_pdf = rows.get(series="risks.results", fmt="pdf").document
    assert isinstance(o20_pdf, GeneratedDocument) and o20_pdf.is_ready


def test_the_public_page_is_404_until_something_is_published(
    client: Any, people: Any, assessment: Any
) -> None:
    open_register(assessment)
    assert Client().get(f"/p/{assessment.unit.slug}/{assessment.year}/risks/").status_code == 404


def test_republishing_needs_a_reason_and_keeps_the_old_version(
    client: Any, people: Any, assessment: Any
) -> None:
    open_register(assessment)
    client.force_login(people.editor)
    _publish(client, assessment, "assessment")
    _publish(client, assessment, "assessment")  # no reason: refused
    assert Publication.objects.filter(series="risks.assessment").count() == 2
    _publish(client, assessment, "assessment", reason="แก้ไขระดับความเสี่ยงของเหตุการณ์ ๑.๒")
    rows = Publication.objects.filter(series="risks.assessment", fmt="pdf").order_by("version")
    assert [r.version for r in rows] == [1, 2]
    assert rows[0].superseded_at is not None and rows[1].superseded_at is None


def test_viewers_cannot_publish(client: Any, people: Any, assessment: Any) -> None:
    open_register(assessment)
    client.force_login(people.viewer)
    assert _publish(client, assessment, "assessment").status_code == 403
    assert not Publication.objects.exists()


def test_a_file_still_being_prepared_is_named_but_not_linked(
    client: Any, people: Any, assessment: Any
) -> None:
    open_register(assessment)
    client.force_login(people.editor)
    base = f"/u/{assessment.unit.slug}/{assessment.year}/risks/"
    client.post(f"{base}publish/assessment/", {"reason": ""})  # not rendered: no commit here
    page = client.get(base).content.decode()
    assert "/data/risk-assessment/year.pdf" not in page and "กำลังจัดทำ" in page
    public = Client().get(f"/p/{assessment.unit.slug}/{assessment.year}/risks/").content.decode()
    assert "/data/risk-assessment/year.pdf" not in public
