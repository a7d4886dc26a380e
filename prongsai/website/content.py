"""What a published version of each profile page holds (JSON, kept for good)."""

from __future__ import annotations

from typing import Any

from prongsai.organizations.models import Unit

from .models import Executive, Law, Policy, Section, SiteImage, SiteProfile


def profile_of(unit: Unit) -> SiteProfile:
    profile = SiteProfile.objects.filter(unit=unit).select_related("logo").first()
    return profile or SiteProfile(unit=unit)


def _image(image: SiteImage | None) -> dict[str, Any] | None:
    if image is None:
        return None
    return {"id": str(image.pk), "alt": image.alt, "width": image.width, "height": image.height}


def section_content(unit: Unit, section: str) -> dict[str, Any]:
    p = profile_of(unit)
    if section == Section.STRUCTURE:
        return {
            "staff_summary": p.staff_summary,
            "executives": [
                {
                    "name": e.name,
                    "position": e.position,
                    "level": e.level,
                    "phone": e.phone,
                    "photo": _image(e.photo),
                }
                for e in Executive.objects.filter(unit=unit).select_related("photo")
            ],
        }
    if section == Section.AUTHORITY:
        return {
            "authority": p.authority,
            "duties": p.duties,
            "area": p.area,
            "area_map": _image(p.area_map),
        }
    if section == Section.LAWS:
        return {
            "laws": [{"title": law.title, "url": law.url} for law in Law.objects.filter(unit=unit)]
        }
    if section == Section.CONTACT:
        return {
            "address": p.address or unit.address,
            "phone": p.phone or unit.phone,
            "email": p.email or unit.email,
            "line_oa": p.line_oa,
            "facebook": p.facebook,
            "hours": p.hours,
        }
    policy = Policy.objects.filter(unit=unit, kind=section).select_related("signature").first()
    if policy is None:
        return {}
    return {
        "title_th": policy.title_th,
        "title_en": policy.title_en,
        "text_th": policy.text_th,
        "text_en": policy.text_en,
        "rules": policy.rules,
        "signed_by": policy.signed_by,
        "signer_position": policy.signer_position,
        "signed_on": policy.signed_on.isoformat() if policy.signed_on else None,
        "signature": _image(policy.signature),
    }


def content_text(section: str, content: dict[str, Any]) -> str:
    """The words of a version, for the search index."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for key, v in value.items():
                if key not in ("id", "url", "photo", "signature", "area_map", "signed_on"):
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(content)
    return "\n".join(p for p in parts if p)
