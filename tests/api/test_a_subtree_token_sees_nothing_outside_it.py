"""A bureau admin's token limited to division 4 lists only division 4's units and answers 404
for every unit outside it, although the bureau admin may see them in the UI."""

from __future__ import annotations

from .conftest import Api, Units, token


def test_a_token_limited_to_a_division_sees_only_its_subtree(units: Units) -> None:
    tree = units.tree
    everything = Api(token(units.people.bureau_admin))
    limited = Api(token(units.people.bureau_admin, unit=tree.division))
    all_slugs = {u["slug"] for u in everything.get("/api/v1/units").json()["results"]}
    assert {"immigration-bureau", "donmueang-immigration", "kalasin-immigration"} <= all_slugs
    slugs = [u["slug"] for u in limited.get("/api/v1/units").json()["results"]]
    assert slugs == ["immigration-division-4", "kalasin-immigration", "khonkaen-immigration"]
    for outside in ("immigration-bureau", "immigration-division-1", "donmueang-immigration"):
        assert limited.get(f"/api/v1/units/{outside}").status_code == 404
        assert limited.get(f"/api/v1/units/{outside}/subtree").status_code == 404
        assert limited.get(f"/api/v1/units/{outside}/assessments").status_code == 404
        assert everything.get(f"/api/v1/units/{outside}").status_code == 200
    assert (
        limited.get("/api/v1/units/kalasin-immigration/assessments/2567/oit-items").status_code
        == 200
    )
    under = limited.get("/api/v1/units?under=immigration-bureau").json()["results"]
    assert under == limited.get("/api/v1/units").json()["results"]


def test_a_token_cannot_be_limited_to_a_unit_its_user_cannot_see(units: Units) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        token(units.people.editor, unit=units.tree.other_unit)
