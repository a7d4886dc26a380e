"""Requests the server cannot read get the product's own 400 page, in Thai, inside its layout.

Invalid UTF-8 in a form or a query string used to be decoded with replacement characters and
stored as "��"; Django's own refusals (too many fields, too many files, a body over the limit, a
broken multipart body, a host name that is not ours) showed Django's bare English page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from prongsai.measures.models import PlanRow

from ..conftest import Personas, Tree

THAI_TITLE = "คำขอไม่ถูกต้อง"


def _plan_new(tree: Tree) -> str:
    return reverse("measures:row_new", kwargs={"slug": tree.unit.slug, "year": 2567})


def _is_our_400(response: Any) -> str:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert THAI_TITLE in html
    assert 'class="site-header"' in html  # the product's layout, not Django's bare page
    assert "Bad Request (400)" not in html
    return html


def test_invalid_utf8_in_a_form_post_is_refused_and_nothing_is_stored(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    body = b"indicator=9&issue=%E0%B8%81%FF%FE&activity=ok&status=not_started"
    response = client.post(_plan_new(tree), body, content_type="application/x-www-form-urlencoded")
    assert "UTF-8" in _is_our_400(response)
    assert not PlanRow.objects.filter(assessment=assessment).exists()


def test_raw_invalid_bytes_in_a_form_post_are_refused(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    body = b"indicator=9&issue=\xe0\xb8&activity=ok&status=not_started"
    response = client.post(_plan_new(tree), body, content_type="application/x-www-form-urlencoded")
    _is_our_400(response)
    assert not PlanRow.objects.filter(assessment=assessment).exists()


def test_invalid_utf8_in_a_multipart_post_is_refused(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    boundary = "xYzZY"
    parts = [
        (b"indicator", b"9"),
        (b"issue", b"\xe0\xb8\x81\xff"),
        (b"activity", b"ok"),
        (b"status", b"not_started"),
    ]
    body = (
        b"".join(
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary.encode(), name, value)
            for name, value in parts
        )
        + b"--%s--\r\n" % boundary.encode()
    )
    response = client.post(
        _plan_new(tree), body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    _is_our_400(response)
    assert not PlanRow.objects.filter(assessment=assessment).exists()


def test_invalid_utf8_in_a_query_string_is_refused(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    plan = reverse("measures:plan", kwargs={"slug": tree.unit.slug, "year": 2567})
    _is_our_400(client.get(plan + "?status=%FF%FE"))
    assert client.get(plan + "?status=%E0%B8%81").status_code == 200  # valid Thai is fine


def test_valid_thai_posts_still_pass(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    response = client.post(
        _plan_new(tree),
        {"indicator": "9", "issue": "ปรับปรุงเว็บไซต์", "activity": "กิจกรรม", "status": "not_started"},
    )
    assert response.status_code == 302
    assert PlanRow.objects.get(assessment=assessment).issue == "ปรับปรุงเว็บไซต์"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_too_many_fields(tree: Tree, people: Personas, assessment: Any, client: Any) -> None:
    client.force_login(people.editor)
    response = client.post(_plan_new(tree), {f"f{i}": "x" for i in range(20)})
    assert "มากเกินไป" in _is_our_400(response)


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_too_many_files(tree: Tree, people: Personas, assessment: Any, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.editor)
    files = [SimpleUploadedFile(f"f{i}.png", b"x") for i in range(4)]
    response = client.post(_plan_new(tree), {"photos": files})
    _is_our_400(response)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_a_body_over_the_limit(tree: Tree, people: Personas, assessment: Any, client: Any) -> None:
    client.force_login(people.editor)
    response = client.post(_plan_new(tree), {"issue": "ก" * 5000})
    assert "ใหญ่เกิน" in _is_our_400(response)
    assert not PlanRow.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data; boundary=", "multipart/form-data", "multipart/form-data; boundary=\x00"],
)
def test_a_broken_multipart_body(
    tree: Tree, people: Personas, assessment: Any, client: Any, content_type: str
) -> None:
    client.force_login(people.editor)
    response = client.post(_plan_new(tree), b"--x\r\nnot a part", content_type=content_type)
    _is_our_400(response)


def test_a_host_name_that_is_not_ours(client: Any, db: None) -> None:
    response = client.get(reverse("home"), HTTP_HOST="attacker.example")
    html = _is_our_400(response)
    assert "attacker.example" not in html


def test_the_page_follows_the_visitors_language(client: Any, db: None) -> None:
    response = client.get(
        reverse("home") + "?q=%FF", HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="localhost"
    )
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
