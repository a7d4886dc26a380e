"""Thai search: a word written inside a longer unspaced phrase is found (pythainlp newmm at
index and query time), with the word marked in the snippet; the same hits on SQLite and
PostgreSQL (this file runs in both passes of CI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.website import services
from prongsai.website.search import search, words_of

from ..conftest import Personas, Tree

TEXTS = {
    "anti": "ผู้บริหารร่วมประกาศเจตนารมณ์การต่อต้านการทุจริตคอร์รัปชันทุกรูปแบบ",
    "visa": "การให้บริการตรวจลงตราและการขยายระยะเวลาการอยู่ในราชอาณาจักร",
    "both": "อบรมข้าราชการเรื่องการป้องกันการทุจริตในการให้บริการตรวจลงตรา",
}


def _posts(tree: Tree, people: Personas) -> dict[str, Any]:
    out = {}
    for day, (key, text) in enumerate(TEXTS.items(), start=1):
        out[key] = services.news_save(
            actor=people.editor,
            unit=tree.unit,
            title=f"ข่าว {key}",
            summary="",
            body=text,
            category="performance",
            published_on=dt.date(2024, 2, day),
        )
    return out


def test_a_word_inside_an_unspaced_phrase_is_found(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    posts = _posts(tree, people)
    assert "ทุจริต" in words_of(TEXTS["anti"])
    hits = search(tree.unit, "ทุจริต")
    assert [h.title for h in hits] == ["ข่าว both", "ข่าว anti"]  # newest first
    marked = [p.text for p in hits[1].snippet if p.mark]
    assert marked == ["ทุจริต"]
    assert [h.title for h in search(tree.unit, "ตรวจลงตรา บริการ")] == ["ข่าว both", "ข่าว visa"]
    assert [h.title for h in search(tree.unit, "คอร์รัปชัน")] == ["ข่าว anti"]
    assert search(tree.unit, "ภาษี") == []
    assert search(tree.unit, "   ") == []
    assert hits[0].url.endswith(f"/news/{posts['both'].pk}/")


def test_the_other_units_pages_are_not_found(tree: Tree, people: Personas, assessment: Any) -> None:
    _posts(tree, people)
    assert search(tree.sibling, "ทุจริต") == []


def test_the_search_page_shows_highlighted_snippets(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    _posts(tree, people)
    html = client.get(f"/p/{tree.unit.slug}/search/", {"q": "คอร์รัปชัน"}).content.decode()
    assert "<mark>คอร์รัปชัน</mark>" in html
    assert "ข่าว anti" in html and "ข่าว visa" not in html
    assert client.get(f"/p/{tree.unit.slug}/search/", {"q": "\"'<>&*"}).status_code == 200
