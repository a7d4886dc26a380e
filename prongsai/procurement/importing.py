"""Importing the procurement spreadsheets units already keep: read → check everything → write.

Two layouts, recognised by their headers (``prongsai.spreadsheets.headers``), in any mix of sheets:

* **สขร.1** monthly summaries: one sheet per month or one workbook per month, a title naming the
  month ("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม พ.ศ. ๒๕๖๖", or the sheet's name
  "ต.ค. 66"), the nine headings with the contract heading merged over "เลขที่" and "วันที่" (or one
  column "เลขที่ 12/2567 ลว. 15 ม.ค. 67"), bidders written "ร้าน ก ราคาที่เสนอ 5,000 บาท" one per line;
  a sheet saying "ไม่มีการจัดซื้อจัดจ้าง" is a month without procurement.
* the police **16-field** layout (ที่ … เลขที่โครงการ e-GP), with its month from the sheet, the title,
  or a "เดือน" column.

``parse_procurement_file`` never writes; ``procurement_import`` replaces the procurements of every
month the file covers, in one transaction, and only when the whole file is right.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.thai_dates import MONTHS_TH, MONTHS_TH_SHORT, arabic_digits
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.cells import CellError, normalize, parse_amount, parse_day, squash
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.headers import (
    NOTE,
    ColumnMatch,
    Field,
    FieldSet,
    find_header,
    is_header_row,
    normalize_header,
)
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import Table, column_letter, read_tables
from prongsai.spreadsheets.selectors import remembered_mappings
from prongsai.spreadsheets.services import column_mappings_remember

from .layouts import EMPTY_MONTH, METHOD_TH, SK1_CONTRACT_SUBHEADINGS, SK1_HEADINGS, STAGE_TH
from .models import Method, Procurement, Stage
from .months import fiscal_months
from .services import BidLine, Draft, procurements_replace_months

_CONTRACT = SK1_HEADINGS[8]
FIELDSET = FieldSet(
    kind="procurement.records",
    notes=True,
    fields=(
        Field("number", gettext_lazy("Number"), ("ลำดับที่", "ที่", "ลำดับ")),
        Field(
            "title",
            gettext_lazy("Work procured"),
            ("งานที่จัดซื้อหรือจัดจ้าง", "ชื่อรายการ", "รายการ", "ชื่อโครงการ"),
            required=True,
        ),
        Field(
            "budget",
            gettext_lazy("Budget"),
            ("วงเงินที่จะซื้อหรือจ้าง", "วงเงินงบประมาณที่ได้รับจัดสรร", "วงเงินงบประมาณ", "วงเงิน"),
            required=True,
        ),
        Field("reference_price", gettext_lazy("Reference price"), ("ราคากลาง",)),
        Field(
            "method",
            gettext_lazy("Method"),
            ("วิธีซื้อหรือจ้าง", "วิธีการ", "วิธีการจัดซื้อจัดจ้าง", "วิธีจัดหา"),
            required=True,
        ),
        Field(
            "bids",
            gettext_lazy("Bidders and their offers"),
            ("รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้เสนอราคาและราคาที่เสนอ"),
        ),
        Field(
            "selected",
            gettext_lazy("Selected supplier and agreed price"),
            ("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", "ผู้ได้รับการคัดเลือกและราคาที่ตกลง"),
        ),
        Field("supplier", gettext_lazy("Selected supplier"), ("ผู้ได้รับการคัดเลือก", "ผู้ชนะการเสนอราคา")),
        Field("agreed_price", gettext_lazy("Agreed price"), ("ราคาที่ตกลง", "ราคาที่ตกลงซื้อหรือจ้าง")),
        Field(
            "reason",
            gettext_lazy("Reason for the selection"),
            ("เหตุผลที่คัดเลือกโดยสรุป", "เหตุผลที่คัดเลือก"),
        ),
        Field("contract", gettext_lazy("Contract number and date"), (_CONTRACT,)),
        Field(
            "contract_number",
            gettext_lazy("Contract number"),
            (f"{_CONTRACT} {SK1_CONTRACT_SUBHEADINGS[0]}", "เลขที่สัญญา", "เลขที่สัญญาหรือข้อตกลง"),
        ),
        Field(
            "contract_date",
            gettext_lazy("Contract date"),
            (f"{_CONTRACT} {SK1_CONTRACT_SUBHEADINGS[1]}", "วันที่สัญญา", "วันที่ลงนามในสัญญา"),
        ),
        Field("fiscal_year", gettext_lazy("Fiscal year"), ("ปีงบประมาณ",)),
        Field("unit_name", gettext_lazy("Unit name"), ("ชื่อหน่วยงาน",)),
        Field("district", gettext_lazy("District"), ("อำเภอ",)),
        Field("province", gettext_lazy("Province"), ("จังหวัด",)),
        Field("ministry", gettext_lazy("Ministry"), ("กระทรวง",)),
        Field("agency_type", gettext_lazy("Agency type"), ("ประเภทหน่วยงาน",)),
        Field("budget_source", gettext_lazy("Budget source"), ("แหล่งที่มาของงบประมาณ", "แหล่งเงิน")),
        Field("stage", gettext_lazy("Stage"), ("สถานะ", "สถานะการจัดซื้อจัดจ้าง")),
        Field(
            "egp_number",
            gettext_lazy("e-GP project number"),
            ("เลขที่โครงการ e-GP", "เลขที่โครงการ", "เลขที่โครงการในระบบ e-GP"),
        ),
        Field("month", gettext_lazy("Month"), ("เดือน", "เดือนที่รายงาน")),
    ),
)
# Columns that only repeat the unit's own details (police layout): read, never stored per row.
_UNIT_COLUMNS = {"number", "unit_name", "district", "province", "ministry", "agency_type"}


@dataclass(frozen=True)
class Problem:
    where: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("%(table)s, row %(row)s, column “%(column)s”: %(message)s") % {
                "table": self.where,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("%(table)s, row %(row)s: %(message)s") % {
                "table": self.where,
                "row": self.row,
                "message": self.message,
            }
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ParseResult:
    kind: str
    drafts: list[Draft] = field(default_factory=list)
    months: set[dt.date] = field(default_factory=set)  # every month the file speaks for
    empty_months: set[dt.date] = field(default_factory=set)  # said "ไม่มีการจัดซื้อจัดจ้าง"
    problems: list[Problem] = field(default_factory=list)
    columns: list[ColumnMatch] = field(default_factory=list)
    tables_used: int = 0

    @property
    def needs_mapping(self) -> bool:
        return any(c.needs_choice for c in self.columns)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.months) and not self.needs_mapping


# --- cells -------------------------------------------------------------------------------------
_MONTH_NAMES = sorted(
    [(squash(n), i + 1) for i, n in enumerate(MONTHS_TH)]
    + [(squash(n), i + 1) for i, n in enumerate(MONTHS_TH_SHORT)]
    + [(squash(n.replace(".", "")), i + 1) for i, n in enumerate(MONTHS_TH_SHORT)],
    key=lambda pair: -len(pair[0]),
)
_YEAR_AFTER = re.compile(r"^(?:พ\.?ศ\.?)?(\d{4}|\d{2})(?!\d)")


def find_month(text: str) -> dt.date | None:
    """The first "<Thai month> <Buddhist-era year>" written in ``text``: "ตุลาคม พ.ศ. ๒๕๖๖",
    "ต.ค. 66", "ต.ค.66" → 1 October 2023; None when there is none."""
    flat = squash(arabic_digits(str(text or "")))
    for start in range(len(flat)):
        for name, month in _MONTH_NAMES:
            if flat.startswith(name, start):
                year = _YEAR_AFTER.match(flat[start + len(name) :])
                if year:
                    value = int(year.group(1))
                    be = value if value > 2400 else 2500 + value if value < 100 else 0
                    if be:
                        return dt.date(be - 543, month, 1)
    return None


def parse_method(text: str) -> str:
    flat = squash(text).lower()
    if not flat:
        raise CellError(_("the method is empty"))
    for code, label in METHOD_TH.items():
        if flat == squash(label).lower() or flat == code:
            return code
    if "ebidding" in flat.replace("-", "") or "ประกวดราคา" in flat:
        return Method.E_BIDDING
    if "emarket" in flat.replace("-", "") or "ตลาดอิเล็กทรอนิกส์" in flat:
        return Method.E_MARKET
    if "เฉพาะเจาะจง" in flat:
        return Method.SPECIFIC
    if "คัดเลือก" in flat:
        return Method.SELECTION
    raise CellError(
        _("unknown method “%(text)s” (expected one of: %(choices)s)")
        % {"text": normalize(text), "choices": ", ".join(METHOD_TH.values())}
    )


_STAGE_WORDS = [
    *((squash(label), code) for code, label in STAGE_TH.items()),
    ("ยกเลิก", Stage.CANCELLED),
    ("สิ้นสุดสัญญา", Stage.COMPLETED),
    ("ดำเนินการแล้วเสร็จ", Stage.COMPLETED),
    ("แล้วเสร็จ", Stage.COMPLETED),
    ("ยังไม่ได้ลงนาม", Stage.NOT_SIGNED),
    ("ระยะสัญญา", Stage.IN_CONTRACT),
    ("ลงนามในสัญญาแล้ว", Stage.IN_CONTRACT),
    ("จัดทำสัญญา", Stage.IN_CONTRACT),
    ("ระหว่างดำเนินการ", Stage.IN_PROGRESS),
    ("ระหว่างการจัดซื้อจัดจ้าง", Stage.IN_PROGRESS),
    ("แผน", Stage.PLANNED),
]


def parse_stage(text: str) -> str:
    flat = squash(text)
    for word, code in _STAGE_WORDS:
        if word in flat:
            return code
    if flat in Stage.values:
        return flat
    raise CellError(
        _("unknown stage “%(text)s” (expected one of: %(choices)s)")
        % {"text": normalize(text), "choices": ", ".join(STAGE_TH.values())}
    )


_AMOUNT_IN_TEXT = re.compile(r"\(?\d[\d,]*(?:\.\d+)?\)?(?=\s*(?:บาท|-|\s|$))")
_PRICE_WORDS = re.compile(
    r"(?:ราคาที่เสนอ|ราคาที่ตกลง(?:ซื้อหรือจ้าง|ซื้อ|จ้าง)?|เสนอราคา|เป็นเงิน|ราคา|จำนวนเงิน|บาท|:)"
)
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•·])\s*")


def _name_and_amount(line: str) -> tuple[str, Decimal | None]:
    text = arabic_digits(normalize(line))
    found = list(_AMOUNT_IN_TEXT.finditer(text))
    amount = None
    if found:
        last = found[-1]
        amount = parse_amount(last.group(0))
        text = text[: last.start()] + text[last.end() :]
    name = _PRICE_WORDS.sub(" ", _LIST_NUMBER.sub("", text))
    return " ".join(name.split()).strip(" ,/-"), amount


def parse_bids(text: str) -> list[BidLine]:
    """One bidder per line, "ร้าน ก ราคาที่เสนอ 5,000.00 บาท" (a price on the line below its name
    is the name's)."""
    out: list[BidLine] = []
    waiting = ""
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        name, amount = _name_and_amount(line)
        if amount is None:
            if waiting:
                raise CellError(_("no offer for “%(name)s”") % {"name": waiting})
            waiting = name
            continue
        name = name or waiting
        waiting = ""
        if not name:
            raise CellError(_("an offer without a bidder's name"))
        out.append(BidLine(bidder=name, amount=amount))
    if waiting:
        raise CellError(_("no offer for “%(name)s”") % {"name": waiting})
    return out


def parse_selected(text: str) -> tuple[str, Decimal | None]:
    lines = [line for line in str(text or "").splitlines() if line.strip()]
    name, amount = _name_and_amount(" ".join(lines))
    return name, amount


_CONTRACT_DATE = re.compile(
    r"(\d{1,2}\s*(?:"
    + "|".join(re.escape(m) for m in (*MONTHS_TH, *MONTHS_TH_SHORT))
    + r")\s*(?:พ\.?ศ\.?\s*)?\d{2,4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\s*$"
)
_CONTRACT_WORDS = re.compile(r"(?:ลงวันที่|ลว\.?|วันที่|เลขที่|สัญญาเลขที่|ข้อตกลงเลขที่)")


def parse_contract(text: str) -> tuple[str, dt.date | None]:
    """ "เลขที่ 12/2567 ลว. 15 ม.ค. 67" → ("12/2567", 15 January 2024)."""
    raw = arabic_digits(normalize(" ".join(str(text or "").split())))
    if not raw:
        return "", None
    day = None
    match = _CONTRACT_DATE.search(raw)
    if match:
        day = parse_day(match.group(1))
        raw = raw[: match.start()]
    number = " ".join(_CONTRACT_WORDS.sub(" ", raw).split()).strip(" ,")
    return number, day


def _optional_amount(text: str) -> Decimal | None:
    if squash(text) in ("", "-", "–", "ไม่มี"):
        return None
    return parse_amount(text)


# --- tables ------------------------------------------------------------------------------------
def _limits() -> ReadLimits:
    return ReadLimits(max_bytes=int(settings.UPLOAD_MAX_FILE_SIZE), max_rows=5000, max_columns=60)


def _says_empty(texts: list[list[str]]) -> bool:
    marker = squash(EMPTY_MONTH)
    return any(marker in squash(cell) for row in texts for cell in row)


def _table_month(table: Table, texts: list[list[str]], header_at: int | None) -> dt.date | None:
    month = find_month(table.name)
    if month:
        return month
    for row in texts[: header_at if header_at is not None else 8]:
        for cell in row:
            month = find_month(cell)
            if month:
                return month
    return None


def _collect(result: ParseResult, columns: list[ColumnMatch]) -> None:
    known = {c.normalized for c in result.columns}
    result.columns.extend(c for c in columns if c.normalized not in known)


def _read_row(
    cells: dict[str, str], raw: dict[str, Any], year: int
) -> tuple[dict[str, Any], list[BidLine], dict[str, str]]:
    """Fields of one body row; a dict of problems per field key."""
    fields: dict[str, Any] = {}
    bids: list[BidLine] = []
    problems: dict[str, str] = {}

    def attempt(key: str, parse: Any) -> Any:
        if key not in cells:
            return None
        try:
            return parse(raw[key] if raw.get(key) is not None else cells[key])
        except CellError as exc:
            problems[key] = str(exc)
            return None

    fields["title"] = normalize(cells.get("title", ""))
    if not fields["title"]:
        problems["title"] = _("the work procured is empty")
    fields["budget"] = attempt("budget", parse_amount)
    fields["reference_price"] = attempt("reference_price", lambda v: _optional_amount(str(v)))
    fields["method"] = attempt("method", lambda v: parse_method(str(v)))
    bids = attempt("bids", lambda v: parse_bids(str(v))) or []
    supplier, agreed = "", None
    if "selected" in cells:
        picked = attempt("selected", lambda v: parse_selected(str(v)))
        if picked:
            supplier, agreed = picked
    if "supplier" in cells:
        supplier = normalize(cells["supplier"])
    if "agreed_price" in cells:
        agreed = attempt("agreed_price", lambda v: _optional_amount(str(v)))
    fields["supplier"], fields["agreed_price"] = supplier, agreed
    fields["reason"] = normalize(cells.get("reason", ""))
    number, day = "", None
    if "contract" in cells:
        parsed = attempt("contract", lambda v: parse_contract(str(v)))
        if parsed:
            number, day = parsed
    if "contract_number" in cells:
        number = normalize(arabic_digits(cells["contract_number"]))
    if "contract_date" in cells and squash(cells["contract_date"]) not in ("", "-"):
        day = attempt("contract_date", parse_day)
    fields["contract_number"], fields["contract_date"] = number, day
    fields["budget_source"] = normalize(cells.get("budget_source", ""))
    fields["egp_number"] = normalize(arabic_digits(cells.get("egp_number", "")))
    if squash(cells.get("stage", "")):
        fields["stage"] = attempt("stage", lambda v: parse_stage(str(v)))
    else:
        fields["stage"] = Stage.IN_CONTRACT if number else Stage.IN_PROGRESS
    if squash(cells.get("fiscal_year", "")):
        try:
            stated = int(arabic_digits(squash(cells["fiscal_year"])))
        except ValueError:
            problems["fiscal_year"] = _("cannot read “%(text)s” as a year") % {
                "text": cells["fiscal_year"]
            }
        else:
            if stated != year:
                problems["fiscal_year"] = _(
                    "the row is for fiscal year %(stated)s, the import for %(year)s"
                ) % {"stated": stated, "year": year}
    return fields, bids, problems


def parse_tables(
    tables: list[Table],
    year: int,
    *,
    kind: str,
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
    file_name: str = "",
) -> ParseResult:
    result = ParseResult(kind=kind)
    file_month = find_month(file_name)
    allowed = set(fiscal_months(year))
    for table in tables:
        texts = table.texts(merged="first")
        if not any(cell.strip() for row in texts for cell in row):
            continue
        found = find_header(table, FIELDSET, remembered=remembered, chosen=chosen)
        month = _table_month(table, texts, found.index if found else None) or file_month
        if found is None:
            if _says_empty(texts):
                if month is None:
                    result.problems.append(
                        Problem(
                            table.label,
                            None,
                            None,
                            _(
                                "which month is this? Name the month in the sheet's name or title (e.g. “ต.ค. 66”)."
                            ),
                        )
                    )
                    continue
                result.tables_used += 1
                result.empty_months.add(month)
                result.months.add(month)
                continue
            result.problems.append(
                Problem(
                    table.label,
                    None,
                    None,
                    _(
                        "no procurement header found (expected the สขร.1 headings or the 16-field layout)."
                    ),
                )
            )
            continue
        result.tables_used += 1
        match = found.match
        _collect(result, match.columns)
        for missing in match.missing:
            result.problems.append(
                Problem(
                    table.label,
                    None,
                    None,
                    _("no column for “%(field)s”.") % {"field": missing.label},
                )
            )
        if match.needs_choice or match.missing:
            continue
        by_index = match.by_index
        notes = {c.index: c.header for c in match.columns if c.target == NOTE}
        letters = {key: column_letter(i + 1) for i, key in by_index.items()}
        rows_read = 0
        for offset, cells_row in enumerate(texts[found.body_start :]):
            index = found.body_start + offset
            number = table.row_numbers[index]
            raw_row = table.rows[index]
            if not any(c.strip() for c in cells_row) or is_header_row(cells_row, match):
                continue
            if _says_empty([cells_row]):
                continue
            cells = {key: cells_row[i] if i < len(cells_row) else "" for i, key in by_index.items()}
            raw = {key: raw_row[i] if i < len(raw_row) else None for i, key in by_index.items()}
            if squash(cells.get("title", "")).startswith("รวม") and not any(
                squash(cells.get(k, "")) for k in ("method", "bids", "selected", "supplier")
            ):
                continue  # a total row
            if not any(squash(v) for k, v in cells.items() if k not in _UNIT_COLUMNS):
                continue
            fields, bids, problems = _read_row(cells, raw, year)
            row_month = month
            if "month" in cells and squash(cells["month"]):
                row_month = find_month(cells["month"])
                if row_month is None:
                    try:
                        row_month = parse_day(raw.get("month") or cells["month"]).replace(day=1)
                    except CellError:
                        problems["month"] = _(
                            "cannot read “%(text)s” as a month (e.g. “ต.ค. 66”)"
                        ) % {"text": cells["month"]}
            if row_month is None and "month" not in problems:
                if fields.get("contract_date"):
                    row_month = fields["contract_date"].replace(day=1)
                else:
                    result.problems.append(
                        Problem(
                            table.label,
                            number,
                            None,
                            _(
                                "which month is this row? Name the month in the sheet's name or title, or add a “เดือน” column."
                            ),
                        )
                    )
            if row_month is not None and row_month not in allowed:
                result.problems.append(
                    Problem(
                        table.label,
                        number,
                        letters.get("month"),
                        _("the month is outside fiscal year %(year)s") % {"year": year},
                    )
                )
            for key, message in problems.items():
                result.problems.append(Problem(table.label, number, letters.get(key), message))
            note_text = "\n".join(
                f"{header}: {normalize(cells_row[i])}"
                for i, header in notes.items()
                if i < len(cells_row) and cells_row[i].strip()
            )
            if problems or row_month is None or row_month not in allowed:
                continue
            fields["month"] = row_month
            fields["notes"] = note_text
            result.drafts.append(Draft(fields=fields, bids=bids, where=table.label, row=number))
            result.months.add(row_month)
            rows_read += 1
        if not rows_read and month is not None and _says_empty(texts):
            result.empty_months.add(month)
            result.months.add(month)
        elif not rows_read and not any(p.where == table.label for p in result.problems):
            result.problems.append(
                Problem(
                    table.label,
                    None,
                    None,
                    _(
                        "the sheet has no procurement rows; write “ไม่มีการจัดซื้อจัดจ้าง” for a month without procurement."
                    ),
                )
            )
    if not result.months and not result.problems and not result.needs_mapping:
        result.problems.append(Problem("", None, None, _("Nothing to import.")))
    return result


def parse_procurement_file(
    unit: Unit,
    year: int,
    data: bytes,
    *,
    name: str = "",
    chosen: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> ParseResult:
    """Read and check an XLSX or CSV file; never writes."""
    try:
        file = read_tables(data, name=name, accept=("xlsx", "csv"), limits=_limits())
    except UnreadableFile as exc:
        result = ParseResult(kind="")
        result.problems.append(Problem("", None, None, str(exc)))
        return result
    if remembered is None:
        remembered = remembered_mappings(unit=unit, kind=FIELDSET.kind)
    return parse_tables(
        file.tables, year, kind=file.kind, remembered=remembered, chosen=chosen, file_name=name
    )


@transaction.atomic
def procurement_import(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    result: ParseResult,
    source_name: str = "",
    source_bytes: bytes = b"",
) -> list[Procurement]:
    """The procurements of every month in the file become the file's rows (an empty month
    empties it). Raises ValidationError and writes nothing unless the result is clean."""
    if not result.ok:
        raise ValidationError([str(p) for p in result.problems] or [_("Nothing to import.")])
    made = procurements_replace_months(
        actor=actor,
        unit=unit,
        year=year,
        months=sorted(result.months),
        drafts=result.drafts,
        source_name=source_name,
        sha256=hashlib.sha256(source_bytes).hexdigest() if source_bytes else "",
    )
    column_mappings_remember(actor=actor, unit=unit, fieldset=FIELDSET, columns=result.columns)
    return made


__all__ = [
    "FIELDSET",
    "ParseResult",
    "Problem",
    "find_month",
    "normalize_header",
    "parse_bids",
    "parse_contract",
    "parse_procurement_file",
    "procurement_import",
]
