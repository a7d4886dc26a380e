"""Key rotation keeps every case readable; the purge leaves no content behind but keeps the
statistics row."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from prongsai.complaints import services
from prongsai.complaints.identity import Identity, identity_open
from prongsai.complaints.models import CaseFile, Complaint, Message, State
from prongsai.core import encryption

from ..conftest import Personas, Tree
from .helpers import NAME, PHONE, SENTENCE, csv_file, make_case


def test_rotation_re_encrypts_identities_and_files_with_the_new_key(
    tree: Tree, settings: Any
) -> None:
    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    services.complaint_reply(complaint=complaint, body="", attachments=[csv_file()])
    old = settings.DATA_ENCRYPTION_KEY
    new = Fernet.generate_key().decode()
    settings.DATA_ENCRYPTION_KEY = new
    settings.DATA_ENCRYPTION_OLD_KEYS = [old]
    call_command("complaints_rotate_key", stdout=io.StringIO())
    settings.DATA_ENCRYPTION_OLD_KEYS = []  # the old key is gone now
    encryption._fernet.cache_clear()
    complaint.refresh_from_db()
    assert identity_open(bytes(complaint.identity_token or b"")).name == NAME
    case_file = CaseFile.objects.get()
    from django.core.files.storage import default_storage

    with default_storage.open(case_file.storage_name, "rb") as handle:
        assert SENTENCE.encode() in encryption.decrypt(handle.read())


def test_the_purge_removes_content_files_and_identity_of_old_closed_cases(
    tree: Tree, people: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    services.complaint_reply(complaint=complaint, body=SENTENCE, attachments=[csv_file()])
    services.complaint_acknowledge(actor=people.handler, complaint=complaint)
    services.complaint_conclude(
        actor=people.handler, complaint=complaint, outcome="not_substantiated", conclusion="ไม่มีมูล"
    )
    services.complaint_close(actor=people.handler, complaint=complaint)
    recent, _code = make_case(tree.unit)
    Complaint.objects.filter(pk=complaint.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=settings.COMPLAINTS_RETENTION_DAYS + 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("complaints_purge", stdout=io.StringIO())
    complaint.refresh_from_db()
    assert complaint.purged_at is not None
    assert complaint.details == "" and complaint.identity_token is None
    assert complaint.receipt_hash == ""
    assert not Message.objects.filter(complaint=complaint).exists()
    assert not CaseFile.objects.filter(complaint=complaint).exists()
    # What stays: the anonymous statistics row.
    assert complaint.category == "abuse" and complaint.state == State.CLOSED
    assert complaint.outcome == "not_substantiated" and complaint.received_at
    media = Path(settings.MEDIA_ROOT)
    assert not [p for p in media.rglob("*") if p.is_file()]
    recent.refresh_from_db()
    assert recent.purged_at is None and recent.details
