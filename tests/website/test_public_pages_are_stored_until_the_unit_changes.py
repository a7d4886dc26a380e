"""The unit's public pages (home, OIT items) are stored as rendered for anonymous visitors in the
database (shared by every app server) under the unit's public version: a repeat visit costs a
couple of queries instead of ~15 and a template render; a news post, a profile edit or an
evidence change shows at once; nothing personal is stored (each visitor gets their own CSRF
token; a logged-in user's page is never stored nor served from the store)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prongsai.disclosures.models import Evidence
from prongsai.disclosures.services.evidence import evidence_add_link, evidence_set_published
from prongsai.frameworks.models import Item
from prongsai.portal.models import PublicVersion, RenderedPage
from prongsai.website import services

from ..conftest import Personas, Tree

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _get(client: Any, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def _warm(client: Any, path: str) -> None:
    for _ in range(2):  # the first visit creates the unit's version row, the next one stores
        _get(client, path)


def test_a_repeat_visit_is_served_from_the_store_in_a_few_queries(
    tree: Tree, assessment: Any, client: Any
) -> None:
    for path in (f"/p/{tree.unit.slug}/", f"/p/{tree.unit.slug}/2567/oit/O1/"):
        _warm(client, path)
        html, queries = _get(client, path)
        assert queries <= 3, path
        assert tree.unit.name_th in html
    assert RenderedPage.objects.filter(unit=tree.unit).count() == 2


def test_a_post_a_profile_edit_and_an_evidence_change_show_at_once(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    home = f"/p/{tree.unit.slug}/"
    item = f"/p/{tree.unit.slug}/2567/oit/O9/"
    _warm(client, home)
    _warm(client, item)
    services.news_save(
        actor=people.editor, unit=tree.unit, title="ข่าวใหม่ล่าสุด", summary="", body="เนื้อหา",
        category="performance", published_on=dt.date(2024, 2, 1),
    )  # fmt: skip
    assert "ข่าวใหม่ล่าสุด" in _get(client, home)[0]
    services.profile_update(
        actor=people.editor, unit=tree.unit, part="home",
        values={"head_name": "", "head_position": "", "head_message": "สารจากหัวหน้าหน่วยฉบับใหม่"},
    )  # fmt: skip
    assert "สารจากหัวหน้าหน่วยฉบับใหม่" in _get(client, home)[0]

    evidence = evidence_add_link(
        actor=people.editor, assessment=assessment,
        item=Item.objects.get(framework=assessment.framework, code="O9"),
        title="แผนปฏิบัติการประจำปีฉบับเผยแพร่", url="https://example.go.th/plan.pdf",
    )  # fmt: skip
    _warm(client, item)
    assert "แผนปฏิบัติการประจำปีฉบับเผยแพร่" in _get(client, item)[0]
    evidence_set_published(actor=people.editor, evidence=evidence, published=False)
    assert "แผนปฏิบัติการประจำปีฉบับเผยแพร่" not in _get(client, item)[0]
    Evidence.objects.filter(pk=evidence.pk).delete()  # a delete (and its signal) bumps too
    version = PublicVersion.objects.get(unit=tree.unit).number
    _get(client, item)
    assert not RenderedPage.objects.filter(unit=tree.unit, version__lt=version).exists()


def test_each_visitor_gets_their_own_csrf_token_from_the_stored_page(
    tree: Tree, assessment: Any, client: Any
) -> None:
    home = f"/p/{tree.unit.slug}/"
    _warm(client, home)
    stored = RenderedPage.objects.get(unit=tree.unit)
    assert not TOKEN.search(stored.html.replace("\ue000csrf-token\ue000", ""))
    other = Client(enforce_csrf_checks=True)
    response = other.get(home)
    assert response["X-Page-Cache"] == "hit"
    token = TOKEN.search(response.content.decode())
    first = TOKEN.search(client.get(home).content.decode())
    assert token and first and token.group(1) != first.group(1)
    # The token from the stored page is valid for this visitor's cookie: switching language works.
    switched = other.post(
        "/i18n/setlang/", {"csrfmiddlewaretoken": token.group(1), "language": "en", "next": home}
    )
    assert switched.status_code == 302
    assert "Latest news" in other.get(home).content.decode()  # and the English page is its own


def test_a_logged_in_page_is_never_stored_nor_served_from_the_store(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    home = f"/p/{tree.unit.slug}/"
    _warm(client, home)
    client.force_login(people.editor)
    response = client.get(home)
    assert "X-Page-Cache" not in response
    assert "Log out" in response.content.decode() or "ออกจากระบบ" in response.content.decode()
    client.logout()
    anonymous = client.get(home)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "ออกจากระบบ" not in anonymous.content.decode()
    assert people.editor.username not in anonymous.content.decode()
