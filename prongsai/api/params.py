"""Path and query parameters shared by the operations (bounded, so that nothing odd reaches a
query), pagination and the common filters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Path, Query, Schema
from pydantic import AfterValidator, BeforeValidator

from prongsai.core.text import TextLength, text_problems

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,60}$"
CODE_PATTERN = r"^[A-Za-z0-9._-]{1,40}$"

Slug = Annotated[
    str, Path(pattern=SLUG_PATTERN, description="A unit's slug", example="kalasin-immigration")
]
Year = Annotated[int, Path(ge=2400, le=2800, description="Buddhist-era fiscal year", example=2567)]
ItemCode = Annotated[
    str, Path(pattern=CODE_PATTERN, description="An OIT item's code, e.g. O1", example="O10")
]

T = TypeVar("T")


ISO_MOMENT = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def _iso_only(value: Any) -> Any:
    """A moment written as ISO 8601 (pydantic alone would also take '0.5' as a Unix time)."""
    if value is None or isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not ISO_MOMENT.match(value):
        raise ValueError("Write the moment as ISO 8601, e.g. 2024-03-31T23:59:59+07:00")
    return value


def _in_utc(value: dt.datetime | None) -> dt.datetime | None:
    """The moment in UTC (one without an offset: in the site's time zone). PostgreSQL refused
    an offset such as +18:10, valid in ISO 8601, with a server error."""
    if value is None:
        return None
    try:
        if value.tzinfo is None:
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("The moment is out of range") from exc


Moment = Annotated[dt.datetime | None, BeforeValidator(_iso_only), AfterValidator(_in_utc)]


def _iso_day(value: Any) -> Any:
    """A day written as ISO 8601 (pydantic alone would also take 0 as 1 January 1970)."""
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise ValueError("Write the day as ISO 8601, e.g. 2024-03-31")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day)]
OptionalDay = Annotated[dt.date | None, BeforeValidator(_iso_day)]


class ListFilters(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1")
    per_page: int = Field(50, ge=1, le=200, description="Results per page (at most 200)")
    modified_since: Moment = Field(
        None, description="Only what changed after this moment (ISO 8601)"
    )


Filters = Annotated[ListFilters, Query()]


def page_of(items: Sequence[T] | QuerySet[Any], filters: ListFilters) -> dict[str, Any]:
    """One page of ``items`` with the envelope every list answers: count, page, per_page,
    next_page (None on the last page) and results."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (filters.page - 1) * filters.per_page
    results = list(items[start : start + filters.per_page])
    more = start + filters.per_page < count
    return {
        "count": count,
        "page": filters.page,
        "per_page": filters.per_page,
        "next_page": filters.page + 1 if more else None,
        "results": results,
    }


def _no_invisible(value: str) -> str:
    problems = text_problems(value, limit=TextLength.RICH_TEXT)
    if problems:
        raise ValueError(problems[0])
    return value


# Text sent in a body: refused as the forms refuse it (control characters, core/text.py).
CleanText = Annotated[str, AfterValidator(_no_invisible)]
