"""The O10 chart names its months as the rest of the document does, "ต.ค. 66" (the Buddhist-era
abbreviation of ``core.thai_dates``), not "10/66"; the names are HTML text under the plot, not SVG
text, so that their vowel marks are shaped (WeasyPrint does not shape SVG text)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from prongsai.records.documents import statistics_document

from .helpers import enter_statistics


@pytest.mark.django_db
def test_the_chart_names_its_months_in_buddhist_era(tree: Any) -> None:
    for month, value in (("2566-10", 12), ("2566-11", 9), ("2566-12", 14), ("2567-01", 8),
                         ("2567-02", 11), ("2567-03", 10)):  # fmt: skip
        enter_statistics(tree.unit, month=month, values={"การจับกุม": value})
    chart = str(statistics_document(tree.unit, 2567, "2567-03").chart_svg)
    outside_svg = re.sub(r"<svg.*?</svg>", "", chart, flags=re.DOTALL)
    labels = re.findall(r"<span[^>]*>([^<]+)</span>", outside_svg)
    assert labels == ["ต.ค. 66", "พ.ย. 66", "ธ.ค. 66", "ม.ค. 67", "ก.พ. 67", "มี.ค. 67"]
    assert "10/66" not in chart and "3/67" not in chart
    svg_text = re.findall(r"<text[^>]*>([^<]*)</text>", chart)
    assert all(re.fullmatch(r"[0-9.,]+", t) for t in svg_text), svg_text  # only the scale
