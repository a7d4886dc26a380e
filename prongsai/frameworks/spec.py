"""A framework definition as plain, immutable data (no ORM).

Built from a validated definition dict (see validation.py); read by the scoring calculator, the
survey forms and the OIT workspace. The dict itself stays the source of truth (stored on the
Framework row), so nothing is lost or defaulted on the way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .periods import Period, ResolvedPeriod, resolve_period

__all__ = ["FrameworkSpec", "Period", "ResolvedPeriod", "Text"]

INSTRUMENTS = ("IIT", "EIT", "OIT")
SURVEY_INSTRUMENTS = ("IIT", "EIT")


@dataclass(frozen=True)
class Text:
    th: str
    en: str

    @classmethod
    def of(cls, data: Mapping[str, Any] | None) -> Text:
        data = data or {}
        return cls(th=str(data.get("th", "")), en=str(data.get("en", "")))

    def get(self, lang: str) -> str:
        if lang.startswith("en"):
            return self.en or self.th
        return self.th or self.en

    def as_dict(self) -> dict[str, str]:
        return {"th": self.th, "en": self.en}


@dataclass(frozen=True)
class SampleRule:
    """Minimum respondents from a population (headcount).

    Default reading of the ITA rule: everyone when fewer than ``everyone_below``; otherwise
    ``percent`` of the population but at least ``minimum``; never more than ``cap`` once the
    population exceeds ``cap_above``.
    """

    percent: float
    minimum: int
    everyone_below: int | None = None
    cap: int | None = None
    cap_above: int | None = None

    def target(self, population: int | None) -> int | None:
        if population is None:
            return None
        if population <= 0:
            return 0
        if self.everyone_below is not None and population < self.everyone_below:
            return population
        if self.cap is not None and self.cap_above is not None and population > self.cap_above:
            return self.cap
        wanted = max(self.minimum, math.ceil(population * self.percent / 100 - 1e-9))
        return min(wanted, population)


@dataclass(frozen=True)
class Instrument:
    id: str
    title: Text
    weight: float
    respondents: str
    sample: SampleRule | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    instrument: str
    title: Text


@dataclass(frozen=True)
class SubIndicator:
    id: str
    indicator: str
    title: Text
    parent: str | None = None


@dataclass(frozen=True)
class Level:
    value: int
    label: Text
    score: float


@dataclass(frozen=True)
class Scale:
    id: str
    levels: tuple[Level, ...]

    @cached_property
    def _scores(self) -> dict[int, float]:
        return {level.value: level.score for level in self.levels}

    @cached_property
    def _bounds(self) -> tuple[float, float]:
        scores = [level.score for level in self.levels]
        return min(scores), max(scores)

    def has_value(self, value: int) -> bool:
        return value in self._scores

    def score(self, value: int, *, reverse: bool = False) -> float:
        """Score of an answer; a reversed (negatively worded) question mirrors the scale."""
        raw = self._scores[value]
        if reverse:
            low, high = self._bounds
            return low + high - raw
        return raw


@dataclass(frozen=True)
class SubItem:
    id: str
    text: Text
    reverse: bool | None = None  # None: inherit the question's flag


@dataclass(frozen=True)
class Question:
    id: str
    instrument: str
    indicator: str
    text: Text
    scale: str
    reverse: bool = False
    required: bool | None = None
    sub_items: tuple[SubItem, ...] = ()

    @property
    def answer_keys(self) -> tuple[str, ...]:
        """Ids that answers are stored under: the sub-items', or the question's own."""
        if self.sub_items:
            return tuple(sub.id for sub in self.sub_items)
        return (self.id,)

    def reverse_for(self, key: str) -> bool:
        for sub in self.sub_items:
            if sub.id == key:
                return self.reverse if sub.reverse is None else sub.reverse
        return self.reverse

    @property
    def is_required(self) -> bool:
        return True if self.required is None else self.required


@dataclass(frozen=True)
class ProfileOption:
    value: str
    label: Text


@dataclass(frozen=True)
class ProfileQuestion:
    id: str
    instrument: str
    text: Text
    options: tuple[ProfileOption, ...]
    required: bool | None = None


@dataclass(frozen=True)
class Criterion:
    id: str
    text: Text
    # Elements the evidence pre-checker looks for: each entry must be found; an entry is a
    # tuple of alternative phrases (any one of them counts).
    keywords: tuple[tuple[str, ...], ...] = ()


PRECHECK_PERIODS = ("monthly", "within", "none")
MACHINE_READABLE = ("csv", "xlsx", "json", "docx")


@dataclass(frozen=True)
class Precheck:
    """What the evidence pre-checker checks for an item (``items[].precheck``)."""

    period: str = "within"  # "monthly" | "within" | "none"
    formats: tuple[str, ...] = ()  # machine-readable files, one of which must be present


@dataclass(frozen=True)
class Item:
    id: str
    sub_indicator: str
    title: Text
    criteria: tuple[Criterion, ...]
    description: Text | None = None
    period: Period | None = None
    # When the unit had nothing of this kind in the period (no procurement, no complaints), it
    # must say so: this is the statement it records as the item's evidence.
    none_statement: Text | None = None
    precheck: Precheck = field(default_factory=Precheck)
    # The unit website's pages that are this item's evidence (``website_pages``).
    website_pages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    id: str
    label: Text
    min: float
    max: float

    def contains(self, value: float, *, top: bool) -> bool:
        """Bands are [min, max); the top band also includes its max (100)."""
        return self.min <= value < self.max or (top and value == self.max)


@dataclass(frozen=True)
class RatingCap:
    when: str
    threshold: float
    at_most: str
    note: Text | None = None


@dataclass(frozen=True)
class OitRule:
    pass_score: float
    fail_score: float
    conditional_passes: bool | None = None


# The framework's ``scoring.aggregation`` → the rule the calculator applies to sub-items.
ITEM_FIRST, RESPONDENT_FIRST = "item-first", "respondent-first"
SUB_ITEM_RULES = {
    ITEM_FIRST: ITEM_FIRST,
    RESPONDENT_FIRST: RESPONDENT_FIRST,
    "mean-of-means": ITEM_FIRST,
}


@dataclass(frozen=True)
class FrameworkSpec:
    id: str
    version: int
    year: int
    variant: str
    status: str
    title: Text
    instruments: tuple[Instrument, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...]
    scales: tuple[Scale, ...]
    questions: tuple[Question, ...]
    items: tuple[Item, ...]
    aggregation: str  # as written: item-first, respondent-first or mean-of-means (= item-first)
    oit: OitRule
    grades: tuple[Band, ...]
    ratings: tuple[Band, ...]
    rating_caps: tuple[RatingCap, ...] = ()
    profile_questions: tuple[ProfileQuestion, ...] = ()
    default_period: Period | None = None
    carry_forward_from: str | None = None
    # new item id → the older framework's item ids whose evidence it continues (several when
    # items were merged)
    carry_forward_items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Text | None = None

    # ---- lookups -------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def stable_id(self, local_id: str) -> str:
        """Stable id of an item, criterion or question, e.g. ``ita-2567-police:O17``."""
        return f"{self.id}:{local_id}"

    @cached_property
    def instrument_by_id(self) -> dict[str, Instrument]:
        return {i.id: i for i in self.instruments}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def sub_indicator_by_id(self) -> dict[str, SubIndicator]:
        return {s.id: s for s in self.sub_indicators}

    @cached_property
    def scale_by_id(self) -> dict[str, Scale]:
        return {s.id: s for s in self.scales}

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def indicators_of(self, instrument: str) -> list[Indicator]:
        return [i for i in self.indicators if i.instrument == instrument]

    def questions_of(self, instrument: str) -> list[Question]:
        return [q for q in self.questions if q.instrument == instrument]

    def profile_questions_of(self, instrument: str) -> list[ProfileQuestion]:
        return [p for p in self.profile_questions if p.instrument == instrument]

    @cached_property
    def questions_by_indicator(self) -> dict[str, list[Question]]:
        out: dict[str, list[Question]] = {i.id: [] for i in self.indicators}
        for question in self.questions:
            out.setdefault(question.indicator, []).append(question)
        return out

    def item_indicator(self, item: Item) -> str:
        return self.sub_indicator_by_id[item.sub_indicator].indicator

    @cached_property
    def items_by_indicator(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {i.id: [] for i in self.indicators if i.instrument == "OIT"}
        for item in self.items:
            out.setdefault(self.item_indicator(item), []).append(item)
        return out

    def item_period(self, item: Item) -> Period | None:
        """The period as written: the item's own, else the framework's default."""
        return item.period or self.default_period

    def item_period_for(self, item_id: str, fiscal_year: int) -> ResolvedPeriod | None:
        """The dates item ``item_id``'s data must cover in an assessment of ``fiscal_year``
        (see periods.py); None when neither the item nor the framework gives a period."""
        item = self.item_by_id[item_id]
        period = self.item_period(item)
        if period is None:
            return None
        return resolve_period(
            period,
            fiscal_year=fiscal_year,
            framework_year=self.year,
            inherited=item.period is None,
        )

    def item_periods_for(self, fiscal_year: int) -> dict[str, ResolvedPeriod | None]:
        return {item.id: self.item_period_for(item.id, fiscal_year) for item in self.items}

    @property
    def sub_item_rule(self) -> str:
        """``item-first`` or ``respondent-first`` (``mean-of-means`` is item-first's older name)."""
        return SUB_ITEM_RULES[self.aggregation]

    def sample_target(self, instrument: str, population: int | None) -> int | None:
        inst = self.instrument_by_id.get(instrument)
        if inst is None or inst.sample is None:
            return None
        return inst.sample.target(population)

    def grade_for(self, total: float) -> Band | None:
        return _band_for(self.grades, total)

    def rating_for(self, total: float) -> Band | None:
        return _band_for(self.ratings, total)

    # ---- conversion ------------------------------------------------------------------------
    @classmethod
    def from_definition(cls, d: Mapping[str, Any]) -> FrameworkSpec:
        scoring = d["scoring"]
        carry = d.get("carry_forward") or {}
        return cls(
            id=d["id"],
            version=d["version"],
            year=d["year"],
            variant=d["variant"],
            status=d["status"],
            title=Text.of(d["title"]),
            notes=Text.of(d["notes"]) if "notes" in d else None,
            instruments=tuple(
                Instrument(
                    id=i["id"],
                    title=Text.of(i["title"]),
                    weight=i["weight"],
                    respondents=i["respondents"],
                    sample=SampleRule(**i["sample"]) if "sample" in i else None,
                )
                for i in d["instruments"]
            ),
            indicators=tuple(
                Indicator(id=i["id"], instrument=i["instrument"], title=Text.of(i["title"]))
                for i in d["indicators"]
            ),
            sub_indicators=tuple(
                SubIndicator(
                    id=s["id"],
                    indicator=s["indicator"],
                    title=Text.of(s["title"]),
                    parent=s.get("parent"),
                )
                for s in d["sub_indicators"]
            ),
            scales=tuple(
                Scale(
                    id=s["id"],
                    levels=tuple(
                        Level(value=lv["value"], label=Text.of(lv["label"]), score=lv["score"])
                        for lv in s["levels"]
                    ),
                )
                for s in d["scales"]
            ),
            questions=tuple(
                Question(
                    id=q["id"],
                    instrument=q["instrument"],
                    indicator=q["indicator"],
                    text=Text.of(q["text"]),
                    scale=q["scale"],
                    reverse=q.get("reverse", False),
                    required=q.get("required"),
                    sub_items=tuple(
                        SubItem(id=s["id"], text=Text.of(s["text"]), reverse=s.get("reverse"))
                        for s in q.get("sub_items", ())
                    ),
                )
                for q in d["questions"]
            ),
            profile_questions=tuple(
                ProfileQuestion(
                    id=p["id"],
                    instrument=p["instrument"],
                    text=Text.of(p["text"]),
                    required=p.get("required"),
                    options=tuple(
                        ProfileOption(value=o["value"], label=Text.of(o["label"]))
                        for o in p["options"]
                    ),
                )
                for p in d.get("profile_questions", ())
            ),
            items=tuple(
                Item(
                    id=i["id"],
                    sub_indicator=i["sub_indicator"],
                    title=Text.of(i["title"]),
                    description=Text.of(i["description"]) if "description" in i else None,
                    period=_period(i.get("period")),
                    none_statement=(
                        Text.of(i["none_statement"]["text"]) if "none_statement" in i else None
                    ),
                    criteria=tuple(
                        Criterion(
                            id=c["id"],
                            text=Text.of(c["text"]),
                            keywords=tuple(
                                (k,) if isinstance(k, str) else tuple(k)
                                for k in c.get("keywords", ())
                            ),
                        )
                        for c in i["criteria"]
                    ),
                    precheck=_precheck(i.get("precheck"), has_period=bool(i.get("period"))),
                    website_pages=tuple(str(p) for p in i.get("website_pages", ())),
                )
                for i in d["items"]
            ),
            aggregation=scoring["aggregation"],
            oit=OitRule(
                pass_score=scoring["oit"]["pass_score"],
                fail_score=scoring["oit"]["fail_score"],
                conditional_passes=scoring["oit"].get("conditional_passes"),
            ),
            default_period=_period(scoring.get("default_period")),
            grades=tuple(_band(b) for b in scoring["grades"]),
            ratings=tuple(_band(b) for b in scoring["ratings"]),
            rating_caps=tuple(
                RatingCap(
                    when=c["when"],
                    threshold=c["threshold"],
                    at_most=c["at_most"],
                    note=Text.of(c["note"]) if "note" in c else None,
                )
                for c in scoring.get("rating_caps", ())
            ),
            carry_forward_from=carry.get("from"),
            carry_forward_items={
                new_id: (old,) if isinstance(old, str) else tuple(old)
                for new_id, old in carry.get("items", {}).items()
            },
        )


def _period(data: Mapping[str, Any] | None) -> Period | None:
    if not data:
        return None
    return Period(
        start=dt.date.fromisoformat(data["start"]) if "start" in data else None,
        end=dt.date.fromisoformat(data["end"]) if "end" in data else None,
        fiscal_year=data.get("fiscal_year"),
        months=data.get("months"),
        note=Text.of(data["note"]) if "note" in data else None,
    )


def _precheck(data: Mapping[str, Any] | None, *, has_period: bool) -> Precheck:
    """Without a ``precheck`` block, an item with its own period is checked for dates within
    it; one that only inherits the framework's default period is not dated."""
    data = data or {}
    default = "within" if has_period else "none"
    return Precheck(
        period=str(data.get("period", default)),
        formats=tuple(str(f) for f in data.get("formats", ())),
    )


def _band(data: Mapping[str, Any]) -> Band:
    return Band(id=data["id"], label=Text.of(data["label"]), min=data["min"], max=data["max"])


def _band_for(bands: tuple[Band, ...], value: float) -> Band | None:
    top = max(b.max for b in bands)
    for band in bands:
        if band.contains(value, top=band.max == top):
            return band
    return None
