"""The framework schema and the shipped frameworks are package data: a wheel installed
elsewhere (no source tree next to it) still validates and reads a framework."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CHECK = """
import django, os, sys
django.setup()
from prongsai.frameworks import shipped
from prongsai.frameworks.loader import read_definition
from prongsai.frameworks.spec import FrameworkSpec
from prongsai.frameworks.validation import validate_definition
path = shipped.definition_path("ita-2567-police.yaml")
assert str(path).startswith(sys.argv[1]), path
data, problems = read_definition(path)
assert not problems, problems
assert validate_definition(data) == [], validate_definition(data)[:3]
spec = FrameworkSpec.from_definition(data)
print("OK", spec.id, len(spec.items), sorted(p.name for p in shipped.definition_paths()))
"""


def test_a_framework_loads_from_an_installed_wheel(tmp_path: Path) -> None:
    # Build from a copy of the sources (setuptools writes build/ next to them).
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for name in ("prongsai", "config"):
        shutil.copytree(ROOT / name, source / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = wheels.glob("prongsai-*.whl")
    install = subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHONPATH", "DJANGO", "DATABASE", "PRONGSAI"))
    }
    env.update(
        PYTHONPATH=str(site),
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    # Run outside the source tree, with the source tree off sys.path: only the wheel is seen.
    run = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(site)!r});" + CHECK,
            str(site),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("OK ita-2567-police 24")
    assert "ita-2567-police.yaml" in run.stdout and "framework.schema.json" not in run.stdout
