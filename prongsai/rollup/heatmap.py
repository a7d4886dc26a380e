"""Heat maps of a subtree: units × OIT items (each item's state and freshness) and units ×
indicators (scores from the snapshots), and the reporting rates the DHIS2 way.

The units are listed (and paged) first; the cells are read for the page's units only, in a
fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import fiscal_year_bounds
from prongsai.disclosures.models import WorkState
from prongsai.disclosures.selectors import (
    ItemCell,
    oit_cells_many,
    oit_item_reporting,
    oit_on_time_many,
)
from prongsai.frameworks.models import Framework
from prongsai.frameworks.spec import FrameworkSpec, Text
from prongsai.organizations.models import Unit
from prongsai.scoring.models import ScoreSnapshot

from .selectors import UnitRow

# A cell whose work record has not changed for this long is shown faded.
FRESH_DAYS = 30

# (state, css class, symbol): the legend, in workflow order. "none": no work on the item yet.
STATE_STYLES: list[tuple[str, str, str]] = [
    ("none", "hm-none", "·"),
    (WorkState.DRAFT, "hm-draft", "✎"),
    (WorkState.AWAITING_APPROVAL, "hm-waiting", "…"),
    (WorkState.SUBMITTED, "hm-sent", "↑"),
    (WorkState.RETURNED, "hm-returned", "↩"),
    (WorkState.RESUBMITTED, "hm-sent", "⇈"),
    (WorkState.ACCEPTED, "hm-accepted", "✓"),
    (WorkState.REJECTED, "hm-rejected", "✗"),
]
_STYLE = {state: (css, symbol) for state, css, symbol in STATE_STYLES}


def state_label(state: str) -> Any:
    if state == "none":
        return pgettext_lazy("OIT state", "Nothing yet")
    return WorkState(state).label


@dataclass(frozen=True)
class LegendEntry:
    state: str
    css: str
    symbol: str
    label: Any


def legend() -> list[LegendEntry]:
    return [
        LegendEntry(state, css, symbol, state_label(state)) for state, css, symbol in STATE_STYLES
    ]


@dataclass(frozen=True)
class Column:
    code: str
    title: Text
    instrument: str = "OIT"


@dataclass(frozen=True)
class Cell:
    code: str
    state: str
    css: str
    symbol: str
    label: Any
    evidence: int = 0
    published: int = 0
    changed: dt.datetime | None = None
    fresh: bool = True
    value: float | None = None  # indicator heat map: the score


@dataclass
class HeatRow:
    unit: Unit
    level: int
    has_children: bool
    assessment: Assessment
    cells: list[Cell | None] = field(default_factory=list)
    html: str = ""  # the cells as <td> elements (heatmap_html.cells_html), for the page


def _specs(rows: Sequence[UnitRow]) -> list[FrameworkSpec]:
    seen: dict[Any, FrameworkSpec] = {}
    for row in rows:
        assert row.assessment is not None
        seen.setdefault(row.assessment.framework_id, row.assessment.framework.spec)
    return list(seen.values())


def item_columns(rows: Sequence[UnitRow]) -> list[Column]:
    """The OIT items of the frameworks in use, in framework order (the first framework's
    items first; another framework's extra items after them)."""
    columns: dict[str, Column] = {}
    for spec in _specs(rows):
        for item in spec.items:
            columns.setdefault(item.id, Column(item.id, item.title))
    return list(columns.values())


def indicator_columns(rows: Sequence[UnitRow]) -> list[Column]:
    columns: dict[str, Column] = {}
    for spec in _specs(rows):
        for indicator in spec.indicators:
            columns.setdefault(
                indicator.id, Column(indicator.id, indicator.title, indicator.instrument)
            )
    return list(columns.values())


def _item_cell(code: str, work: ItemCell | None, now: dt.datetime) -> Cell:
    if work is None or (work.state == WorkState.DRAFT and not work.evidence):
        state = "none"
    else:
        state = work.state
    css, symbol = _STYLE[state]
    fresh = (
        work is None or work.changed is None or now - work.changed <= dt.timedelta(days=FRESH_DAYS)
    )
    return Cell(
        code=code,
        state=state,
        css=css,
        symbol=symbol,
        label=state_label(state),
        evidence=work.evidence if work else 0,
        published=work.published if work else 0,
        changed=work.changed if work else None,
        fresh=fresh,
    )


def oit_heatmap(rows: Sequence[UnitRow], columns: Sequence[Column]) -> list[HeatRow]:
    """The page's units × OIT items: two queries."""
    now = timezone.now()
    cells = oit_cells_many([row.assessment.pk for row in rows if row.assessment])
    out = []
    for row in rows:
        assert row.assessment is not None
        spec = row.assessment.framework.spec
        works = cells.get(row.assessment.pk, {})
        out.append(
            HeatRow(
                unit=row.unit,
                level=row.level,
                has_children=row.has_children,
                assessment=row.assessment,
                cells=[
                    _item_cell(c.code, works.get(c.code), now)
                    if c.code in spec.item_by_id
                    else None
                    for c in columns
                ],
            )
        )
    return out


def score_band(value: float | None) -> str:
    if value is None:
        return "hm-none"
    if value >= 85:
        return "hm-accepted"
    if value >= 70:
        return "hm-sent"
    if value >= 50:
        return "hm-returned"
    return "hm-rejected"


def score_legend() -> list[LegendEntry]:
    return [
        LegendEntry("85", "hm-accepted", "", _("85 and above")),
        LegendEntry("70", "hm-sent", "", _("70 to under 85")),
        LegendEntry("50", "hm-returned", "", _("50 to under 70")),
        LegendEntry("0", "hm-rejected", "", _("under 50")),
        LegendEntry("none", "hm-none", "", _("no score")),
    ]


def indicator_heatmap(rows: Sequence[UnitRow], columns: Sequence[Column]) -> list[HeatRow]:
    """The page's units × indicators, from each assessment's newest snapshot: one query."""
    ids = [row.assessment.pk for row in rows if row.assessment]
    results: dict[Any, dict[str, Any]] = {}
    for assessment_id, result in (
        ScoreSnapshot.objects.filter(assessment_id__in=ids)
        .order_by("assessment_id", "-inputs_version")
        .values_list("assessment_id", "result")
    ):
        results.setdefault(assessment_id, result)
    out = []
    for row in rows:
        assert row.assessment is not None
        indicators = (results.get(row.assessment.pk) or {}).get("indicators", {})
        spec = row.assessment.framework.spec
        cells: list[Cell | None] = []
        for column in columns:
            if column.code not in spec.indicator_by_id:
                cells.append(None)
                continue
            value = indicators.get(column.code)
            css = score_band(value)
            cells.append(
                Cell(code=column.code, state="", css=css, symbol="", label="", value=value)
            )
        out.append(
            HeatRow(
                unit=row.unit,
                level=row.level,
                has_children=row.has_children,
                assessment=row.assessment,
                cells=cells,
            )
        )
    return out


# ---- reporting rates (DHIS2: expected, reported, reported on time) --------------------------
@dataclass
class Rate:
    label: Any
    units: int = 0
    expected: int = 0
    published: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return round(100.0 * self.published / self.expected, 1) if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100.0 * self.on_time / self.expected, 1) if self.expected else None


def due_times(frameworks: Sequence[Framework], year: int) -> dict[tuple[Any, str], dt.datetime]:
    """Per framework and item, when sending it for review still counts as on time: the end of
    the item's data period (the fiscal year's end when it has none) plus
    ``ROLLUP_ON_TIME_DAYS``."""
    year_end = fiscal_year_bounds(year)[1]
    grace = dt.timedelta(days=settings.ROLLUP_ON_TIME_DAYS)
    out = {}
    for framework in frameworks:
        for code, period in framework.spec.item_periods_for(year).items():
            last = period.end if period is not None else year_end
            out[(framework.pk, code)] = timezone.make_aware(
                dt.datetime.combine(last + grace, dt.time.max)
            )
    return out


@dataclass
class Rates:
    oit_by_level: list[Rate]
    surveys_by_level: list[Rate]
    oit_by_item: list[tuple[Column, Rate]]
    on_time_days: int


def reporting_rates(root: Unit, year: int, overview_rows: Sequence[UnitRow]) -> Rates:
    """OIT items (expected = each assessment's items; published = with published evidence; on
    time = sent for review by the due time) and survey targets (expected = campaigns with a
    target; published = target reached), per level below ``root`` and per OIT item."""
    assessed = [row for row in overview_rows if row.assessment is not None]
    frameworks = {
        row.assessment.framework_id: row.assessment.framework for row in assessed if row.assessment
    }
    due = due_times(list(frameworks.values()), year)
    ids = [row.assessment.pk for row in assessed if row.assessment]
    on_time = oit_on_time_many(ids, due)
    oit: dict[int, Rate] = {}
    surveys: dict[int, Rate] = {}
    for row in overview_rows:
        level = row.level
        label = _("This unit") if level == 0 else _("Level %(n)s below") % {"n": level}
        oit_rate = oit.setdefault(level, Rate(label))
        survey_rate = surveys.setdefault(level, Rate(label))
        oit_rate.units += 1
        survey_rate.units += 1
        if row.assessment is None:
            continue
        oit_rate.expected += row.items
        oit_rate.published += row.oit.with_evidence
        oit_rate.on_time += on_time.get(row.assessment.pk, 0)
        for progress in row.surveys.values():
            if progress.target is None:
                continue
            survey_rate.expected += 1
            survey_rate.published += 0 if progress.below_target else 1
    by_item = oit_item_reporting(ids, due)
    expected_per_code: dict[str, int] = defaultdict(int)
    for row in assessed:
        assert row.assessment is not None
        for item in row.assessment.framework.spec.items:
            expected_per_code[item.id] += 1
    items = []
    for column in item_columns(assessed):
        published, sent_on_time = by_item.get(column.code, (0, 0))
        rate = Rate(column.code, units=expected_per_code[column.code])
        rate.expected = expected_per_code[column.code]
        rate.published = published
        rate.on_time = sent_on_time
        items.append((column, rate))
    return Rates(
        oit_by_level=[oit[k] for k in sorted(oit)],
        surveys_by_level=[surveys[k] for k in sorted(surveys)],
        oit_by_item=items,
        on_time_days=settings.ROLLUP_ON_TIME_DAYS,
    )
