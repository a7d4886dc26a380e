"""An evaluator's private note is shown on the review screen only: never on a unit page, a public
page, an export, the item's history or the unit's audit log."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.urls import reverse

from prongsai.disclosures import services
from prongsai.disclosures.models import PrivateNote

from ..conftest import Personas
from ..documents.helpers import fetch_document
from .conftest import item_url, public_url, unit_url
from .helpers import PRIVATE_NOTE, add_page, add_png, review_all, work


def _reviewed(assessment: Any, action: str) -> Any:
    add_page(assessment, "O1")
    add_png(assessment, "O1")
    submitted = services.work_submit(actor="tests", work=work(assessment, "O1"))
    return review_all(
        submitted, "fail", action=action, comment="เห็นต่อหน่วยงาน", private_note=PRIVATE_NOTE
    )


def _unit_urls(assessment: Any) -> list[str]:
    w = work(assessment, "O1")
    evidence = w.evidence.order_by("position")
    return [
        unit_url("workspace"),
        unit_url("links"),
        unit_url("print"),
        item_url("item"),
        item_url("history"),
        *[item_url("evidence_edit", evidence_id=e.pk) for e in evidence],
        reverse("organizations:audit", kwargs={"slug": "kalasin-immigration"}),
        reverse("scoring:dashboard", kwargs={"slug": "kalasin-immigration", "year": 2567}),
    ]


def _public_urls(assessment: Any) -> list[str]:
    w = work(assessment, "O1")
    page = w.evidence.get(kind="page")
    return [
        reverse("portal:oit_index", kwargs={"slug": "kalasin-immigration", "year": 2567}),
        public_url("O1"),
        reverse(
            "portal:oit_page",
            kwargs={
                "slug": "kalasin-immigration",
                "year": 2567,
                "code": "O1",
                "evidence_id": page.pk,
            },
        ),
    ]


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


EXPORTS = ("export_xlsx", "export_csv", "appeal_pack")


def _unpacked(content: bytes) -> bytes:
    """The file's bytes, or every member of an Office file (a zip) unpacked."""
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def _assert_absent_from_exports(client: Any) -> int:
    for name in EXPORTS:
        fetched = fetch_document(client, unit_url(name))
        assert PRIVATE_NOTE.encode() not in _unpacked(fetched.content), name
    return len(EXPORTS)


def _assert_absent(client: Any, urls: list[str]) -> int:
    checked = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = _body(response)
        assert PRIVATE_NOTE.encode() not in body, url
        checked += 1
    return checked


def test_the_note_is_stored_and_shown_to_the_evaluator(
    client: Any, people: Personas, assessment: Any
) -> None:
    _reviewed(assessment, "return")
    assert PrivateNote.objects.filter(text=PRIVATE_NOTE).count() == 4  # 3 criteria + the item
    client.force_login(people.evaluator)
    assert PRIVATE_NOTE in client.get(item_url("review")).content.decode()


def test_no_unit_page_shows_the_note_to_any_unit_role(
    client: Any, people: Personas, assessment: Any
) -> None:
    _reviewed(assessment, "return")
    urls = _unit_urls(assessment)
    for persona in (people.editor, people.admin, people.head, people.viewer, people.bureau_admin):
        client.force_login(persona)
        checked = _assert_absent(client, urls) + _assert_absent_from_exports(client)
        assert checked >= 8, (persona, checked)  # the pages really rendered


def test_no_public_page_shows_the_note(client: Any, assessment: Any) -> None:
    _reviewed(assessment, "complete")
    assert _assert_absent(client, _public_urls(assessment)) == 3


def test_the_evaluators_own_view_of_unit_pages_does_not_show_it_either(
    client: Any, people: Personas, assessment: Any
) -> None:
    """Only the review screen reads private notes; the workspace stays clean for everyone."""
    _reviewed(assessment, "return")
    client.force_login(people.evaluator)
    assert (
        _assert_absent(client, [item_url("item"), item_url("history"), unit_url("workspace")]) == 3
    )


def test_the_comment_meant_for_the_unit_does_reach_it(
    client: Any, people: Personas, assessment: Any
) -> None:
    _reviewed(assessment, "return")
    client.force_login(people.editor)
    assert "เห็นต่อหน่วยงาน" in client.get(item_url("item")).content.decode()
