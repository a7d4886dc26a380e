"""The same paper forms are never imported twice, however the file was saved again: CRLF line
endings, a byte-order mark, a trailing blank line, columns in another order or the XLSX of the
same rows. The refusal says which earlier import it repeats: when, from which file, by whom."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from prongsai.surveys.importing import plan_import
from prongsai.surveys.models import Campaign, Response
from prongsai.surveys.services import responses_import

from ..spreadsheets.hostile import workbook

EIT_KEYS = [f"e{n}" for n in range(1, 16)]
HEADER = [*EIT_KEYS, "p1"]
ROWS = [
    ["4"] * 3 + ["ไม่มี"] + ["4"] * 3 + ["มี", "4", "Yes"] + ["4"] * 5 + ["ชาวต่างชาติ"],
    ["3"] * 3 + ["มี"] + ["2"] * 3 + ["ไม่มี", "3", "No"] + ["1"] * 5 + ["ชาวต่างชาติ"],
]


def _csv(rows: list[list[str]], *, newline: str = "\n", bom: bool = False, tail: str = "") -> bytes:
    text = newline.join(",".join(r) for r in [HEADER, *rows]) + newline + tail
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def _import(campaign: Campaign, name: str, data: bytes, actor: Any = "tests") -> Any:
    plan = plan_import(campaign=campaign, name=name, data=data, default_day=DAY)
    if plan.ok:
        responses_import(
            actor=actor,
            campaign=campaign,
            rows=plan.rows,
            source_name=name,
            fingerprint=plan.fingerprint,
        )
    return plan


DAY = dt.date(2024, 2, 1)  # inside fiscal year 2567, the campaign's (it has no dates)

RESAVED = {
    "crlf": lambda: _csv(ROWS, newline="\r\n"),
    "bom": lambda: _csv(ROWS, bom=True),
    "blank line": lambda: _csv(ROWS, tail="\n\n"),
    "other order": lambda: _csv(list(reversed(ROWS))),
    "labels for values": lambda: _csv([[*ROWS[0][:3], "0", *ROWS[0][4:]], ROWS[1]]),
    "xlsx": lambda: workbook([HEADER, *ROWS]),
}


@pytest.mark.parametrize("variant", list(RESAVED))
def test_the_same_forms_saved_again_are_refused(assessment: Any, people: Any, variant: str) -> None:
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    first = _import(campaign, "forms.csv", _csv(ROWS), actor=people.admin)
    assert first.ok
    assert Response.objects.count() == 2
    with translation.override("en"):
        again = plan_import(
            campaign=campaign, name="forms-again.xlsx", data=RESAVED[variant](), default_day=DAY
        )
    assert not again.ok
    message = str(again.problems[0])
    assert "already imported" in message
    assert "forms.csv" in message and "admin" in message
    assert Response.objects.count() == 2


def test_different_forms_are_imported(assessment: Any) -> None:
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    assert _import(campaign, "a.csv", _csv(ROWS)).ok
    assert _import(campaign, "b.csv", _csv(ROWS[:1])).ok
    assert Response.objects.count() == 3


def test_the_import_page_names_the_earlier_import(
    client: Any, assessment: Any, people: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse(
        "surveys:import", kwargs={"slug": "kalasin-immigration", "year": 2567, "instrument": "EIT"}
    )
    client.force_login(people.admin)
    done = client.post(
        url, {"file": SimpleUploadedFile("forms.csv", _csv(ROWS)), "day": "2024-02-01"}
    )
    assert done.status_code == 302
    again = client.post(
        url,
        {"file": SimpleUploadedFile("same.csv", _csv(ROWS, newline="\r\n")), "day": "2024-02-01"},
    )
    body = again.content.decode()
    assert "forms.csv" in body and "admin" in body
    assert Response.objects.count() == 2
