"""Measures tables (seed-shaped Word tables, or our own XLSX export) to validated row drafts.

The shape the seed report uses: a header row ``ตัวชี้วัด | ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ |
กิจกรรมที่จะดำเนินการ | ผลผลิต | วิธีการสร้างการรับรู้ | ระยะเวลาแล้วเสร็จ | ผู้รับผิดชอบ |
ระยะเวลากำกับติดตาม | ผลการดำเนินการ``, often split over several tables (one per page); a blank
or merged indicator or issue cell continues the row above, also across tables; a table without a
header that has the same columns as the table before continues it. Our XLSX export adds columns
(order, user accounts, cadence, result details, OIT items) that make it import back unchanged.

Everything is validated first: the result lists every problem with its table, row and column,
and the caller writes nothing unless there are none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from prongsai.spreadsheets.headers import (
    IGNORE,
    ColumnMatch,
    Field,
    FieldSet,
    HeaderMatch,
    find_header,
    is_header_row,
)
from prongsai.spreadsheets.reader import Table

from ..parsing import (
    CADENCE_TH,
    CellError,
    extract_oit_codes,
    normalize,
    normalize_lines,
    parse_cadence,
    parse_channels,
    parse_indicator,
    parse_oit_list,
    parse_period,
    parse_status,
    split_lines,
    squash,
)

# The plan's fields and the headers that name them. The first synonym is what our exports write
# (the seed's wording); the others are wordings found in other units' plans. Headers are compared
# normalised (see prongsai.spreadsheets.headers), then by similarity.
PLAN_FIELDS = FieldSet(
    kind="measures.plan",
    notes=True,
    fields=(
        Field("position", gettext_lazy("Order"), ("ลำดับ", "ที่", "no.", "no", "order")),
        Field("indicator", gettext_lazy("Indicator"), ("ตัวชี้วัด", "indicator"), required=True),
        Field(
            "issue",
            gettext_lazy("Issue to improve"),
            (
                "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ",
                "ประเด็นที่ต้องเตรียมความพร้อม",
                "ประเด็นที่ต้องยกระดับ",
                "ประเด็นที่ต้องพัฒนา",
                "ประเด็นที่ต้องปรับปรุง",
                "ประเด็นการพัฒนา",
                "ประเด็นปัญหา",
                "issue to improve",
                "issue",
            ),
            required=True,
        ),
        Field(
            "activity",
            gettext_lazy("Activity"),
            (
                "กิจกรรมที่จะดำเนินการ",
                "กิจกรรมที่ดำเนินการ",
                "กิจกรรม",
                "มาตรการ/กิจกรรม",
                "กิจกรรม/โครงการ",
                "โครงการ/กิจกรรม",
                "activity",
            ),
            required=True,
        ),
        Field("output", gettext_lazy("Output"), ("ผลผลิต", "ผลผลิต/ผลลัพธ์", "output"), required=True),
        Field(
            "channels",
            gettext_lazy("Communication channels"),
            (
                "วิธีการสร้างการรับรู้",
                "ช่องทางการสร้างการรับรู้",
                "ช่องทางการเผยแพร่",
                "ช่องทางการเผยแพร่ประชาสัมพันธ์",
                "ช่องทางการประชาสัมพันธ์",
                "การสร้างการรับรู้",
                "communication channels",
                "channels",
            ),
            required=True,
        ),
        Field(
            "period",
            gettext_lazy("Completion period"),
            ("ระยะเวลาแล้วเสร็จ", "ระยะเวลาดำเนินการ", "กำหนดแล้วเสร็จ", "completion period", "period"),
            required=True,
        ),
        Field(
            "responsible",
            gettext_lazy("Responsible officers"),
            ("ผู้รับผิดชอบ", "หน่วยงานผู้รับผิดชอบ", "responsible officers", "responsible"),
            required=True,
        ),
        Field(
            "users",
            gettext_lazy("Responsible users (accounts)"),
            ("ผู้รับผิดชอบ (บัญชีผู้ใช้)", "responsible users"),
        ),
        Field(
            "monitoring",
            gettext_lazy("Monitoring"),
            (
                "ระยะเวลากำกับติดตาม",
                "การกำกับติดตาม",
                "การติดตามผล",
                "การติดตามและประเมินผล",
                "monitoring",
            ),
            required=True,
        ),
        Field(
            "cadence",
            gettext_lazy("Monitoring cadence"),
            ("รอบการกำกับติดตาม", "monitoring cadence", "cadence"),
        ),
        Field(
            "result",
            pgettext_lazy("measures", "Result"),
            ("ผลการดำเนินการ", "result", "status"),
            required=True,
        ),
        Field(
            "result_note",
            gettext_lazy("Result details"),
            ("รายละเอียดผลการดำเนินการ", "result details"),
        ),
        Field("oit", gettext_lazy("OIT items"), ("รายการ OIT", "OIT items", "oit")),
        Field("notes", gettext_lazy("Notes"), ("หมายเหตุ", "notes", "remarks")),
    ),
)
COLUMNS: dict[str, tuple[str, ...]] = {f.key: f.synonyms for f in PLAN_FIELDS.fields}
REQUIRED = tuple(f.key for f in PLAN_FIELDS.required)
EXPORT_ORDER = (
    "position",
    "indicator",
    "issue",
    "activity",
    "output",
    "channels",
    "period",
    "responsible",
    "users",
    "monitoring",
    "cadence",
    "result",
    "result_note",
    "oit",
    "notes",
)
HEADER_SCAN_ROWS = 3  # a title row or two may sit above the header
PLAN_SHAPED_MIN_COLUMNS = 8
MAX_PROBLEMS = 100


def header_text(key: str) -> str:
    return COLUMNS[key][0]


def expected_header() -> str:
    return " | ".join(header_text(k) for k in REQUIRED)


@dataclass(frozen=True)
class Problem:
    where: str  # table label
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
        if self.where:
            return f"{self.where}: {self.message}"
        return self.message


@dataclass
class RowDraft:
    where: str
    row: int
    indicator: str
    issue: str
    activity: str
    output: str = ""
    channels: list[str] = field(default_factory=list)
    channels_other: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_text: str = ""
    responsible_positions: list[str] = field(default_factory=list)
    responsible_usernames: list[str] = field(default_factory=list)
    cadence: str = ""
    cadence_text: str = ""
    status: str = "not_started"
    result_note: str = ""
    oit_items: list[str] = field(default_factory=list)
    notes: str = ""

    def fields(self) -> dict[str, Any]:
        """Keyword arguments for the plan-row services (users are resolved separately)."""
        return {
            "indicator": self.indicator,
            "issue": self.issue,
            "activity": self.activity,
            "output": self.output,
            "channels": list(self.channels),
            "channels_other": self.channels_other,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "period_text": self.period_text,
            "responsible_positions": list(self.responsible_positions),
            "cadence": str(self.cadence),
            "cadence_text": self.cadence_text,
            "status": str(self.status),
            "result_note": self.result_note,
            "oit_items": list(self.oit_items),
            "notes": self.notes,
        }


@dataclass
class PlanContext:
    """What the parser checks against: the framework and the unit's members."""

    indicators: dict[str, str]  # code → Thai title
    items: dict[str, str]  # OIT item code → its indicator code
    usernames: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)  # squashed "rank first last" → username


@dataclass
class ParseResult:
    kind: str
    drafts: list[RowDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    tables_used: int = 0
    # Every distinct header column met in the file, with what it was read as.
    columns: list[ColumnMatch] = field(default_factory=list)

    @property
    def needs_mapping(self) -> bool:
        """Some column waits for the user's choice (nothing can be imported until then)."""
        return any(c.needs_choice for c in self.columns)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.drafts) and not self.needs_mapping


def _used_width(cells: list[str]) -> int:
    """Columns up to the last one with text (spreadsheets pad rows with empty cells)."""
    return max((i + 1 for i, text in enumerate(cells) if text.strip()), default=0)


@dataclass
class _State:
    indicator: str = ""
    issue: str = ""


def _collect(result: ParseResult, match: HeaderMatch) -> None:
    known = {c.normalized for c in result.columns}
    result.columns.extend(c for c in match.columns if c.normalized not in known)


def parse_tables(
    tables: list[Table],
    context: PlanContext,
    *,
    kind: str,
    remembered: Mapping[str, str] | None = None,
    chosen: Mapping[str, str] | None = None,
) -> ParseResult:
    """Rows of every measures table; ``remembered`` and ``chosen`` map normalised headers to
    fields (the unit's earlier choices, and the user's choices for this file)."""
    result = ParseResult(kind=kind)
    match: HeaderMatch | None = None
    columns_of_mapping = 0
    state = _State()
    for table in tables:
        texts = table.texts(merged="first")
        if not texts:
            continue
        found = find_header(
            table,
            PLAN_FIELDS,
            scan_rows=HEADER_SCAN_ROWS,
            remembered=remembered,
            chosen=chosen,
        )
        if found is not None:
            match, columns_of_mapping = found.match, len(texts[found.index])
            _collect(result, match)
            header_row = table.row_numbers[found.index]
            if match.needs_choice:
                continue  # the preview asks; rows are read once every column is decided
            for missing in match.missing:
                result.problems.append(
                    Problem(
                        table.label,
                        header_row,
                        missing.header,
                        _("this column is missing from the header row (expected: %(header)s)")
                        % {"header": expected_header()},
                    )
                )
            if match.missing:
                match = None
                continue
            ignored = [c.header for c in match.columns if c.target == IGNORE]
            if ignored:
                result.warnings.append(
                    Problem(
                        table.label,
                        header_row,
                        None,
                        _("columns ignored: %(columns)s") % {"columns": ", ".join(ignored)},
                    )
                )
            start = found.body_start
        else:
            width = max(len(cells) for cells in texts)
            if match is not None and width == columns_of_mapping:
                start = 0  # continues the previous table (a page break in Word)
            elif max(_used_width(c) for c in texts) >= PLAN_SHAPED_MIN_COLUMNS and match is None:
                result.problems.append(
                    Problem(
                        table.label,
                        table.row_numbers[0],
                        None,
                        _("no header row (expected: %(header)s)") % {"header": expected_header()},
                    )
                )
                continue
            else:
                result.warnings.append(
                    Problem(table.label, None, None, _("not a measures table; skipped"))
                )
                continue
        if match is None or match.needs_choice:
            continue
        result.tables_used += 1
        for cells, number in zip(texts[start:], table.row_numbers[start:], strict=True):
            _parse_row(cells, number, table.label, match, context, state, result)
            if len(result.problems) >= MAX_PROBLEMS:
                result.problems.append(Problem("", None, None, _("Too many problems; stopped.")))
                return result
    if result.needs_mapping:
        return result
    if not result.tables_used and not result.problems:
        result.problems.append(
            Problem(
                "",
                None,
                None,
                _("No table with the header row %(header)s was found.")
                % {"header": expected_header()},
            )
        )
    elif result.tables_used and not result.drafts and not result.problems:
        result.problems.append(Problem("", None, None, _("The tables have no rows to import.")))
    return result


def _parse_row(
    cells: list[str],
    number: int,
    where: str,
    match: HeaderMatch,
    context: PlanContext,
    state: _State,
    result: ParseResult,
) -> None:
    mapping = match.by_index
    values = {key: (cells[i] if i < len(cells) else "").strip() for i, key in mapping.items()}
    notes = [
        f"{c.header}: {normalize_lines(cells[c.index])}"
        for c in match.note_columns
        if c.index < len(cells) and cells[c.index].strip()
    ]
    if not any(values.values()) and not notes:
        return
    if is_header_row(cells, match):
        return  # a header repeated inside the table
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(where, number, header_text(key), message))

    # A row with text only in the indicator column is a section heading for the rows below.
    others = [v for k, v in values.items() if k not in ("indicator", "position") and v]
    if values.get("indicator") and not others:
        try:
            state.indicator = parse_indicator(values["indicator"], context.indicators)
            state.issue = ""
        except CellError as exc:
            problem("indicator", str(exc))
            result.problems.extend(problems)
        return

    indicator = state.indicator
    if values.get("indicator"):
        try:
            indicator = parse_indicator(values["indicator"], context.indicators)
        except CellError as exc:
            problem("indicator", str(exc))
            indicator = ""
    elif not state.indicator:
        problem("indicator", _("the indicator is empty and there is no row above to continue"))
    # An issue continues the row above only under the same indicator.
    continued_issue = state.issue if indicator == state.indicator else ""
    issue = normalize_lines(values.get("issue", "")) or continued_issue
    if not issue:
        problem("issue", _("the issue is empty and there is no row above to continue"))
    activity = normalize_lines(values.get("activity", ""))
    if not activity:
        problem("activity", _("the activity is empty"))

    channels, channels_other = parse_channels(values.get("channels", ""))
    period_start = period_end = None
    period_text = ""
    try:
        period_start, period_end, period_text = parse_period(values.get("period", ""))
    except CellError as exc:
        problem("period", str(exc))

    positions: list[str] = []
    usernames: list[str] = []
    # Names of the unit's members become their accounts, unless the file has its own column
    # for accounts (our export), which then says exactly who is linked.
    match_names = "users" not in values
    for line in split_lines(values.get("responsible", "")):
        username = None
        if match_names:
            username = context.names.get(squash(line)) or (
                line if line in context.usernames else None
            )
        if username:
            if username not in usernames:
                usernames.append(username)
        elif line not in positions:
            positions.append(line)
    for name in split_lines(values.get("users", "")):
        if name not in context.usernames:
            problem("users", _("“%(name)s” is not a member of this unit") % {"name": name})
        elif name not in usernames:
            usernames.append(name)

    if values.get("cadence"):
        cadence, _wording = parse_cadence(values["cadence"])
        if cadence == "event" and squash(values["cadence"]) not in (squash("ตามเหตุการณ์"), "event"):
            problem("cadence", _("unknown cadence “%(text)s”") % {"text": values["cadence"]})
        wording = normalize(values.get("monitoring"))
        cadence_text = "" if wording == CADENCE_TH.get(cadence, "") else wording
    else:
        cadence, cadence_text = parse_cadence(values.get("monitoring", ""))

    strict = "result_note" in values
    status, note = "not_started", ""
    try:
        status, note = parse_status(values.get("result", ""), strict=strict)
    except CellError as exc:
        problem("result", str(exc))
    if strict:
        note = values.get("result_note", "").strip()

    if "oit" in values:
        oit: list[str] = []
        try:
            oit = parse_oit_list(values["oit"], context.items)
        except CellError as exc:
            problem("oit", str(exc))
    else:
        oit = extract_oit_codes([values.get("issue", ""), values.get("output", "")], context.items)

    if problems:
        result.problems.extend(problems)
        # Keep continuing from what the row said, so one bad row does not cascade.
        state.indicator = indicator or state.indicator
        state.issue = issue or state.issue
        return
    state.indicator, state.issue = indicator, issue
    draft = RowDraft(
        where=where,
        row=number,
        indicator=indicator,
        issue=issue,
        activity=activity,
        output=normalize_lines(values.get("output", "")),
        channels=channels,
        channels_other=channels_other,
        period_start=period_start,
        period_end=period_end,
        period_text=period_text,
        responsible_positions=positions,
        responsible_usernames=usernames,
        cadence=str(cadence),
        cadence_text=cadence_text,
        status=str(status),
        result_note=note,
        oit_items=oit,
        notes="\n".join(filter(None, [normalize_lines(values.get("notes", "")), *notes])),
    )
    foreign = [code for code in oit if context.items.get(code) not in (None, indicator)]
    if foreign:
        result.warnings.append(
            Problem(
                where,
                number,
                None,
                _("indicator %(indicator)s links OIT items of another indicator: %(codes)s")
                % {"indicator": indicator, "codes": ", ".join(foreign)},
            )
        )
    result.drafts.append(draft)
