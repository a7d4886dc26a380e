"""An editor presses *Check now*: the check runs as a task (not in the request's own code), and
the verdict shows beside the item in the workspace, on the item page with its reasons, beside
each criterion, "checked on …, unchanged since …" beside the link, on the dashboard as a count
and in the XLSX export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.prechecks.models import CheckRun, ItemVerdict

from ..conftest import Personas
from ..documents.helpers import fetch_document
from .helpers import MONTHS_H1, add_link, monthly_report, page
from .server import LocalSite

pytestmark = pytest.mark.django_db


def _run(client: Any, code: str = "") -> Any:
    url = reverse("prechecks:run", kwargs={"slug": "kalasin-immigration", "year": 2567})
    # The check is handed to the task worker when the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"item": code, "back": "item" if code else "overview"})


def test_check_now_shows_the_verdict_in_the_workspace_and_on_the_item(
    client: Any, people: Personas, assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o6", monthly_report(MONTHS_H1[:5]))
    add_link(assessment, "O6", url, title="รายงานประจำเดือน")
    client.force_login(people.editor)
    response = _run(client, "O6")
    assert response.status_code == 302
    assert response["Location"].endswith("/oit/items/O6/")
    run = CheckRun.objects.get()
    assert run.state == "done" and run.requested_by == people.editor
    verdict = ItemVerdict.objects.get()
    assert verdict.status == "fail"  # no Word file beside the report

    workspace = client.get(
        reverse("disclosures:workspace", kwargs={"slug": "kalasin-immigration", "year": 2567})
    )
    assert 'data-testid="precheck-O6"' in workspace.content.decode()
    item = client.get(response["Location"]).content.decode()
    assert "ไม่พบข้อมูลเดือน มีนาคม 2567" in item
    assert 'data-testid="criterion-note"' in item  # O6.3's elements beside the criterion
    assert "ไม่เปลี่ยนแปลงตั้งแต่" in item or "unchanged since" in item


def test_the_dashboard_counts_items_at_risk_and_the_export_lists_them(
    client: Any, people: Personas, assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    add_link(assessment, "O1", site.route("/gone", page("ไม่พบหน้า", "<p>404</p>")))
    add_link(
        assessment,
        "O2",
        site.route("/o2", page("อำนาจหน้าที่", "<p>อำนาจหน้าที่ ภารกิจ และพื้นที่รับผิดชอบ</p>")),
    )
    client.force_login(people.editor)
    _run(client)
    statuses = dict(ItemVerdict.objects.values_list("work__item__code", "status"))
    assert statuses == {"O1": "fail", "O2": "pass"}
    dashboard = client.get(
        reverse("scoring:dashboard", kwargs={"slug": "kalasin-immigration", "year": 2567})
    )
    assert 'data-testid="precheck-at-risk"' in dashboard.content.decode()
    assert dashboard.context["precheck_risk"].at_risk == 1

    export = reverse("prechecks:export_xlsx", kwargs={"slug": "kalasin-immigration", "year": 2567})
    book = load_workbook(io.BytesIO(fetch_document(client, export).content))
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["O1", "O2"]
    assert "ไม่พบหน้า" in (rows[0][-1] or "")


def test_viewers_may_see_but_not_start_a_check(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.viewer)
    overview = reverse("prechecks:overview", kwargs={"slug": "kalasin-immigration", "year": 2567})
    assert client.get(overview).status_code == 200
    assert _run(client).status_code == 403
    assert not CheckRun.objects.exists()


def test_an_unknown_item_is_refused_with_a_message(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.editor)
    response = _run(client, "O99")
    assert response.status_code == 302
    assert not CheckRun.objects.exists()


def test_an_item_whose_evidence_was_removed_loses_its_old_verdict(
    client: Any, people: Personas, assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    from prongsai.disclosures import services as oit

    evidence = add_link(assessment, "O1", site.route("/gone", page("ไม่พบหน้า", "<p>404</p>")))
    client.force_login(people.editor)
    _run(client, "O1")
    assert ItemVerdict.objects.filter(work__item__code="O1").exists()
    oit.evidence_delete(actor=people.editor, evidence=evidence)
    _run(client, "O1")
    assert not ItemVerdict.objects.filter(work__item__code="O1").exists()
