"""“None in this period” statements: for an item whose framework asks for one
(``items[].none_statement``, e.g. no procurement, no complaints), the unit records the statement
as the item's evidence — what it states (the framework's text), the period it covers (within the
item's data period for the assessment), who stated it and when. It is published, reviewed and
counted like any other evidence; it cannot be edited (delete it and state again).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.actors import Actor
from prongsai.core.thai_dates import thai_date
from prongsai.frameworks.models import Item
from prongsai.frameworks.periods import ResolvedPeriod
from prongsai.frameworks.spec import Text
from prongsai.organizations.models import Membership

from ..models import Evidence
from .common import DisclosureError, require_editable, work_for_item
from .evidence import _create


def statement_text(assessment: Assessment, item: Item) -> Text | None:
    """What the framework has the unit state for ``item`` (None: the item takes no statement)."""
    spec_item = assessment.framework.spec.item_by_id.get(item.code)
    return spec_item.none_statement if spec_item else None


def stated_by(actor: Actor, assessment: Assessment) -> str:
    """Rank, name and position of the person stating, from their membership of the unit."""
    if not isinstance(actor, AbstractBaseUser):
        return str(actor)
    full_name = getattr(actor, "get_full_name", lambda: "")() or actor.get_username()
    membership = Membership.objects.filter(user_id=actor.pk, unit_id=assessment.unit_id).first()
    rank, position = (membership.rank, membership.position) if membership else ("", "")
    return " ".join(p.strip() for p in (rank, full_name, position) if p.strip())[:300]


def _covered(
    period: ResolvedPeriod | None, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    start = start or (period.start if period else None)
    end = end or (period.end if period else None)
    if start is None or end is None:
        raise DisclosureError(_("Give the period the statement covers."))
    if start > end:
        raise DisclosureError(_("The period cannot end before it starts."))
    if period is not None and not period.contains(start, end):
        raise DisclosureError(
            _("A statement must lie within the item's data period, %(start)s – %(end)s.")
            % {"start": thai_date(period.start), "end": thai_date(period.end)}
        )
    return start, end


@transaction.atomic
def evidence_add_statement(
    *,
    actor: Actor,
    assessment: Assessment,
    item: Item,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    publish: bool = True,
) -> Evidence:
    """Record that the unit had none of the item's kind from ``period_start`` to ``period_end``
    (by default the item's whole data period for the assessment)."""
    text = statement_text(assessment, item)
    if text is None:
        raise DisclosureError(
            _("%(code)s does not take a “none in this period” statement: add the evidence itself.")
            % {"code": item.code}
        )
    period = assessment.framework.spec.item_period_for(item.code, assessment.year)
    start, end = _covered(period, period_start, period_end)
    work = work_for_item(assessment=assessment, item=item)
    require_editable(work)
    overlapping = work.evidence.filter(
        kind=Evidence.Kind.STATEMENT, period_start__lte=end, period_end__gte=start
    ).first()
    if overlapping is not None:
        raise DisclosureError(
            _("A statement already covers %(start)s – %(end)s: delete it first to state again.")
            % {
                "start": thai_date(overlapping.period_start),
                "end": thai_date(overlapping.period_end),
            }
        )
    return _create(
        actor=actor,
        work=work,
        kind=Evidence.Kind.STATEMENT,
        title=(text.th or text.en)[:300],
        publish=publish,
        period_start=start,
        period_end=end,
        statement_by=stated_by(actor, assessment),
    )
