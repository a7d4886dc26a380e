"""load_framework validates the whole file first: a broken file is reported with the path of
each problem inside it, the command exits non-zero, and nothing is written."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from prongsai.core.models import AuditEntry
from prongsai.frameworks.models import Criterion, Framework, Indicator, Item, SubIndicator

from ..conftest import police_definition


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Framework, Indicator, SubIndicator, Item, Criterion, AuditEntry)
    )


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _load(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="not loaded"):
        call_command("load_framework", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _item(d: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for i in d["items"] if i["id"] == code)


def _drop_th(d: dict[str, Any]) -> None:
    del d["items"][3]["criteria"][0]["text"]["th"]


def _unknown_field(d: dict[str, Any]) -> None:
    d["items"][5]["weight"] = 3


def _missing_scoring(d: dict[str, Any]) -> None:
    del d["scoring"]["grades"]


def _duplicate_item(d: dict[str, Any]) -> None:
    d["items"][1]["id"] = d["items"][0]["id"]


def _duplicate_criterion(d: dict[str, Any]) -> None:
    d["items"][2]["criteria"][0]["id"] = d["items"][1]["criteria"][0]["id"]


def _weights(d: dict[str, Any]) -> None:
    d["instruments"][2]["weight"] = 50


def _unknown_indicator(d: dict[str, Any]) -> None:
    d["questions"][4]["indicator"] = "42"


def _unknown_sub_indicator(d: dict[str, Any]) -> None:
    _item(d, "O7")["sub_indicator"] = "9.9.9"


def _unknown_scale(d: dict[str, Any]) -> None:
    d["questions"][0]["scale"] = "level7"


def _grade_gap(d: dict[str, Any]) -> None:
    d["scoring"]["grades"][1]["min"] = 86  # A now 86–95: nothing covers 85–86


def _grade_overlap(d: dict[str, Any]) -> None:
    d["scoring"]["grades"][1]["min"] = 80  # A now 80–95: overlaps B (75–85)


def _wrong_type(d: dict[str, Any]) -> None:
    d["indicators"][0]["id"] = 1


def _period_backwards(d: dict[str, Any]) -> None:
    _item(d, "O17")["period"] = {"start": "2024-09-30", "end": "2023-10-01"}


def _period_unknown_year(d: dict[str, Any]) -> None:
    _item(d, "O17")["period"] = {"fiscal_year": "last"}


def _period_months_out_of_range(d: dict[str, Any]) -> None:
    _item(d, "O17")["period"] = {"fiscal_year": "previous", "months": 13}


def _period_both_forms(d: dict[str, Any]) -> None:
    _item(d, "O17")["period"] = {"fiscal_year": "previous", "start": "2023-10-01"}


def _period_months_without_year(d: dict[str, Any]) -> None:
    d["scoring"]["default_period"] = {"months": 6}


def _period_without_end(d: dict[str, Any]) -> None:
    _item(d, "O17")["period"] = {"start": "2023-10-01"}


def _statement_without_text(d: dict[str, Any]) -> None:
    _item(d, "O16")["none_statement"] = {"th": "ไม่มีเรื่องร้องเรียน"}


def _carry_forward_list_of_one(d: dict[str, Any]) -> None:
    d["carry_forward"] = {"from": "ita-2566-general", "items": {"O1": ["O1"]}}


def _unknown_rating(d: dict[str, Any]) -> None:
    d["scoring"]["rating_caps"][0]["at_most"] = "so-so"


def _index_of(d: dict[str, Any], where: str, ident: str) -> int:
    return next(i for i, e in enumerate(d[where]) if e["id"] == ident)


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("missing text", _drop_th, "items[3].criteria[0].text.th", "missing required field"),
    ("unknown field", _unknown_field, "items[5].weight", "unknown field"),
    ("missing field", _missing_scoring, "scoring.grades", "missing required field"),
    ("duplicate item id", _duplicate_item, "items[1].id", "duplicate id"),
    ("duplicate criterion id", _duplicate_criterion, "items[2].criteria[0].id", "duplicate criterion id"),
    ("weights", _weights, "instruments", "weights add up to 110"),
    ("unknown indicator", _unknown_indicator, "questions[4].indicator", "unknown indicator '42'"),
    ("unknown sub-indicator", _unknown_sub_indicator, "items[6].sub_indicator", "unknown sub-indicator"),
    ("unknown scale", _unknown_scale, "questions[0].scale", "unknown scale 'level7'"),
    ("grade gap", _grade_gap, "scoring.grades[1].min", "gap between 85 and 86"),
    ("grade overlap", _grade_overlap, "scoring.grades[1].min", "overlaps band 'B'"),
    ("number for text", _wrong_type, "indicators[0].id", "write it in quotes"),
    ("period backwards", _period_backwards, "items[16].period.end", "ends before it starts"),
    ("unknown rating", _unknown_rating, "scoring.rating_caps[0].at_most", "unknown rating"),
    ("period: unknown fiscal year", _period_unknown_year, "items[16].period.fiscal_year", "must be one of: current, previous"),
    ("period: 13 months", _period_months_out_of_range, "items[16].period.months", "out of range"),
    ("period: both forms", _period_both_forms, "items[16].period.start", "give either fiscal_year (and months) or start and end"),
    ("period: months alone", _period_months_without_year, "scoring.default_period.months", "months goes with fiscal_year"),
    ("period: no end", _period_without_end, "items[16].period.end", "missing required field"),
    ("statement without text", _statement_without_text, "items[15].none_statement.text", "missing required field"),
    ("carry-forward list of one", _carry_forward_list_of_one, "carry_forward.items.O1", "must be an item id, or a list of at least two item ids"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "breaker", "path", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_file_is_reported_and_nothing_is_written(
    tmp_path: Path, label: str, breaker: Callable[[dict[str, Any]], None], path: str, message: str
) -> None:
    data = copy.deepcopy(police_definition())
    breaker(data)
    file = _write(tmp_path, data)
    before = _counts()
    _, err = _load(file)
    assert f"{file}: {path}: " in err, err
    line = next(line for line in err.splitlines() if f": {path}: " in line)
    assert message in line
    assert "nothing was loaded" in err
    assert _counts() == before


@pytest.mark.django_db
def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    data = copy.deepcopy(police_definition())
    _weights(data)
    _unknown_scale(data)
    _grade_gap(data)
    _, err = _load(_write(tmp_path, data))
    assert "instruments: weights" in err
    assert "questions[0].scale" in err
    assert "scoring.grades[1].min" in err
    assert "3 problem(s)" in err


@pytest.mark.django_db
def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("id: x\nversion: 1\ntitle: {th: ok\n  en: [unclosed\n", encoding="utf-8")
    _, err = _load(file)
    assert f"{file}: line " in err and "column" in err and "not valid YAML" in err


@pytest.mark.django_db
def test_duplicate_yaml_key_is_an_error_not_a_silent_override(tmp_path: Path) -> None:
    file = tmp_path / "dup.yaml"
    file.write_text("id: a\nid: b\n", encoding="utf-8")
    _, err = _load(file)
    assert "duplicate key 'id'" in err and "line 2" in err


@pytest.mark.django_db
def test_same_version_with_different_content_is_refused(tmp_path: Path, framework: Any) -> None:
    data = copy.deepcopy(police_definition())
    data["items"][0]["title"]["th"] = "ชื่อใหม่"
    before = _counts()
    _, err = _load(_write(tmp_path, data))
    assert "version: version 3 of ita-2567-police is already loaded with different content" in err
    assert _counts() == before


@pytest.mark.django_db
def test_exit_status_is_non_zero(tmp_path: Path) -> None:
    data = copy.deepcopy(police_definition())
    _weights(data)
    file = _write(tmp_path, data)
    completed = subprocess.run(
        [sys.executable, "manage.py", "load_framework", str(file)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={
            "DEBUG": "1",  # PRONGSAI_TESTING=1 is refused outside pytest
            "PATH": "/usr/bin:/bin",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        },
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert "instruments: weights add up to 110" in completed.stderr
