"""Fixtures for the OIT tests: URLs of the seed unit's items and a sibling unit's assessment."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ..conftest import Tree


def item_url(name: str, code: str = "O1", slug: str = "kalasin-immigration", **extra: Any) -> str:
    return reverse(
        f"disclosures:{name}", kwargs={"slug": slug, "year": 2567, "code": code, **extra}
    )


def unit_url(name: str, slug: str = "kalasin-immigration") -> str:
    return reverse(f"disclosures:{name}", kwargs={"slug": slug, "year": 2567})


def public_url(code: str = "O1", slug: str = "kalasin-immigration") -> str:
    return reverse("portal:oit_item", kwargs={"slug": slug, "year": 2567, "code": code})


@pytest.fixture
def sibling_assessment(tree: Tree, framework: Any) -> Any:
    from prongsai.assessments.services import assessment_open

    return assessment_open(actor="tests", unit=tree.sibling, framework=framework)


@pytest.fixture
def other_division_assessment(tree: Tree, framework: Any) -> Any:
    from prongsai.assessments.services import assessment_open

    return assessment_open(actor="tests", unit=tree.other_unit, framework=framework)
