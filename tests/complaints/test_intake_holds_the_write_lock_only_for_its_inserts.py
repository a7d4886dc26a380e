"""A complaint's costly parts never hold the database's write lock: the Argon2 hash of the
receipt code, the identity's encryption and the attachments' checks and encryption run before
the case's transaction (on SQLite one transaction at a time writes, so a hash inside it made
every other complaint and every EIT answer wait); each file is checked once; an address past
its rate limit is refused before the hash is computed."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection

from prongsai.complaints import receipts, services
from prongsai.complaints.identity import Identity
from prongsai.complaints.models import CaseFile, Complaint
from prongsai.surveys.ratelimit import RateLimited

from ..conftest import Tree
from .helpers import csv_file


def _submit(tree: Tree, **kwargs: Any) -> services.Submitted:
    return services.complaint_submit(
        unit=tree.unit,
        submission_id=uuid.uuid4(),
        category="bribery",
        details="ถูกเรียกรับเงินเพื่อเร่งการต่อวีซ่า",
        happened_on=None,
        place="",
        officers="",
        address="198.51.100.7",
        **{"identity": None, **kwargs},
    )


def test_the_hash_the_identity_and_the_files_are_done_outside_the_cases_transaction(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = len(connection.atomic_blocks)  # the test's own transaction(s)
    depths: dict[str, list[int]] = {"hash": [], "seal": [], "check": []}

    def spy(name: str, real: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            depths[name].append(len(connection.atomic_blocks))
            return real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(receipts, "receipt_hash", spy("hash", receipts.receipt_hash))
    monkeypatch.setattr(services, "identity_seal", spy("seal", services.identity_seal))
    monkeypatch.setattr(services, "check_upload", spy("check", services.check_upload))
    submitted = _submit(
        tree,
        identity=Identity(name="สมหญิง ใจกล้าหาญ", contact="081-234-5678"),
        attachments=[csv_file(), csv_file(name="second.csv")],
    )
    assert depths == {"hash": [outer], "seal": [outer], "check": [outer, outer]}
    stored = Complaint.objects.get(pk=submitted.complaint.pk)
    assert receipts.receipt_matches(submitted.receipt, stored.receipt_hash)
    assert CaseFile.objects.filter(complaint=stored).count() == 2


def test_an_address_past_its_limit_costs_no_hash_and_leaves_no_file(
    tree: Tree, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.COMPLAINTS_RATE_LIMIT_PER_MINUTE = 1
    hashed: list[str] = []
    real = receipts.receipt_hash

    def counted(code: str) -> str:
        hashed.append(code)
        return real(code)

    monkeypatch.setattr(receipts, "receipt_hash", counted)
    _submit(tree)
    with pytest.raises(RateLimited):
        _submit(tree, attachments=[csv_file()])
    assert len(hashed) == 1 and Complaint.objects.count() == 1
    assert not CaseFile.objects.exists()
