"""Links to the unit's own public pages in the product (its published statistics, its Q&A page,
its documents under ``/p/<unit>/<year>/data/…``) are answered by the product itself: on a site
served on 127.0.0.1 (the demo, a server inside an office network) the fetching rules refused
them as internal addresses, so the unit's own generated evidence failed the check. The SSRF rule
still holds for every other internal address, another unit's pages included, and a page the
product does not have is still a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from prongsai.prechecks.engine import check_url

pytestmark = pytest.mark.django_db


def _reachable(outcome: Any) -> Any:
    ((document, checks),) = outcome.documents
    return document, next(c for c in checks if c.name == "reachable")


def _index(assessment: Any) -> str:
    return reverse(
        "portal:oit_index", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
    )


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:8000", "http://localhost:8241"], ids=["site-address", "other-port"]
)
def test_the_units_public_page_on_a_loopback_address_is_read_from_the_product(
    assessment: Any, settings: Any, base: str
) -> None:
    settings.PRECHECK_ALLOWED_NETWORKS = []
    url = base + _index(assessment)
    with translation.override("en"):
        outcome = check_url(assessment, "O1", url)
        assert translation.get_language() == "en"  # the page's Thai did not stay active
    document, reachable = _reachable(outcome)
    assert reachable.status == "pass", reachable.reason
    assert document.fetched.in_product and document.fetched.status == 200
    assert assessment.unit.name_th in document.extracted.text
    on_site = next(c for c in outcome.documents[0][1] if c.name == "on_unit_site")
    assert on_site.status == "pass"


def test_a_page_the_product_does_not_have_is_a_404(assessment: Any, settings: Any) -> None:
    url = (
        f"http://127.0.0.1:8000/p/{assessment.unit.slug}/{assessment.year}"
        "/data/complaint-statistics/h1.pdf"
    )
    _document, reachable = _reachable(check_url(assessment, "O16", url))
    assert reachable.status == "fail" and "404" in reachable.reason


def test_other_internal_addresses_are_still_refused(
    assessment: Any, tree: Any, settings: Any
) -> None:
    settings.PRECHECK_ALLOWED_NETWORKS = []
    for url in (
        "http://127.0.0.1:8000/admin/",
        f"http://127.0.0.1:8000/p/{tree.sibling.slug}/{assessment.year}/",  # another unit's
        f"http://10.0.0.5/p/{assessment.unit.slug}/{assessment.year}/",  # not a host we serve
    ):
        document, reachable = _reachable(check_url(assessment, "O1", url))
        assert not document.fetched.in_product, url
        assert reachable.status == "fail" and "ภายในเครือข่าย" in reachable.reason, url
