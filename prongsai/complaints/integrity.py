"""The complaint channel's integrity signal for parents' roll-ups: of the complaints a unit
received in the fiscal year, how many it concluded within its deadline to conclude.

A case concluded after its deadline, or still open past it, is late; an open case whose deadline
has not come yet is pending (it does not make the unit behind). Purged cases count too: the
purge keeps the dates. One query for every assessment of the roll-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    register_signal,
)
from prongsai.core.thai_dates import fiscal_year_bounds

from .models import Complaint
from .selectors import conclude_days_many


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    first, last = fiscal_year_bounds(year)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def complaints_on_time(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    units = set(query.assessments.values())
    start, end = _year_range(query.year)
    now = dt.datetime.combine(query.today, dt.time.max, tzinfo=timezone.get_current_timezone())
    days = conclude_days_many(units)
    counts: dict[Any, list[int]] = {
        unit: [0, 0, 0, 0] for unit in units
    }  # done expected late pending
    rows = (
        Complaint.objects.filter(unit_id__in=units, received_at__gte=start, received_at__lt=end)
        .values_list("unit_id", "received_at", "concluded_at")
        .order_by()
    )
    for unit_id, received_at, concluded_at in rows:
        due = received_at + dt.timedelta(days=days[unit_id])
        figures = counts[unit_id]
        figures[1] += 1
        if concluded_at is not None:
            figures[0 if concluded_at <= due else 2] += 1
        elif now > due:
            figures[2] += 1
        else:
            figures[3] += 1
    return {
        pk: SignalFigure(
            done=counts[unit][0],
            expected=counts[unit][1],
            late=counts[unit][2],
            pending=counts[unit][3],
        )
        for pk, unit in query.assessments.items()
    }


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="complaints",
            label=_("Complaints concluded on time, of those received"),
            behind_label=_("Complaints not concluded on time"),
            figures=complaints_on_time,
            order=40,
        )
    )
