"""Which OIT item each page of the site is evidence of: framework data (each item's
``website_pages`` in the framework definition, ``prongsai/frameworks/definitions/``), so a new
year's codes need no code change (2567 police: O1 structure … O18 the head's activities; 2569
general: O1 structure and duties …). A page whose framework names no item is simply not attached.
"""

from __future__ import annotations

from prongsai.assessments.models import Assessment


def item_code_for(assessment: Assessment, what: str) -> str | None:
    """The code of the first item of the assessment's framework whose ``website_pages`` name
    ``what`` (a profile page, a news category or a policy)."""
    for item in assessment.framework.spec.items:
        if what in item.website_pages:
            return item.id
    return None
