"""Deadline reminders: each handler gets one mail listing the overdue cases they may see, with
references and deadlines only (never what the complaint says); a handler excluded from a case is
not told about it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from prongsai.complaints import services
from prongsai.complaints.models import Complaint
from prongsai.mail.models import OutgoingMail

from ..conftest import Personas, Tree
from ..factories import UserFactory, grant
from .helpers import make_case


def test_handlers_are_reminded_of_overdue_cases_they_may_see(tree: Tree, people: Personas) -> None:
    named: Any = UserFactory(username="named-handler")
    grant(named, tree.unit, "complaint_handler")
    late, _code = make_case(tree.unit, details="รายละเอียดลับของเรื่อง")
    Complaint.objects.filter(pk=late.pk).update(received_at=timezone.now() - dt.timedelta(days=9))
    services.complaint_exclude(actor=people.handler, complaint=late, handler=named)
    make_case(tree.unit)  # not overdue
    OutgoingMail.objects.all().delete()  # the new-case mails (another behaviour)
    out = io.StringIO()
    call_command("complaints_remind", stdout=out)
    assert "queued 1" in out.getvalue()
    mail = OutgoingMail.objects.get()
    assert mail.to == [people.handler.email]
    assert late.reference in mail.params["body"]
    assert "รายละเอียดลับ" not in str(mail.params)
