"""The overview and the heat maps read each unit's figures from one stored row
(``UnitFigures``), refreshed by a task when an input changes; a unit whose refresh is pending
is computed for the page meanwhile, so nobody sees figures older than the last change, on any
app server (nothing is kept in a server's memory)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from prongsai.rollup.models import FiguresRefreshRequest, UnitFigures
from prongsai.rollup.selectors import subtree_overview
from prongsai.rollup.services import figures_rebuild
from prongsai.rollup.tasks import refresh_figures
from prongsai.scoring.models import ScoreRefreshRequest
from prongsai.scoring.tasks import refresh_snapshot

from .conftest import Bureau
from .helpers import answers, oit_accept

YEAR = 2567


def _snapshot_tasks_ran() -> None:
    """The score snapshot tasks the changes so far asked for ran (the fixture computed the
    snapshots directly)."""
    for pk in ScoreRefreshRequest.objects.values_list("assessment_id", flat=True):
        refresh_snapshot.enqueue(str(pk))
    assert not ScoreRefreshRequest.objects.exists()


def _overview(client: Any, bureau: Bureau, **query: str) -> Any:
    url = reverse("rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": YEAR})
    return client.get(url, query)


def _row(page: Any, slug: str) -> Any:
    return {r.unit.slug: r for r in page.context["overview"].rows}[slug]


def test_an_oit_item_accepted_shows_on_the_overview_and_in_the_stored_row_after_the_task(
    client: Any, bureau: Bureau
) -> None:
    _snapshot_tasks_ran()
    figures_rebuild()
    client.force_login(bureau.people.viewer)
    before = _overview(client, bureau)
    assert before.context["overview"].computed_here == 0  # every unit from its stored row
    assert before.context["overview"].as_of is not None
    assert b'data-testid="figures-as-of"' in before.content
    assert _row(before, bureau.tree.sibling.slug).oit.accepted == 0

    oit_accept(bureau.khonkaen, "O1")  # an audited change of the unit: a refresh is requested
    assert FiguresRefreshRequest.objects.filter(assessment=bureau.khonkaen).exists()
    stored = UnitFigures.objects.get(assessment=bureau.khonkaen)
    assert stored.figures["oit"]["accepted"] == 0  # not refreshed yet …
    pending = _overview(client, bureau)
    assert _row(pending, bureau.tree.sibling.slug).oit.accepted == 1  # … but never shown stale
    assert pending.context["overview"].pending == 1
    assert pending.context["overview"].computed_here == 1

    _snapshot_tasks_ran()  # the review released a result: a new score snapshot first
    refresh_figures.enqueue()  # then the figures' task (run at once in the tests)
    assert not FiguresRefreshRequest.objects.exists()
    stored.refresh_from_db()
    assert stored.figures["oit"]["accepted"] == 1
    after = _overview(client, bureau, behind="oit_unsent")
    assert after.context["overview"].computed_here == 0
    assert _row(after, bureau.tree.sibling.slug).oit.accepted == 1
    heat = client.get(
        reverse("rollup:heatmap", kwargs={"slug": bureau.tree.bureau.slug, "year": YEAR})
    )
    assert heat.status_code == 200
    assert heat.context["overview"].computed_here == 0


def test_new_survey_answers_follow_through_the_score_snapshot(bureau: Bureau) -> None:
    _snapshot_tasks_ran()
    figures_rebuild()
    answers(bureau.khonkaen, iit=4, seed="more")  # a score input: a snapshot is pending
    rows = {r.unit.slug: r for r in subtree_overview(bureau.tree.bureau, YEAR).rows}
    iit = rows[bureau.tree.sibling.slug].iit
    assert iit is not None and iit.count == 7  # computed for the page meanwhile
    _snapshot_tasks_ran()  # a new snapshot: the figures follow it
    assert FiguresRefreshRequest.objects.filter(assessment=bureau.khonkaen).exists()
    refresh_figures.enqueue()
    stored = UnitFigures.objects.get(assessment=bureau.khonkaen)
    assert stored.figures["surveys"]["IIT"][0] == 7


def test_rebuilding_twice_stores_the_same_figures_the_pages_would_compute(
    bureau: Bureau,
) -> None:
    _snapshot_tasks_ran()
    live = subtree_overview(bureau.tree.bureau, YEAR)
    assert live.computed_here == 3 and live.as_of is None
    assert figures_rebuild() == 3
    first = {f.assessment_id: f.figures for f in UnitFigures.objects.all()}
    assert figures_rebuild() == 3
    second = {f.assessment_id: f.figures for f in UnitFigures.objects.all()}
    assert first == second
    kept = subtree_overview(bureau.tree.bureau, YEAR)
    assert kept.computed_here == 0
    for mine, theirs in zip(kept.rows, live.rows, strict=True):
        assert (mine.unit.slug, mine.score, mine.surveys, mine.oit, mine.plan, mine.signals) == (
            theirs.unit.slug,
            theirs.score,
            theirs.surveys,
            theirs.oit,
            theirs.plan,
            theirs.signals,
        )
    assert kept.totals == live.totals


def test_figures_stored_for_an_earlier_day_are_not_used(bureau: Bureau) -> None:
    _snapshot_tasks_ran()
    figures_rebuild(today=timezone.localdate() - dt.timedelta(days=1))
    overview = subtree_overview(bureau.tree.bureau, YEAR)
    assert overview.computed_here == 3  # overdue rows and signals depend on the day
    figures_rebuild()
    assert subtree_overview(bureau.tree.bureau, YEAR).computed_here == 0


def test_a_change_while_the_nightly_rebuild_runs_is_refreshed_afterwards(
    bureau: Bureau, monkeypatch: Any
) -> None:
    """A change to an assessment that already had a pending request, arriving after the rebuild
    stored that assessment's figures, was dropped with the older request at the rebuild's end."""
    from prongsai.rollup import services

    _snapshot_tasks_ran()
    oit_accept(bureau.khonkaen, "O1")  # pending before the rebuild
    assert FiguresRefreshRequest.objects.filter(assessment=bureau.khonkaen).exists()
    store = services._store

    def store_then_change(assessments: list[Any], *, day: dt.date) -> int:
        stored = store(assessments, day=day)
        if any(a.pk == bureau.khonkaen.pk for a in assessments):
            oit_accept(bureau.khonkaen, "O2")  # lands after its figures were computed
        return stored

    monkeypatch.setattr(services, "_store", store_then_change)
    figures_rebuild()
    monkeypatch.undo()
    assert FiguresRefreshRequest.objects.filter(assessment=bureau.khonkaen).exists()
    assert UnitFigures.objects.get(assessment=bureau.khonkaen).figures["oit"]["accepted"] == 1
    _snapshot_tasks_ran()
    refresh_figures.enqueue()
    assert UnitFigures.objects.get(assessment=bureau.khonkaen).figures["oit"]["accepted"] == 2
