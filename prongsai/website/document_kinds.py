"""The policies (O17 No Gift, O21 ethics guideline) as PDFs published through
``prongsai.publications`` (a frozen version per edit, stable public URLs); rendered from the
policy's published page version, with the signature picture and the audit head in the footer."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.publications.registry import Series, register_series

from .models import ProfileVersion, Section, SiteImage

POLICY_SERIES: dict[str, str] = {
    Section.NO_GIFT: "website.no_gift",
    Section.ETHICS: "website.ethics",
}
SLUGS: dict[str, str] = {Section.NO_GIFT: "no-gift-policy", Section.ETHICS: "ethics-guideline"}
_KIND = "website.policy_pdf"


def _title(params: Mapping[str, Any]) -> str:
    return _("%(page)s (PDF)") % {"page": Section(params.get("section", "no-gift")).label}


def _signature(version: ProfileVersion) -> str:
    picture = (version.content.get("signature") or {}).get("id")
    image = (
        SiteImage.objects.filter(pk=picture, unit_id=version.unit_id).first() if picture else None
    )
    if image is None:
        return ""
    name = image.variants[str(max(int(w) for w in image.variants))]
    with default_storage.open(name, "rb") as handle:
        data = base64.b64encode(handle.read()).decode()
    return f"data:{image.content_type};base64,{data}"


def render_policy(job: RenderJob) -> Rendered:
    section = job.params.get("section")
    if section not in POLICY_SERIES:
        raise DocumentError(_("This policy does not exist."))
    version = (
        ProfileVersion.objects.filter(unit_id=job.unit_id, section=section)
        .select_related("unit")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise DocumentError(_("The policy has not been published on the website yet."))
    content = dict(version.content)
    if content.get("signed_on"):
        content["signed_on"] = dt.date.fromisoformat(content["signed_on"])
    with translation.override("th"):
        html = render_to_string(
            "website/pdf/policy.html",
            {"c": content, "unit": version.unit, "version": version,
             "signature": _signature(version), "section": section},
        )  # fmt: skip
        css = render_to_string("website/pdf/policy.css", {"family": FONT_FAMILY})
    pdf = html_to_pdf(html, css, footer=audit_head_line())
    return Rendered(pdf, f"{SLUGS[section]}-v{version.number}.pdf", "application/pdf")


def register_kinds() -> None:
    register(DocumentKind(name=_KIND, title=_title, render=render_policy, need=Capability.EDIT))
    for section, name in POLICY_SERIES.items():
        register_series(
            Series(
                name=name,
                slug=SLUGS[section],
                title=gettext_lazy("No Gift policy")
                if section == Section.NO_GIFT
                else gettext_lazy("Ethics guideline"),
                formats={"pdf": _KIND},
                cadence="year",
                item_code="",  # the item differs by framework: website/evidence.py links it
            )
        )
