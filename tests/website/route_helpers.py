"""Real values for the website's URL arguments (tests/route_values.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .helpers import jpeg


def _person_id(w: Any) -> Any:
    from prongsai.website.services import executive_add

    return executive_add(
        actor=w.people.editor, unit=w.tree.unit, name="ผู้กำกับ", position="ผกก.", level=1
    ).pk


def _law_id(w: Any) -> Any:
    from prongsai.website.services import law_add

    return law_add(actor=w.people.editor, unit=w.tree.unit, title="พ.ร.บ.คนเข้าเมือง").pk


def _post_id(w: Any) -> Any:
    from prongsai.website.services import news_save

    return news_save(
        actor=w.people.editor,
        unit=w.tree.unit,
        title="ข่าว",
        summary="",
        body="ข่าว",
        category="ita",
        published_on=dt.date(2024, 1, 10),
    ).pk


def _host_id(w: Any) -> Any:
    from prongsai.website.services import host_add

    return host_add(actor=w.people.admin, unit=w.tree.unit, host="www.route-test.go.th").pk


def _image_id(w: Any) -> Any:
    from prongsai.website.services import image_add

    return image_add(actor=w.people.editor, unit=w.tree.unit, upload=jpeg(size=(300, 200))).pk


def _section(w: Any) -> str:
    from prongsai.website.models import ProfileVersion

    if not ProfileVersion.objects.filter(unit=w.tree.unit, section="laws").exists():
        _law_id(w)
    return "laws"


WEBSITE_BUILDERS: dict[str, Callable[[Any], Any]] = {
    "person_id": _person_id,
    "law_id": _law_id,
    "post_id": _post_id,
    "host_id": _host_id,
    "image_id": _image_id,
    "width": lambda w: 300,
    "section": _section,
    "number": lambda w: (_section(w), 1)[1],
    "kind": lambda w: "no-gift",
    "part": lambda w: "contact",
}
