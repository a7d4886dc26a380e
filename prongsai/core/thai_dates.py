"""Buddhist-era dates, the Thai fiscal year and Thai digits.

Django formats dates with the Christian-era year and has no Thai-digit filter; pythainlp does both
but weighs ~135 MB installed, so these few tables live here (they are fixed by the Thai calendar).
"""

from __future__ import annotations

import datetime as dt
import re

BE_OFFSET = 543  # พ.ศ. = ค.ศ. + 543

MONTHS_TH = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTHS_TH_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

FISCAL_YEAR_START_MONTH = 10  # the Thai government fiscal year runs 1 October – 30 September


def thai_digits(value: object) -> str:
    """``'25 ม.ค. 2567'`` → ``'๒๕ ม.ค. ๒๕๖๗'``."""
    return str(value).translate(_THAI_DIGITS)


# What keeps its digits in an HTML document: tags (attributes, inline SVG's coordinates, data:
# URIs), character references, <style>/<script> content and web addresses (they must still work).
_HTML_VERBATIM = re.compile(
    r"<(style|script)\b.*?</\1\s*>|<[^>]*>|&#?\w+;|https?://[^\s<>\"']+",
    re.IGNORECASE | re.DOTALL,
)


def thai_digits_in_html(html: str) -> str:
    """Thai digits in an HTML document's text (what a reader sees), for a document printed with
    the unit's "Thai digits" option; markup and web addresses keep theirs."""
    out: list[str] = []
    last = 0
    for found in _HTML_VERBATIM.finditer(html):
        out.append(thai_digits(html[last : found.start()]))
        out.append(found.group(0))
        last = found.end()
    out.append(thai_digits(html[last:]))
    return "".join(out)


def arabic_digits(value: str) -> str:
    """Thai digits back to 0–9 (for parsing what users type or paste)."""
    return value.translate(_ARABIC_DIGITS)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def thai_date(
    value: dt.date | dt.datetime | None, *, short: bool = False, digits: bool = False
) -> str:
    """``25 มกราคม 2567``; short: ``25 ม.ค. 67``; ``digits=True`` uses Thai digits."""
    if value is None:
        return ""
    day = _as_date(value)
    if short:
        text = f"{day.day} {MONTHS_TH_SHORT[day.month - 1]} {be_year(day.year) % 100:02d}"
    else:
        text = f"{day.day} {MONTHS_TH[day.month - 1]} {be_year(day.year)}"
    return thai_digits(text) if digits else text


def english_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    day = _as_date(value)
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def thai_month_year(value: dt.date, *, short: bool = False, digits: bool = False) -> str:
    """``ตุลาคม 2566``; short: ``ต.ค. 66`` (charts, column headings)."""
    if short:
        text = f"{MONTHS_TH_SHORT[value.month - 1]} {be_year(value.year) % 100:02d}"
    else:
        text = f"{MONTHS_TH[value.month - 1]} {be_year(value.year)}"
    return thai_digits(text) if digits else text


def fiscal_year(value: dt.date | dt.datetime) -> int:
    """The Buddhist-era fiscal year a date falls in (named by the year it ends in)."""
    day = _as_date(value)
    ce = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
    return be_year(ce)


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year ``year_be`` (e.g. 2567 → 2023-10-01 … 2024-09-30)."""
    end_ce = ce_year(year_be)
    return dt.date(end_ce - 1, FISCAL_YEAR_START_MONTH, 1), dt.date(end_ce, 9, 30)


def fiscal_half_end(year_be: int) -> dt.date:
    """Last day of the first six months (the '6-month round'): 31 March."""
    return dt.date(ce_year(year_be), 3, 31)


def parse_thai_date(text: str) -> dt.date:
    """Parse ``'1 ต.ค. 66'``, ``'๑ ม.ค. ๒๕๖๗'``, ``'2 มกราคม 2567'`` or ISO ``2024-01-02``.

    Two-digit years are Buddhist era (66 → 2566). Raises ValueError with a plain message.
    """
    raw = " ".join(arabic_digits(text).replace(".", ". ").split())
    raw = raw.replace(". ", ".").strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    compact = raw.replace(" ", "")
    for index in range(12):
        for names in (MONTHS_TH, MONTHS_TH_SHORT, MONTHS_EN):
            name = names[index].replace(" ", "")
            pos = compact.find(name)
            if pos <= 0:
                continue
            day_part, year_part = compact[:pos], compact[pos + len(name) :]
            if not (day_part.isdigit() and year_part.isdigit()):
                continue
            year = int(year_part)
            if year < 100:
                year += 2500
            if names is not MONTHS_EN or year > 2400:
                year = ce_year(year)
            return dt.date(year, index + 1, int(day_part))
    raise ValueError(f"cannot read {text!r} as a date (expected e.g. '1 ต.ค. 66' or '2024-01-02')")
