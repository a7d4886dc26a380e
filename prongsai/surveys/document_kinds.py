"""Survey files as generated documents (``prongsai.documents``): the IIT code slips (encrypted
at rest, delivered once, then the codes are destroyed), the EIT poster, the answer exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability

from . import exporting, printing
from .models import Campaign, CodeBatch, Instrument
from .selectors import sealed_codes_to_print

SLIPS = "surveys.slips"
POSTER = "surveys.poster"
ANSWERS = "surveys.answers"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _campaign(campaign_id: Any) -> Campaign:
    return Campaign.objects.select_related("assessment__unit", "assessment__framework").get(
        pk=campaign_id
    )


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "surveys:overview", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


# --- IIT code slips -----------------------------------------------------------------------
def slips_params(batch: CodeBatch) -> dict[str, Any]:
    return {
        "batch": str(batch.pk),
        "number": batch.number,
        "year": batch.campaign.assessment.year,
    }


def _slips_title(params: Mapping[str, Any]) -> str:
    return _("IIT code slips, batch %(number)s") % {"number": params["number"]}


def render_slips(job: RenderJob) -> Rendered:
    batch = CodeBatch.objects.select_related(
        "campaign__assessment__unit", "campaign__assessment__framework"
    ).get(pk=job.params["batch"])
    codes = sealed_codes_to_print(batch)
    if codes is None:
        raise DocumentError(
            _(
                "The codes of this batch were destroyed when its slips were downloaded. If the "
                "slips were lost, void the batch and make a new one."
            )
        )
    if not codes:
        raise DocumentError(_("Every code of this batch was used or voided: nothing to print."))
    assessment = batch.campaign.assessment
    return Rendered(
        content=printing.slips_pdf(batch.campaign, codes, batch_number=batch.number),
        file_name=f"iit-codes-{assessment.unit.slug}-{assessment.year}-batch{batch.number}.pdf",
        content_type="application/pdf",
    )


def _slips_delivered(document: GeneratedDocument, actor: Any) -> None:
    from .services import code_batch_slips_delivered

    batch = CodeBatch.objects.filter(pk=document.params["batch"]).first()
    if batch is not None:
        code_batch_slips_delivered(actor=actor, batch=batch)


# --- the EIT poster -----------------------------------------------------------------------
def poster_params(campaign: Campaign) -> dict[str, Any]:
    return {"campaign": str(campaign.pk), "year": campaign.assessment.year}


def render_poster(job: RenderJob) -> Rendered:
    campaign = _campaign(job.params["campaign"])
    assessment = campaign.assessment
    return Rendered(
        content=printing.poster_pdf(campaign),
        file_name=f"eit-poster-{assessment.unit.slug}-{assessment.year}.pdf",
        content_type="application/pdf",
    )


# --- answer exports -----------------------------------------------------------------------
def answers_params(campaign: Campaign, fmt: str) -> dict[str, Any]:
    return {
        "campaign": str(campaign.pk),
        "instrument": campaign.instrument,
        "format": fmt,
        "year": campaign.assessment.year,
    }


def _answers_title(params: Mapping[str, Any]) -> str:
    return _("%(instrument)s answers (%(format)s)") % {
        "instrument": params["instrument"],
        "format": str(params["format"]).upper(),
    }


def render_answers(job: RenderJob) -> Rendered:
    campaign = _campaign(job.params["campaign"])
    minimum = int(settings.SURVEY_IIT_EXPORT_MIN)
    if campaign.instrument == Instrument.IIT and campaign.responses.count() < minimum:
        raise DocumentError(
            _("IIT answers can be exported once at least %(min)s staff have answered.")
            % {"min": minimum}
        )
    fmt = str(job.params["format"])
    content = exporting.export_csv(campaign) if fmt == "csv" else exporting.export_xlsx(campaign)
    assessment = campaign.assessment
    return Rendered(
        content=content,
        file_name=(
            f"{campaign.instrument.lower()}-answers-{assessment.unit.slug}-{assessment.year}.{fmt}"
        ),
        content_type=CONTENT_TYPES[fmt],
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            name=SLIPS,
            title=_slips_title,
            render=render_slips,
            need=Capability.MANAGE,
            back=_back,
            tab="surveys",
            encrypt=True,
            deliver_once=True,
            on_delivered=_slips_delivered,
            reuse_ready=True,
        )
    )
    register(
        DocumentKind(
            name=POSTER,
            title=lambda params: _("EIT poster for the counter"),
            render=render_poster,
            need=Capability.VIEW,
            back=_back,
            tab="surveys",
        )
    )
    register(
        DocumentKind(
            name=ANSWERS,
            title=_answers_title,
            render=render_answers,
            need=Capability.MANAGE,
            back=_back,
            tab="surveys",
        )
    )
