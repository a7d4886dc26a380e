"""Bits every OIT view uses: the page context of unit_base.html and item look-ups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import assessment_for
from prongsai.frameworks.models import Item
from prongsai.organizations.access import UnitAccess

from .. import selectors
from ..models import ItemWork


def unit_context(access: UnitAccess, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "unit": access.unit,
        "year": assessment.year,
        "assessment": assessment,
        "tab": "oit",
        **extra,
    }


def load_item(access: UnitAccess, year: int, code: str) -> tuple[Assessment, Item, ItemWork | None]:
    assessment = assessment_for(access.unit, year)
    item = selectors.item_of(assessment, code)
    if item is None:
        raise Http404("No such item")
    return assessment, item, selectors.work_of(assessment, item)


def error_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
