"""Progress updates: the row's status follows its latest update (by date); a retried submission
is stored once; bad input changes nothing; deleting an update is audited and cleans up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from prongsai.core.audit import AuditEntry
from prongsai.measures.models import ProgressPhoto, ProgressUpdate
from prongsai.measures.services import progress_add, progress_delete

from .helpers import add_update, make_row


def test_the_status_follows_the_latest_update_by_date(assessment: Any) -> None:
    row = make_row(assessment, status="not_started")
    add_update(row, date=dt.date(2024, 2, 1), status="in_progress")
    row.refresh_from_db()
    assert row.status == "in_progress"
    add_update(row, date=dt.date(2024, 3, 1), status="done")
    row.refresh_from_db()
    assert row.status == "done"
    # An older update recorded late does not overrule the newer one.
    add_update(row, date=dt.date(2024, 1, 10), status="in_progress")
    row.refresh_from_db()
    assert row.status == "done"


def test_a_retried_submission_is_stored_once(assessment: Any) -> None:
    row = make_row(assessment)
    first = add_update(row, idempotency_key="same-key", text="ครั้งแรก")
    again = add_update(row, idempotency_key="same-key", text="ครั้งแรก")
    assert first.pk == again.pk
    assert ProgressUpdate.objects.filter(row=row).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "  "}, "text"),
        ({"status": "finished"}, "status"),
        ({"date": dt.date.today() + dt.timedelta(days=30)}, "date"),
        ({"links": ["javascript:alert(1)"]}, "links"),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(
    assessment: Any, fields: dict[str, Any], field: str
) -> None:
    row = make_row(assessment, status="not_started")
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        add_update(row, photo=True, **fields)
    assert field in caught.value.message_dict
    row.refresh_from_db()
    assert row.status == "not_started"
    assert not ProgressUpdate.objects.exists()
    assert not ProgressPhoto.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_links_are_kept_and_the_write_is_audited(assessment: Any) -> None:
    row = make_row(assessment)
    update = progress_add(
        actor="tests",
        row=row,
        date=dt.date(2024, 2, 2),
        text="เผยแพร่ข่าวบนเพจ",
        status="in_progress",
        links=["https://www.facebook.com/KalasinImmigration/posts/1", ""],
        idempotency_key="k1",
    )
    assert update.links == ["https://www.facebook.com/KalasinImmigration/posts/1"]
    entry = AuditEntry.objects.filter(action="progress.add").get()
    assert entry.object_id == str(update.pk)
    assert entry.changes["links"] == update.links


def test_deleting_an_update_removes_its_photos(
    assessment: Any, django_capture_on_commit_callbacks: Any
) -> None:
    row = make_row(assessment)
    update = add_update(row, photo=True, status="done")
    name = str(update.photos.get().file.name)
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        progress_delete(actor="tests", update=update)
    assert not ProgressUpdate.objects.exists()
    assert not default_storage.exists(name)
    assert AuditEntry.objects.filter(action="progress.delete").count() == 1
