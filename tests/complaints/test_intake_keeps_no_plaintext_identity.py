"""A complaint is taken from the public form; nothing stored (database rows, files) holds the
complainant's name, phone number or the attachment's text in plain form, nor their address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from prongsai.complaints.identity import identity_open
from prongsai.complaints.models import Complaint
from prongsai.core.models import AuditEntry

from ..conftest import Personas, Tree
from .helpers import NAME, PHONE, SENTENCE, csv_file, submit


def _database_text() -> str:
    """Every row of every table, as text (bytes decoded as far as they go)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from Django
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        parts.append(bytes(value).decode("utf-8", "replace"))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)


def test_an_identified_complaint_stores_no_plaintext_identity_or_attachment(
    tree: Tree, people: Personas, client: Any
) -> None:
    response, code = submit(
        client,
        tree.unit,
        anonymous="no",
        name=NAME,
        contact=PHONE,
        files=[csv_file()],
        REMOTE_ADDR="203.0.113.77",
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert len(code.replace("-", "")) == 16
    complaint = Complaint.objects.get()
    assert not complaint.anonymous
    assert (
        identity_open(bytes(complaint.identity_token or b"")).name == NAME
    )  # readable with the key
    text = _database_text()
    for secret in (NAME, PHONE, SENTENCE, code.replace("-", ""), "203.0.113.77"):
        assert secret not in text, secret
    media = Path(settings.MEDIA_ROOT)
    stored = [p for p in media.rglob("*") if p.is_file()]
    assert len(stored) == 1
    for path in stored:
        data = path.read_bytes()
        assert SENTENCE.encode() not in data
        assert NAME.encode() not in data
    assert AuditEntry.objects.filter(action="complaint.submit").count() == 1


def test_the_form_works_on_its_own_page_in_thai(tree: Tree, client: Any) -> None:
    page = client.get(f"/p/{tree.unit.slug}/complaints/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ร้องเรียน" in html
    assert 'name="challenge"' in html and "hp_note" in html


def test_a_bad_form_changes_nothing_and_says_why_in_thai(tree: Tree, client: Any) -> None:
    response, code = submit(client, tree.unit, details="", category="nonsense")
    assert response.status_code == 400
    assert code == ""
    assert Complaint.objects.count() == 0
    assert "กรุณาตรวจสอบ" in response.content.decode()


def test_an_identified_complaint_needs_a_name_and_contact(tree: Tree, client: Any) -> None:
    response, _code = submit(client, tree.unit, anonymous="no", name="", contact="")
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_disguised_file_is_refused_and_nothing_is_kept(tree: Tree, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", "image/png")
    response, _code = submit(client, tree.unit, files=[bad])
    assert response.status_code == 400
    assert Complaint.objects.count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_the_honeypot_and_a_missing_check_are_refused(tree: Tree, client: Any) -> None:
    response, _code = submit(client, tree.unit, hp_note="http://spam.example")
    assert response.status_code == 400
    response, _code = submit(client, tree.unit, pow="", challenge="forged")
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_submissions_are_rate_limited_per_address(tree: Tree, client: Any, settings: Any) -> None:
    settings.COMPLAINTS_RATE_LIMIT_PER_MINUTE = 2
    statuses = [submit(client, tree.unit)[0].status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Complaint.objects.count() == 2


def test_a_retried_submission_is_stored_once(tree: Tree, client: Any) -> None:
    from .helpers import form_data

    data = form_data(tree.unit)
    url = f"/p/{tree.unit.slug}/complaints/new/"
    assert client.post(url, data).status_code == 200
    again = client.post(url, data)
    assert again.status_code == 200
    assert "ได้รับ" in again.content.decode()
    assert Complaint.objects.count() == 1
