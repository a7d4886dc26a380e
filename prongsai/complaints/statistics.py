"""Public complaint statistics with small counts suppressed (pure: plain values in and out).

Cells are counts keyed by name; a *line* is a published total and the cells that add up to it
(received = the four categories; received = concluded + in progress; concluded = the three
outcomes; a quarter = its three months; a round = its quarters). Rules:

* a count below the threshold is shown as "< N" (primary suppression); a period without any
  complaint says so instead;
* no line may pin down a hidden cell that is not zero: with one hidden cell, its value follows by
  subtraction; with several, a reader who knows that a "< N" cell holds 1 … N − 1 and a "–" cell
  at least N may still find a single way to fill them (two "< 5" adding up to 8 are both 4).
  Then another cell of the line is hidden ("–", secondary suppression), the smallest first,
  until no line does. Hiding only grows, so this ends. Hidden cells that add up to zero may be
  inferred: a zero singles nobody out.
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
    """Whether the line's shown cells pin down a hidden one that is not zero."""
    if line.total in hidden:
        return len(hidden) == 1
    rest = values[line.total] - sum(values[k] for k in line.parts if k not in hidden)
    if rest == 0:
        return False  # only zeros are hidden: no complaint is singled out
    if len(hidden) == 1:
        return True
    # What a reader knows: a "< N" cell that is not zero holds 1 … N − 1, a "–" cell at least N.
    ranges = [(1, threshold - 1) if shown[k] is Shown.BELOW else (threshold, rest) for k in hidden]
    return _solutions(ranges, rest) < 2


def _solutions(ranges: list[tuple[int, int]], total: int, cap: int = 2) -> int:
    """How many ways (up to ``cap``) the cells can take values in their ranges adding to
    ``total``."""
    if not ranges:
        return 1 if total == 0 else 0
    (low, high), rest = ranges[0], ranges[1:]
    count = 0
    for value in range(low, min(high, total) + 1):
        count += _solutions(rest, total - value, cap)
        if count >= cap:
            return cap
    return count


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
