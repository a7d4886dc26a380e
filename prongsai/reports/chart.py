"""The progress chart: horizontal bars, drawn as SVG (PDF) and PNG (DOCX) from the same bars.

Labels are short Latin codes and numbers (IIT, EIT, OIT, 100.00%); the Thai caption is set in the
document around the picture, where it is real, searchable text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from html import escape

from PIL import Image, ImageDraw, ImageFont

from prongsai.core.pdf import FONT_DIR

from .builder import Bar

FONT_REGULAR = FONT_DIR / "Laksaman.ttf"
FONT_BOLD = FONT_DIR / "Laksaman-Bold.ttf"

WIDTH, ROW, TOP, LEFT, RIGHT = 640, 46, 12, 64, 110
TRACK, FILL_OK, FILL, TEXT = "#e4e8ee", "#1e7b46", "#1d4e89", "#1b2430"


def _height(count: int) -> int:
    return TOP * 2 + ROW * max(count, 1)


def chart_svg(bars: Sequence[Bar], *, font_family: str = "LaksamanReport") -> str:
    """An inline SVG (no scripts, no external references)."""
    height = _height(len(bars))
    track = WIDTH - LEFT - RIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" class="chart">'
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        filled = track * max(0.0, min(100.0, bar.percent)) / 100
        colour = FILL_OK if bar.ok else FILL
        parts.append(
            f'<text x="0" y="{y + 27}" font-family="{font_family}" font-size="20" '
            f'font-weight="bold" fill="{TEXT}">{escape(bar.label)}</text>'
            f'<rect x="{LEFT}" y="{y + 8}" width="{track}" height="24" rx="12" fill="{TRACK}"/>'
            f'<rect x="{LEFT}" y="{y + 8}" width="{filled:.1f}" height="24" rx="12" '
            f'fill="{colour}"/>'
            f'<text x="{LEFT + track + 12}" y="{y + 27}" font-family="{font_family}" '
            f'font-size="20" fill="{TEXT}">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


def chart_png(bars: Sequence[Bar], *, scale: int = 2) -> bytes:
    """The same chart as a PNG (drawn at ``scale``× for a sharp print)."""
    height = _height(len(bars))
    image = Image.new("RGB", (WIDTH * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    track = WIDTH - LEFT - RIGHT
    label_font, value_font = _font(True, 22 * scale), _font(False, 22 * scale)
    for index, bar in enumerate(bars):
        y = TOP + index * ROW
        draw.text((0, (y + 27) * scale), bar.label, font=label_font, fill=TEXT, anchor="ls")
        box = (LEFT * scale, (y + 8) * scale, (LEFT + track) * scale, (y + 32) * scale)
        draw.rounded_rectangle(box, radius=12 * scale, fill=TRACK)
        filled = track * max(0.0, min(100.0, bar.percent)) / 100
        if filled >= 1:
            draw.rounded_rectangle(
                (box[0], box[1], box[0] + int(filled * scale), box[3]),
                radius=12 * scale,
                fill=FILL_OK if bar.ok else FILL,
            )
        draw.text(
            ((LEFT + track + 12) * scale, (y + 27) * scale),
            bar.text,
            font=value_font,
            fill=TEXT,
            anchor="ls",
        )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
