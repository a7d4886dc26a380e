from __future__ import annotations

from django import template
from django.urls import reverse

from prongsai.website.images import widths_of
from prongsai.website.models import SiteImage

register = template.Library()


def _url(image: SiteImage, width: int) -> str:
    return reverse(
        "website:image",
        kwargs={"slug": image.unit.slug, "image_id": image.pk, "width": width},
    )


@register.simple_tag
def image_url(image: SiteImage, width: int = 640) -> str:
    """The picture in the smallest stored width at least ``width`` (else the largest)."""
    widths = widths_of(image)
    chosen = next((w for w in widths if w >= width), widths[-1])
    return _url(image, chosen)


@register.simple_tag
def image_srcset(image: SiteImage) -> str:
    return ", ".join(f"{_url(image, w)} {w}w" for w in widths_of(image))


@register.filter
def get_item(mapping: dict[str, object], key: object) -> object:
    return mapping.get(str(key)) if key else None
