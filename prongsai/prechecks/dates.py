"""Which months and fiscal years a text speaks of.

Recognised forms (Thai digits too, e.g. "มีนาคม ๒๕๖๗"):

* Thai month names, full or short, with a Buddhist-era year of four or two digits, with or
  without "พ.ศ.": "มีนาคม 2567", "มี.ค. 67", "เดือนมีนาคม พ.ศ. ๒๕๖๗";
* English month names, full or short, with a year (either era): "March 2024", "31 Mar 2024";
* numeric dates day/month/year (``/``, ``-`` or ``.``): "31/03/2567", "31-3-24" (two-digit
  years are Buddhist era when they are 50 or more, else Christian); ISO dates "2024-03-31";
* fiscal years: "ปีงบประมาณ พ.ศ. 2567", "ปีงบประมาณ 2567", "fiscal year 2024", "FY2567".

A month name with no year after it counts for the fiscal year the same text names (a monthly
table under the heading "ปีงบประมาณ 2567" that lists "ตุลาคม", "พฤศจิกายน" …).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from prongsai.core.thai_dates import (
    BE_OFFSET,
    FISCAL_YEAR_START_MONTH,
    MONTHS_EN,
    MONTHS_TH,
    MONTHS_TH_SHORT,
    thai_month_year,
)

from .matching import plain_digits

Month = tuple[int, int]  # (Christian-era year, month 1–12)

_SPACE = r"[\s\u200b]*"
_BE = rf"(?:พ{_SPACE}\.?{_SPACE}ศ{_SPACE}\.?{_SPACE})?"


def _short_th(name: str) -> str:
    """ "มี.ค." → a pattern that also takes "มี.ค", "มีค.", "มี. ค."."""
    letters = [c for c in name if c != "."]
    return rf"{_SPACE}\.?{_SPACE}".join(re.escape(c) for c in letters) + r"\.?"


_EN_NAMES = [(name, index + 1) for index, name in enumerate(MONTHS_EN)] + [
    (name[:3] + r"\.?", index + 1) for index, name in enumerate(MONTHS_EN) if name != "May"
]


def _alternation(names: list[tuple[str, int]]) -> str:
    return "|".join(f"(?P<m{n}_{i}>{p})" for i, (p, n) in enumerate(names))


# The Thai names are one group of plain alternatives (tried in the calendar's order): the regex
# engine then skips ahead to the letters a name can start with instead of trying every name at
# every character. Which month matched is read from the letters (``_TH_MONTH_OF``).
_TH_FULL_RE = re.compile(
    rf"(?P<name>{'|'.join(re.escape(n) for n in MONTHS_TH)}){_SPACE}{_BE}(?P<year>\d{{4}}|\d{{2}})(?!\d)"
)
_TH_SHORT_RE = re.compile(
    rf"(?P<name>{'|'.join(_short_th(n) for n in MONTHS_TH_SHORT)}){_SPACE}{_BE}(?P<year>\d{{4}}|\d{{2}})(?!\d)"
)
_NOT_LETTERS = re.compile(r"[\s\u200b.]+")
_TH_MONTH_OF = {
    _NOT_LETTERS.sub("", name): index + 1
    for names in (MONTHS_TH, MONTHS_TH_SHORT)
    for index, name in enumerate(names)
}
_EN_RE = re.compile(
    rf"\b(?:{_alternation(_EN_NAMES)}){_SPACE},?{_SPACE}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
)
# Every English month matched (ignoring case) starts with one of these: without one in the text
# the English patterns are not run at all (most evidence is in Thai).
_EN_PREFIXES = tuple(name[:3].casefold() for name in MONTHS_EN)
# Ignoring case also matches "ſ" for "s" ("Auguſt"): the name is looked up case-folded.
_EN_MONTH_OF = {name.casefold(): index + 1 for index, name in enumerate(MONTHS_EN)}
_NO_YEAR = rf"(?!{_SPACE},?{_SPACE}{_BE}\d)"
_TH_BARE_RE = re.compile("(" + "|".join(re.escape(n) for n in MONTHS_TH) + ")" + _NO_YEAR)
_EN_BARE_RE = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")\b" + _NO_YEAR, re.IGNORECASE)
_NUMERIC_RE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_FISCAL_RE = re.compile(
    rf"(?:ปีงบประมาณ|ปี{_SPACE}งบ{_SPACE}ประมาณ|งบประมาณ{_SPACE}ปี|fiscal{_SPACE}year|\bFY){_SPACE}{_BE}(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)


def _month_of(match: re.Match[str]) -> int:
    for key, value in match.groupdict().items():
        if key.startswith("m") and value:
            return int(key[1:].split("_")[0])
    raise ValueError("no month group matched")  # pragma: no cover


def _ce(year: int, *, two_digit_era: str = "be") -> int | None:
    """A written year as Christian era; None when it is not a plausible year."""
    if year < 100:
        if two_digit_era == "be" or year >= 50:
            year += 2500
        else:
            year += 2000
    if year > 2400:
        year -= BE_OFFSET
    return year if 1990 <= year <= 2100 else None


def fiscal_months(fiscal_year_be: int) -> list[Month]:
    first = fiscal_year_be - BE_OFFSET - 1
    return [
        (
            first + (FISCAL_YEAR_START_MONTH - 1 + i) // 12,
            (FISCAL_YEAR_START_MONTH - 1 + i) % 12 + 1,
        )
        for i in range(12)
    ]


def _fiscal_year_of(month: Month) -> int:
    year, number = month
    return year + BE_OFFSET + (1 if number >= FISCAL_YEAR_START_MONTH else 0)


@dataclass
class Findings:
    months: set[Month] = field(default_factory=set)
    fiscal_years: set[int] = field(default_factory=set)  # Buddhist era

    def update(self, other: Findings) -> None:
        self.months |= other.months
        self.fiscal_years |= other.fiscal_years

    @property
    def empty(self) -> bool:
        return not self.months and not self.fiscal_years

    def covers_fiscal_year(self, year_be: int) -> bool:
        return year_be in self.fiscal_years or any(
            _fiscal_year_of(m) == year_be for m in self.months
        )


def find_dates(text: str) -> Findings:
    plain = plain_digits(text)
    found = Findings()
    for pattern in (_TH_FULL_RE, _TH_SHORT_RE):
        for match in pattern.finditer(plain):
            year = _ce(int(match.group("year")), two_digit_era="be")
            if year is not None:
                found.months.add((year, _TH_MONTH_OF[_NOT_LETTERS.sub("", match.group("name"))]))
    folded = plain.casefold()
    english = any(prefix in folded for prefix in _EN_PREFIXES)
    if english:
        for match in _EN_RE.finditer(plain):
            year = _ce(int(match.group("year")))
            if year is not None:
                found.months.add((year, _month_of(match)))
    for match in _NUMERIC_RE.finditer(plain):
        day, month, raw_year = int(match.group(1)), int(match.group(2)), match.group(3)
        year = _ce(int(raw_year), two_digit_era="mixed")
        if year is not None and 1 <= month <= 12 and 1 <= day <= 31:
            found.months.add((year, month))
    for match in _ISO_RE.finditer(plain):
        year, month = _ce(int(match.group(1))), int(match.group(2))
        if year is not None and 1 <= month <= 12:
            found.months.add((year, month))
    for match in _FISCAL_RE.finditer(plain):
        raw = int(match.group("year"))
        be = raw if raw > 2400 else raw + BE_OFFSET
        if 2530 <= be <= 2650:
            found.fiscal_years.add(be)
    if len(found.fiscal_years) == 1:
        (year_be,) = found.fiscal_years
        by_number = {number: (year, number) for year, number in fiscal_months(year_be)}
        for match in _TH_BARE_RE.finditer(plain):
            found.months.add(by_number[MONTHS_TH.index(match.group(1)) + 1])
        for match in _EN_BARE_RE.finditer(plain) if english else ():
            found.months.add(by_number[_EN_MONTH_OF[match.group(1).casefold()]])
    return found


def months_between(start: dt.date, end: dt.date) -> list[Month]:
    months: list[Month] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(month: Month) -> str:
    return thai_month_year(dt.date(month[0], month[1], 1))
