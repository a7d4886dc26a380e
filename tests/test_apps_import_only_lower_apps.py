"""Data flows one way (README, "How data flows"): an app imports only the apps listed before it
in ``INSTALLED_APPS`` (our apps are listed in data-flow order), and no domain app imports the
demo app, which sits above all of them and holds the demo's content."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [a.split(".")[1] for a in settings.INSTALLED_APPS if a.startswith("prongsai.")]


def _imports(path: Path) -> set[str]:
    """The ``prongsai.<app>`` packages a module imports, wherever the import statement is
    (also inside functions and ``if TYPE_CHECKING:`` blocks)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "prongsai":
                found.add(parts[1])
    return found


def _violations(allowed: dict[str, set[str]]) -> list[str]:
    problems = []
    for app in APPS:
        for path in sorted((ROOT / "prongsai" / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for other in sorted(_imports(path) - allowed[app] - {app}):
                problems.append(f"{path.relative_to(ROOT)} imports prongsai.{other}")
    return problems


def test_no_domain_app_imports_the_demo_app() -> None:
    everything_but_demo = {app: set(APPS) - {"demo"} for app in APPS}
    everything_but_demo["demo"] = set(APPS)
    assert _violations(everything_but_demo) == []


def test_each_app_imports_only_the_apps_below_it() -> None:
    below = {app: set(APPS[:index]) for index, app in enumerate(APPS)}
    assert _violations(below) == []
