"""WCAG 2.1 AA: axe-core, run in Debian's Chromium, finds no serious or critical violation of the
wcag2a, wcag2aa, wcag21a and wcag21aa rules on the unit home, an OIT item page, a news post, the
search page, the EIT survey and the IIT code page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from prongsai.surveys.models import Campaign
from prongsai.website import services

from ..conftest import Personas, Tree
from ..surveys.conftest import open_campaign
from .helpers import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Serious and critical violations on the page (axe is evaluated through the DevTools
    protocol, which the pages' Content-Security-Policy does not block)."""
    page.evaluate(source)
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _site(tree: Tree, people: Personas, assessment: Any) -> Any:
    unit = tree.unit
    services.profile_update(
        actor=people.editor, unit=unit, part="home",
        values={"head_name": "พ.ต.อ. สมชาย ใจดี", "head_position": "ผกก.ตม.จว.กาฬสินธุ์",
                "head_message": "ยินดีต้อนรับ"},
        image_field="head_photo", upload=jpeg(), alt="พ.ต.อ. สมชาย ใจดี",
    )  # fmt: skip
    services.profile_update(
        actor=people.editor,
        unit=unit,
        part="contact",
        values={"phone": "043 000 000", "line_oa": "@kalasin", "hours": "08:30–16:30"},
    )
    services.executive_add(
        actor=people.editor,
        unit=unit,
        name="พ.ต.อ. สมชาย ใจดี",
        position="ผกก.",
        level=1,
        photo=jpeg(),
    )
    post = services.news_save(
        actor=people.editor, unit=unit, title="ประกาศเจตนารมณ์ต่อต้านการทุจริต",
        summary="พิธีประกาศเจตนารมณ์", body="ผู้บริหารร่วมประกาศเจตนารมณ์การต่อต้านการทุจริต",
        category="anti-corruption", published_on=dt.date(2024, 1, 15), photo=jpeg(),
        photo_alt="ผู้บริหารกล่าวประกาศเจตนารมณ์",
    )  # fmt: skip
    open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))
    return post


def test_public_pages_have_no_serious_axe_violations(
    page: Any, live_server: Any, tree: Tree, people: Personas, assessment: Any,
    axe_source: str, settings: Any,
) -> None:  # fmt: skip
    settings.SITE_URL = live_server.url
    post = _site(tree, people, assessment)
    slug = tree.unit.slug
    pages = {
        "unit home": f"/p/{slug}/",
        "OIT item": f"/p/{slug}/2567/oit/O1/",
        "news post": f"/p/{slug}/news/{post.pk}/",
        "search": f"/p/{slug}/search/?q=ทุจริต",
        "EIT survey": f"/s/{slug}/2567/eit/",
        "IIT code page": f"/s/{slug}/2567/iit/",
    }
    found = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        violations = axe_violations(page, axe_source)
        if violations:
            found[name] = violations
    assert found == {}
