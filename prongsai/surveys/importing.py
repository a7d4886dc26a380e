"""Paper forms keyed into a spreadsheet: read, check completely, then import all or nothing.

One row per respondent; a header row naming each column by answer key (``i1.1``, ``e4``),
respondent question id (``p1``) or the question's text; answers as the scale's values (``4``) or
labels (``มากที่สุด``, ``Most``). Optional columns: ``date`` (the day the form was filled: ``2024-02-15``,
``2567-02-15``, ``15/02/2567``, ``15 ก.พ. 67``) and ``no`` (the form's number, ignored). The file
is read by the shared reader (``prongsai.spreadsheets``: size, zip and row limits, UTF-8 / Thai
Windows / UTF-16 text) and its headers by the shared matcher, with the unit's remembered column
choices; a column it cannot place is reported (and, on the import page, offered for mapping).

Every problem is reported with its row number (the header is row 1, as in a spreadsheet) and
column; nothing is imported while any remains. Forms dated outside the campaign (or, for a campaign
without dates, outside the assessment's fiscal year) are refused. The file's normalised rows have
a fingerprint: the same forms saved again in any way are refused, naming the earlier import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.templatetags.thai import thai_date
from prongsai.core.thai_dates import fiscal_year_bounds
from prongsai.spreadsheets.cells import CellError, cell_text, is_blank, parse_day
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.headers import (
    IGNORE,
    ColumnMatch,
    Field,
    FieldSet,
    match_headers,
    normalize_header,
)
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import read_tables
from prongsai.spreadsheets.selectors import remembered_mappings

from .answers import Layout, check_answers, layout_for
from .models import Campaign, PaperImport
from .services import ImportRow

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# 20,000 forms of 60 answers unpack to about 40 MB and read in 15–25 s on a busy 2-core machine.
LIMITS = ReadLimits(
    max_bytes=MAX_FILE_BYTES,
    max_unpacked=64 * 1024 * 1024,
    max_rows=MAX_ROWS + 1,
    max_columns=400,
    max_seconds=120,
)
# Columns of the file that are not answers: the form's number, our export's source column.
IGNORED_FIELDS = ("no", "source")


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
    columns: list[ColumnMatch] = field(default_factory=list)  # the header, as read
    fieldset: FieldSet | None = None  # what the columns were matched against
    fingerprint: str = ""  # of the normalised rows; recorded by responses_import

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def needs_mapping(self) -> bool:
        return any(c.needs_choice for c in self.columns)


def survey_fields(layout: Layout) -> FieldSet:
    """The columns a paper-form file of this instrument may have."""
    fields: list[Field] = []
    for key, question in layout.question_of_key.items():
        sub = next((s for s in question.sub_items if s.id == key), None)
        texts = [key, key.upper()]
        if sub is None:
            texts += [question.text.th, question.text.en]
        else:
            texts += [f"{question.text.th} {sub.text.th}", sub.text.th, sub.text.en]
        fields.append(
            Field(key, f"{key} {(sub.text.th if sub else question.text.th)[:60]}", tuple(texts),
                  required=question.is_required)
        )  # fmt: skip
    for profile in layout.profile:
        fields.append(
            Field(profile.id, f"{profile.id} {profile.text.th[:60]}",
                  (profile.id, profile.text.th, profile.text.en),
                  required=profile.required is not False)
        )  # fmt: skip
    fields += [
        Field("date", gettext_lazy("Day the form was filled"),
              ("date", "วันที่", "วันที่ตอบ", "วันที่ตอบแบบสอบถาม", "วัน/เดือน/ปี")),
        Field("no", gettext_lazy("Form number (ignored)"),
              ("no", "#", "ลำดับ", "ที่", "เลขที่", "เลขที่แบบสอบถาม")),
        Field("source", gettext_lazy("Source (ignored)"), ("source", "ที่มา")),
    ]  # fmt: skip
    return FieldSet(kind=f"surveys.{layout.instrument.lower()}", fields=tuple(fields))


@dataclass(frozen=True)
class Window:
    """The days forms of a campaign can carry: from its opening (or, before it has dates, the
    start of its fiscal year) to its close (none while it stays open)."""

    start: dt.date
    end: dt.date | None

    def __contains__(self, day: object) -> bool:
        assert isinstance(day, dt.date)
        return self.start <= day and (self.end is None or day <= self.end)

    def __str__(self) -> str:
        if self.end is None:
            return _("from %(start)s") % {"start": thai_date(self.start)}
        return f"{thai_date(self.start)} – {thai_date(self.end)}"


def campaign_window(campaign: Campaign) -> Window:
    start, _end = fiscal_year_bounds(campaign.assessment.year)
    return Window(campaign.opens_on or start, campaign.closes_on)


def _outside(day: dt.date, window: Window) -> str:
    return _("the date %(day)s is outside the campaign (%(window)s)") % {
        "day": thai_date(day),
        "window": window,
    }


def plan_import(
    *,
    campaign: Campaign,
    name: str,
    data: bytes,
    default_day: dt.date | None = None,
    chosen: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> Plan:
    """Read and check the whole file; the plan holds either rows to store or problems."""
    plan = Plan()
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    try:
        table = read_tables(data, name=name, limits=LIMITS).table("answers")
    except UnreadableFile as exc:
        plan.problems.append(Problem(0, "", str(exc)))
        return plan
    texts = table.texts(merged="none")
    start = next((i for i, cells in enumerate(texts) if any(c.strip() for c in cells)), None)
    if start is None:
        plan.problems.append(Problem(0, "", _("The file is empty.")))
        return plan
    header_row = table.row_numbers[start]
    fieldset = plan.fieldset = survey_fields(layout)
    if remembered is None:
        remembered = remembered_mappings(unit=campaign.assessment.unit, kind=fieldset.kind)
    match = match_headers(texts[start], fieldset, remembered=remembered, chosen=chosen)
    plan.columns = match.columns
    _header_problems(plan, layout, texts[start], header_row)
    if plan.problems:
        return plan

    columns = match.by_index
    window = campaign_window(campaign)
    today = timezone.localdate()
    day_given = default_day or today
    undated_outside = False
    canonical: list[tuple[str, ImportRow]] = []
    for cells, number in zip(table.rows[start + 1 :], table.row_numbers[start + 1 :], strict=True):
        values = {
            columns[i]: (v.strip() if isinstance(v, str) else v)
            for i, v in enumerate(cells)
            if i in columns and columns[i] not in IGNORED_FIELDS and not is_blank(v)
        }
        if not values:
            continue  # a blank line
        day = day_given
        if "date" not in values and day not in window:
            undated_outside = True
            continue
        if "date" in values:
            try:
                day = parse_day(values.pop("date"))
            except CellError as exc:
                plan.problems.append(Problem(number, "date", str(exc)))
                continue
            if day > today:
                plan.problems.append(
                    Problem(
                        number,
                        "date",
                        _("the date %(day)s is in the future") % {"day": thai_date(day)},
                    )
                )
                continue
            if day not in window:
                plan.problems.append(Problem(number, "date", _outside(day, window)))
                continue
        profile_ids = {p.id for p in layout.profile}
        answers = {k: v for k, v in values.items() if k not in profile_ids}
        profile = {k: v for k, v in values.items() if k in profile_ids}
        checked = check_answers(layout, answers, profile, labels=True)
        for column, message in checked.errors.items():
            plan.problems.append(Problem(number, column, message))
        if checked.ok:
            row = ImportRow(
                submission_id=uuid.uuid4(),
                answers=checked.answers,
                profile=checked.profile,
                submitted_on=day,
            )
            key = json.dumps(
                [sorted(row.answers.items()), sorted(row.profile.items()), day.isoformat()],
                ensure_ascii=False,
            )
            canonical.append((key, row))
    if undated_outside:
        plan.problems.append(
            Problem(
                0,
                "",
                _(
                    "Rows without a date would be dated %(day)s, which is outside the campaign "
                    "(%(window)s): give the day the forms were filled, or a date column."
                )
                % {"day": thai_date(day_given), "window": window},
            )
        )
    if not plan.problems and not canonical:
        plan.problems.append(Problem(0, "", _("The file has no answers below its header row.")))
    if plan.problems:
        return plan
    plan.rows = [row for _key, row in canonical]
    digest = hashlib.sha256(f"{campaign.pk}\n".encode())
    for key in sorted(k for k, _row in canonical):  # the same forms in any order: one fingerprint
        digest.update(key.encode() + b"\n")
    plan.fingerprint = digest.hexdigest()
    earlier = PaperImport.objects.filter(campaign=campaign, fingerprint=plan.fingerprint).first()
    if earlier is not None:
        plan.problems.append(Problem(0, "", already_imported(earlier)))
    return plan


def already_imported(earlier: PaperImport) -> str:
    return _(
        "These forms were already imported on %(day)s from “%(file)s” by %(who)s; nothing was "
        "imported again."
    ) % {
        "day": thai_date(earlier.imported_at),
        "file": earlier.file_name or "–",
        "who": earlier.imported_by or "–",
    }


def _header_problems(plan: Plan, layout: Layout, headers: list[str], header_row: int) -> None:
    seen: set[str] = set()
    for text in headers:
        normalized = normalize_header(text)
        if normalized and normalized in seen:
            plan.problems.append(Problem(header_row, text.strip(), _("This column appears twice.")))
        seen.add(normalized)
    for column in plan.columns:
        if not column.needs_choice:
            continue
        question = layout.spec.question_by_id.get(column.header)
        if question is not None and question.instrument == layout.instrument:
            message = _("Question %(id)s is answered per sub-item: use columns %(keys)s.") % {
                "id": column.header,
                "keys": ", ".join(question.answer_keys),
            }
        else:
            message = _("Unknown column: not a question of the %(instrument)s survey.") % {
                "instrument": layout.instrument
            }
            if column.suggestion:
                message += " " + _("Did you mean %(key)s?") % {"key": column.suggestion}
        plan.problems.append(Problem(header_row, column.header, message))
    mapped = {c.target for c in plan.columns if not c.needs_choice and c.target != IGNORE}
    missing = [
        key for key in layout.keys if layout.question_of_key[key].is_required and key not in mapped
    ]
    if missing:
        plan.problems.append(
            Problem(
                header_row,
                "",
                _("Columns missing for required questions: %(keys)s.")
                % {"keys": ", ".join(missing)},
            )
        )


__all__ = ["MAX_FILE_BYTES", "Plan", "Problem", "cell_text", "plan_import", "survey_fields"]
