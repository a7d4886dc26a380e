"""Anonymous answer exports (CSV with a UTF-8 BOM for Excel, and XLSX).

One row per respondent, one column per answer key, values as the scale's level values. Rows are
in random order (by the random primary key). EIT rows carry the day the answer arrived; IIT rows
carry no date at all, since with a dozen staff even a day can point at a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.styles import Font

from prongsai.spreadsheets import writer

from .answers import layout_for
from .models import Campaign, Instrument
from .selectors import responses_for_export


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Any]]


def export_table(campaign: Campaign) -> Table:
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    dated = campaign.instrument == Instrument.EIT
    profile_ids = [p.id for p in layout.profile]
    headers = [
        "no",
        *(["date"] if dated else []),
        "source",
        *profile_ids,
        *layout.keys,
    ]
    rows = []
    for number, response in enumerate(responses_for_export(campaign).iterator(), start=1):
        rows.append(
            [
                number,
                *([response.submitted_on.isoformat()] if dated else []),
                response.source,
                *(response.profile.get(pid, "") for pid in profile_ids),
                *(response.answers.get(key, "") for key in layout.keys),
            ]
        )
    return Table(headers=headers, rows=rows)


def export_csv(campaign: Campaign) -> bytes:
    table = export_table(campaign)
    return writer.csv_bytes([table.headers, *table.rows])


def export_xlsx(campaign: Campaign) -> bytes:
    table = export_table(campaign)
    spec = campaign.assessment.framework.spec
    layout = layout_for(spec, campaign.instrument)
    book = writer.new_workbook()
    sheet = writer.new_sheet(book, "answers", table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        writer.append_row(sheet, row)
    sheet.freeze_panes = "A2"

    legend = writer.new_sheet(
        book,
        "questions",
        ["column", "question", "indicator", "text (th)", "text (en)", "scale", "reverse"],
    )
    for cell in legend[1]:
        cell.font = Font(bold=True)
    for profile in layout.profile:
        options = "; ".join(f"{o.value} = {o.label.th}" for o in profile.options)
        writer.append_row(
            legend, [profile.id, profile.id, "", profile.text.th, profile.text.en, options, ""]
        )
    for key, question in layout.question_of_key.items():
        sub = next((s for s in question.sub_items if s.id == key), None)
        text_th = question.text.th + (f" — {sub.text.th}" if sub else "")
        text_en = question.text.en + (f" — {sub.text.en}" if sub else "")
        scale = "; ".join(f"{lv.value} = {lv.label.th}" for lv in layout.scale(question).levels)
        writer.append_row(
            legend,
            [
                key,
                question.id,
                question.indicator,
                text_th,
                text_en,
                scale,
                "yes" if question.reverse_for(key) else "",
            ],
        )
    return writer.workbook_bytes(book)
