from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    """Evidence links must be full addresses (``testserver`` has no domain)."""
    settings.SITE_URL = "https://ita.example.go.th"


# --- axe-core (accessibility checks in the browser tests) -------------------------------------
AXE_VERSION = "4.14.1"
AXE_DIR = Path(__file__).resolve().parents[2] / "var" / "npm"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed from the npm registry into var/npm on first use (a clean
    clone in CI gets it the same way)."""
    installed = AXE_DIR / "node_modules" / "axe-core" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != AXE_VERSION:
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(
                "npm is missing: install Node.js (apt-get install npm) for the axe-core test"
            )
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund",
             f"axe-core@{AXE_VERSION}"],
            check=True, timeout=300,
        )  # fmt: skip
    return AXE_JS.read_text(encoding="utf-8")
