"""The home's cached parts are keyed by the unit's publication counter (in the database): a new
post or page shows at once, on every app server; anonymous visitors get no JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.surveys.models import Campaign
from prongsai.website import services

from ..conftest import Personas, Tree
from ..surveys.conftest import open_campaign


def test_a_new_post_shows_on_the_home_at_once(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    home = f"/p/{tree.unit.slug}/"
    assert "ข่าวแรก" not in client.get(home).content.decode()
    services.news_save(
        actor=people.editor, unit=tree.unit, title="ข่าวแรก", summary="", body="เนื้อหา",
        category="ita", published_on=dt.date(2024, 1, 5),
    )  # fmt: skip
    html = client.get(home).content.decode()
    assert "ข่าวแรก" in html
    services.law_add(actor=people.editor, unit=tree.unit, title="พ.ร.บ.คนเข้าเมือง")
    assert f"/p/{tree.unit.slug}/about/laws/" in client.get(home).content.decode()


def test_the_home_shows_the_survey_qr_channels_and_every_item(
    tree: Tree, assessment: Any, client: Any
) -> None:
    home = f"/p/{tree.unit.slug}/"
    assert 'data-testid="eit-open"' not in client.get(home).content.decode()
    open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    html = client.get(home).content.decode()
    assert 'data-testid="eit-open"' in html and 'src="data:image/svg+xml' in html
    assert f"/s/{tree.unit.slug}/2567/eit/" in html
    assert f"/p/{tree.unit.slug}/complaints/" in html
    assert f"/p/{tree.unit.slug}/questions/" in html
    for n in range(1, 25):
        assert f"/p/{tree.unit.slug}/2567/oit/O{n}/" in html
    assert "<script" not in html
    item = client.get(f"/p/{tree.unit.slug}/2567/oit/O1/").content.decode()
    assert "<script" not in item
