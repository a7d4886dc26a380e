"""The register's published series (``prongsai.publications``): the O19 assessment and plan once
a year, the O20 results per half year (``h1`` = the 6-month round, ``h2`` = the 12-month round),
each in PDF and DOCX, published as the items' evidence at stable public URLs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.publications.registry import Series, register_series

from .document_kinds import ASSESSMENT_DOCX, ASSESSMENT_PDF, RESULTS_DOCX, RESULTS_PDF

ASSESSMENT_SERIES = "risks.assessment"
RESULTS_SERIES = "risks.results"
PERIODS = {ASSESSMENT_SERIES: ("year",), RESULTS_SERIES: ("h1", "h2")}


def register_series_of_risks() -> None:
    register_series(
        Series(
            name=ASSESSMENT_SERIES,
            slug="risk-assessment",
            title=_("Bribery-risk assessment and management plan"),
            item_code="O19",
            formats={"pdf": ASSESSMENT_PDF, "docx": ASSESSMENT_DOCX},
            cadence="year",
        )
    )
    register_series(
        Series(
            name=RESULTS_SERIES,
            slug="risk-results",
            title=_("Results of the bribery-risk management plan"),
            item_code="O20",
            formats={"pdf": RESULTS_PDF, "docx": RESULTS_DOCX},
            cadence="half",
        )
    )
