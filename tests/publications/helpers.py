"""A fictional series for the tests: a CSV and a JSON of a figure the test sets, rendered by a
real document kind (the mechanism, not any app's content)."""

from __future__ import annotations

import json
from typing import Any

from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.publications.registry import Series, register_series

FIGURE: dict[str, int] = {"value": 0}


def _render(job: RenderJob) -> Rendered:
    body = {
        "period": job.params["period"],
        "version": job.params["version"],
        "value": FIGURE["value"],
    }
    if job.params["fmt"] == "json":
        return Rendered(
            json.dumps(body).encode(), f"test-{job.params['period']}.json", "application/json"
        )
    line = f"period,version,value\r\n{body['period']},{body['version']},{body['value']}\r\n"
    return Rendered(line.encode(), f"test-{job.params['period']}.csv", "text/csv")


def register_test_series() -> Series:
    for name in ("tests.figure_csv", "tests.figure_json"):
        register(
            DocumentKind(
                name=name, title=lambda p: "ตัวเลขทดสอบ", render=_render, need=Capability.EDIT
            )
        )
    return register_series(
        Series(
            name="tests.figures",
            slug="test-figures",
            title="ตัวเลขทดสอบ",
            formats={"csv": "tests.figure_csv", "json": "tests.figure_json"},
            cadence="month",
            item_code="O10",
        )
    )


def publish(
    people: Any, tree: Any, period: str = "2566-10", reason: str = "", actor: Any = None
) -> list[Any]:
    """Publish a period of the test series as the editor; the render tasks run at the commit
    (inside a test's transaction: when the block ends), as the worker would run them."""
    from django.test import TestCase

    from prongsai.organizations.access import access_for
    from prongsai.publications.services import publication_publish

    who = actor or people.editor
    with TestCase.captureOnCommitCallbacks(execute=True):
        rows = publication_publish(
            actor=who,
            access=access_for(who, tree.unit),
            series="tests.figures",
            year=2567,
            period=period,
            reason=reason,
        )
    return rows


def route_series(world: Any) -> str:
    """For the route test: the test series, with October 2566 published in the world's unit."""
    from prongsai.publications.models import Publication

    series = register_test_series()
    if not Publication.objects.filter(unit=world.tree.unit, period="2566-10").exists():
        publish(world.people, world.tree, "2566-10")
    return series.slug
