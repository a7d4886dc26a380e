"""What a cell says, read the way Thai offices write it.

Values arrive typed (numbers, dates from XLSX) or as text typed by hand: Thai digits
("๑,๒๓๔.๕๐"), amounts with separators and currency ("1,234.50 บาท"), Buddhist-era dates in every
form ("15/02/2567", "15 ก.พ. 67", "2567-02-15"), lists with bullets. Each parser returns a clean
value or raises :class:`CellError` with a message fit to show next to the sheet, row and column.
Every import (plans, survey forms, frameworks, and the records to come) uses these, so a cell means
the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from prongsai.core.thai_dates import BE_OFFSET, arabic_digits, parse_thai_date

CellValue = str | int | float | Decimal | bool | dt.datetime | dt.date | dt.time | None


class CellError(ValueError):
    """A cell's text cannot be read; the message says why, in the interface language."""


_SPACES = re.compile(r"\s+")
# C0 and C1 control characters except tab and line breaks: invisible, refused by XML (openpyxl,
# python-docx) and never meant. Legacy rows and pasted text carry them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


# --- formula injection ----------------------------------------------------------------------
# A spreadsheet program runs a cell that starts with one of these as a formula (OWASP "CSV
# injection"): "=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)"; tab and carriage return too.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def needs_formula_escape(text: str) -> bool:
    """Text a spreadsheet would read as a formula — or text already starting with the escape
    quote before one, so that :func:`formula_unescape` gives back exactly what was written."""
    return text.startswith(FORMULA_TRIGGERS) or bool(_ESCAPED.match(text))


def formula_escape(text: str) -> str:
    """``"=1+2"`` → ``"'=1+2"``: what CSV cells carry (a CSV has no "this is text" flag)."""
    return "'" + text if needs_formula_escape(text) else text


def formula_unescape(text: str) -> str:
    """The inverse of :func:`formula_escape`, applied by the CSV reader."""
    return text[1:] if _ESCAPED.match(text) else text


def normalize(text: object) -> str:
    """One line, single spaces, no surrounding blanks."""
    return _SPACES.sub(" ", str(text or "")).strip()


def normalize_lines(text: str) -> str:
    """Each line normalised, blank lines dropped; line breaks kept (lists in a cell)."""
    return "\n".join(n for n in (normalize(line) for line in str(text or "").splitlines()) if n)


def squash(text: str) -> str:
    """For comparing labels: no spaces at all, lower case, Arabic digits."""
    return _SPACES.sub("", arabic_digits(text)).lower()


def split_lines(text: str) -> list[str]:
    """Non-empty lines, without list bullets ("- ", "• ")."""
    out = []
    for line in str(text or "").splitlines():
        line = normalize(line).lstrip("-•–·* ").strip()
        if line:
            out.append(line)
    return out


def cell_text(value: object) -> str:
    """Any cell value as text: dates as ISO dates, whole floats without ".0", text stripped."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value.replace(microsecond=0)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- numbers and amounts -------------------------------------------------------------------
MAX_DIGITS = 30  # more is never an amount or a count; Python refuses ints over 4,300 digits
_CURRENCY = re.compile(r"(?:บาท|฿|thb|baht|\.-)", re.I)
_AMOUNT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_amount(value: object) -> Decimal:
    """``"1,234.50"``, ``"๑,๒๓๔.๕๐ บาท"``, ``"฿ 1 234.50"``, ``"(1,234.50)"`` (negative), or a
    number from the sheet → ``Decimal``. Commas must group thousands; a comma as the decimal mark
    ("1.234,50") is refused rather than guessed."""
    if isinstance(value, bool):
        raise CellError(_("“%(text)s” is not an amount") % {"text": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raw = normalize(arabic_digits(str(value or "")))
    text = _CURRENCY.sub("", raw).replace("\u2212", "-").strip()
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    text = text.replace(" ", "").replace("\u00a0", "")
    if not text:
        raise CellError(_("the amount is empty"))
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_DIGITS:
        raise CellError(_("the number has more than %(max)s digits") % {"max": MAX_DIGITS})
    if not _AMOUNT.fullmatch(text):
        raise CellError(
            _("cannot read “%(text)s” as an amount (expected e.g. “1,234.50”)") % {"text": raw}
        )
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise CellError(_("cannot read “%(text)s” as an amount") % {"text": raw}) from exc
    return -amount if negative else amount


def parse_integer(value: object) -> int:
    """A whole number (Thai digits and thousands separators allowed)."""
    amount = parse_amount(value)
    if amount != amount.to_integral_value():
        raise CellError(_("“%(text)s” is not a whole number") % {"text": cell_text(value)})
    return int(amount)


# --- dates ---------------------------------------------------------------------------------
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _year(value: int) -> int:
    """Buddhist-era years (2567, or 67 for short) to the Christian era; 2024 stays."""
    if value < 100:
        value += 2500
    return value - BE_OFFSET if value > 2400 else value


def parse_day(value: object) -> dt.date:
    """A day from a cell: a date from the sheet, ``2024-02-15``, ``2567-02-15``, ``15/02/2567``,
    ``15/2/67``, ``15.02.2567``, ``15 ก.พ. 67``, ``15 กุมภาพันธ์ 2567`` (day first, as in Thai
    documents; four-digit years above 2400 and two-digit years are Buddhist era)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = normalize(arabic_digits(cell_text(value)))
    try:
        iso = _ISO_DATE.match(raw)
        if iso:
            return dt.date(_year(int(iso.group(1))), int(iso.group(2)), int(iso.group(3)))
        numeric = _NUMERIC_DATE.match(raw)
        if numeric:
            day, month, year = (int(g) for g in numeric.groups())
            return dt.date(_year(year), month, day)
        if raw and any(ch.isdigit() for ch in raw):
            return parse_thai_date(raw)
    except ValueError:
        pass
    raise CellError(
        _("cannot read “%(text)s” as a date (expected e.g. “15/02/2567” or “15 ก.พ. 67”)")
        % {"text": raw}
    )


# --- ranges of codes -----------------------------------------------------------------------
RANGE_WORDS = r"(?:ถึง|จนถึง|\bto\b|[-–—~])"


def expand_ranges(
    text: str,
    *,
    code: re.Pattern[str],
    known: Sequence[str],
    normalise: Callable[[re.Match[str]], str],
) -> list[str]:
    """Codes mentioned in ``text`` (matches of ``code``), with ranges expanded in ``known``'s
    order: ``"O1 ถึง O24"``, ``"O1–O24"`` and ``"O1-O24"`` all mean O1, O2, … O24. Codes not in
    ``known`` are returned as written (the caller decides whether that is an error)."""
    flat = arabic_digits(str(text or ""))
    matches = list(code.finditer(flat))
    between = re.compile(rf"\s*{RANGE_WORDS}\s*$")
    out: list[str] = []
    for index, match in enumerate(matches):
        current = normalise(match)
        if index and between.fullmatch(flat[matches[index - 1].end() : match.start()]):
            previous = normalise(matches[index - 1])
            if previous in known and current in known:
                start, end = known.index(previous), known.index(current)
                if start <= end:
                    out.extend(known[start + 1 : end + 1])
                    continue
        out.append(current)
    return list(dict.fromkeys(out))
