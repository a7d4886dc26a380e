"""The constructs CONTRIBUTING.md forbids do not appear in the code base.

ruff's bandit rules catch most Python ones (eval, pickle, shell=True, mark_safe on input); these
checks cover templates and the few patterns ruff cannot see.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    p for p in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("prongsai/*/templates/**/*.html")]
)
PYTHON = sorted(p for p in ROOT.glob("prongsai/**/*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script_style_or_safe_filter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\sstyle=\"", text), "inline style= is blocked by our CSP; use a class"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script> is blocked by CSP"
    assert not re.search(r"\son[a-z]+=\"", text), "inline event handlers are blocked by CSP"
    assert "|safe" not in text, "|safe on content risks XSS: sanitise in a service instead"


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_has_no_raw_sql_formatting_or_unsafe_yaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\.execute\(\s*f[\"']", text), "format SQL with params, not f-strings"
    assert not re.search(r"\.raw\(\s*f[\"']", text), "format SQL with params, not f-strings"
    assert "yaml.load(" not in text or "_StrictLoader" in text, "use the strict safe YAML loader"
    assert "csrf_exempt" not in text or "# csrf-exempt:" in text, "explain any csrf_exempt"


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
def test_mail_is_only_sent_by_the_outbox(path: Path) -> None:
    """A mail sent in a request fails the page when the mail server is down and is lost; the
    outbox (prongsai/mail) queues it with the change and retries it."""
    if "mail" in path.relative_to(ROOT).parts[1:2]:
        return
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"django\.core\.mail|\bsend_mail\(", text), (
        "queue mail with prongsai.mail.outbox.mail_queue"
    )
