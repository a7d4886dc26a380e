"""Every item of every unit and year has a stable public page, reachable without log-in, showing
only the published evidence; the unit's OIT index lists all items grouped as in the framework."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures import services

from .conftest import public_url
from .helpers import add_link, add_page, add_png, review_all, work


def _index() -> str:
    return reverse("portal:oit_index", kwargs={"slug": "kalasin-immigration", "year": 2567})


def test_the_item_page_shows_published_evidence_only(client: Any, assessment: Any) -> None:
    shown = add_link(
        assessment, "O4", title="ช่องทางติดต่อ LINE OA", url="https://line.me/R/ti/p/@kalasin"
    )
    add_link(assessment, "O4", title="ร่างยังไม่เผยแพร่", publish=False)
    page = add_page(assessment, "O4", body_html="<h2>ที่อยู่</h2><p>ถนนถีนานนท์</p>")
    picture = add_png(assessment, "O4")
    response = client.get(public_url("O4"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ข้อมูลการติดต่อ และช่องทางการถาม-ตอบ รับฟังความคิดเห็น" in html  # the Thai title
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in html and "2567" in html
    assert shown.title in html and 'rel="noopener noreferrer"' in html
    assert "ร่างยังไม่เผยแพร่" not in html
    assert "ถนนถีนานนท์" in html
    assert f"/p/files/{picture.file_id}/" in html
    assert html.count('data-testid="public-evidence"') == 3
    services.evidence_set_published(actor="tests", evidence=page, published=False)
    assert "ถนนถีนานนท์" not in client.get(public_url("O4")).content.decode()


def test_the_state_of_the_review_is_not_published(client: Any, assessment: Any) -> None:
    add_link(assessment, "O3")
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O3")),
        "fail",
        action="return",
        comment="ความเห็นถึงหน่วยงาน-ไม่เผยแพร่",
    )
    html = client.get(public_url("O3")).content.decode()
    assert "ความเห็นถึงหน่วยงาน-ไม่เผยแพร่" not in html


def test_an_item_without_evidence_still_has_its_page(client: Any, assessment: Any) -> None:
    response = client.get(public_url("O24"))
    assert response.status_code == 200
    assert 'data-testid="public-empty"' in response.content.decode()


def test_the_index_lists_every_item_grouped_by_indicator(client: Any, assessment: Any) -> None:
    add_link(assessment, "O1")
    html = client.get(_index()).content.decode()
    for n in range(1, 25):
        assert f'data-testid="public-item-O{n}"' in html
    assert html.index("9.1.1") < html.index("public-item-O1") < html.index("9.1.2")
    assert html.index("public-item-O16") < html.index("10.1.1") < html.index("public-item-O17")
    assert 'data-testid="public-with-data">1<' in html


def test_system_pages_have_their_own_public_address(client: Any, assessment: Any) -> None:
    page = add_page(assessment, "O2", title="อำนาจหน้าที่")
    draft = add_page(assessment, "O2", title="ร่าง", publish=False)

    def url(evidence: Any) -> str:
        kwargs = {
            "slug": "kalasin-immigration",
            "year": 2567,
            "code": "O2",
            "evidence_id": evidence.pk,
        }
        return reverse("portal:oit_page", kwargs=kwargs)

    assert client.get(url(page)).status_code == 200
    assert client.get(url(draft)).status_code == 404


def test_unknown_units_years_and_items_are_404(client: Any, assessment: Any) -> None:
    assert client.get(public_url("O99")).status_code == 404
    assert client.get(public_url("O1", slug="nowhere")).status_code == 404
    assert (
        client.get(
            reverse("portal:oit_index", kwargs={"slug": "kalasin-immigration", "year": 2550})
        ).status_code
        == 404
    )
