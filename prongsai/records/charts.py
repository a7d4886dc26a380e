"""Charts drawn on the server as SVG (no script): the statistics' month-by-month lines.

Every element is built with ``format_html`` (each text and number escaped), so the result is
safe to place inline in the PDF's HTML, where the document's Thai font applies to its text. The
same figures are in the document's tables (the chart is never the only place a figure is).

WeasyPrint draws SVG text without shaping Thai vowel and tone marks (``มี.ค.`` would come out
with a dotted circle), so the months under the plot are HTML text placed under their points, and
the SVG holds only the lines, dots and the figures of the scale."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString

from prongsai.core.pdf import FONT_FAMILY

COLOURS = ("#1f5fa8", "#c8102e", "#2e8b57", "#e08a00", "#6a3d9a", "#008b8b", "#8b4513", "#555555")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal]]],
    title: str = "",
    width: int = 900,
    height: int = 270,
) -> SafeString:
    """Lines (with dots) of each series over ``labels`` (Buddhist-era months, e.g. ``ต.ค. 66``),
    as an HTML block: the SVG plot, then the labels as HTML text, each centred under its point
    (a share of the plot's width, so it holds at any printed size). The title and the legend
    (:func:`swatch`) are written in the document's HTML too."""
    left, right, top, bottom = 60, 20, 12, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((float(v) for _name, values in series for v in values), default=0.0)
    top_value = _nice_max(peak)
    count = max(len(labels), 1)
    step = plot_w / max(count - 1, 1)

    def x(i: int) -> float:
        return left + (step * i if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - (v / top_value) * plot_h

    font = f"{FONT_FAMILY}, sans-serif"
    parts: list[SafeString] = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" '
            'role="img" aria-label="{}" font-family="{}">',
            width, height, width, height, title, font,
        ),
        format_html('<rect width="{}" height="{}" fill="#ffffff"/>', width, height),
    ]  # fmt: skip
    for tick in range(5):
        value = top_value * tick / 4
        ty = f"{y(value):.1f}"
        label = f"{value:,.0f}" if top_value >= 4 else f"{value:,.2f}"
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dddddd"/>',
                left,
                ty,
                width - right,
                ty,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>',
                left - 6, f"{y(value) + 4:.1f}", label,
            )
        )  # fmt: skip
    for index, (_name, values) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(float(v)):.1f}" for i, v in enumerate(values))
        if len(values) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                    points,
                    colour,
                )
            )
        for i, v in enumerate(values):
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3.5" fill="{}"/>',
                    f"{x(i):.1f}", f"{y(float(v)):.1f}", colour,
                )
            )  # fmt: skip
    parts.append(format_html("{}", SafeString("</svg>")))
    ticks = [
        format_html('<span style="left: {}%">{}</span>', f"{x(i) / width * 100:.2f}", label)
        for i, label in enumerate(labels)
    ]
    return format_html(
        '<div class="chart-plot">{}<div class="chart-x">{}</div></div>',
        format_html("{}" * len(parts), *parts),
        format_html("{}" * len(ticks), *ticks),
    )


def swatch(index: int) -> SafeString:
    """The colour of the ``index``-th series, as a small square for the legend."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="10"><rect width="14" '
        'height="10" fill="{}"/></svg>',
        COLOURS[index % len(COLOURS)],
    )
