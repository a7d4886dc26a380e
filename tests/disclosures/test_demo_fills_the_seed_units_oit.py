"""The demo gives the seed's unit all 24 items with evidence (most accepted, two returned with
comments) and the neighbouring units a few submitted items; loading it twice changes nothing."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from prongsai.core.models import AuditEntry
from prongsai.demo.base import load_base
from prongsai.demo.disclosures import load_demo
from prongsai.disclosures.models import Evidence, ItemWork, StoredFile
from prongsai.disclosures.selectors import review_queue
from prongsai.organizations.selectors import units_in_evaluator_scope
from prongsai.scoring.services import snapshot_current


@pytest.fixture
def demo(db: None) -> Any:
    with transaction.atomic():
        ctx = load_base()
    with transaction.atomic():
        load_demo(ctx)
    return ctx


def test_the_seed_unit_has_24_items_with_evidence(demo: Any) -> None:
    works = ItemWork.objects.filter(assessment=demo.assessment)
    assert works.count() == 24
    assert all(w.evidence.filter(is_published=True).exists() for w in works)
    assert Counter(works.values_list("state", flat=True)) == {"accepted": 22, "returned": 2}
    returned = works.filter(state="returned")
    assert set(returned.values_list("item__code", flat=True)) == {"O10", "O14"}
    for work in returned:
        assert work.criterion_rows.filter(result="fail").exclude(comment="").exists()
    kinds = Counter(
        Evidence.objects.filter(work__assessment=demo.assessment).values_list("kind", flat=True)
    )
    assert kinds["page"] >= 20 and kinds["file"] >= 15 and kinds["link"] >= 4
    assert set(StoredFile.objects.values_list("kind", flat=True)) >= {
        "pdf",
        "docx",
        "xlsx",
        "csv",
        "png",
    }


def test_the_score_reports_22_of_24_oit_items_passed(demo: Any) -> None:
    result = snapshot_current(demo.assessment).result
    assert result["oit"]["passed"] == 22
    assert result["oit"]["items"] == 24
    assert result["oit"]["with_data"] == 24


def test_the_evaluators_queue_spans_units(demo: Any) -> None:
    evaluator = demo.users["division4-evaluator"]
    waiting = review_queue(units_in_evaluator_scope(evaluator))
    slugs = set(waiting.values_list("assessment__unit__slug", flat=True))
    assert {"khonkaen-immigration", "mahasarakham-immigration", "roiet-immigration"} <= slugs
    assert "donmueang-immigration" not in slugs


def test_every_public_item_page_shows_its_thai_title(client: Any, demo: Any) -> None:
    for work in ItemWork.objects.filter(assessment=demo.assessment).select_related("item"):
        url = reverse(
            "portal:oit_item",
            kwargs={"slug": "kalasin-immigration", "year": 2567, "code": work.item.code},
        )
        response = client.get(url)
        assert response.status_code == 200
        assert work.item.title_th in response.content.decode().replace("&amp;", "&")


def test_loading_again_changes_nothing(demo: Any) -> None:
    counts = (Evidence.objects.count(), StoredFile.objects.count(), AuditEntry.objects.count())
    with transaction.atomic():
        load_demo(demo)
    assert (
        Evidence.objects.count(),
        StoredFile.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
