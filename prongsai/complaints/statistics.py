"""Public complaint statistics with small counts suppressed (pure: plain values in and out).

Cells are counts keyed by name; a *line* is a published total and the cells that add up to it
(received = the four categories; received = concluded + in progress; concluded = the three
outcomes; a quarter = its three months; a round = its quarters). Rules:

* a count below the threshold is shown as "< N" (primary suppression); a period without any
  complaint says so instead;
* no line may have exactly one hidden cell (its value would follow by subtraction), nor hidden
  cells that are all "< N" and add up to (N − 1) × their number (each would be N − 1): another
  cell of the line is hidden ("–", secondary suppression), the smallest first, until no line
  does. Hiding only grows, so this ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Shown(StrEnum):
    VALUE = "value"
    BELOW = "below"  # "< N"
    HIDDEN = "hidden"  # "–": hidden so that no small count follows by subtraction


@dataclass(frozen=True)
class Line:
    total: str
    parts: tuple[str, ...]


@dataclass
class Suppressed:
    values: dict[str, int]
    shown: dict[str, Shown] = field(default_factory=dict)

    def display(self, key: str, threshold: int) -> str:
        how = self.shown[key]
        if how is Shown.VALUE:
            return str(self.values[key])
        if how is Shown.BELOW:
            return f"< {threshold}"
        return "–"


def suppress(
    values: Mapping[str, int],
    lines: Sequence[Line],
    *,
    threshold: int,
    explicit_zero: Iterable[str] = (),
) -> Suppressed:
    """``explicit_zero``: cells shown even when 0 (a period's total: "no complaints")."""
    zero_ok = set(explicit_zero)
    shown: dict[str, Shown] = {}
    for key, value in values.items():
        small = value < threshold and not (value == 0 and key in zero_ok)
        shown[key] = Shown.BELOW if small else Shown.VALUE
    changed = True
    while changed:
        changed = False
        for line in lines:
            cells = (line.total, *line.parts)
            hidden = [k for k in cells if shown[k] is not Shown.VALUE]
            if not hidden or not _reveals(line, hidden, values, shown, threshold):
                continue
            candidates = [k for k in line.parts if shown[k] is Shown.VALUE] or (
                [line.total] if shown[line.total] is Shown.VALUE else []
            )
            if not candidates:
                continue
            pick = min(candidates, key=lambda k: (values[k] == 0, values[k], k))
            shown[pick] = Shown.HIDDEN
            changed = True
    return Suppressed(values=dict(values), shown=shown)


def _reveals(
    line: Line,
    hidden: list[str],
    values: Mapping[str, int],
    shown: Mapping[str, Shown],
    threshold: int,
) -> bool:
    if len(hidden) == 1:
        return True
    if line.total in hidden:
        return False
    if all(shown[k] is Shown.BELOW for k in hidden):
        return sum(values[k] for k in hidden) == (threshold - 1) * len(hidden)
    return False


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
