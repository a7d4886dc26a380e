"""The overview table's rows as HTML, written here rather than in the template (as the heat
maps' cells are, ``heatmap_html``): 50 rows of a dozen cells cost about half a second through
the template language. Every text is escaped here (names, kinds, grades, states, translated
words) before the row is joined and marked safe."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from prongsai.assessments.integrity_signals import IntegritySignal
from prongsai.surveys.selectors import SurveyProgress

from .selectors import UnitRow

_SLUG = "__slug__"


class _Links:
    """Each kind of link reversed once per page, the unit's slug put in afterwards."""

    def __init__(self, year: int) -> None:
        self.drill = reverse("rollup:overview", kwargs={"slug": _SLUG, "year": year})
        self.dashboard = reverse("scoring:dashboard", kwargs={"slug": _SLUG, "year": year})
        self.home = reverse("assessments:unit_home", kwargs={"slug": _SLUG})

    def of(self, pattern: str, slug: str) -> str:
        return escape(pattern.replace(_SLUG, slug))


def _survey(progress: SurveyProgress | None) -> str:
    if progress is None:
        return "–"
    css = "badge badge-warn" if progress.below_target else "badge badge-ok"
    target = "–" if progress.target is None else str(int(progress.target))
    return f'<span class="{css}">{int(progress.count)} / {target}</span>'


def _change(change: float | None) -> str:
    if change is None:
        return '<span class="muted">–</span>'
    if change > 0:
        return f'<span class="badge badge-ok">+{change:.2f}</span>'
    if change < 0:
        return f'<span class="badge badge-bad">{change:.2f}</span>'
    return '<span class="badge">0.00</span>'


def rows_html(
    rows: Sequence[UnitRow], *, year: int, signals: Sequence[IntegritySignal]
) -> list[SafeString]:
    """One ``<tr>`` per row, in order."""
    links = _Links(year)
    tied = escape(_("tied"))
    earlier = (
        f' <span class="badge badge-warn" title="{escape(_("computed before the latest changes"))}">'
        f"{escape(_('earlier'))}</span>"
    )
    not_scored = f'<span class="muted">{escape(_("not scored yet"))}</span>'
    no_assessment = f'<span class="badge">{escape(_("No assessment for the year"))}</span>'
    overdue = escape(_("%(o)s overdue"))
    kinds: dict[str, str] = {}
    statuses: dict[str, str] = {}
    out: list[SafeString] = []
    for r in rows:
        unit = r.unit
        slug = escape(unit.slug)
        name = escape(unit.name)
        kind = kinds.get(unit.kind)
        if kind is None:
            kind = kinds[unit.kind] = escape(unit.get_kind_display())
        rank = "–"
        if r.rank:
            rank = str(int(r.rank)) + (f'<span title="{tied}">=</span>' if r.tied else "")
        if r.has_children and r.level:
            link = (
                f'<a href="{links.of(links.drill, unit.slug)}" data-testid="drill-{slug}">'
                f'{name}</a> <span class="muted small">▸</span>'
            )
        elif r.assessment is not None:
            link = f'<a href="{links.of(links.dashboard, unit.slug)}">{name}</a>'
        else:
            link = f'<a href="{links.of(links.home, unit.slug)}">{name}</a>'
        if r.score is not None:
            total = "" if r.score.total is None else f"{float(r.score.total):.2f}"
            score = f"<strong>{total}</strong> {escape(r.score.grade)}"
            if not r.score.current:
                score += earlier
        elif r.assessment is not None:
            score = not_scored
        else:
            score = '<span class="muted">–</span>'
        if r.assessment is not None:
            oit = (
                f"{int(r.oit.with_evidence)} · {int(r.oit.sent)} · "
                f"<strong>{int(r.oit.accepted)}</strong> / {int(r.items)}"
            )
            plan = f"{int(r.plan.done)} / {int(r.plan.rows)}"
            if r.plan.overdue:
                plan += (
                    f' <span class="badge badge-bad">{overdue % {"o": int(r.plan.overdue)}}</span>'
                )
            status = statuses.get(r.assessment.status)
            if status is None:
                status = statuses[r.assessment.status] = (
                    f'<span class="badge badge-info">'
                    f"{escape(r.assessment.get_status_display())}</span>"
                )
        else:
            oit = plan = "–"
            status = no_assessment
        cells = []
        for signal in signals:
            figure = r.signals.get(signal.key)
            if figure is None:
                text = "–"
            else:
                css = "badge badge-warn" if figure.behind else "badge badge-ok"
                text = f'<span class="{css}">{int(figure.done)} / {int(figure.expected)}</span>'
            cells.append(f'<td data-testid="signal-{escape(signal.key)}">{text}</td>')
        # Every text above was escaped (names, slugs, kinds, grades, words) or is a number.
        out.append(
            mark_safe(  # noqa: S308
                f'<tr data-testid="row-{slug}" class="level-{int(r.level)}">'
                f'<td data-testid="rank">{rank}</td>'
                f'<td class="unit-cell">{link}<div class="muted small">{kind}</div></td>'
                f'<td data-testid="score">{score}</td>'
                f'<td data-testid="change">{_change(r.change)}</td>'
                f'<td data-testid="iit">{_survey(r.iit)}</td>'
                f'<td data-testid="eit">{_survey(r.eit)}</td>'
                f'<td data-testid="oit">{oit}</td>'
                f'<td data-testid="plan">{plan}</td>'
                f"{''.join(cells)}<td>{status}</td></tr>"
            )
        )
    return out
