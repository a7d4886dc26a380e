"""What each published series is: its URL part, its OIT item, its formats and its cadence.

A higher app registers its series in ``AppConfig.ready()`` (this app imports none of them)::

    register_series(Series(
        name="risks.assessment", slug="risk-assessment", title=_("…"), item_code="O19",
        formats={"pdf": "risks.assessment_pdf", "docx": "risks.assessment_docx"},
        cadence="year",
    ))

Each format names a kind of ``prongsai.documents`` (its renderer); a publication renders every
format once, in the task worker, and keeps the files for good.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from prongsai.organizations.access import Capability

from .periods import CADENCES

# Content types and labels of the formats a series may publish (the public file's type).
FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "json": ("application/json", "JSON"),
    "png": ("image/png", "PNG"),
}
MACHINE_READABLE = frozenset({"xlsx", "csv", "json", "docx"})


@dataclass(frozen=True)
class Series:
    name: str  # "<app>.<what>"
    slug: str  # the URL part: /p/<unit>/<year>/data/<slug>/…
    title: Any  # lazy text
    formats: Mapping[str, str]  # format → document kind name
    cadence: str = "month"  # "month" | "quarter" | "half" | "year"
    item_code: str = ""  # the OIT item whose evidence it is
    need: Capability = Capability.EDIT  # the right on the unit to publish
    due_day: int = 15  # due on this day of the month after the period
    # Dataset metadata (data.go.th's CKAN fields) for the catalogue: defaults of this series.
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.cadence not in CADENCES:
            raise ValueError(f"series {self.name}: unknown cadence {self.cadence!r}")
        unknown = set(self.formats) - set(FORMATS)
        if unknown or not self.formats:
            raise ValueError(f"series {self.name}: formats {sorted(unknown)} are not known")


_SERIES: dict[str, Series] = {}


def register_series(series: Series) -> Series:
    existing = _SERIES.get(series.name)
    if existing is not None and existing != series:
        raise ValueError(f"series {series.name!r} is already registered")
    for other in _SERIES.values():
        if other.slug == series.slug and other.name != series.name:
            raise ValueError(f"series slug {series.slug!r} is taken by {other.name!r}")
    _SERIES[series.name] = series
    return series


def series_for(name: str) -> Series:
    try:
        return _SERIES[name]
    except KeyError:
        raise LookupError(f"no series {name!r} is registered") from None


def series_by_slug(slug: str) -> Series | None:
    return next((s for s in _SERIES.values() if s.slug == slug), None)


def registered_series() -> list[Series]:
    return sorted(_SERIES.values(), key=lambda s: (s.item_code or "~", s.name))
