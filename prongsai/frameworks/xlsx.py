"""A framework definition as an XLSX workbook, and back.

A parent organisation corrects next year's list in Excel without a developer: export, edit,
import. One sheet per part of the definition, one row per entry, Thai and English side by side.
``xlsx_to_definition(definition_to_xlsx(d)) == d`` for every valid definition whose optional
texts are not both empty (an absent optional field is an empty cell).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill

from prongsai.spreadsheets.cells import CellError, parse_amount
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import Table, read_tables
from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

from .validation import Problem

# A framework is a few hundred rows per sheet; the upload limit is 5 MB.
LIMITS = ReadLimits(max_bytes=5 * 1024 * 1024, max_rows=5_000, max_columns=40, max_tables=40)


def at(sheet: str, row: int | None = None, column: str | None = None) -> str:
    """Where in the workbook a problem is ("sheet 'items', row 5, column 'code'")."""
    if row is not None and column is not None:
        return _("sheet '%(sheet)s', row %(row)s, column '%(column)s'") % {
            "sheet": sheet,
            "row": row,
            "column": column,
        }
    if row is not None:
        return _("sheet '%(sheet)s', row %(row)s") % {"sheet": sheet, "row": row}
    if column is not None:
        return _("sheet '%(sheet)s', column '%(column)s'") % {"sheet": sheet, "column": column}
    return _("sheet '%(sheet)s'") % {"sheet": sheet}


# sheet name → columns (the first row of the sheet)
SHEETS: dict[str, list[str]] = {
    "framework": ["field", "value"],
    "instruments": [
        "id", "title_th", "title_en", "weight", "respondents",
        "sample_percent", "sample_minimum", "sample_everyone_below", "sample_cap", "sample_cap_above",
    ],
    "indicators": ["id", "instrument", "title_th", "title_en"],
    "sub_indicators": ["id", "indicator", "parent", "title_th", "title_en"],
    "scales": ["scale", "value", "label_th", "label_en", "score"],
    "questions": ["id", "instrument", "indicator", "text_th", "text_en", "scale", "reverse", "required"],
    "sub_items": ["question", "id", "text_th", "text_en", "reverse"],
    "profile_questions": ["id", "instrument", "text_th", "text_en", "required"],
    "profile_options": ["question", "value", "label_th", "label_en"],
    "items": [
        "id", "sub_indicator", "title_th", "title_en", "description_th", "description_en",
        "period_start", "period_end", "period_note_th", "period_note_en",
        "period_fiscal_year", "period_months", "none_statement_th", "none_statement_en",
        "precheck_period", "precheck_formats", "website_pages",
    ],
    "criteria": ["item", "id", "text_th", "text_en", "keywords"],
    "grades": ["id", "label_th", "label_en", "min", "max"],
    "ratings": ["id", "label_th", "label_en", "min", "max"],
    "rating_caps": ["when", "threshold", "at_most", "note_th", "note_en"],
    "carry_forward": ["item", "from_item"],
}  # fmt: skip

FRAMEWORK_FIELDS = [
    "id", "version", "year", "variant", "status", "title_th", "title_en", "notes_th", "notes_en",
    "carry_forward_from", "aggregation", "oit_pass_score", "oit_fail_score",
    "oit_conditional_passes", "default_period_start", "default_period_end",
    "default_period_note_th", "default_period_note_en",
    "default_period_fiscal_year", "default_period_months",
]  # fmt: skip

# Columns added after the first release: a workbook exported before them still imports.
OPTIONAL_COLUMNS: dict[str, set[str]] = {
    "items": {
        "period_fiscal_year", "period_months", "none_statement_th", "none_statement_en",
        "precheck_period", "precheck_formats", "website_pages",
    },
    "criteria": {"keywords"},
}  # fmt: skip

# Pre-check keywords in one cell: entries separated by ";", alternatives within one by "|".
KEYWORD_SEPARATOR, ALTERNATIVE_SEPARATOR = "; ", " | "


def keywords_cell(keywords: list[Any] | None) -> str | None:
    if not keywords:
        return None
    return KEYWORD_SEPARATOR.join(
        k if isinstance(k, str) else ALTERNATIVE_SEPARATOR.join(k) for k in keywords
    )


def keywords_of_cell(value: Any) -> list[Any] | None:
    if value is None or not str(value).strip():
        return None
    out: list[Any] = []
    for entry in str(value).split(KEYWORD_SEPARATOR.strip()):
        phrases = [p.strip() for p in entry.split(ALTERNATIVE_SEPARATOR.strip()) if p.strip()]
        if phrases:
            out.append(phrases[0] if len(phrases) == 1 else phrases)
    return out or None


def _text_cells(data: dict[str, Any] | None) -> list[Any]:
    if not data:
        return [None, None]
    return [data.get("th"), data.get("en")]


def _bool(value: bool | None) -> str | None:
    if value is None:
        return None
    return "true" if value else "false"


def definition_to_xlsx(d: dict[str, Any]) -> bytes:
    rows: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    scoring = d["scoring"]
    oit = scoring["oit"]
    period = scoring.get("default_period") or {}
    carry = d.get("carry_forward") or {}
    meta = {
        "id": d["id"],
        "version": d["version"],
        "year": d["year"],
        "variant": d["variant"],
        "status": d["status"],
        "title_th": d["title"]["th"],
        "title_en": d["title"]["en"],
        "notes_th": (d.get("notes") or {}).get("th"),
        "notes_en": (d.get("notes") or {}).get("en"),
        "carry_forward_from": carry.get("from"),
        "aggregation": scoring["aggregation"],
        "oit_pass_score": oit["pass_score"],
        "oit_fail_score": oit["fail_score"],
        "oit_conditional_passes": _bool(oit.get("conditional_passes")),
        "default_period_start": period.get("start"),
        "default_period_end": period.get("end"),
        "default_period_note_th": (period.get("note") or {}).get("th"),
        "default_period_note_en": (period.get("note") or {}).get("en"),
        "default_period_fiscal_year": period.get("fiscal_year"),
        "default_period_months": period.get("months"),
    }
    rows["framework"] = [[key, meta[key]] for key in FRAMEWORK_FIELDS]
    for inst in d["instruments"]:
        sample = inst.get("sample") or {}
        rows["instruments"].append(
            [inst["id"], *_text_cells(inst["title"]), inst["weight"], inst["respondents"]]
            + [sample.get(k) for k in ("percent", "minimum", "everyone_below", "cap", "cap_above")]
        )
    for ind in d["indicators"]:
        rows["indicators"].append([ind["id"], ind["instrument"], *_text_cells(ind["title"])])
    for sub in d["sub_indicators"]:
        rows["sub_indicators"].append(
            [sub["id"], sub["indicator"], sub.get("parent"), *_text_cells(sub["title"])]
        )
    for scale in d["scales"]:
        for level in scale["levels"]:
            rows["scales"].append(
                [scale["id"], level["value"], *_text_cells(level["label"]), level["score"]]
            )
    for q in d["questions"]:
        rows["questions"].append(
            [
                q["id"],
                q["instrument"],
                q["indicator"],
                *_text_cells(q["text"]),
                q["scale"],
                _bool(q.get("reverse")),
                _bool(q.get("required")),
            ]
        )
        for sub in q.get("sub_items", []):
            rows["sub_items"].append(
                [q["id"], sub["id"], *_text_cells(sub["text"]), _bool(sub.get("reverse"))]
            )
    for p in d.get("profile_questions", []):
        rows["profile_questions"].append(
            [p["id"], p["instrument"], *_text_cells(p["text"]), _bool(p.get("required"))]
        )
        for option in p["options"]:
            rows["profile_options"].append(
                [p["id"], option["value"], *_text_cells(option["label"])]
            )
    for item in d["items"]:
        item_period = item.get("period") or {}
        rows["items"].append(
            [
                item["id"],
                item["sub_indicator"],
                *_text_cells(item["title"]),
                *_text_cells(item.get("description")),
                item_period.get("start"),
                item_period.get("end"),
                *_text_cells(item_period.get("note")),
                item_period.get("fiscal_year"),
                item_period.get("months"),
                *_text_cells((item.get("none_statement") or {}).get("text")),
                (item.get("precheck") or {}).get("period"),
                ", ".join((item.get("precheck") or {}).get("formats", [])) or None,
                ", ".join(item.get("website_pages", [])) or None,
            ]
        )
        for crit in item["criteria"]:
            rows["criteria"].append(
                [
                    item["id"],
                    crit["id"],
                    *_text_cells(crit["text"]),
                    keywords_cell(crit.get("keywords")),
                ]
            )
    for name in ("grades", "ratings"):
        for band in scoring[name]:
            rows[name].append([band["id"], *_text_cells(band["label"]), band["min"], band["max"]])
    for cap in scoring.get("rating_caps", []):
        rows["rating_caps"].append(
            [cap["when"], cap["threshold"], cap["at_most"], *_text_cells(cap.get("note"))]
        )
    for new_id, old_ids in carry.get("items", {}).items():
        # one row per pair; several rows for one item = items merged into it
        for old_id in [old_ids] if isinstance(old_ids, str) else old_ids:
            rows["carry_forward"].append([new_id, old_id])
    return _workbook_bytes(rows)


def _workbook_bytes(rows: dict[str, list[list[Any]]]) -> bytes:
    book = new_workbook()
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1D4E89")
    for name, columns in SHEETS.items():
        sheet = new_sheet(book, name, columns)
        for cell in sheet[1]:
            cell.font, cell.fill = head_font, head_fill
        for row in rows[name]:
            append_row(sheet, row)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            wide = column.startswith(("title", "text", "description", "label", "note", "value"))
            sheet.column_dimensions[letter].width = 60 if wide else 14
            if wide:
                for cell in sheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(book, audit_head=False)  # a definition, not a record


# ---- import --------------------------------------------------------------------------------


@dataclass
class _Reader:
    problems: list[Problem] = field(default_factory=list)
    # definition path prefix → "sheet 'items', row 5", to point at the cell behind a problem
    origins: dict[str, str] = field(default_factory=dict)

    def fail(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(at(sheet, row, column), message))


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _rows(
    reader: _Reader, book: Mapping[str, Table], name: str
) -> Iterable[tuple[int, dict[str, Any]]]:
    if name not in book:
        reader.problems.append(Problem(at(name), _("missing sheet")))
        return []
    sheet = book[name]
    header = [_cell(c) for c in (sheet.rows[0] if sheet.rows and sheet.row_numbers[0] == 1 else [])]
    optional = OPTIONAL_COLUMNS.get(name, set())
    missing = [c for c in SHEETS[name] if c not in header and c not in optional]
    if missing:
        reader.problems.append(
            Problem(
                at(name, 1), _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
            )
        )
        return []
    out = []
    for number, values in zip(sheet.row_numbers[1:], sheet.rows[1:], strict=True):
        row = {
            col: _cell(values[i]) if i < len(values) else None
            for i, col in enumerate(header)
            if col
        }
        if all(v is None for v in row.values()):
            continue
        out.append((number, row))
    return out


def _text(row: dict[str, Any], prefix: str) -> dict[str, str] | None:
    th, en = row.get(f"{prefix}_th"), row.get(f"{prefix}_en")
    if th is None and en is None:
        return None
    return {"th": "" if th is None else str(th), "en": "" if en is None else str(en)}


def _required_text(row: dict[str, Any], prefix: str) -> dict[str, str]:
    return _text(row, prefix) or {"th": "", "en": ""}


def _number(reader: _Reader, sheet: str, number: int, row: dict[str, Any], column: str) -> Any:
    value = row.get(column)
    if value is None:
        return None
    if isinstance(value, bool):
        reader.fail(sheet, number, column, _("must be a number"))
        return None
    if isinstance(value, int | float):
        return (
            int(value)
            if isinstance(value, float) and value.is_integer() and column in _INT_COLUMNS
            else value
        )
    try:
        amount = parse_amount(value)
    except CellError:
        shown = (
            str(value)
            if len(str(value)) <= 40
            else f"{str(value)[:20]}… ({len(str(value))} characters)"
        )
        reader.fail(sheet, number, column, _("%(value)s is not a number") % {"value": repr(shown)})
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


_INT_COLUMNS = {
    "version",
    "year",
    "value",
    "sample_minimum",
    "sample_everyone_below",
    "sample_cap",
    "sample_cap_above",
    "period_months",
    "default_period_months",
}


def _boolean(
    reader: _Reader, sheet: str, number: int, row: dict[str, Any], column: str
) -> bool | None:
    value = row.get(column)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "ใช่"}:
        return True
    if text in {"false", "no", "0", "ไม่ใช่"}:
        return False
    reader.fail(
        sheet, number, column, _("%(value)s must be true or false") % {"value": repr(value)}
    )
    return None


def _date_text(value: Any) -> Any:
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return value if value is None else str(value)


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def _period_cells(
    reader: _Reader, sheet: str, number: int, row: dict[str, Any], prefix: str
) -> dict[str, Any] | None:
    """A period from its cells (either form of periods.py; the loader checks the mix)."""
    period: dict[str, Any] = {}
    _put(period, "fiscal_year", row.get(f"{prefix}_fiscal_year"))
    _put(period, "months", _number(reader, sheet, number, row, f"{prefix}_months"))
    _put(period, "start", _date_text(row.get(f"{prefix}_start")))
    _put(period, "end", _date_text(row.get(f"{prefix}_end")))
    if not period:
        return None
    _put(period, "note", _text(row, f"{prefix}_note"))
    return period


@dataclass(frozen=True)
class WorkbookRead:
    definition: dict[str, Any] | None
    problems: list[Problem]  # problems reading the workbook itself (sheets, columns, cells)
    origins: dict[str, str]  # definition path prefix → the sheet and row it came from

    def locate(self, problem: Problem) -> str:
        """A validation problem, with the sheet and row behind its path when known."""
        best = ""
        for prefix in self.origins:
            if problem.path.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        return f"{problem} ({self.origins[best]})" if best else str(problem)


def xlsx_to_definition(content: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    read = read_workbook(content)
    return read.definition, read.problems


def read_workbook(content: bytes) -> WorkbookRead:
    """Read a workbook written by :func:`definition_to_xlsx` (possibly edited)."""
    reader = _Reader()
    try:
        file = read_tables(content, name="framework.xlsx", accept=("xlsx",), limits=LIMITS)
    except UnreadableFile as exc:
        return WorkbookRead(None, [Problem("", str(exc))], {})
    book = {table.name: table for table in file.tables}

    meta: dict[str, Any] = {}
    for number, row in _rows(reader, book, "framework"):
        key = row.get("field")
        if key not in FRAMEWORK_FIELDS:
            reader.fail(
                "framework", number, "field", _("unknown field %(key)s") % {"key": repr(key)}
            )
            continue
        meta[key] = row.get("value")
    for key in ("version", "year", "oit_pass_score", "oit_fail_score"):
        if meta.get(key) is not None:
            meta[key] = _number(reader, "framework", 0, {key: meta[key]}, key)

    d: dict[str, Any] = {}
    for key in ("id", "version", "year", "variant", "status"):
        _put(d, key, meta.get(key))
    d["title"] = _required_text(meta, "title")
    _put(d, "notes", _text(meta, "notes"))

    d["instruments"] = []
    for number, row in _rows(reader, book, "instruments"):
        inst: dict[str, Any] = {"id": row.get("id"), "title": _required_text(row, "title")}
        _put(inst, "weight", _number(reader, "instruments", number, row, "weight"))
        _put(inst, "respondents", row.get("respondents"))
        sample: dict[str, Any] = {}
        for key in ("percent", "minimum", "everyone_below", "cap", "cap_above"):
            _put(sample, key, _number(reader, "instruments", number, row, f"sample_{key}"))
        if sample:
            inst["sample"] = sample
        reader.origins[f"instruments[{len(d['instruments'])}]"] = at("instruments", number)
        d["instruments"].append(inst)

    d["indicators"] = []
    for number, row in _rows(reader, book, "indicators"):
        reader.origins[f"indicators[{len(d['indicators'])}]"] = at("indicators", number)
        d["indicators"].append(
            {
                "id": _str(row.get("id")),
                "instrument": row.get("instrument"),
                "title": _required_text(row, "title"),
            }
        )

    d["sub_indicators"] = []
    for number, row in _rows(reader, book, "sub_indicators"):
        sub: dict[str, Any] = {"id": _str(row.get("id")), "indicator": _str(row.get("indicator"))}
        _put(sub, "parent", _str(row.get("parent")))
        sub["title"] = _required_text(row, "title")
        reader.origins[f"sub_indicators[{len(d['sub_indicators'])}]"] = at("sub_indicators", number)
        d["sub_indicators"].append(sub)

    scales: dict[str, dict[str, Any]] = {}
    for number, row in _rows(reader, book, "scales"):
        scale = scales.setdefault(
            str(row.get("scale")), {"id": _str(row.get("scale")), "levels": []}
        )
        level: dict[str, Any] = {}
        _put(level, "value", _number(reader, "scales", number, row, "value"))
        level["label"] = _required_text(row, "label")
        _put(level, "score", _number(reader, "scales", number, row, "score"))
        scale["levels"].append(level)
    d["scales"] = list(scales.values())

    sub_items: dict[str, list[dict[str, Any]]] = {}
    for number, row in _rows(reader, book, "sub_items"):
        entry: dict[str, Any] = {"id": _str(row.get("id")), "text": _required_text(row, "text")}
        _put(entry, "reverse", _boolean(reader, "sub_items", number, row, "reverse"))
        sub_items.setdefault(str(row.get("question")), []).append(entry)
    d["questions"] = []
    seen_questions = set()
    for number, row in _rows(reader, book, "questions"):
        q: dict[str, Any] = {
            "id": _str(row.get("id")),
            "instrument": row.get("instrument"),
            "indicator": _str(row.get("indicator")),
            "text": _required_text(row, "text"),
            "scale": _str(row.get("scale")),
        }
        _put(q, "reverse", _boolean(reader, "questions", number, row, "reverse"))
        _put(q, "required", _boolean(reader, "questions", number, row, "required"))
        if str(row.get("id")) in sub_items:
            q["sub_items"] = sub_items[str(row.get("id"))]
        seen_questions.add(str(row.get("id")))
        reader.origins[f"questions[{len(d['questions'])}]"] = at("questions", number)
        d["questions"].append(q)
    _orphans(reader, "sub_items", "question", sub_items, seen_questions)

    options: dict[str, list[dict[str, Any]]] = {}
    for _row_number, row in _rows(reader, book, "profile_options"):
        options.setdefault(str(row.get("question")), []).append(
            {"value": _str(row.get("value")), "label": _required_text(row, "label")}
        )
    profile = []
    for number, row in _rows(reader, book, "profile_questions"):
        p: dict[str, Any] = {
            "id": _str(row.get("id")),
            "instrument": row.get("instrument"),
            "text": _required_text(row, "text"),
        }
        _put(p, "required", _boolean(reader, "profile_questions", number, row, "required"))
        p["options"] = options.get(str(row.get("id")), [])
        profile.append(p)
    _orphans(reader, "profile_options", "question", options, {str(p["id"]) for p in profile})
    if profile:
        d["profile_questions"] = profile

    criteria: dict[str, list[dict[str, Any]]] = {}
    for _row_number, row in _rows(reader, book, "criteria"):
        crit: dict[str, Any] = {"id": _str(row.get("id")), "text": _required_text(row, "text")}
        _put(crit, "keywords", keywords_of_cell(row.get("keywords")))
        criteria.setdefault(str(row.get("item")), []).append(crit)
    d["items"] = []
    for number, row in _rows(reader, book, "items"):
        item: dict[str, Any] = {
            "id": _str(row.get("id")),
            "sub_indicator": _str(row.get("sub_indicator")),
            "title": _required_text(row, "title"),
        }
        _put(item, "description", _text(row, "description"))
        period = _period_cells(reader, "items", number, row, "period")
        if period is not None:
            item["period"] = period
        statement = _text(row, "none_statement")
        if statement is not None:
            item["none_statement"] = {"text": statement}
        precheck: dict[str, Any] = {}
        _put(precheck, "period", row.get("precheck_period"))
        formats = [f.strip() for f in str(row.get("precheck_formats") or "").split(",")]
        if any(formats):
            precheck["formats"] = [f for f in formats if f]
        if precheck:
            item["precheck"] = precheck
        pages = [p.strip() for p in str(row.get("website_pages") or "").split(",") if p.strip()]
        if pages:
            item["website_pages"] = pages
        item["criteria"] = criteria.get(str(row.get("id")), [])
        reader.origins[f"items[{len(d['items'])}]"] = at("items", number)
        d["items"].append(item)
    _orphans(reader, "criteria", "item", criteria, {str(i["id"]) for i in d["items"]})

    scoring: dict[str, Any] = {}
    _put(scoring, "aggregation", meta.get("aggregation"))
    oit: dict[str, Any] = {}
    _put(oit, "pass_score", meta.get("oit_pass_score"))
    _put(oit, "fail_score", meta.get("oit_fail_score"))
    _put(
        oit, "conditional_passes", _boolean(reader, "framework", 0, meta, "oit_conditional_passes")
    )
    scoring["oit"] = oit
    default_period = _period_cells(reader, "framework", 0, meta, "default_period")
    if default_period is not None:
        scoring["default_period"] = default_period
    for name in ("grades", "ratings"):
        bands: list[dict[str, Any]] = []
        for number, row in _rows(reader, book, name):
            band: dict[str, Any] = {
                "id": _str(row.get("id")),
                "label": _required_text(row, "label"),
            }
            _put(band, "min", _number(reader, name, number, row, "min"))
            _put(band, "max", _number(reader, name, number, row, "max"))
            reader.origins[f"scoring.{name}[{len(bands)}]"] = at(name, number)
            bands.append(band)
        scoring[name] = bands
    caps = []
    for number, row in _rows(reader, book, "rating_caps"):
        cap: dict[str, Any] = {"when": row.get("when")}
        _put(cap, "threshold", _number(reader, "rating_caps", number, row, "threshold"))
        cap["at_most"] = _str(row.get("at_most"))
        _put(cap, "note", _text(row, "note"))
        caps.append(cap)
    if caps:
        scoring["rating_caps"] = caps
    d["scoring"] = scoring

    carry_pairs: dict[str, list[Any]] = {}
    for _row_number, row in _rows(reader, book, "carry_forward"):
        carry_pairs.setdefault(str(row.get("item")), []).append(_str(row.get("from_item")))
    carry_items = {new: old[0] if len(old) == 1 else old for new, old in carry_pairs.items()}
    if meta.get("carry_forward_from") is not None or carry_items:
        d["carry_forward"] = {"from": meta.get("carry_forward_from"), "items": carry_items}
    return WorkbookRead(d, reader.problems, reader.origins)


def _str(value: Any) -> Any:
    """Ids typed as numbers in Excel (9, 9.1) are text in the definition."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _orphans(
    reader: _Reader, sheet: str, column: str, groups: dict[str, Any], known: set[str]
) -> None:
    for key in groups:
        if key not in known:
            reader.problems.append(
                Problem(
                    at(sheet, column=column),
                    _("refers to unknown %(column)s %(key)s")
                    % {"column": column, "key": repr(key)},
                )
            )
