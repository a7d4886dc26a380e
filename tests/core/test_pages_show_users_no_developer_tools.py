"""What end users see holds nothing meant for developers: no ``manage.py`` command hints (they
are in the README), and no script library that no template uses (htmx was 51.6 KB, about half
of each public page's weight, on every page)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    p
    for folder in (ROOT / "templates", ROOT / "prongsai")
    for p in folder.rglob("*.html")
    if "templates" in p.parts
)
SCRIPT = re.compile(r'<script[^>]*\bsrc="([^"]+)"')


def test_no_template_shows_a_command_line() -> None:
    hints = [str(p.relative_to(ROOT)) for p in TEMPLATES if "manage.py" in p.read_text()]
    assert hints == []


def test_htmx_is_loaded_only_by_pages_that_use_it(client: Any, assessment: Any) -> None:
    users = [p for p in TEMPLATES if re.search(r"\bhx-[a-z]+=", p.read_text())]
    loaders = [p for p in TEMPLATES if "htmx" in p.read_text()]
    assert {str(p) for p in loaders} <= {str(p) for p in users}
    assert "django_htmx.middleware.HtmxMiddleware" not in settings.MIDDLEWARE or users
    for url in ["/accounts/login/", "/p/kalasin-immigration/2567/oit/"]:
        page = client.get(url)
        assert page.status_code == 200
        scripts = SCRIPT.findall(page.content.decode())
        assert not [s for s in scripts if "htmx" in s], (url, scripts)
