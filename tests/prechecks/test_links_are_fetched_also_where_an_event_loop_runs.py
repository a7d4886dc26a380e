"""Synchronous code that fetches links (a check run by a command, the demo's pre-check step) may
itself run where an event loop is running in the thread — a command called from async code, or
the browser tests' Playwright session. ``asyncio.run`` refused there ("cannot be called from a
running event loop") and the whole demo load failed after the first browser test."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from prongsai.demo.prechecks import STAND_INS, demo_options
from prongsai.prechecks import fetching


def _fetch() -> list[fetching.Fetched]:
    options = demo_options()
    return fetching.fetch_many(
        ["https://www.krisdika.go.th/law", "https://www.facebook.com/kalasin"],
        options.policy,
        resolver=options.resolver,
        transport=options.transport,
    )


def test_links_are_fetched_from_synchronous_code_called_inside_an_event_loop() -> None:
    async def caller() -> list[fetching.Fetched]:
        return _fetch()  # synchronous, while this loop runs

    # In a thread of its own, whose loop this test starts (the suite's own thread may already
    # run Playwright's, where asyncio.run would refuse this test's loop itself).
    with ThreadPoolExecutor(max_workers=1) as thread:
        law, page = thread.submit(asyncio.run, caller()).result()
    assert law.ok and STAND_INS["krisdika.go.th"][0].encode() in law.body
    assert page.ok and STAND_INS["facebook.com"][0].encode() in page.body


def test_and_without_one_as_before() -> None:
    assert [f.ok for f in _fetch()] == [True, True]
