"""Paper forms keyed into a spreadsheet: read, check completely, then import all or nothing.

One row per respondent; a header row naming each column by answer key (``i1.1``, ``e4``) or
respondent question id (``p1``); answers as the scale's values (``4``) or labels (``มากที่สุด``,
``Most``). Optional columns: ``date`` (the day the form was filled, ``2024-02-15`` or
``2567-02-15``) and ``no`` (the form's number, ignored). Every problem is reported with its row
number (the header is row 1, as in a spreadsheet) and column; nothing is imported while any
remains. Each row's submission id is derived from the file's content, so importing the same file
twice is refused instead of doubling the answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .answers import check_answers, layout_for
from .models import Campaign, Response
from .services import ImportRow

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
IGNORED_COLUMNS = {"no", "#"}
_NAMESPACE = uuid.UUID("6f1c1f9e-4d0a-4a8e-9d55-5b0b0e4f2a11")


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row number (header = 1); 0 = the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Plan:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _cell_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def _read_xlsx(data: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book["answers"] if "answers" in book.sheetnames else book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(v) for v in row]
    finally:
        book.close()


def _read_csv(data: bytes) -> Iterator[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874")  # Thai Windows (TIS-620): what Excel saves as "CSV" there
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        yield [_cell_text(v) for v in row]


def _parse_day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        day = dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
    if day.year > 2400:  # Buddhist era
        day = day.replace(year=day.year - 543)
    return day


def plan_import(
    *, campaign: Campaign, name: str, data: bytes, default_day: dt.date | None = None
) -> Plan:
    """Read and check the whole file; the plan holds either rows to store or problems."""
    plan = Plan()
    if len(data) > MAX_FILE_BYTES:
        plan.problems.append(
            Problem(0, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES >> 20})
        )
        return plan
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    is_xlsx = data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx")
    try:
        lines = list(_take(_read_xlsx(data) if is_xlsx else _read_csv(data), MAX_ROWS + 2))
    except Exception:  # a broken or disguised file: say so, whatever the parser's complaint
        plan.problems.append(
            Problem(0, "", _("The file could not be read as CSV or XLSX (.xlsx)."))
        )
        return plan
    if len(lines) > MAX_ROWS + 1:
        plan.problems.append(
            Problem(0, "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        )
        return plan
    if not lines:
        plan.problems.append(Problem(0, "", _("The file is empty.")))
        return plan

    header = [str(h).strip() if h is not None else "" for h in lines[0]]
    profile_ids = {p.id for p in layout.profile}
    columns: dict[int, str] = {}
    seen: set[str] = set()
    for index, name_ in enumerate(header):
        if not name_ or name_.lower() in IGNORED_COLUMNS:
            continue
        if name_ in seen:
            plan.problems.append(Problem(1, name_, _("This column appears twice.")))
        seen.add(name_)
        columns[index] = name_
    known = set(layout.keys) | profile_ids | {"date"}
    for name_ in seen - known:
        question = layout.spec.question_by_id.get(name_)
        if question is not None and question.instrument == layout.instrument:
            message = _("Question %(id)s is answered per sub-item: use columns %(keys)s.") % {
                "id": name_,
                "keys": ", ".join(question.answer_keys),
            }
        else:
            message = _("Unknown column: not a question of the %(instrument)s survey.") % {
                "instrument": layout.instrument
            }
        plan.problems.append(Problem(1, name_, message))
    missing = [
        key for key in layout.keys if layout.question_of_key[key].is_required and key not in seen
    ]
    if missing:
        plan.problems.append(
            Problem(
                1,
                "",
                _("Columns missing for required questions: %(keys)s.")
                % {"keys": ", ".join(missing)},
            )
        )
    if plan.problems:
        return plan

    digest = hashlib.sha256(data).hexdigest()
    today = timezone.localdate()
    default_day = default_day or today
    for offset, cells in enumerate(lines[1:], start=2):
        values = {
            columns[i]: v for i, v in enumerate(cells) if i in columns and v not in (None, "")
        }
        if not values:
            continue  # blank line
        day = default_day
        if "date" in values:
            parsed = _parse_day(values.pop("date"))
            if parsed is None or parsed > today:
                plan.problems.append(
                    Problem(offset, "date", _("Not a valid date (YYYY-MM-DD), or in the future."))
                )
                continue
            day = parsed
        answers = {k: v for k, v in values.items() if k not in profile_ids}
        profile = {k: v for k, v in values.items() if k in profile_ids}
        checked = check_answers(layout, answers, profile, labels=True)
        for column, message in checked.errors.items():
            plan.problems.append(Problem(offset, column, message))
        if checked.ok:
            plan.rows.append(
                ImportRow(
                    submission_id=uuid.uuid5(_NAMESPACE, f"{campaign.pk}:{digest}:{offset}"),
                    answers=checked.answers,
                    profile=checked.profile,
                    submitted_on=day,
                )
            )
    if not plan.problems and not plan.rows:
        plan.problems.append(Problem(0, "", _("The file has no answers below its header row.")))
    if plan.rows and not plan.problems:
        ids = [row.submission_id for row in plan.rows]
        if any(
            Response.objects.filter(submission_id__in=ids[i : i + 500]).exists()
            for i in range(0, len(ids), 500)
        ):
            plan.problems.append(
                Problem(
                    0, "", _("This file has already been imported; nothing was imported again.")
                )
            )
    return plan


def _take(rows: Iterator[list[Any]], limit: int) -> Iterator[list[Any]]:
    for count, row in enumerate(rows):
        if count >= limit:
            return
        yield row
