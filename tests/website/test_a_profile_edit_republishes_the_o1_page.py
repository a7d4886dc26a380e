"""A profile edit publishes a new version of the O1 page; the item O1 links to it (the same
evidence, its URL moved to the new version) and the public item page shows the new version."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.website.models import ProfileVersion

from ..conftest import Personas, Tree
from .helpers import jpeg


def test_a_profile_edit_republishes_the_o1_page(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    slug = tree.unit.slug
    client.force_login(people.editor)
    add = reverse("website:executive_add", kwargs={"slug": slug})
    response = client.post(
        add,
        {"name": "พ.ต.อ. สมชาย ใจดี", "position": "ผกก.ตม.จว.กาฬสินธุ์", "level": 1, "photo": jpeg()},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(work__assessment=assessment, work__item__code="O1")
    assert evidence.url == f"https://ita.example.go.th/p/{slug}/about/structure/v1/"
    assert evidence.is_published

    client.post(add, {"name": "พ.ต.ท. สมหญิง รักงาน", "position": "รอง ผกก.", "level": 2})
    evidence.refresh_from_db()
    assert evidence.url == f"https://ita.example.go.th/p/{slug}/about/structure/v2/"
    assert Evidence.objects.filter(work__assessment=assessment, work__item__code="O1").count() == 1
    assert ProfileVersion.objects.filter(unit=tree.unit, section="structure").count() == 2

    item_page = client.get(
        reverse("portal:oit_item", kwargs={"slug": slug, "year": 2567, "code": "O1"})
    ).content.decode()
    assert "/about/structure/v2/" in item_page
    assert "/about/structure/v1/" not in item_page

    client.logout()
    v2 = client.get(f"/p/{slug}/about/structure/v2/").content.decode()
    assert "สมหญิง รักงาน" in v2 and "สมชาย ใจดี" in v2
    v1 = client.get(f"/p/{slug}/about/structure/v1/").content.decode()
    assert "สมหญิง" not in v1  # a published version stays as it was
    assert 'srcset="' in v1  # the photo in its responsive widths


def test_each_profile_part_is_the_evidence_of_its_item(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    slug = tree.unit.slug
    client.force_login(people.editor)
    client.post(
        reverse("website:profile_edit", kwargs={"slug": slug, "part": "authority"}),
        {
            "authority": "ตรวจคนเข้าเมือง",
            "duties": "ตรวจลงตรา",
            "area": "จังหวัดกาฬสินธุ์",
            "picture": jpeg("map.jpg"),
            "picture_alt": "แผนที่จังหวัดกาฬสินธุ์",
        },
    )
    client.post(
        reverse("website:laws", kwargs={"slug": slug}),
        {"title": "พระราชบัญญัติคนเข้าเมือง พ.ศ. 2522", "url": "https://www.krisdika.go.th/"},
    )
    client.post(
        reverse("website:profile_edit", kwargs={"slug": slug, "part": "contact"}),
        {
            "address": "ถนนกาฬสินธุ์",
            "phone": "043 000 000",
            "email": "kalasin@example.go.th",
            "line_oa": "@kalasin-imm",
            "facebook": "https://www.facebook.com/kalasin",
            "hours": "08:30–16:30",
        },
    )
    codes = dict(
        Evidence.objects.filter(work__assessment=assessment).values_list("work__item__code", "url")
    )
    assert codes["O2"].endswith(f"/p/{slug}/about/authority/v1/")
    assert codes["O3"].endswith(f"/p/{slug}/about/laws/v1/")
    assert codes["O4"].endswith(f"/p/{slug}/about/contact/v1/")
    contact = client.get(f"/p/{slug}/about/contact/").content.decode()
    assert (
        "@kalasin-imm" in contact and reverse("inquiries:public", kwargs={"slug": slug}) in contact
    )
    authority = client.get(f"/p/{slug}/about/authority/").content.decode()
    assert 'alt="แผนที่จังหวัดกาฬสินธุ์"' in authority
