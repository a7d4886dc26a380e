"""The nightly re-check (``evidence_check --nightly``) checks submitted and accepted items; when
a link that passed now fails, the item's owner gets an e-mail (through the outbox); a page that
changed after the evaluator accepted it is flagged."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from prongsai.disclosures import services as oit
from prongsai.disclosures.models import ItemWork
from prongsai.mail.models import OutgoingMail
from prongsai.prechecks.models import EvidenceCheck, ItemVerdict

from ..conftest import Personas
from ..disclosures.helpers import review_all
from .helpers import add_link, page
from .server import LocalSite, Reply

pytestmark = pytest.mark.django_db


def _nightly() -> None:
    """The cron line; its runs go to the task worker when the command's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("evidence_check", "--nightly", stdout=StringIO())


O2_PAGE = "<p>อำนาจหน้าที่ ภารกิจ และพื้นที่รับผิดชอบ</p>"


def _submitted(assessment: Any, people: Personas, url: str) -> ItemWork:
    work = add_link(assessment, "O2", url).work
    oit.work_save_answer(
        actor="tests",
        assessment=assessment,
        item=work.item,
        answer_text="",
        owner=people.editor,
        checks={},
    )
    return oit.work_submit(actor="tests", work=ItemWork.objects.get(pk=work.pk))


def test_a_link_that_stops_working_mails_its_owner(
    people: Personas, assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o2", page("อำนาจหน้าที่", O2_PAGE))
    _submitted(assessment, people, url)
    _nightly()
    assert EvidenceCheck.objects.get().status == "pass"
    assert not OutgoingMail.objects.filter(kind="prechecks.link_failed").exists()

    site.route("/o2", Reply(b"gone", status=404))
    _nightly()
    queued = OutgoingMail.objects.get(kind="prechecks.link_failed")
    assert queued.to == [people.editor.email]
    assert [m.subject for m in mail.outbox] == ["[ITA 2567] O2: ลิงก์หลักฐานเปิดไม่ได้แล้ว"]
    assert url in mail.outbox[0].body and "404" in mail.outbox[0].body

    # Still failing the next night: no second mail.
    _nightly()
    assert OutgoingMail.objects.filter(kind="prechecks.link_failed").count() == 1


def test_a_draft_item_is_not_rechecked_at_night(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    add_link(assessment, "O2", site.route("/o2", page("อำนาจหน้าที่", O2_PAGE)))
    _nightly()
    assert not ItemVerdict.objects.exists()


def test_a_page_changed_after_acceptance_is_flagged(
    people: Personas, assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o2", page("อำนาจหน้าที่", O2_PAGE))
    work = _submitted(assessment, people, url)
    _nightly()
    review_all(ItemWork.objects.get(pk=work.pk), "pass", action="complete")
    _nightly()
    assert not EvidenceCheck.objects.get().changed_after_acceptance

    site.route("/o2", page("อำนาจหน้าที่", O2_PAGE + "<p>แก้ไขภายหลัง</p>"))
    _nightly()
    assert EvidenceCheck.objects.get().changed_after_acceptance
    assert ItemVerdict.objects.get().changed_after_acceptance
