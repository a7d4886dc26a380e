"""The heat maps' cells as HTML, written here rather than in the template.

A page holds 50 units × 24 items: 1,200 cells, each with a link, a title and a text for screen
readers. Through the template language each cell cost about a millisecond (a ``{% url %}``, a
``blocktranslate``, filters); here the link is reversed once per unit, each state's words are
translated once per page, and every text is escaped once (a unit's name once per row, a state's
words once per page) before the cells are joined: the row is marked safe only after that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from prongsai.core.templatetags.thai import thai_date

from .heatmap import Cell, HeatRow

_NOT_IN_FRAMEWORK = '<td class="hm-td"><span class="muted">—</span></td>'
_CODE = "__code__"


class _Words:
    """What every cell of a page says the same way: translated and formatted once."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.evidence = escape(_("evidence %(e)s, published %(p)s"))
        self.days: dict[Any, str] = {}

    def label(self, cell: Cell) -> str:
        """The state's words, escaped."""
        text = self.labels.get(cell.state)
        if text is None:
            text = self.labels[cell.state] = escape(str(cell.label))
        return text

    def day(self, moment: Any) -> str:
        day = timezone.localtime(moment).date()
        text = self.days.get(day)
        if text is None:
            text = self.days[day] = escape(thai_date(day, "short"))
        return text


def _oit_cell(cell: Cell, *, slug: str, unit_name: str, href: str, words: _Words) -> str:
    """One cell; ``slug``, ``unit_name`` and ``href`` come escaped, the rest is escaped here."""
    label = words.label(cell)
    code = escape(cell.code)
    title = f"{code} · {label}"
    if cell.evidence:
        title += " · " + words.evidence % {"e": int(cell.evidence), "p": int(cell.published)}
    if cell.changed:
        title += " · " + words.day(cell.changed)
    css = escape(cell.css if cell.fresh else f"{cell.css} hm-stale")
    return (
        f'<td class="hm-td"><a class="hm-cell {css}" data-testid="cell-{slug}-{code}" '
        f'href="{href.replace(_CODE, code)}" title="{title}">'
        f'<span aria-hidden="true">{escape(cell.symbol)}</span>'
        f'<span class="sr-only">{unit_name} {code}: {label}</span></a></td>'
    )


def _score_cell(cell: Cell) -> str:
    value = "–" if cell.value is None else f"{float(cell.value):.1f}"
    return f'<td class="hm-td"><span class="hm-cell {escape(cell.css)}">{value}</span></td>'


def cells_html(rows: Sequence[HeatRow], *, view: str, year: int) -> dict[Any, SafeString]:
    """Each row's cells (``<td>`` elements), by unit id."""
    words = _Words()
    out: dict[Any, SafeString] = {}
    for row in rows:
        if view == "indicators":
            parts = [_NOT_IN_FRAMEWORK if c is None else _score_cell(c) for c in row.cells]
        else:
            href = escape(
                reverse(
                    "disclosures:item",
                    kwargs={"slug": row.unit.slug, "year": year, "code": _CODE},
                )
            )
            slug, name = escape(row.unit.slug), escape(row.unit.name)
            parts = [
                _NOT_IN_FRAMEWORK
                if c is None
                else _oit_cell(c, slug=slug, unit_name=name, href=href, words=words)
                for c in row.cells
            ]
        # Every text in ``parts`` was escaped above (names, codes, words, dates, classes).
        out[row.unit.pk] = mark_safe("".join(parts))  # noqa: S308
    return out
