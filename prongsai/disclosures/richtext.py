"""Pages written in the system: a safe subset of HTML, sanitised with nh3.

Sanitised when saved (what is stored is already clean) and again when rendered (so a row changed
behind the application's back still cannot inject script). Allowed: headings, paragraphs, lists,
tables, bold/italic, quotes, links to http/https/mailto (opened in a new tab with
``rel="noopener noreferrer"``) and pictures that were uploaded to this system for the page.
"""

from __future__ import annotations

import html as html_module
import re
import uuid
from collections.abc import Callable, Collection

import nh3
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "blockquote",
    "strong", "em", "b", "i", "u", "sub", "sup",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "img", "figure", "figcaption",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def image_url(file_id: uuid.UUID | str) -> str:
    """Where a page's picture is served from (the public file route; it checks access)."""
    return reverse("portal:oit_file", kwargs={"stored_file_id": file_id})


def _image_pattern() -> re.Pattern[str]:
    sample = image_url(uuid.UUID(int=0))
    prefix, suffix = sample.split(str(uuid.UUID(int=0)))
    return re.compile("^" + re.escape(prefix) + f"(?P<id>{_UUID})" + re.escape(suffix) + "$")


def _filter(
    allowed_images: Collection[str] | None, used: set[str]
) -> Callable[[str, str, str], str | None]:
    pattern = _image_pattern()

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            return value if value.strip().lower().startswith(_LINK_SCHEMES) else None
        if tag == "img" and attribute == "src":
            match = pattern.match(value.strip())
            if match is None:
                return None
            file_id = match.group("id")
            if allowed_images is not None and file_id not in allowed_images:
                return None
            used.add(file_id)
            return value.strip()
        if attribute in {"width", "height", "colspan", "rowspan"}:
            return value if value.isdigit() and 0 < int(value) <= 4000 else None
        if attribute == "scope":
            return value if value in {"row", "col", "rowgroup", "colgroup"} else None
        return value

    return attribute_filter


def _clean(html: str, allowed_images: Collection[str] | None, used: set[str]) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_filter(allowed_images, used),
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"target": "_blank"}},
        strip_comments=True,
    )


def sanitize_page(html: str, *, allowed_images: Collection[str]) -> tuple[str, set[str]]:
    """Clean HTML for storing, and the ids of the pictures it shows.

    ``allowed_images``: ids (as strings) of the pictures this page may show; any other ``<img>``
    loses its ``src``.
    """
    used: set[str] = set()
    cleaned = _clean(html or "", {str(i) for i in allowed_images}, used)
    cleaned = re.sub(r"<img(?![^>]*\bsrc=)[^>]*>", "", cleaned)  # pictures we refused
    return cleaned.strip(), used


def render_page(html: str, *, heading_shift: int = 0) -> SafeString:
    """Stored page HTML, sanitised again, ready for a template.

    ``heading_shift`` moves the page's headings down when the page is shown inside another
    section (an h2 of the page becomes an h4 under the item's h3), so the outline stays correct.
    """
    cleaned = _clean(html or "", None, set())
    if heading_shift:
        # Sanitised headings carry no attributes, so the tags are exactly <hN> and </hN>.
        cleaned = re.sub(
            r"<(/?)h([2-4])>",
            lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + heading_shift, 6)}>",
            cleaned,
        )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 above; headings renamed only)


def referenced_image_ids(html: str) -> set[str]:
    """Ids of our own files that ``<img src>`` attributes in ``html`` point at (unchecked)."""
    pattern = _image_pattern()
    found = set()
    for src in re.findall(r"""<img[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", html or "", re.I):
        match = pattern.match(src.strip())
        if match:
            found.add(match.group("id"))
    return found


def plain_text(html: str) -> str:
    """The page's text without markup (for exports and search)."""
    text = html_module.unescape(nh3.clean(html or "", tags=set()))
    return re.sub(r"\s+", " ", text).strip()
