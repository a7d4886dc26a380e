"""The No Gift policy (Thai and English, the head's signature picture and date) and the ethics
guideline (Do & Don't per role) are structured pages and PDFs published through the publication
mechanism (a new version per edit); the items O17 and O21 link to both."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.publications.models import Publication

from ..conftest import Personas, Tree
from .helpers import jpeg


def _no_gift(client: Any, slug: str, text: str) -> Any:
    return client.post(
        reverse("website:policy_edit", kwargs={"slug": slug, "kind": "no-gift"}),
        {"title_th": "ประกาศนโยบายไม่รับของขวัญ", "title_en": "No Gift Policy",
         "text_th": text, "text_en": "No officer accepts gifts.", "signed_by": "พ.ต.ท. อนุชา วงศ์ไทย",
         "signer_position": "สว.ตม.จว.กาฬสินธุ์", "signed_on": "1/11/2566",
         "signature_picture": jpeg("sign.jpg", (600, 200))},
    )  # fmt: skip


def test_the_no_gift_policy_is_a_page_and_a_published_pdf(
    tree: Tree, people: Personas, assessment: Any, client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    slug = tree.unit.slug
    client.force_login(people.editor)
    with django_capture_on_commit_callbacks(execute=True):  # the render task runs after commit
        assert _no_gift(client, slug, "ไม่รับของขวัญทุกชนิด").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert _no_gift(client, slug, "ไม่รับของขวัญและของกำนัลทุกชนิด").status_code == 302
    rows = Publication.objects.filter(unit=tree.unit, series="website.no_gift", period="year")
    assert rows.count() == 2 and rows.filter(superseded_at__isnull=True).count() == 1
    current = rows.get(superseded_at__isnull=True)
    assert current.document.status == "ready"
    client.logout()
    pdf = client.get(f"/p/{slug}/2567/data/no-gift-policy/year.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    page = client.get(f"/p/{slug}/about/no-gift/").content.decode()
    assert '<h2 lang="en">No Gift Policy</h2>' in page
    assert "ไม่รับของขวัญและของกำนัลทุกชนิด" in page and 'alt="ลายมือชื่อ"' in page
    assert "1 พฤศจิกายน 2566" in page
    urls = set(
        Evidence.objects.filter(work__assessment=assessment, work__item__code="O17").values_list(
            "url", flat=True
        )
    )
    assert urls == {
        f"https://ita.example.go.th/p/{slug}/about/no-gift/v2/",
        f"https://ita.example.go.th/p/{slug}/2567/data/no-gift-policy/year.pdf",
    }


def test_the_ethics_guideline_has_do_and_dont_per_role(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    slug = tree.unit.slug
    client.force_login(people.editor)
    response = client.post(
        reverse("website:policy_edit", kwargs={"slug": slug, "kind": "ethics"}),
        {"title_th": "แนวทางจริยธรรม", "text_th": "ใช้กับทุกคน",
         "rules_text": "# ผู้บริหาร\n+ เป็นแบบอย่าง\n- ใช้ตำแหน่งหาประโยชน์\n# เจ้าหน้าที่\n+ ให้บริการตามคิว\n- เรียกรับเงิน"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/p/{slug}/about/ethics/").content.decode()
    for text in ("ผู้บริหาร", "เป็นแบบอย่าง", "ใช้ตำแหน่งหาประโยชน์", "เจ้าหน้าที่", "เรียกรับเงิน"):
        assert text in page
    assert Evidence.objects.filter(
        work__assessment=assessment,
        work__item__code="O21",
        url__endswith="/ethics-guideline/year.pdf",
    ).exists()
