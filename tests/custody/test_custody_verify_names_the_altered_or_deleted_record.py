"""``custody_verify`` passes on a clean register and names the first broken record when a row is
altered or deleted directly in the database (behind the services' back)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from prongsai.custody.chain import register_check
from prongsai.custody.models import EvidenceEntry

from .helpers import evidence_custodian, photo, seized, transfer


@pytest.fixture
def register(tree: Any) -> list[EvidenceEntry]:
    keeper = evidence_custodian(tree.unit)
    first = seized(tree.unit, keeper, photos=[photo()])
    second = seized(tree.unit, keeper, case="คดีอาญาที่ 13/2567", seal_number="S-0002")
    transfer(first, keeper)
    transfer(first, keeper, back=True)
    transfer(second, keeper)
    return list(EvidenceEntry.objects.filter(unit=tree.unit).order_by("register_seq"))


def _verify() -> str:
    try:
        call_command("custody_verify")
    except CommandError as exc:
        return str(exc)
    return "intact"


def test_a_clean_register_verifies(register: list[EvidenceEntry], capsys: Any) -> None:
    call_command("custody_verify")
    out = capsys.readouterr().out
    assert "custody registers intact: 1 register(s), 5 record(s) verified" in out


def test_an_altered_row_is_named(register: list[EvidenceEntry], tree: Any) -> None:
    third = register[2]
    data = {**third.data, "to_holder": "นายหน้า"}
    EvidenceEntry.objects.filter(pk=third.pk).update(data=data)  # not through a service
    message = _verify()
    assert f"{tree.unit.slug} record #3 (entry {third.pk})" in message
    assert "altered" in message


def test_an_altered_date_in_raw_sql_is_named(register: list[EvidenceEntry], tree: Any) -> None:
    second = register[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE custody_evidenceentry SET occurred_on = %s WHERE id = %s",
            ["2024-01-01", second.pk.hex if connection.vendor == "sqlite" else second.pk],
        )
    assert "record #2" in _verify()


def test_a_deleted_row_in_the_middle_is_named(register: list[EvidenceEntry], tree: Any) -> None:
    EvidenceEntry.objects.filter(pk=register[3].pk).delete()
    message = _verify()
    assert f"{tree.unit.slug} record #4" in message
    assert "missing" in message


def test_a_deleted_newest_row_is_named(register: list[EvidenceEntry], tree: Any) -> None:
    EvidenceEntry.objects.filter(pk=register[4].pk).delete()
    message = _verify()
    assert f"{tree.unit.slug} record #5" in message


def test_a_deleted_newest_row_with_the_head_moved_back_is_still_found(
    register: list[EvidenceEntry], tree: Any
) -> None:
    from prongsai.custody.models import RegisterHead

    last = register[4]
    EvidenceEntry.objects.filter(pk=last.pk).delete()
    RegisterHead.objects.filter(unit=tree.unit).update(seq=4, hash=register[3].hash)
    report = register_check(tree.unit)
    assert [p.register_seq for p in report.problems] == [5]
    assert "audit log" in report.problems[0].message
