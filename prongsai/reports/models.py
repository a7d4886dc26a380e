"""What a unit sets once per assessment for its six- and twelve-month reports.

Everything else in the report comes from live data (plan, progress, scores, OIT items). Values
left empty are prefilled from the unit's memberships and the framework (see selectors.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment
from prongsai.core.models import BaseModel


def _empty_list() -> list[dict[str, str]]:
    return []


class ReportSettings(BaseModel):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="report_settings"
    )
    # The order that appointed the ITA working group (คำสั่ง … ที่ ๕/๒๕๖๗ ลงวันที่ …).
    order_number = models.CharField(_("working-group order number"), max_length=60, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    briefing_date = models.DateField(_("briefing date"), null=True, blank=True)
    briefing_text = models.TextField(_("briefing"), blank=True)
    # [{"title": "ข้อมูลพื้นฐาน ได้แก่ …", "owner": "รอง สว.…"}, …] — the areas of disclosure.
    disclosure_areas = models.JSONField(_("areas of disclosure"), default=_empty_list, blank=True)
    publication = models.CharField(_("where the report is published"), max_length=300, blank=True)
    reporter_rank = models.CharField(_("reporter's rank"), max_length=60, blank=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_position = models.CharField(_("reporter's position"), max_length=200, blank=True)
    reviewer_rank = models.CharField(_("reviewer's rank"), max_length=60, blank=True)
    reviewer_name = models.CharField(_("reviewer's name"), max_length=200, blank=True)
    reviewer_position = models.CharField(_("reviewer's position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(_("report settings of %(assessment)s") % {"assessment": self.assessment})
