"""Things to print or scan: survey links, QR codes (segno), IIT code slips and the EIT poster
(WeasyPrint, A4, our embedded Thai font)."""

from __future__ import annotations

import io

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.site import absolute_url

from .models import Campaign, Instrument
from .tokens import code_display


def survey_url(campaign: Campaign) -> str:
    """The absolute public link of a campaign's survey (on the site's address, core/site.py)."""
    name = "surveys:eit" if campaign.instrument == Instrument.EIT else "surveys:iit"
    path = reverse(
        name, kwargs={"slug": campaign.assessment.unit.slug, "year": campaign.assessment.year}
    )
    return absolute_url(path)


def qr_svg(data: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, border=4, xmldecl=True)
    return buffer.getvalue()


def qr_png(data: str, *, scale: int = 12) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _qr_data_uri(data: str) -> str:
    return segno.make(data, error="m").svg_data_uri(scale=4, border=2)


def _pdf(template: str, stylesheet: str, context: dict[str, object]) -> bytes:
    """Render an HTML template and its print stylesheet (both under templates/surveys/pdf/),
    with our embedded Thai font (prongsai.core.pdf)."""
    with translation.override("th"):
        html = render_to_string(template, context)
        css = render_to_string(stylesheet, {"family": FONT_FAMILY})
    return html_to_pdf(html, css, footer=audit_head_line())


def slips_pdf(campaign: Campaign, codes: list[str], *, batch_number: int) -> bytes:
    """A4 pages of cut-out slips, ten per page: the code and a QR of the link with the code in
    its #fragment (which browsers never send to the server; a static script moves it into the
    form)."""
    url = survey_url(campaign)
    slips = [
        {"code": code_display(code), "qr": _qr_data_uri(f"{url}#code={code}")} for code in codes
    ]
    return _pdf(
        "surveys/pdf/slips.html",
        "surveys/pdf/slips.css",
        {
            "campaign": campaign,
            "unit": campaign.assessment.unit,
            "year": campaign.assessment.year,
            "url": url,
            "slips": slips,
            "batch_number": batch_number,
        },
    )


def poster_pdf(campaign: Campaign) -> bytes:
    """The A4 poster for the service counter: the EIT link as a large QR code, in Thai."""
    url = survey_url(campaign)
    return _pdf(
        "surveys/pdf/poster.html",
        "surveys/pdf/poster.css",
        {
            "campaign": campaign,
            "unit": campaign.assessment.unit,
            "year": campaign.assessment.year,
            "url": url,
            "qr": _qr_data_uri(url),
            "instrument": campaign.assessment.framework.spec.instrument_by_id.get("EIT"),
        },
    )
