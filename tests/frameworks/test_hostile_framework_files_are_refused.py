"""Framework files built to break the loader are refused with a clear message, never a server
error: YAML nested 5,000 deep (RecursionError), a 5,000-digit integer (ValueError), aliases that
expand exponentially, and an XLSX that is a zip bomb or holds a 5,000-digit number. Nothing is
loaded."""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from prongsai.frameworks.loader import parse_yaml
from prongsai.frameworks.models import Framework
from prongsai.frameworks.services import framework_import
from prongsai.organizations.models import Role

from ..factories import grant
from ..spreadsheets.hostile import rewrite_zip, workbook, xlsx_bomb

DEEP_FLOW = "a: " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_BLOCK = "".join(f"{'  ' * i}k{i}:\n" for i in range(5000)) + f"{'  ' * 5000}end: 1\n"
HUGE_INT = "id: x\nversion: " + "9" * 5000 + "\n"
ALIASES = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (DEEP_FLOW, "nested"),
        (DEEP_BLOCK, "nested"),
        (HUGE_INT, "digits"),
        (ALIASES, "aliases"),
    ],
    ids=["nested-flow", "nested-block", "huge-integer", "alias-bomb"],
)
def test_hostile_yaml_gives_problems_not_exceptions(text: str, words: str) -> None:
    with translation.override("en"):
        data, problems = parse_yaml(text)
    assert data is None
    assert len(problems) == 1 and words in str(problems[0])


@pytest.fixture
def manager(db: None, tree: Any) -> Any:
    from ..factories import UserFactory

    user = UserFactory(username="framework-manager")
    grant(user, tree.bureau, Role.ADMIN)
    return user


@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK, HUGE_INT, ALIASES])
def test_the_import_screen_refuses_them_with_a_message(
    client: Any, manager: Any, text: str
) -> None:
    client.force_login(manager)
    upload = SimpleUploadedFile("framework.yaml", text.encode())
    response = client.post(reverse("frameworks:import"), {"file": upload, "action": "check"})
    assert response.status_code == 400
    assert response.context["problems"]
    assert not Framework.objects.exists()


def test_an_xlsx_zip_bomb_is_refused_before_openpyxl_opens_it(db: None, monkeypatch: Any) -> None:
    def must_not_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("openpyxl was asked to open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_run)
    monkeypatch.setattr("prongsai.frameworks.xlsx.load_workbook", must_not_run, raising=False)
    with translation.override("en"):
        outcome = framework_import(
            actor="tests", content=xlsx_bomb(["field", "value"]), filename="f.xlsx"
        )
    assert outcome.framework is None
    assert "zip bomb" in outcome.problems[0]


def test_an_xlsx_number_with_5000_digits_is_refused(db: None) -> None:
    data = workbook([["field", "value"], ["version", 1]], title="framework")
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>field</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>value</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>version</t></is></c>'
        f'<c r="B2"><v>{"9" * 5000}</v></c></row></sheetData></worksheet>'
    )
    hostile = rewrite_zip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})
    with translation.override("en"):
        outcome = framework_import(actor="tests", content=hostile, filename="f.xlsx")
    assert outcome.framework is None
    assert "digits" in outcome.problems[0]


def test_a_text_number_with_5000_digits_in_a_cell_is_a_problem_not_a_crash(db: None) -> None:
    data = workbook([["field", "value"], ["version", "9" * 5000]], title="framework")
    outcome = framework_import(actor="tests", content=data, filename="f.xlsx")
    assert outcome.framework is None and outcome.problems
