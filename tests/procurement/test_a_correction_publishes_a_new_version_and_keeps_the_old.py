from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.urls import reverse

from prongsai.procurement import services
from prongsai.publications.models import Publication

from .helpers import content, public_file, publish_period, record


def test_a_correction_publishes_a_new_version_and_keeps_the_old(
    client: Any, people: Any, tree: Any
) -> None:
    p = record(tree.unit, month=dt.date(2023, 11, 1))
    client.force_login(people.editor)
    publish_period(client, tree.unit, "2566-11")
    services.procurement_update(
        actor=people.editor, procurement=p, fields={"agreed_price": "23000"}
    )
    # A second publication without a reason is refused; with one it is version 2.
    publish_period(client, tree.unit, "2566-11")
    assert not Publication.objects.filter(version=2).exists()
    publish_period(client, tree.unit, "2566-11", reason="แก้ไขราคาที่ตกลงตามสัญญา")
    current = Publication.objects.get(
        series="procurement.summary", fmt="json", superseded_at__isnull=True
    )
    assert current.version == 2
    anonymous = Client()
    now = json.loads(
        content(public_file(anonymous, tree.unit, "procurement-summary", "2566-11", "json"))
    )
    assert now["records"][0]["agreed_price"] == 23000.0
    old = anonymous.get(
        reverse(
            "publications:version_file",
            kwargs={
                "slug": tree.unit.slug,
                "year": 2567,
                "series": "procurement-summary",
                "period": "2566-11",
                "version": 1,
                "fmt": "json",
            },
        )
    )
    assert old.status_code == 200
    assert json.loads(content(old))["records"][0]["agreed_price"] == 24000.0
    page = client.get(reverse("procurement:year", kwargs={"slug": tree.unit.slug, "year": 2567}))
    assert (
        reverse(
            "publications:file",
            kwargs={
                "slug": tree.unit.slug,
                "year": 2567,
                "series": "procurement-summary",
                "period": "2566-11",
                "fmt": "pdf",
            },
        )
        in page.content.decode()
    )
