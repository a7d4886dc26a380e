"""A check of many links on one website looks its name up once, and every request of the run
goes to the address that was checked then: a later, different answer (DNS rebinding) is never
asked for, and a redirect to another name is still looked up and checked on its own."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.prechecks import fetching

from .helpers import page
from .server import LocalSite, Reply

pytestmark = pytest.mark.django_db


class _Answers:
    """A stand-in DNS: ``unit.example`` is the test site on 127.0.0.2 the first time, an
    internal address after that; ``moved.example`` is 10.1.2.3."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host == "moved.example":
            return ["10.1.2.3"]
        return ["127.0.0.2"] if self.asked.count(host) == 1 else ["10.9.9.9"]


def test_many_links_on_one_site_look_its_name_up_once(site: LocalSite) -> None:
    for n in range(12):
        site.route(f"/o6/{n}", page(f"รายงาน {n}", "<p>รายงานผลการดำเนินงาน</p>"))
    urls = [f"http://unit.example:{site.port}/o6/{n}" for n in range(12)]
    answers = _Answers()
    stats: dict[str, Any] = {}

    fetched = fetching.fetch_many(
        urls, fetching.FetchPolicy.from_settings(), resolver=answers, stats=stats
    )

    assert [f.status for f in fetched] == [200] * 12  # all from the address checked first
    assert answers.asked == ["unit.example"] and stats["lookups"] == 1
    assert len(site.requests) == 12
    assert {headers["Host"] for _path, headers in site.requests} == {f"unit.example:{site.port}"}


def test_a_redirect_to_another_name_is_looked_up_and_refused(site: LocalSite) -> None:
    site.route("/ok", page("รายงาน", "<p>รายงานผลการดำเนินงาน</p>"))
    site.route("/moved", Reply(b"", status=302, headers={"Location": "http://moved.example/x"}))
    answers = _Answers()

    ok, moved = fetching.fetch_many(
        [f"http://unit.example:{site.port}/ok", f"http://unit.example:{site.port}/moved"],
        fetching.FetchPolicy.from_settings(),
        resolver=answers,
    )

    assert ok.status == 200
    assert moved.error == fetching.REFUSED_ADDRESS and moved.detail == "10.1.2.3"
    assert sorted(answers.asked) == ["moved.example", "unit.example"]
