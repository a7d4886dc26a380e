"""Pages written in the system keep a safe subset of HTML: scripts, event handlers, javascript:
links, styles and pictures from elsewhere are removed when saved and again when shown."""

from __future__ import annotations

from typing import Any

from prongsai.disclosures import services
from prongsai.disclosures.richtext import image_url, render_page

from .conftest import public_url
from .helpers import add_page, add_png, item, png_bytes, upload


def test_active_content_is_removed_on_save(assessment: Any) -> None:
    page = add_page(
        assessment,
        "O4",
        body_html=(
            "<h2 onclick='x()'>ติดต่อเรา</h2><script>alert(1)</script>"
            "<p style='position:fixed'>โทร <a href='javascript:alert(1)'>กด</a>"
            " <a href='https://line.me/R/ti/p/@kalasin'>LINE</a></p>"
            "<iframe src='https://evil.example'></iframe><img src='https://evil.example/x.png' onerror='x()'>"
            "<table><tr><th scope='col'>วัน</th></tr><tr><td>จันทร์</td></tr></table>"
        ),
    )
    html = page.body_html
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "style=",
        "<iframe",
        "evil.example",
    ):
        assert bad not in html, bad
    assert "<h2>ติดต่อเรา</h2>" in html
    assert 'href="https://line.me/R/ti/p/@kalasin"' in html
    assert 'rel="noopener noreferrer"' in html and 'target="_blank"' in html
    assert '<th scope="col">' in html


def test_pictures_must_be_uploaded_by_the_same_unit(
    assessment: Any, sibling_assessment: Any
) -> None:
    own = add_png(assessment, "O18").file
    foreign = add_png(sibling_assessment, "O18").file
    assert own is not None and foreign is not None
    page = add_page(
        assessment,
        "O18",
        body_html=f'<p><img src="{image_url(own.pk)}" alt="ภาพ"><img src="{image_url(foreign.pk)}" alt="x"></p>',
    )
    assert image_url(own.pk) in page.body_html
    assert str(foreign.pk) not in page.body_html
    assert set(page.images.all()) == {own}


def test_pictures_uploaded_with_the_page_can_be_placed_afterwards(assessment: Any) -> None:
    page = services.evidence_add_page(
        actor="tests",
        assessment=assessment,
        item=item(assessment, "O20"),
        title="ภาพกิจกรรม",
        body_html="<p>กิจกรรม</p>",
        images=[upload("activity.png", png_bytes())],
    )
    picture = page.images.get()
    page = services.evidence_update(
        actor="tests",
        evidence=page,
        title=page.title,
        period_start=None,
        period_end=None,
        body_html=f'<p>กิจกรรม</p><p><img src="{image_url(picture.pk)}" alt="กิจกรรม"></p>',
    )
    assert f'src="{image_url(picture.pk)}"' in page.body_html


def test_rendering_sanitises_again(client: Any, assessment: Any) -> None:
    page = add_page(assessment, "O2")
    type(page).objects.filter(pk=page.pk).update(  # a row changed behind the application's back
        body_html="<p>ok</p><script>alert('stored')</script><img src=x onerror=alert(1)>"
    )
    html = client.get(public_url("O2")).content.decode()
    assert "alert('stored')" not in html and "onerror" not in html
    assert "<p>ok</p>" in str(render_page("<p>ok</p><script>x</script>"))


def test_an_empty_page_is_refused(assessment: Any) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        add_page(assessment, "O2", body_html="<script>alert(1)</script>")


def test_page_headings_nest_under_the_item_page_outline(client: Any, assessment: Any) -> None:
    add_page(assessment, "O2", title="อำนาจหน้าที่", body_html="<h2>อำนาจหน้าที่ตามกฎหมาย</h2><p>x</p>")
    html = client.get(public_url("O2")).content.decode()
    assert "<h4>อำนาจหน้าที่ตามกฎหมาย</h4>" in html  # under the page's h3, under "Published" h2
