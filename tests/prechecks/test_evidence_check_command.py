"""``manage.py evidence_check``: one URL as evidence of an item (JSON, nothing stored), and the
unit's stored evidence (text)."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.prechecks.models import CheckRun, EvidenceCheck, ItemVerdict, Snapshot

from .helpers import MONTHS_H1, add_link, monthly_report
from .server import LocalSite

pytestmark = pytest.mark.django_db


def test_one_url_is_checked_as_evidence_of_an_item_without_storing_anything(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o6", monthly_report(MONTHS_H1[:4]))
    out = StringIO()
    call_command(
        "evidence_check",
        "--unit",
        "kalasin-immigration",
        "--year",
        "2567",
        "--item",
        "O6",
        "--url",
        url,
        "--format",
        "json",
        stdout=out,
    )
    entries = json.loads(out.getvalue())
    assert [(e["url"], e["item"], e["status"]) for e in entries] == [(url, "O6", "fail")]
    checks = {c["name"]: c for c in entries[0]["checks"]}
    assert list(checks) == ["reachable", "on_unit_site", "period", "elements", "format"]
    assert checks["period"]["status"] == "warn"
    assert checks["period"]["reason"] == "ไม่พบข้อมูลเดือน กุมภาพันธ์ 2567, มีนาคม 2567"
    assert checks["format"]["status"] == "fail"  # no Word file beside the report
    assert set(checks["reachable"]) == {"name", "status", "reason"}
    assert not (
        CheckRun.objects.exists() or Snapshot.objects.exists() or ItemVerdict.objects.exists()
    )


def test_the_units_evidence_is_checked_and_stored(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o18", monthly_report(MONTHS_H1))
    add_link(assessment, "O18", url)
    out = StringIO()
    call_command("evidence_check", "--unit", "kalasin-immigration", "--year", "2567", stdout=out)
    assert "O18\t" in out.getvalue() and url in out.getvalue()
    assert EvidenceCheck.objects.count() == 1
    assert ItemVerdict.objects.get().work.item.code == "O18"
    assert Snapshot.objects.get().sha256


def test_bad_arguments_are_refused_with_a_message(assessment: Any) -> None:
    with pytest.raises(CommandError, match="no unit"):
        call_command("evidence_check", "--unit", "nowhere", "--year", "2567")
    with pytest.raises(CommandError, match="no item"):
        call_command(
            "evidence_check", "--unit", "kalasin-immigration", "--year", "2567", "--item", "O99"
        )
    with pytest.raises(CommandError, match="--url needs --item"):
        call_command(
            "evidence_check",
            "--unit",
            "kalasin-immigration",
            "--year",
            "2567",
            "--url",
            "http://x.example/",
        )
