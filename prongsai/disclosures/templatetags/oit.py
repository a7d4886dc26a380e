"""Template helpers for OIT pages: ``{% load oit %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from prongsai.organizations.models import Membership, Role

from .. import richtext, selectors
from ..models import Evidence, StoredFile

register = template.Library()

STATE_CLASSES = {
    "draft": "badge",
    "awaiting_approval": "badge badge-warn",
    "submitted": "badge badge-info",
    "resubmitted": "badge badge-info",
    "returned": "badge badge-warn",
    "accepted": "badge badge-ok",
    "rejected": "badge badge-bad",
}
RESULT_CLASSES = {
    "pass": "badge badge-ok",
    "fail": "badge badge-bad",
    "conditional": "badge badge-warn",
}


@register.filter
def rich_text(html: str, heading_shift: int = 0) -> SafeString:
    """A system-written page's HTML, sanitised again on the way out (``|rich_text:2`` moves its
    headings two levels down when it sits under an h3)."""
    return richtext.render_page(html, heading_shift=int(heading_shift))


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(str(state), "badge")


@register.filter
def result_class(result: str) -> str:
    return RESULT_CLASSES.get(str(result), "badge")


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    getter = getattr(mapping, "get", None)
    return getter(key) if getter else None


@register.filter
def file_url(stored: StoredFile | None, mode: str = "") -> str:
    if stored is None:
        return ""
    return selectors.file_path(stored.pk, inline=mode == "inline")


@register.simple_tag
def public_page_url(evidence: Evidence, unit_slug: str, year: int, code: str) -> str:
    return selectors.page_path(unit_slug, year, code, evidence.pk)


@register.inclusion_tag("disclosures/_nav_link.html", takes_context=True)
def evaluator_nav_link(context: template.Context) -> dict[str, Any]:
    """The header link to the evaluator console, for users who evaluate somewhere."""
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    show = False
    if user is not None and user.is_authenticated:
        show = (
            bool(getattr(user, "is_superuser", False))
            or Membership.objects.filter(user_id=user.pk, role=Role.EVALUATOR).exists()
        )
    return {"show": show}
