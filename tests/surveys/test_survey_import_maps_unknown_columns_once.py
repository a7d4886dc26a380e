"""The paper-form import uses the shared column mapping: a column it cannot place is shown on the
import page with a select; once chosen (here: ignored) the file imports, and the unit's next file
with the same columns imports without asking. Headers written as the question's text, or with
other spacing and case, are recognised without asking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.spreadsheets.headers import IGNORE
from prongsai.spreadsheets.models import ColumnMapping
from prongsai.surveys.importing import plan_import
from prongsai.surveys.models import Campaign, Response

EIT_KEYS = [f"e{n}" for n in range(1, 16)]
ANSWERS = ["4"] * 3 + ["ไม่มี"] + ["4"] * 3 + ["มี", "4", "Yes"] + ["4"] * 5 + ["ชาวต่างชาติ"]


def _file(header: list[str], rows: int = 2) -> bytes:
    lines = [",".join(header)] + [",".join([*ANSWERS, "ผู้บันทึก ก"])] * rows
    return ("\n".join(lines) + "\n").encode()


def test_question_texts_and_spacing_variants_are_recognised(assessment: Any) -> None:
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    e1_text = assessment.framework.spec.question_by_id["e1"].text.th
    header = [e1_text, " E 2 ", *EIT_KEYS[2:], "P1", "date"]
    lines = [",".join(f'"{h}"' for h in header), ",".join([*ANSWERS, "2567-02-01"])]
    plan = plan_import(campaign=campaign, name="f.csv", data=("\n".join(lines) + "\n").encode())
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.rows[0].answers["e1"] == 4 and plan.rows[0].answers["e2"] == 4


def test_an_unknown_column_is_mapped_on_the_page_and_remembered(
    client: Any, assessment: Any, people: Any, tree: Any
) -> None:
    url = reverse(
        "surveys:import", kwargs={"slug": "kalasin-immigration", "year": 2567, "instrument": "EIT"}
    )
    header = [*EIT_KEYS, "p1", "ผู้บันทึกข้อมูล"]
    client.force_login(people.admin)
    first = client.post(
        url, {"file": SimpleUploadedFile("forms.csv", _file(header)), "day": "2024-02-01"}
    )
    assert first.status_code == 200
    assert 'data-testid="column-mapping"' in first.content.decode()
    assert Response.objects.count() == 0
    form = first.context["mapping_form"]
    choices = {f"map-{n}": field.value() for n, (_c, field) in enumerate(form.rows())}
    last = len(header) - 1
    choices[f"map-{last}"] = IGNORE
    done = client.post(url, {"map": "1", "token": first.context["mapping_token"], **choices})
    assert done.status_code == 302
    assert Response.objects.count() == 2
    assert ColumnMapping.objects.get(unit=tree.unit, kind="surveys.eit").target == IGNORE

    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    again = plan_import(
        campaign=campaign,
        name="more.csv",
        data=_file(header, rows=3),
        default_day=dt.date(2024, 2, 2),
    )
    assert again.ok, [str(p) for p in again.problems]
