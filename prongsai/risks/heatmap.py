"""The heat map: likelihood × impact grid with the risk events placed, before and after treatment.

:func:`heat_grid` gives the cells for the page (an HTML table, no script) and :func:`heat_map_png`
draws the same grids as a picture for the O19/O20 documents (PDF and DOCX). Rows are likelihood
(highest on top), columns impact; a cell's colour is the band its score falls in; the events are
labelled by their numbers ("1.2": process 1, event 2).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from prongsai.core.pdf import FONT_DIR

from .schemes import Scheme, risk_level
from .selectors import EventView

FONT_REGULAR = FONT_DIR / "Laksaman.ttf"
FONT_BOLD = FONT_DIR / "Laksaman-Bold.ttf"


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    score: int
    band_key: str
    band_label: str
    colour: str
    events: tuple[str, ...]


@dataclass(frozen=True)
class HeatRow:
    likelihood: int
    label: str
    cells: tuple[Cell, ...]


def _placements(events: Sequence[EventView], *, after: bool) -> dict[tuple[int, int], list[str]]:
    placed: dict[tuple[int, int], list[str]] = {}
    for view in events:
        if after:
            point = view.residual or (view.event.likelihood, view.event.impact)
        else:
            point = (view.event.likelihood, view.event.impact)
        placed.setdefault(point, []).append(view.number)
    return placed


def heat_grid(
    scheme: Scheme, events: Sequence[EventView], *, after: bool = False, lang: str = "th"
) -> list[HeatRow]:
    """Rows from the highest likelihood down; ``after``: events at their residual rating (those
    without a rated follow-up stay where they were)."""
    placed = _placements(events, after=after)
    rows = []
    for likelihood in sorted(scheme.likelihood, key=lambda lv: -lv.value):
        cells = []
        for impact in scheme.impact:
            level = risk_level(scheme, likelihood.value, impact.value)
            cells.append(
                Cell(
                    likelihood=likelihood.value,
                    impact=impact.value,
                    score=level.score,
                    band_key=level.band.key,
                    band_label=level.band.label(lang),
                    colour=level.band.colour,
                    events=tuple(placed.get((likelihood.value, impact.value), [])),
                )
            )
        rows.append(
            HeatRow(likelihood=likelihood.value, label=likelihood.label(lang), cells=tuple(cells))
        )
    return rows


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


CELL, AXIS, GAP, TOP, TEXT = 92, 70, 60, 84, "#1b2430"


def _panel(draw: ImageDraw.ImageDraw, x0: int, grid: list[HeatRow], title: str, scale: int) -> None:
    s = scale
    label_font, small = _font(True, 22 * s), _font(False, 18 * s)
    draw.text(((x0 + AXIS) * s, 6 * s), title, font=_font(True, 26 * s), fill=TEXT)
    size = len(grid)
    for r, row in enumerate(grid):
        y = TOP + r * CELL
        draw.text(
            ((x0 + AXIS - 14) * s, (y + CELL // 2) * s),
            str(row.likelihood),
            font=label_font,
            fill=TEXT,
            anchor="rm",
        )
        for c, cell in enumerate(row.cells):
            x = x0 + AXIS + c * CELL
            draw.rectangle(
                (x * s, y * s, (x + CELL) * s, (y + CELL) * s),
                fill=cell.colour,
                outline="white",
                width=2 * s,
            )
            draw.text(((x + 6) * s, (y + 4) * s), str(cell.score), font=small, fill="white")
            labels = list(cell.events)
            lines = [" ".join(labels[i : i + 2]) for i in range(0, len(labels), 2)][:3]
            for n, line in enumerate(lines):
                draw.text(
                    ((x + CELL // 2) * s, (y + 38 + n * 22) * s),
                    line,
                    font=label_font,
                    fill="white",
                    anchor="mm",
                    stroke_width=1 * s,
                    stroke_fill=TEXT,
                )
    bottom = TOP + size * CELL
    columns = len(grid[0].cells) if grid else 0
    for c in range(columns):
        x = x0 + AXIS + c * CELL + CELL // 2
        draw.text(
            (x * s, (bottom + 18) * s),
            str(grid[0].cells[c].impact),
            font=label_font,
            fill=TEXT,
            anchor="mm",
        )
    draw.text(
        ((x0 + AXIS + columns * CELL // 2) * s, (bottom + 48) * s),
        "ผลกระทบ (I)",
        font=small,
        fill=TEXT,
        anchor="mm",
    )
    draw.text(((x0 + 4) * s, (TOP - 26) * s), "โอกาส (L)", font=small, fill=TEXT)


def heat_map_png(
    scheme: Scheme,
    events: Sequence[EventView],
    *,
    titles: tuple[str, str] = ("ก่อนการจัดการความเสี่ยง", "หลังการจัดการความเสี่ยง"),
    scale: int = 2,
) -> bytes:
    """Both grids side by side (before, after) as a PNG drawn at ``scale``× for print."""
    before = heat_grid(scheme, events, after=False)
    after = heat_grid(scheme, events, after=True)
    columns = len(scheme.impact)
    panel_width = AXIS + columns * CELL
    width = panel_width * 2 + GAP + 20
    height = TOP + len(scheme.likelihood) * CELL + 70
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    _panel(draw, 0, before, titles[0], scale)
    _panel(draw, panel_width + GAP, after, titles[1], scale)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
