"""What waits for the person looking at the dashboard ("waiting for you"), with links.

A head sees the OIT items waiting for their approval; an editor (or unit admin) sees the items
the evaluator returned for rework and the plan rows whose progress report is overdue. Each entry
links to the page where the work is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import thai_date
from prongsai.disclosures.models import ItemWork, WorkState
from prongsai.measures.selectors import overdue_rows
from prongsai.organizations.access import UnitAccess


@dataclass(frozen=True)
class Waiting:
    what: str  # what is asked of the reader ("approve", "rework", "report progress")
    title: str
    url: str
    kind: str  # for tests and styling: approval, returned, overdue


def _item_url(assessment: Assessment, code: str) -> str:
    return reverse(
        "disclosures:item",
        kwargs={"slug": assessment.unit.slug, "year": assessment.year, "code": code},
    )


def _title(work: ItemWork) -> str:
    item = work.item
    english = (get_language() or "th").startswith("en")
    return f"{item.code} {(item.title_en if english else '') or item.title_th}"


def _works(assessment: Assessment, state: str) -> list[ItemWork]:
    return list(
        ItemWork.objects.filter(assessment=assessment, state=state)
        .select_related("item")
        .order_by("item__position")
    )


def waiting_for(access: UnitAccess, assessment: Assessment) -> list[Waiting]:
    out: list[Waiting] = []
    if access.can_approve:
        for work in _works(assessment, WorkState.AWAITING_APPROVAL):
            out.append(
                Waiting(
                    what=_("Approve before it goes to the evaluator"),
                    title=_title(work),
                    url=_item_url(assessment, work.item.code),
                    kind="approval",
                )
            )
    if access.can_edit:
        for work in _works(assessment, WorkState.RETURNED):
            out.append(
                Waiting(
                    what=_("Returned by the evaluator: rework and resubmit"),
                    title=_title(work),
                    url=_item_url(assessment, work.item.code),
                    kind="returned",
                )
            )
        for overdue in overdue_rows(assessment):
            out.append(
                Waiting(
                    what=_("Progress report overdue since %(day)s")
                    % {"day": thai_date(overdue.since)},
                    title=overdue.row.activity,
                    url=reverse(
                        "measures:row",
                        kwargs={
                            "slug": assessment.unit.slug,
                            "year": assessment.year,
                            "row_id": overdue.row.pk,
                        },
                    ),
                    kind="overdue",
                )
            )
    return out
