from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.procurement.models import Procurement

from .helpers import record


def test_outsiders_cannot_edit_another_units_procurement(
    client: Any, people: Any, tree: Any
) -> None:
    p = record(tree.unit)
    kwargs = {"slug": tree.unit.slug, "year": 2567, "procurement_id": p.pk}
    for user in (people.sibling_editor, people.outsider):
        client.force_login(user)
        assert (
            client.post(reverse("procurement:edit", kwargs=kwargs), {"title": "x"}).status_code
            == 404
        )
        assert client.post(reverse("procurement:delete", kwargs=kwargs)).status_code == 404
    client.force_login(people.viewer)  # sees the bureau's units, edits none
    assert (
        client.get(
            reverse("procurement:year", kwargs={"slug": tree.unit.slug, "year": 2567})
        ).status_code
        == 200
    )
    assert client.post(reverse("procurement:delete", kwargs=kwargs)).status_code == 403
    # Another unit's URL with this record's id: not found there.
    client.force_login(people.sibling_editor)
    other = {**kwargs, "slug": tree.sibling.slug}
    assert client.post(reverse("procurement:delete", kwargs=other)).status_code == 404
    assert Procurement.objects.filter(pk=p.pk).exists()
