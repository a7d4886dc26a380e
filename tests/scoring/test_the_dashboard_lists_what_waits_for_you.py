"""The dashboard tells each person what waits for them, with links: the head the items waiting
for approval, the editor the items returned for rework and the overdue plan rows. A viewer gets
no such list."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures import services

from ..conftest import Personas, Tree
from ..disclosures.conftest import item_url
from ..disclosures.helpers import add_link, review_all, work
from ..measures.helpers import make_row

DASHBOARD = reverse("scoring:dashboard", kwargs={"slug": "kalasin-immigration", "year": 2567})


def test_the_head_sees_the_items_waiting_for_approval(
    client: Any, people: Personas, assessment: Any, tree: Tree
) -> None:
    tree.unit.require_head_approval = True
    tree.unit.save()
    add_link(assessment, "O1")
    services.work_submit(actor=people.editor, work=work(assessment, "O1"))
    client.force_login(people.head)
    html = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'data-testid="waiting-for-you"' in html
    assert 'data-testid="waiting-approval"' in html
    assert f'href="{item_url("item", code="O1")}"' in html


def test_the_editor_sees_returned_items_and_overdue_plan_rows(
    client: Any, people: Personas, assessment: Any
) -> None:
    add_link(assessment, "O2")
    submitted = services.work_submit(actor=people.editor, work=work(assessment, "O2"))
    review_all(submitted, "fail", action="return", comment="ยังไม่ครบ", actor=people.evaluator)
    row = make_row(assessment)  # monthly, never reported: overdue
    client.force_login(people.editor)
    html = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert f'href="{item_url("item", code="O2")}"' in html
    assert 'data-testid="waiting-returned"' in html
    row_url = reverse(
        "measures:row", kwargs={"slug": "kalasin-immigration", "year": 2567, "row_id": row.pk}
    )
    assert f'href="{row_url}"' in html and 'data-testid="waiting-overdue"' in html
    assert client.get(row_url).status_code == 200  # the link leads somewhere


def test_a_viewer_gets_no_waiting_list(client: Any, people: Personas, assessment: Any) -> None:
    client.force_login(people.viewer)
    html = client.get(DASHBOARD).content.decode()
    assert 'data-testid="waiting-for-you"' not in html
