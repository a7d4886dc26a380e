"""Every setting the code reads is defined in ``config/settings.py`` (from the environment, with
its default there) and every environment variable it reads is described in the README: no
setting hides at a call site as ``getattr(settings, NAME, default)``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import global_settings

import config.settings as project_settings

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for p in sorted((ROOT / "prongsai").rglob("*.py")) if "migrations" not in p.parts]


def _settings_reads() -> tuple[set[str], list[str]]:
    names: set[str] = set()
    hidden: list[str] = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "settings"
                and node.attr.isupper()
            ):
                names.add(node.attr)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"getattr", "hasattr"}
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "settings"
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return names, hidden


def test_no_setting_is_read_with_a_default_at_its_call_site() -> None:
    _, hidden = _settings_reads()
    assert hidden == [], "read these from config/settings.py: " + ", ".join(hidden)


def test_every_setting_read_is_defined_in_config_settings() -> None:
    names, _ = _settings_reads()
    undefined = sorted(
        n for n in names if not hasattr(project_settings, n) and not hasattr(global_settings, n)
    )
    assert undefined == []


def test_every_environment_variable_is_in_the_readme() -> None:
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    variables = set(
        re.findall(r"""(?:env_\w+|os\.environ\.get|_fernet_key)\(\s*"([A-Z0-9_]+)\"""", source)
    )
    assert {"SURVEY_MAX_BODY_BYTES", "SURVEY_DEVICE_COOKIE_AGE", "BEHIND_PROXY"} <= variables
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(v for v in variables if f"`{v}" not in readme)
    assert missing == []
