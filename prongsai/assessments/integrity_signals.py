"""Integrity signals: what a unit has actually done, shown beside its score.

A parent organisation's roll-up (``prongsai/rollup``) shows, for every unit below it, the
score *and* the signals the product holds about the work behind it (plan rows done, OIT items
accepted, survey targets reached; later complaints concluded on time, risk treatments done,
records published on time), so that a high score with nothing behind it stands out.

The registry lives here, low in the data flow, so that every app that holds such figures can
register its signal from its ``AppConfig.ready()`` without knowing the roll-up exists::

    register_signal(IntegritySignal(
        key="complaints_on_time",
        label=gettext_lazy("Complaints concluded on time"),
        figures=complaints_on_time_many,   # (SignalQuery) -> {assessment id: SignalFigure}
        order=40,
    ))

``figures`` receives every assessment of the subtree and year at once and must answer in a
bounded number of queries (the roll-up stays fast at thousands of units).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SignalFigure:
    """``done`` of ``expected`` (e.g. 7 of 10 plan rows completed); ``late``: how many of the
    expected ones are overdue or were done late (0 when the signal has no notion of late);
    ``pending``: how many of the expected ones are neither done nor due yet (a complaint received
    last week): they do not make the unit behind."""

    done: int
    expected: int
    late: int = 0
    pending: int = 0

    @property
    def rate(self) -> float | None:
        if not self.expected:
            return None
        return 100.0 * self.done / self.expected

    @property
    def behind(self) -> bool:
        return self.late > 0 or self.done + self.pending < self.expected


@dataclass(frozen=True)
class SignalQuery:
    """What a signal's ``figures`` function is asked about: assessments (pk → unit pk) of one
    fiscal year, and the day the figures are for."""

    assessments: Mapping[Any, Any]
    year: int
    today: dt.date
    # Bulk reads the caller already made for the same assessments, by name (e.g. the roll-up's
    # "measures.plan_progress"): a signal reuses them instead of reading them again.
    shared: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def assessment_ids(self) -> list[Any]:
        return list(self.assessments)

    def read(self, key: str, compute: Callable[[], Any]) -> Any:
        """``shared[key]``, computed (and kept) when the caller did not read it yet."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


@dataclass(frozen=True)
class IntegritySignal:
    key: str  # stable: used in URLs ("behind on …" filters) and export columns
    label: Any  # a lazy translated string
    figures: Callable[[SignalQuery], Mapping[Any, SignalFigure]]
    order: int = 100
    # The "behind on …" wording of the filter; defaults to the label.
    behind_label: Any = None


_REGISTRY: dict[str, IntegritySignal] = {}


def register_signal(signal: IntegritySignal) -> None:
    """Add (or replace, on a re-run of ``ready()``) a signal."""
    _REGISTRY[signal.key] = signal


def registered_signals() -> Sequence[IntegritySignal]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def signal_figures(query: SignalQuery) -> dict[str, Mapping[Any, SignalFigure]]:
    """Every registered signal's figures for the assessments asked about: ``{key: {pk: fig}}``."""
    return {signal.key: signal.figures(query) for signal in registered_signals()}
