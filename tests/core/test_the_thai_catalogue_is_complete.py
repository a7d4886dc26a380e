"""Every string the Thai interface can show is translated: no empty or fuzzy entry in any Thai
catalogue, and no string in use that ``make messages`` would add to one untranslated (checked by
running ``makemessages`` on a copy of the sources)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _untranslated(po: Path) -> list[str]:
    """msgids whose msgstr is empty or which are marked fuzzy (the header excepted)."""
    problems: list[str] = []
    for block in po.read_text().split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            if line.startswith(("msgid", "msgstr", "msgctxt")):
                current, _, rest = line.partition(" ")
                fields[current] = json.loads(rest)
            elif line.startswith('"') and current:
                fields[current] += json.loads(line)
        msgid = fields.get("msgid", "")
        if not msgid:
            continue  # the header
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        translations = [value for key, value in fields.items() if key.startswith("msgstr")]
        if fuzzy or not translations or not all(translations):
            problems.append(
                f"{po.relative_to(po.parents[3])}: {msgid!r}{' (fuzzy)' if fuzzy else ''}"
            )
    return problems


def _thai_catalogues(root: Path) -> list[Path]:
    return [
        path
        for path in root.rglob("th/LC_MESSAGES/django.po")
        if ".venv" not in path.parts and "build" not in path.parts
    ]


def test_no_thai_entry_is_empty_or_fuzzy() -> None:
    catalogues = _thai_catalogues(ROOT)
    assert len(catalogues) >= 5
    problems = [problem for po in catalogues for problem in _untranslated(po)]
    assert problems == []


def test_every_string_in_use_is_in_the_thai_catalogue(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    copy.mkdir()
    for name in ("prongsai", "templates", "locale", "config"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {k: v for k, v in os.environ.items() if k != "PRONGSAI_TESTING"}
    env["DEBUG"] = "1"
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "th", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    problems = [problem for po in _thai_catalogues(copy) for problem in _untranslated(po)]
    assert problems == [], "run `make messages` and translate: " + "; ".join(problems[:20])


def test_every_form_label_and_help_text_is_thai(db: None) -> None:
    """Fields a ModelForm takes from a model field without a verbose name showed "Status" and
    "Kind" in the Thai interface: every visible label and help text of every form is Thai."""
    import importlib
    import inspect
    import pkgutil

    from django import forms
    from django.utils import translation

    import prongsai

    english = []
    for info in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".forms" not in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__):
                continue
            with translation.override("th"):
                fields: dict[str, Any] = cls.base_fields  # type: ignore[attr-defined]
                for name, field in fields.items():
                    if isinstance(field.widget, forms.HiddenInput):
                        continue
                    texts = [str(field.label or name), str(field.help_text or "ไทย")]
                    english += [(cls.__name__, name, t) for t in texts if t.isascii()]
    assert english == []


def test_djangos_own_messages_on_our_pages_are_thai(client: Any, people: Any) -> None:
    """The password page's rules and the evaluator queue's "8 minutes" were Django's English."""
    import datetime as dt

    from django.utils import timezone, translation
    from django.utils.timesince import timesince

    with translation.override("th"):
        assert timesince(timezone.now() - dt.timedelta(minutes=8)) == "8\xa0นาที"
    client.force_login(people.editor)
    page = client.get("/accounts/password/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "Your password can" not in page and "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด" in page
