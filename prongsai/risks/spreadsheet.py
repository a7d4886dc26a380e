"""The register as an XLSX file: export (``spreadsheets.writer``) and import (``spreadsheets``
reader, cells and headers).

One row per treatment (an event without treatment has one row with the treatment columns blank).
A blank process cell continues the process above, a blank event cell the event above (as people
write such tables). On import the whole file is checked first; every problem is reported with its
row and column, and nothing is saved when there is one. Score, level, status and the follow-ups
sheet are written for the reader and ignored on import (they follow from the records).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.text import TextLength, text_problems
from prongsai.core.thai_dates import thai_date
from prongsai.spreadsheets import writer
from prongsai.spreadsheets.cells import CellError, cell_text, normalize, parse_day, parse_integer
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.headers import Field, FieldSet, find_header
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import column_letter, read_tables

from .models import Register, RiskType
from .schemes import Scheme
from .selectors import TreatmentView, register_view

SHEET = "ทะเบียนความเสี่ยง"
FOLLOWUP_SHEET = "การติดตามผล"
LIMITS = ReadLimits(max_bytes=5 * 1024 * 1024, max_rows=5_000, max_columns=60)

FIELDS = FieldSet(
    kind="risks.register",
    fields=(
        Field("process", gettext_lazy("Process"), ("กระบวนการ", "ชื่อกระบวนการ", "กระบวนงาน"), True),
        Field("section", gettext_lazy("Section"), ("ฝ่าย/งาน", "ฝ่าย", "งาน")),
        Field("legal_basis", gettext_lazy("Legal basis"), ("กฎหมายที่เกี่ยวข้อง", "กฎหมาย")),
        Field(
            "authority_step",
            gettext_lazy("Step where authority is used"),
            ("ขั้นตอนที่ใช้อำนาจ", "ขั้นตอนการใช้อำนาจ"),
        ),
        Field(
            "description",
            gettext_lazy("Risk event or behaviour"),
            ("เหตุการณ์ความเสี่ยง", "เหตุการณ์/พฤติกรรมความเสี่ยง", "ประเด็นความเสี่ยง"),
            True,
        ),
        Field("cause", gettext_lazy("Cause"), ("สาเหตุ",)),
        Field("risk_type", gettext_lazy("Risk type"), ("ประเภทความเสี่ยง", "ประเภท"), True),
        Field("controls", gettext_lazy("Existing controls"), ("การควบคุมที่มีอยู่", "การควบคุม")),
        Field("likelihood", gettext_lazy("Likelihood"), ("โอกาส", "โอกาสที่จะเกิด"), True),
        Field("impact", gettext_lazy("Impact"), ("ผลกระทบ",), True),
        Field("score", gettext_lazy("Score"), ("คะแนน",)),
        Field("level", gettext_lazy("Level"), ("ระดับความเสี่ยง", "ระดับ")),
        Field("measure", gettext_lazy("Measure"), ("มาตรการ", "มาตรการจัดการความเสี่ยง")),
        Field("owner_position", gettext_lazy("Responsible position"), ("ผู้รับผิดชอบ",)),
        Field("due_date", gettext_lazy("Due date"), ("กำหนดเสร็จ", "ระยะเวลา")),
        Field("kpi", gettext_lazy("Indicator (KPI)"), ("ตัวชี้วัด", "ตัวชี้วัด (KPI)")),
        Field("status", gettext_lazy("Status"), ("สถานะ",)),
    ),
)
COLUMNS = [f.key for f in FIELDS.fields]
IGNORED_ON_IMPORT = {"score", "level", "status"}


# --- export ------------------------------------------------------------------------------------
def register_xlsx(register: Register) -> bytes:
    view = register_view(register)
    book = writer.new_workbook()
    sheet = writer.new_sheet(book, SHEET, [f.header for f in FIELDS.fields])
    for process in view.processes:
        p = process.process
        for e in process.events:
            ev = e.event
            base = [
                p.name,
                p.section,
                p.legal_basis,
                p.authority_step,
                ev.description,
                ev.cause,
                str(RiskType(ev.risk_type).label) if ev.risk_type in RiskType.values else "",
                ev.controls,
                ev.likelihood,
                ev.impact,
                e.level.score,
                e.level.band.th,
            ]
            treatments: list[TreatmentView | None] = list(e.treatments) or [None]
            for t in treatments:
                if t is None:
                    writer.append_row(sheet, [*base, "", "", "", "", ""])
                    continue
                tr = t.treatment
                writer.append_row(
                    sheet,
                    [
                        *base,
                        tr.measure,
                        tr.owner_position,
                        tr.due_date or "",
                        tr.kpi,
                        tr.get_status_display(),
                    ],
                )
    follow = writer.new_sheet(
        book,
        FOLLOWUP_SHEET,
        [
            "ที่",
            "มาตรการ",
            "รอบ",
            "วันที่",
            "การดำเนินการ",
            "ผลการดำเนินการ",
            "สถานะ",
            "โอกาสคงเหลือ",
            "ผลกระทบคงเหลือ",
            "ลิงก์",
        ],
    )
    for e in view.events:
        for t in e.treatments:
            for f in t.followups:
                writer.append_row(
                    follow,
                    [
                        e.number,
                        t.treatment.measure,
                        f.get_round_display(),
                        thai_date(f.date),
                        f.done,
                        f.result,
                        f.get_status_display(),
                        f.residual_likelihood or "",
                        f.residual_impact or "",
                        "\n".join(f.links),
                    ],
                )
    return writer.workbook_bytes(book)


# --- import ------------------------------------------------------------------------------------
@dataclass
class TreatmentRow:
    measure: str
    owner_position: str = ""
    due_date: dt.date | None = None
    kpi: str = ""


@dataclass
class EventRow:
    description: str
    cause: str
    risk_type: str
    controls: str
    likelihood: int
    impact: int
    key: str = ""  # the description as compared between rows (normalised)
    treatments: list[TreatmentRow] = field(default_factory=list)


@dataclass
class ProcessRow:
    name: str
    section: str = ""
    legal_basis: str = ""
    authority_step: str = ""
    events: list[EventRow] = field(default_factory=list)


@dataclass
class ParsedRegister:
    processes: list[ProcessRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(len(p.events) for p in self.processes)


RISK_TYPE_WORDS = {
    "permit": ("permit", "approval", "อนุญาต", "อนุมัติ", "ใบอนุญาต"),
    "authority": ("authority", "อำนาจ", "ตำแหน่งหน้าที่"),
    "budget": ("budget", "resource", "งบประมาณ", "ทรัพยากร", "ทรัพย์สิน"),
    "bribes": ("bribe", "สินบน", "ผลประโยชน์"),
}


def _risk_type(text: str) -> str | None:
    """A risk type from its key, its label (Thai or English) or a word of it ("อนุญาต")."""
    wanted = normalize(text).lower()
    if not wanted:
        return None
    for value, label in RiskType.choices:
        with translation.override("th"):
            thai = str(label).lower()
        with translation.override("en"):
            english = str(label).lower()
        if wanted in {value, thai, english}:
            return str(value)
    for value, words in RISK_TYPE_WORDS.items():
        if any(word in wanted for word in words):
            return value
    return None


def _refused_event(key: str) -> EventRow:
    """Stands for an event row that was refused, so that its measures are still checked."""
    return EventRow(
        description="", cause="", risk_type="", controls="", likelihood=0, impact=0, key=key
    )


def _limit(key: str) -> int:
    short = {"process", "section", "kpi", "owner_position"}
    return int(TextLength.SINGLE_LINE if key in short else TextLength.PARAGRAPH)


def parse_register(data: bytes, *, name: str, scheme: Scheme) -> ParsedRegister:
    """Read and check the whole file; ``errors`` lists every problem (row, column, why)."""
    out = ParsedRegister()
    try:
        book = read_tables(data, name=name, accept=("xlsx",), limits=LIMITS)
    except UnreadableFile as exc:
        out.errors.append(str(exc))
        return out
    table = book.table(SHEET)
    found = find_header(table, FIELDS, min_fields=3)
    if found is None:
        out.errors.append(
            _("%(table)s: no header row with the register's columns (e.g. %(columns)s).")
            % {"table": table.label, "columns": "กระบวนการ, เหตุการณ์ความเสี่ยง, โอกาส, ผลกระทบ"}
        )
        return out
    match = found.match
    if match.missing:
        out.errors.append(
            _("%(table)s: the column “%(columns)s” is missing.")
            % {"table": table.label, "columns": "”, “".join(f.header for f in match.missing)}
        )
        return out
    by_index = match.by_index
    column_of = {key: index for index, key in by_index.items()}
    texts = table.texts(merged="first")
    process: ProcessRow | None = None
    event: EventRow | None = None

    for offset, row in enumerate(texts[found.body_start :]):
        number = table.row_numbers[found.body_start + offset]
        values = {key: normalize(row[i]) if i < len(row) else "" for key, i in column_of.items()}
        cells = table.rows[found.body_start + offset]
        raw = {key: cells[i] if i < len(cells) else None for key, i in column_of.items()}
        if not any(v for k, v in values.items() if k not in IGNORED_ON_IMPORT):
            continue

        def problem(key: str, message: str, number: int = number) -> None:
            header = FIELDS.get(key)
            out.errors.append(
                _("Row %(row)s, column %(column)s (%(header)s): %(message)s")
                % {
                    "row": number,
                    "column": column_letter(column_of[key] + 1) if key in column_of else "–",
                    "header": header.header if header else key,
                    "message": message,
                }
            )

        for key, value in values.items():
            for message in text_problems(value, limit=_limit(key)):
                problem(key, message)
        if values.get("process"):
            if process is None or values["process"] != process.name:
                process = next((p for p in out.processes if p.name == values["process"]), None)
                if process is None:
                    process = ProcessRow(
                        name=values["process"],
                        section=values.get("section", ""),
                        legal_basis=cell_text(raw.get("legal_basis")).strip(),
                        authority_step=cell_text(raw.get("authority_step")).strip(),
                    )
                    out.processes.append(process)
                event = None
        elif process is None:
            problem("process", _("the first row needs the process."))
            continue
        if values.get("description"):
            if event is None or values["description"] != event.key:
                risk_type = _risk_type(values.get("risk_type", ""))
                if risk_type is None:
                    problem(
                        "risk_type",
                        _("“%(text)s” is not a risk type (%(types)s).")
                        % {
                            "text": values.get("risk_type", ""),
                            "types": ", ".join(str(label) for label in RiskType.labels),
                        },
                    )
                ratings: dict[str, int] = {}
                for key, values_allowed in (
                    ("likelihood", scheme.likelihood_values),
                    ("impact", scheme.impact_values),
                ):
                    try:
                        rating = parse_integer(raw.get(key))
                    except CellError as exc:
                        problem(key, str(exc) if values.get(key) else _("a value is needed."))
                        continue
                    if rating not in values_allowed:
                        problem(
                            key,
                            _("%(value)s is not a level of the scale (%(low)s–%(high)s).")
                            % {
                                "value": rating,
                                "low": min(values_allowed),
                                "high": max(values_allowed),
                            },
                        )
                        continue
                    ratings[key] = rating
                if risk_type is None or len(ratings) < 2:
                    event = _refused_event(values["description"])  # its measures still checked
                else:
                    event = EventRow(
                        description=cell_text(raw.get("description")).strip(),
                        cause=cell_text(raw.get("cause")).strip(),
                        risk_type=risk_type,
                        controls=cell_text(raw.get("controls")).strip(),
                        likelihood=ratings["likelihood"],
                        impact=ratings["impact"],
                        key=values["description"],
                    )
                    process.events.append(event)
        elif values.get("measure") and event is None:
            problem("description", _("a measure needs its risk event."))
            continue
        if values.get("measure") and event is not None:
            due: dt.date | None = None
            if values.get("due_date"):
                try:
                    due = parse_day(raw.get("due_date"))
                except CellError as exc:
                    problem("due_date", str(exc))
            event.treatments.append(
                TreatmentRow(
                    measure=cell_text(raw.get("measure")).strip(),
                    owner_position=values.get("owner_position", ""),
                    due_date=due,
                    kpi=values.get("kpi", ""),
                )
            )
    if not out.errors and not out.processes:
        out.errors.append(_("%(table)s: no rows to import.") % {"table": table.label})
    return out
