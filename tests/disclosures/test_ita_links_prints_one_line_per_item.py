"""``ita_links --unit SLUG --year YEAR`` prints ``<item id>\\t<absolute public URL>`` for every item,
and every URL answers without log-in with the item's Thai title."""

from __future__ import annotations

import io
import urllib.request
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.frameworks.models import Item

from .helpers import add_page


def _run(**options: Any) -> list[str]:
    out = io.StringIO()
    call_command("ita_links", stdout=out, **options)
    return out.getvalue().splitlines()


def test_24_lines_with_absolute_urls(assessment: Any, settings: Any) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    lines = _run(unit="kalasin-immigration", year=2567)
    assert len(lines) == 24
    assert lines[0] == "O1\thttps://ita.example.go.th/p/kalasin-immigration/2567/oit/O1/"
    assert [line.split("\t")[0] for line in lines] == [f"O{n}" for n in range(1, 25)]


def test_an_unknown_unit_or_year_is_an_error(assessment: Any) -> None:
    with pytest.raises(CommandError):
        _run(unit="kalasin-immigration", year=2599)
    with pytest.raises(CommandError):
        _run(unit="nowhere", year=2567)


@pytest.mark.django_db(transaction=True)
def test_every_url_answers_anonymously_on_a_running_server(
    live_server: Any, assessment: Any, settings: Any
) -> None:
    add_page(assessment, "O1")
    settings.SITE_URL = live_server.url
    titles = dict(
        Item.objects.filter(framework=assessment.framework).values_list("code", "title_th")
    )
    lines = _run(unit="kalasin-immigration", year=2567)
    assert len(lines) == 24
    for line in lines:
        code, url = line.split("\t")
        assert url.startswith(live_server.url + "/")
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our test server)
            assert response.status == 200
            html = response.read().decode()
        assert titles[code] in html.replace("&amp;", "&"), code
