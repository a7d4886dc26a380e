"""The item history and the unit's audit log say what happened in sentences: no developer keys
(``oit.evidence.add``), no raw states (``returned → awaiting_approval``), no ISO dates and no
UUIDs; dates are in the Buddhist era. Every action a service writes has its describer, and an
action nobody described gets a generic sentence, never its key."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.urls import reverse

from prongsai.core.audit import audit_record
from prongsai.core.audit_text import describe, registered_actions
from prongsai.disclosures import services
from prongsai.disclosures.models import WorkState

from ..conftest import Personas
from ..disclosures.conftest import item_url
from ..disclosures.helpers import add_link, review_all, work
from ..measures.helpers import add_update, make_row

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
ACTION_KEY = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")
RAW_STATES = {state.value for state in WorkState} - {"draft", "submitted"}


def _table(html: str) -> str:
    start = html.index("<table")
    return html[start : html.index("</table>", start)]


def _assert_readable(table: str) -> None:
    text = re.sub(r"<[^>]+>", " ", table)
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not UUID.search(text), UUID.search(text)
    keys = [key for key in ACTION_KEY.findall(text) if key in registered_actions()]
    assert keys == []
    words = set(re.findall(r"[a-z_]+", text))
    assert not (words & RAW_STATES), words & RAW_STATES


def _story(people: Personas, assessment: Any) -> None:
    evidence = add_link(assessment, "O2", actor=people.editor, title="อำนาจหน้าที่")
    services.evidence_update(
        actor=people.editor,
        evidence=evidence,
        title="อำนาจหน้าที่ (ปรับปรุง)",
        period_start=dt.date(2023, 10, 1),
        period_end=dt.date(2024, 3, 31),
    )
    submitted = services.work_submit(actor=people.editor, work=work(assessment, "O2"))
    review_all(submitted, "fail", action="return", comment="ยังไม่ครบ", actor=people.evaluator)
    add_update(make_row(assessment), date=dt.date(2024, 2, 1))  # its entry names the day


def test_the_item_history_reads_as_thai_sentences(
    client: Any, people: Personas, assessment: Any
) -> None:
    _story(people, assessment)
    client.force_login(people.editor)
    html = client.get(item_url("history", code="O2"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    table = _table(html)
    _assert_readable(table)
    assert "ส่งกลับให้แก้ไข" in table  # the returned state, by its Thai label
    assert "1 ต.ค. 66" in table and "31 มี.ค. 67" in table  # the data period, Buddhist era


def test_the_units_audit_log_reads_as_thai_sentences(
    client: Any, people: Personas, assessment: Any
) -> None:
    _story(people, assessment)
    client.force_login(people.admin)
    url = reverse("organizations:audit", kwargs={"slug": "kalasin-immigration"})
    table = _table(client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode())
    _assert_readable(table)
    assert "ส่งผู้ประเมิน" in table and "สร้างหน่วยงาน" in table
    assert "บันทึกความคืบหน้าของกิจกรรม" in table and "1 ก.พ. 67" in table


def test_an_action_nobody_described_gets_a_generic_thai_sentence(db: None) -> None:
    from django.utils import translation

    with transaction.atomic():
        entry = audit_record(actor="tests", action="x.never_described", object_repr="ของ")
    with translation.override("th"):
        sentence = describe(entry)
    assert sentence == "บันทึกการเปลี่ยนแปลงข้อมูล"
    assert "never_described" not in sentence


def _written_actions(tree: ast.AST) -> tuple[set[str], set[str]]:
    """Actions passed to audit_record / audit_work / an app's _audit helper: literal actions,
    and the literal prefixes of f-string actions (``f"complaint.{name}"``)."""
    literals: set[str] = set()
    prefixes: set[str] = set()

    def collect(node: ast.AST | None) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literals.add(node.value)
        elif isinstance(node, ast.IfExp):
            collect(node.body)
            collect(node.orelse)
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                prefixes.add(first.value)

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in {"audit_record", "audit_work", "_audit"}:
            continue
        action = next((k.value for k in node.keywords if k.arg == "action"), None)
        if action is None and name == "_audit" and len(node.args) >= 2:
            action = node.args[1]
        collect(action)
        # action=action: the variable is set from literals just before the call
    return literals, prefixes


def test_every_action_a_service_writes_has_a_describer() -> None:
    root = Path(__file__).resolve().parents[2] / "prongsai"
    written: set[str] = set()
    prefixes: set[str] = set()
    for path in root.rglob("*.py"):
        if {"demo", "migrations"} & set(path.parts) or path.name == "audit_texts.py":
            continue
        source = path.read_text()
        if "audit_record(" not in source and "audit_work(" not in source:
            continue
        literals, found = _written_actions(ast.parse(source))
        written |= literals
        prefixes |= found
        # actions chosen before the call (action = "oit.submit_for_approval" …)
        written |= set(re.findall(r"action = \"([a-z_]+(?:\.[a-z_]+)+)\"", source))
    assert len(written) > 40
    described = registered_actions()
    assert written - described == set()
    for prefix in prefixes:
        assert any(action.startswith(prefix) for action in described), prefix
