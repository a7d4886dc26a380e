"""An uploaded spreadsheet cannot make the server expand XML entities or unpack without bound."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from prongsai.measures import importing
from prongsai.measures.exporting import plan_xlsx
from prongsai.measures.importing import parse_plan_file
from prongsai.measures.models import PlanRow
from prongsai.spreadsheets.limits import ReadLimits

from .helpers import make_row

pytestmark = pytest.mark.usefixtures("english")

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _rewrite(data: bytes, name: str, change: Any) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == name:
                content = change(content)
            target.writestr(info, content)
    return out.getvalue()


def test_xml_entities_in_a_spreadsheet_are_refused(assessment: Any) -> None:
    make_row(assessment)
    exported = plan_xlsx(assessment)
    PlanRow.objects.all().delete()
    sheet = "xl/worksheets/sheet1.xml"
    hostile = _rewrite(exported, sheet, lambda xml: BOMB.encode() + xml)
    result = parse_plan_file(assessment, hostile)
    assert not result.ok
    assert "could not be opened" in str(result.problems[0])


def test_an_archive_that_unpacks_too_large_is_refused(assessment: Any, monkeypatch: Any) -> None:
    make_row(assessment)
    monkeypatch.setattr(importing, "plan_limits", lambda: ReadLimits(max_unpacked=1000))
    result = parse_plan_file(assessment, plan_xlsx(assessment))
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith("The file unpacks to ")
