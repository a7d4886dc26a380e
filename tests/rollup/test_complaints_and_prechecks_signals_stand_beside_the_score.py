"""The roll-up shows, beside each unit's score, the complaints it concluded on time (of those
received in the year) and the OIT items the pre-checker finds at risk; "behind on …" filters
pick the units that are late on either."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from prongsai.rollup.selectors import filter_rows, subtree_overview

from .conftest import Bureau
from .helpers import complaint, verdict

DAY = dt.date(2024, 6, 1)  # in fiscal year 2567


def _complaints(bureau: Bureau) -> None:
    unit = bureau.tree.unit
    complaint(unit, dt.date(2024, 1, 10), concluded=dt.date(2024, 2, 1))  # on time
    complaint(unit, dt.date(2024, 1, 10), concluded=dt.date(2024, 6, 1))  # after 90 days: late
    complaint(unit, dt.date(2024, 1, 10))  # open past its deadline: late
    complaint(unit, dt.date(2024, 5, 20))  # open, not due yet
    complaint(unit, dt.date(2023, 9, 1), concluded=dt.date(2023, 9, 5))  # fiscal year 2566


def test_complaints_concluded_on_time_count_the_years_cases_by_their_deadline(
    bureau: Bureau,
) -> None:
    _complaints(bureau)
    rows = {r.unit.slug: r for r in subtree_overview(bureau.tree.bureau, 2567, today=DAY).rows}
    kalasin = rows[bureau.tree.unit.slug].signals["complaints"]
    assert (kalasin.done, kalasin.expected, kalasin.late, kalasin.pending) == (1, 4, 2, 1)
    assert kalasin.behind
    khonkaen = rows[bureau.tree.sibling.slug].signals["complaints"]
    assert (khonkaen.done, khonkaen.expected) == (0, 0) and not khonkaen.behind


def test_a_case_not_due_yet_does_not_make_the_unit_behind(bureau: Bureau) -> None:
    complaint(bureau.tree.sibling, dt.date(2024, 1, 10), concluded=dt.date(2024, 1, 20))
    complaint(bureau.tree.sibling, dt.date(2024, 5, 20))
    rows = {r.unit.slug: r for r in subtree_overview(bureau.tree.bureau, 2567, today=DAY).rows}
    figure = rows[bureau.tree.sibling.slug].signals["complaints"]
    assert (figure.done, figure.expected, figure.late, figure.pending) == (1, 2, 0, 1)
    assert not figure.behind
    behind = filter_rows(rows.values(), behind="signal:complaints")
    assert bureau.tree.sibling.slug not in {r.unit.slug for r in behind}


def test_items_at_risk_are_the_failing_and_warning_verdicts(bureau: Bureau) -> None:
    verdict(bureau.kalasin, "O1", "pass")
    verdict(bureau.kalasin, "O2", "fail")
    verdict(bureau.kalasin, "O3", "warn")
    verdict(bureau.donmueang, "O1", "pass")
    rows = {r.unit.slug: r for r in subtree_overview(bureau.tree.bureau, 2567, today=DAY).rows}
    kalasin = rows[bureau.tree.unit.slug].signals["prechecks"]
    assert (kalasin.done, kalasin.expected, kalasin.late) == (1, 3, 2) and kalasin.behind
    donmueang = rows[bureau.tree.other_unit.slug].signals["prechecks"]
    assert (donmueang.done, donmueang.expected, donmueang.late) == (1, 1, 0)
    assert not donmueang.behind


def test_the_overview_page_shows_both_columns_and_filters_on_them(
    client: Any, bureau: Bureau
) -> None:
    _complaints(bureau)
    verdict(bureau.kalasin, "O2", "fail")
    verdict(bureau.donmueang, "O1", "pass")
    client.force_login(bureau.people.viewer)
    url = reverse("rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    html = client.get(url).content.decode()
    assert 'data-testid="signal-complaints"><span class="badge badge-warn">1 / 4<' in html
    assert 'data-testid="signal-prechecks"><span class="badge badge-warn">0 / 1<' in html
    assert 'data-testid="signal-prechecks"><span class="badge badge-ok">1 / 1<' in html
    for key, slugs in {
        "signal:complaints": {bureau.tree.unit.slug},
        "signal:prechecks": {bureau.tree.unit.slug},
    }.items():
        page = client.get(url, {"behind": key})
        assert page.status_code == 200
        shown = {r.unit.slug for r in page.context["page"].object_list}
        assert shown == slugs, key
