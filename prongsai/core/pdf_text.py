"""Make Thai text copied or extracted from our PDFs come out right.

A PDF maps each glyph to one Unicode string (its ``ToUnicode`` table). Thai shaping breaks that
model: HarfBuzz decomposes SARA AM (ำ) into NIKHAHIT + SARA AA, so the glyph "า" stands both for
"า" and for half of "ำ"; and clusters of a consonant with stacked vowels and tone marks share one
cluster, so a glyph first seen in such a cluster is mapped to the wrong text. Viewers then copy
"ผลการดาเนินการ" for "ผลการดำเนินการ".

PDF's answer is the ``/ActualText`` property of a marked-content span: text extractors (poppler,
pdf.js, Acrobat) and screen readers use it instead of the glyph mapping. WeasyPrint does not write
it, so we wrap its text drawing: every text line of the document is drawn inside
``/Span <</ActualText (the line's text)>> BDC … EMC``. The glyphs, layout and fonts are unchanged.

The wrapper is installed once per process and only touches WeasyPrint's ``draw_text``; the test
suite extracts text from a rendered report to prove it still works after a WeasyPrint upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)
_MARK = "_prongsai_actual_text"


def install_actual_text() -> bool:
    """Wrap WeasyPrint's text drawing with ActualText spans; True when in place."""
    try:
        import pydyf
        import weasyprint.draw as draw_module
    except ImportError:  # pragma: no cover - WeasyPrint is a dependency
        return False
    original: Callable[..., Any] | None = getattr(draw_module, "draw_text", None)
    if original is None:
        logger.warning("WeasyPrint has no draw.draw_text: Thai text extraction may be wrong")
        return False
    if getattr(original, _MARK, False):
        return True

    def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        text = getattr(textbox, "text", "")
        style = getattr(textbox, "style", None)
        hidden = style is not None and style["visibility"] != "visible"
        if not text or not text.strip() or hidden:
            return original(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    setattr(draw_text, _MARK, True)
    draw_module.draw_text = draw_text
    return True
