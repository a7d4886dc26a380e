"""Reading and writing the text of a measures-table cell.

Plans arrive as Word tables typed by hand (Thai digits, "๑ ม.ค.๖๗ ถึง ๓๑ มี.ค.๖๗", "website และ
Facebook", "ข้อมูล OIT O๒๓") and leave as XLSX and reports. Each parser returns clean values or raises
:class:`CellError` with a message fit to show next to the table, row and column.

The Thai wording of statuses and cadences here is the official document's wording and does not
follow the interface language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable

from django.utils.translation import gettext as _

from prongsai.core.thai_dates import (
    MONTHS_EN,
    MONTHS_TH,
    MONTHS_TH_SHORT,
    arabic_digits,
    parse_thai_date,
    thai_date,
    thai_digits,
)
from prongsai.spreadsheets.cells import (
    RANGE_WORDS,
    CellError,
    expand_ranges,
    normalize,
    normalize_lines,
    split_lines,
    squash,
)

from .models import Cadence, Channel, Status

__all__ = [  # the shared cell helpers, re-exported for the plan's parsers and forms
    "CellError",
    "normalize",
    "normalize_lines",
    "split_lines",
    "squash",
]


STATUS_TH: dict[str, str] = {
    Status.NOT_STARTED.value: "ยังไม่ดำเนินการ",
    Status.IN_PROGRESS.value: "อยู่ระหว่างดำเนินการ",
    Status.DONE.value: "ดำเนินการเสร็จสิ้น",
}
CADENCE_TH: dict[str, str] = {
    Cadence.WEEKLY.value: "ทุกสัปดาห์",
    Cadence.MONTHLY.value: "ทุกเดือน",
    Cadence.QUARTERLY.value: "ทุกไตรมาส",
    Cadence.YEARLY.value: "ทุกปีงบประมาณ",
    Cadence.EVENT.value: "ตามเหตุการณ์",
}
CHANNEL_LABELS = {c.value: str(c.label) for c in Channel}
OTHER_CHANNEL_PREFIX = "อื่น ๆ:"

# --- indicator -----------------------------------------------------------------------------
_LEADING_NUMBER = re.compile(r"^\s*(?:ตัวชี้วัดที่\s*)?(\d{1,2})\s*[.)]?\s*(.*)$", re.S)


def parse_indicator(text: str, indicators: dict[str, str]) -> str:
    """``"๑. การปฏิบัติหน้าที่"`` → ``"1"``; checked against ``{code: Thai title}``.

    A number alone is enough; a title alone works when it names one indicator. A number whose
    title names a different indicator is refused rather than guessed.
    """
    raw = normalize(arabic_digits(text))
    match = _LEADING_NUMBER.match(raw)
    by_title = {squash(title): code for code, title in indicators.items()}
    if match:
        code, title = match.group(1), match.group(2)
        if code not in indicators:
            raise CellError(
                _("unknown indicator %(code)s (this framework has %(codes)s)")
                % {"code": code, "codes": ", ".join(indicators)}
            )
        named = by_title.get(squash(title)) if title else None
        if named is not None and named != code:
            raise CellError(
                _(
                    "the cell says indicator %(code)s but names “%(title)s”, which is indicator %(other)s"
                )
                % {"code": code, "title": title, "other": named}
            )
        return code
    if squash(raw) in by_title:
        return by_title[squash(raw)]
    raise CellError(
        _("cannot read “%(text)s” as an indicator (expected e.g. “1. การปฏิบัติหน้าที่”)")
        % {"text": normalize(text)}
    )


def indicator_label(code: str, indicators: dict[str, str], *, digits: bool = False) -> str:
    text = f"{code}. {indicators.get(code, '')}".strip()
    return thai_digits(text) if digits else text


# --- channels ------------------------------------------------------------------------------
# Longest first, so "จุด One stop service" is taken before a shorter alias could split it.
_CHANNEL_ALIASES: list[tuple[str, str]] = sorted(
    [
        ("จุดonestopservice", Channel.ONE_STOP),
        ("onestopservice", Channel.ONE_STOP),
        ("onestop", Channel.ONE_STOP),
        ("เว็บไซต์", Channel.WEBSITE),
        ("เว็บไซท์", Channel.WEBSITE),
        ("website", Channel.WEBSITE),
        ("webpage", Channel.WEBSITE),
        ("เฟซบุ๊ก", Channel.FACEBOOK),
        ("เฟซบุ๊ค", Channel.FACEBOOK),
        ("เฟสบุ๊ค", Channel.FACEBOOK),
        ("facebook", Channel.FACEBOOK),
        ("lineoa", Channel.LINE),
        ("ไลน์", Channel.LINE),
        ("line", Channel.LINE),
    ],
    key=lambda pair: -len(pair[0]),
)
# Each alias matches with any spacing inside ("Face book", "Web site", "One stop Service").
_CHANNEL_PATTERNS = [
    (re.compile(r"\s*".join(re.escape(ch) for ch in alias), re.I), code)
    for alias, code in _CHANNEL_ALIASES
]
_CHANNEL_FILLER = re.compile(r"^(?:\d+[.)]?|และ|,|/|หรือ|ทาง|ผ่าน|จุด|-)+$")


def parse_channels(text: str) -> tuple[list[str], str]:
    """``"๑. Website ๒. จุด One stop service"`` → ``(["website", "one_stop"], "")``.

    Known channels are recognised anywhere in the text; what is left once numbering and
    connectors are removed is kept as "other" free text. A line written ``อื่น ๆ: …`` (our own
    export) is taken verbatim as other text.
    """
    codes: set[str] = set()
    others: list[str] = []
    for line in str(text or "").splitlines():
        line = normalize(line)
        if not line:
            continue
        if line.startswith(OTHER_CHANNEL_PREFIX):
            other = line[len(OTHER_CHANNEL_PREFIX) :].strip()
            if other:
                others.append(other)
            continue
        rest = line
        for pattern, code in _CHANNEL_PATTERNS:
            if pattern.search(rest):
                codes.add(code)
                rest = pattern.sub(" ", rest)
        leftover = [part for part in rest.split() if not _CHANNEL_FILLER.match(arabic_digits(part))]
        if leftover:
            others.append(" ".join(leftover).strip(" ,/"))
    ordered = [c.value for c in Channel if c.value in codes]
    return ordered, ", ".join(o for o in others if o)


def format_channels(codes: Iterable[str], other: str, *, tag_other: bool = False) -> str:
    """One channel per line; ``tag_other`` marks free text so that it imports back as such."""
    lines = [CHANNEL_LABELS.get(code, code) for code in codes]
    if other:
        lines.append(f"{OTHER_CHANNEL_PREFIX} {other}" if tag_other else other)
    return "\n".join(lines)


# --- period --------------------------------------------------------------------------------
_RANGE_SEPARATORS = re.compile(r"\s*(?:ถึง|จนถึง|–|—|\s-\s|\bto\b)\s*")
_BY_PREFIX = re.compile(r"^(?:ภายใน(?:วันที่)?|ก่อน(?:วันที่)?|by)\s*", re.I)
_MONTH_WORDS = [squash(m) for m in (*MONTHS_TH, *MONTHS_TH_SHORT, *MONTHS_EN)]


def _looks_like_date(text: str) -> bool:
    compact = squash(text)
    if not any(ch.isdigit() for ch in compact):
        return False
    if re.search(r"\d{4}-\d{2}-\d{2}", compact):
        return True
    return any(month in compact for month in _MONTH_WORDS) or "ถึง" in text


def _read_date(part: str) -> dt.date:
    try:
        return parse_thai_date(part)
    except ValueError as exc:
        raise CellError(
            _("cannot read “%(text)s” as a date (expected e.g. “1 ต.ค. 66” or “1 ตุลาคม 2566”)")
            % {"text": normalize(part)}
        ) from exc


def parse_period(text: str) -> tuple[dt.date | None, dt.date | None, str]:
    """``(start, end, text)``: a date range, a deadline ("ภายใน 31 มี.ค. 67"), or free text."""
    raw = normalize(text)
    if not raw:
        return None, None, ""
    if not _looks_like_date(raw):
        return None, None, raw
    by = _BY_PREFIX.match(raw)
    if by:
        return None, _read_date(raw[by.end() :]), ""
    parts = [p for p in _RANGE_SEPARATORS.split(raw) if p.strip()]
    if len(parts) == 1:
        day = _read_date(parts[0])
        return day, day, ""
    if len(parts) != 2:
        raise CellError(
            _("cannot read “%(text)s” as a period (expected “<start> ถึง <end>”)") % {"text": raw}
        )
    start, end = _read_date(parts[0]), _read_date(parts[1])
    if end < start:
        raise CellError(
            _("the period ends (%(end)s) before it starts (%(start)s)")
            % {"start": thai_date(start), "end": thai_date(end)}
        )
    return start, end, ""


def format_period(
    start: dt.date | None,
    end: dt.date | None,
    text: str,
    *,
    short: bool = True,
    digits: bool = False,
) -> str:
    """Thai wording of a period, as the seed writes it: ``1 ต.ค. 66 ถึง 31 มี.ค. 67``."""
    if start and end and start != end:
        out = f"{thai_date(start, short=short)} ถึง {thai_date(end, short=short)}"
    elif end and not start:
        out = f"ภายใน {thai_date(end, short=short)}"
    elif start or end:
        out = thai_date(start or end, short=short)
    else:
        out = text
    return thai_digits(out) if digits else out


def period_for_export(start: dt.date | None, end: dt.date | None, text: str) -> str:
    """Full Buddhist-era years so that nothing is ambiguous when the file comes back."""
    return format_period(start, end, text, short=False)


# --- cadence -------------------------------------------------------------------------------
_CADENCE_WORDS: list[tuple[str, str]] = [
    ("สัปดาห์", Cadence.WEEKLY),
    ("weekly", Cadence.WEEKLY),
    ("week", Cadence.WEEKLY),
    ("ไตรมาส", Cadence.QUARTERLY),
    ("quarter", Cadence.QUARTERLY),
    ("ปีงบประมาณ", Cadence.YEARLY),
    ("ประจำปี", Cadence.YEARLY),
    ("ทุกปี", Cadence.YEARLY),
    ("รายปี", Cadence.YEARLY),
    ("year", Cadence.YEARLY),
    ("annual", Cadence.YEARLY),
    ("เดือน", Cadence.MONTHLY),
    ("month", Cadence.MONTHLY),
]
_EVENT_START = ("ทุกครั้ง", "เมื่อ", "กรณี", "whenever", "when ")


def parse_cadence(text: str) -> tuple[str, str]:
    """``(cadence, wording)``: "ทุกเดือน" → ``("monthly", "")``; "ตรวจประจำปีงบประมาณ" →
    ``("yearly", "ตรวจประจำปีงบประมาณ")``; "ทุกครั้งที่…" → ``("event", "ทุกครั้งที่…")``.

    The wording is kept whenever it differs from the plain label, so documents read as written.
    """
    raw = normalize(text)
    if not raw:
        return "", ""
    for code, label in CADENCE_TH.items():
        if squash(raw) in (squash(label), squash(str(Cadence(code).label)), code):
            return code, ""
    lowered = raw.lower()
    if not lowered.startswith(_EVENT_START):
        for word, code in _CADENCE_WORDS:
            if word in lowered:
                return code, raw
    return Cadence.EVENT, raw


def cadence_display(code: str, text: str) -> str:
    if text:
        return text
    return CADENCE_TH.get(code, "")


# --- status --------------------------------------------------------------------------------
_STATUS_ALIASES: list[tuple[str, str]] = sorted(
    [
        *[(squash(label), code) for code, label in STATUS_TH.items()],
        *[(squash(str(s.label)), s.value) for s in Status],
        *[(s.value, s.value) for s in Status],
        ("เสร็จสิ้น", Status.DONE),
        ("เสร็จแล้ว", Status.DONE),
        ("ดำเนินการแล้ว", Status.DONE),
        ("ดำเนินการแล้วเสร็จ", Status.DONE),
        ("done", Status.DONE),
        ("กำลังดำเนินการ", Status.IN_PROGRESS),
        ("ระหว่างดำเนินการ", Status.IN_PROGRESS),
        ("ยังไม่ได้ดำเนินการ", Status.NOT_STARTED),
    ],
    key=lambda pair: -len(pair[0]),
)


def parse_status(text: str, *, strict: bool = False) -> tuple[str, str]:
    """``(status, note)`` from a result cell: a status phrase, then any details.

    A blank cell is "not started". Text that starts with no known phrase is kept as the note of
    a row "in progress" — unless ``strict`` (our own export's status column), where it is an error.
    """
    raw = str(text or "").strip()
    if not raw:
        return Status.NOT_STARTED, ""
    flat = squash(raw)
    for alias, code in _STATUS_ALIASES:
        if not flat.startswith(alias):
            continue
        # Consume the phrase from the original text (it may be spread over lines or spaces).
        taken = 0
        while taken < len(raw) and len(squash(raw[:taken])) < len(alias):
            taken += 1
        note = raw[taken:].strip(" :-–\n\t")
        return code, "\n".join(normalize(line) for line in note.splitlines() if line.strip())
    if strict:
        raise CellError(
            _("unknown status “%(text)s” (expected one of: %(choices)s)")
            % {"text": normalize(raw), "choices": ", ".join(STATUS_TH.values())}
        )
    return Status.IN_PROGRESS, raw


# --- OIT items -----------------------------------------------------------------------------
# "ข้อมูล OIT O๒๓", "OITO๑๒", "OIT ๐๑๘" (a Thai zero typed for the letter O), "OIT๗", "O22";
# ranges "O1 ถึง O24", "O1–O24", "O1-O24", and "O1-24" (the end without its O).
_OIT_MENTION = re.compile(
    r"OIT\s*[O0]?\s*(\d{1,2})(?!\d)|(?<![\dA-Za-z])[O0]\s?(\d{1,2})(?![\d.])", re.I
)
_BARE_RANGE_END = re.compile(
    rf"((?:OIT\s*)?(?<![\dA-Za-z])[O0]\s?\d{{1,2}})(\s*{RANGE_WORDS}\s*)(\d{{1,2}})(?![\d.])", re.I
)
_LIST_FILLER = re.compile(rf"(?:[\s,;/]|และ|{RANGE_WORDS})+", re.I)


def _oit_code(match: re.Match[str]) -> str:
    return f"O{int(match.group(1) or match.group(2))}"


def _oit_mentions(text: str, known: Collection[str]) -> list[str]:
    """Every OIT code written in ``text``, in order, ranges expanded in the framework's order."""
    flat = _BARE_RANGE_END.sub(r"\1\2O\3", arabic_digits(str(text or "")))
    return expand_ranges(flat, code=_OIT_MENTION, known=sort_oit_codes(known), normalise=_oit_code)


def extract_oit_codes(texts: Iterable[str], known: Collection[str]) -> list[str]:
    """OIT item codes mentioned in free text, kept only when the framework has them."""
    found: list[str] = []
    for text in texts:
        for code in _oit_mentions(str(text or ""), known):
            if code in known and code not in found:
                found.append(code)
    return found


def parse_oit_list(text: str, known: Collection[str]) -> list[str]:
    """A list typed in our own export's column: ``"O23, O24"``, ``"O1–O16"``, ``"O1 ถึง O16"``.
    Unknown codes (and anything that is not a code) are errors."""
    flat = arabic_digits(str(text or "")).strip()
    leftover = _LIST_FILLER.sub(" ", _OIT_MENTION.sub(" ", _BARE_RANGE_END.sub(r"\1\2O\3", flat)))
    unknown = [*leftover.split(), *(c for c in _oit_mentions(flat, known) if c not in known)]
    if unknown:
        raise CellError(
            _("unknown OIT item “%(code)s” (this framework has O1–O%(last)s)")
            % {"code": unknown[0], "last": len(known)}
        )
    return _oit_mentions(flat, known)


def sort_oit_codes(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes), key=lambda c: (len(c), c))
