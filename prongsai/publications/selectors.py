"""Reads of published documents: a series' periods with their formats and versions, an OIT
item's published documents, the publication calendar (on time / late / missing)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, QuerySet
from django.urls import reverse
from django.utils import timezone

from prongsai.organizations.models import Unit

from .models import Publication
from .periods import due_date, period_label, period_range, periods_of
from .registry import FORMATS, Series, registered_series, series_for


@dataclass(frozen=True)
class FileLink:
    fmt: str
    label: str
    url: str
    ready: bool
    sha256: str
    size: int
    content_type: str


@dataclass
class VersionRow:
    version: int
    published_at: dt.datetime
    reason: str
    current: bool
    files: list[FileLink] = field(default_factory=list)


@dataclass
class PeriodRow:
    period: str
    label: str
    start: dt.date
    end: dt.date
    current: VersionRow
    older: list[VersionRow]

    @property
    def files(self) -> list[FileLink]:
        return self.current.files

    @property
    def first_published_at(self) -> dt.datetime:
        return min([self.current.published_at, *(v.published_at for v in self.older)])


@dataclass
class SeriesBlock:
    series: Series
    periods: list[PeriodRow]


def current_publications(unit: Unit, year: int, series: str | None = None) -> QuerySet[Publication]:
    rows = Publication.objects.filter(unit=unit, year=year, superseded_at__isnull=True)
    if series is not None:
        rows = rows.filter(series=series)
    return rows.select_related("document").order_by("series", "period", "fmt")


def _link(unit: Unit, year: int, spec: Series, row: Publication, *, current: bool) -> FileLink:
    kwargs = {"slug": unit.slug, "year": year, "series": spec.slug, "period": row.period}
    if current:
        url = reverse("publications:file", kwargs={**kwargs, "fmt": row.fmt})
    else:
        url = reverse(
            "publications:version_file", kwargs={**kwargs, "version": row.version, "fmt": row.fmt}
        )
    document = row.document
    return FileLink(
        fmt=row.fmt,
        label=FORMATS[row.fmt][1],
        url=url,
        ready=row.is_ready,
        sha256=document.sha256,
        size=document.size,
        content_type=FORMATS[row.fmt][0],
    )


def _period_rows(unit: Unit, year: int, spec: Series, rows: list[Publication]) -> list[PeriodRow]:
    by_period: dict[str, dict[int, list[Publication]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_period[row.period][row.version].append(row)
    order = {code: index for index, code in enumerate(periods_of(spec.cadence, year))}
    result = []
    for period in sorted(by_period, key=lambda code: order.get(code, 99)):
        versions = []
        for number in sorted(by_period[period], reverse=True):
            group = sorted(
                by_period[period][number],
                key=lambda r: list(spec.formats).index(r.fmt) if r.fmt in spec.formats else 99,
            )
            current = group[0].superseded_at is None
            versions.append(
                VersionRow(
                    version=number,
                    published_at=group[0].published_at,
                    reason=group[0].reason,
                    current=current,
                    files=[_link(unit, year, spec, r, current=current) for r in group],
                )
            )
        start, end = period_range(year, period)
        result.append(
            PeriodRow(
                period=period,
                label=period_label(year, period),
                start=start,
                end=end,
                current=versions[0],
                older=versions[1:],
            )
        )
    return result


def series_periods(unit: Unit, year: int, series: str) -> list[PeriodRow]:
    """Every published period of ``series`` (fiscal order), its current files and older versions."""
    spec = series_for(series)
    rows = list(
        Publication.objects.filter(unit=unit, year=year, series=spec.name).select_related(
            "document"
        )
    )
    return _period_rows(unit, year, spec, rows)


def published_for_item(unit: Unit, year: int, item_code: str) -> list[SeriesBlock]:
    """The published documents backing an OIT item, per series (for its public page)."""
    rows = list(
        Publication.objects.filter(unit=unit, year=year, item_code=item_code).select_related(
            "document"
        )
    )
    return _blocks(unit, year, rows)


def published_series(unit: Unit, year: int) -> list[SeriesBlock]:
    """Every series the unit has published in ``year`` (the public data index)."""
    rows = list(Publication.objects.filter(unit=unit, year=year).select_related("document"))
    return _blocks(unit, year, rows)


def _blocks(unit: Unit, year: int, rows: list[Publication]) -> list[SeriesBlock]:
    by_series: dict[str, list[Publication]] = defaultdict(list)
    for row in rows:
        by_series[row.series].append(row)
    blocks = []
    for spec in registered_series():
        if spec.name in by_series:
            blocks.append(SeriesBlock(spec, _period_rows(unit, year, spec, by_series[spec.name])))
    return blocks


@dataclass(frozen=True)
class CalendarRow:
    period: str
    label: str
    due: dt.date
    published_at: dt.datetime | None  # the first version's
    status: str  # "on_time" | "late" | "missing" | "not_due"


def series_calendar(
    unit: Unit,
    year: int,
    series: str,
    *,
    today: dt.date | None = None,
    due_day: int | None = None,
) -> list[CalendarRow]:
    """Each period of the series with its due day and whether it was published on time."""
    spec = series_for(series)
    today = today or timezone.localdate()
    first = dict(
        Publication.objects.filter(unit=unit, year=year, series=spec.name)
        .values("period")
        .annotate(first=Min("published_at"))
        .values_list("period", "first")
    )
    rows = []
    for period in periods_of(spec.cadence, year):
        due = due_date(year, period, due_day=due_day or spec.due_day)
        published = first.get(period)
        if published is not None:
            status = "on_time" if timezone.localtime(published).date() <= due else "late"
        else:
            status = "missing" if today > due else "not_due"
        rows.append(CalendarRow(period, period_label(year, period), due, published, status))
    return rows
