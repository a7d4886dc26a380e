"""Writes of the unit's website: every one in a transaction, audited; publishing a profile page
makes a new version, links the OIT item to it, re-indexes search and invalidates the cached
fragments (``SiteProfile.version``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.organizations.access import UnitAccess
from prongsai.organizations.models import Unit
from prongsai.portal.pagecache import bump

from . import evidence as oit
from .content import content_text, section_content
from .hosts import HOST_RE, normalise_host
from .images import files_kept_only_on_success, store_image
from .items import item_code_for
from .models import (
    Category,
    Executive,
    HostName,
    Law,
    NewsPost,
    Policy,
    ProfileVersion,
    Section,
    SiteImage,
    SiteProfile,
)
from .search import index_document, remove_document

PROFILE_FIELDS = {
    Section.STRUCTURE: ["staff_summary"],
    Section.AUTHORITY: ["authority", "duties", "area"],
    Section.CONTACT: ["address", "phone", "email", "line_oa", "facebook", "hours"],
    "home": ["head_name", "head_position", "head_message"],
}


def _profile_locked(unit: Unit) -> SiteProfile:
    SiteProfile.objects.get_or_create(unit=unit)
    return SiteProfile.objects.select_for_update().get(unit=unit)


def _bump(unit: Unit) -> None:
    SiteProfile.objects.get_or_create(unit=unit)
    SiteProfile.objects.filter(unit=unit).update(version=F("version") + 1)
    bump(unit.pk)  # the stored public pages (portal.pagecache; the models' signals do the rest)


@files_kept_only_on_success
@transaction.atomic
def image_add(*, actor: Actor, unit: Unit, upload: UploadedFile, alt: str = "") -> SiteImage:
    image = store_image(unit=unit, upload=upload, alt=alt)
    audit_record(
        actor=actor,
        action="website.image.add",
        obj=image,
        unit_id=unit.pk,
        object_repr=alt[:100],
        changes={"widths": sorted(image.variants)},
    )
    return image


@files_kept_only_on_success
@transaction.atomic
def profile_update(
    *,
    actor: Actor,
    unit: Unit,
    part: str,
    values: dict[str, Any],
    image_field: str = "",
    upload: UploadedFile | None = None,
    alt: str = "",
) -> ProfileVersion | None:
    """Change the fields of one part of the profile (and its picture); publishes the page."""
    profile = _profile_locked(unit)
    changes: dict[str, Any] = {}
    for name in PROFILE_FIELDS[part]:
        if name in values and getattr(profile, name) != values[name]:
            changes[name] = [getattr(profile, name), values[name]]
            setattr(profile, name, values[name])
    if upload is not None and image_field in ("logo", "head_photo", "area_map"):
        setattr(profile, image_field, store_image(unit=unit, upload=upload, alt=alt))
        changes[image_field] = _("new picture")
    profile.save()
    audit_record(
        actor=actor,
        action="website.profile.update",
        obj=profile,
        unit_id=unit.pk,
        object_repr=str(unit),
        changes={"part": part, **changes},
    )
    if part == "home":
        _bump(unit)
        return None
    return profile_publish(actor=actor, unit=unit, section=part)


@files_kept_only_on_success
@transaction.atomic
def executive_add(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    position: str,
    level: int,
    phone: str = "",
    photo: UploadedFile | None = None,
) -> Executive:
    top = Executive.objects.filter(unit=unit).aggregate(m=Max("order"))["m"]
    person = Executive.objects.create(
        unit=unit,
        name=name,
        position=position,
        level=level,
        phone=phone,
        photo=store_image(unit=unit, upload=photo, alt=name) if photo else None,
        order=0 if top is None else top + 1,
    )
    audit_record(
        actor=actor,
        action="website.executive.add",
        obj=person,
        unit_id=unit.pk,
        object_repr=name,
        changes={"part": position},
    )
    profile_publish(actor=actor, unit=unit, section=Section.STRUCTURE)
    return person


@transaction.atomic
def executive_delete(*, actor: Actor, person: Executive) -> None:
    unit = person.unit
    audit_record(
        actor=actor,
        action="website.executive.delete",
        obj=person,
        unit_id=unit.pk,
        object_repr=person.name,
    )
    person.delete()
    profile_publish(actor=actor, unit=unit, section=Section.STRUCTURE)


@transaction.atomic
def law_add(*, actor: Actor, unit: Unit, title: str, url: str = "") -> Law:
    top = Law.objects.filter(unit=unit).aggregate(m=Max("order"))["m"]
    law = Law.objects.create(unit=unit, title=title, url=url, order=0 if top is None else top + 1)
    audit_record(
        actor=actor,
        action="website.law.add",
        obj=law,
        unit_id=unit.pk,
        object_repr=title[:100],
    )
    profile_publish(actor=actor, unit=unit, section=Section.LAWS)
    return law


@transaction.atomic
def law_delete(*, actor: Actor, law: Law) -> None:
    unit = law.unit
    audit_record(
        actor=actor,
        action="website.law.delete",
        obj=law,
        unit_id=unit.pk,
        object_repr=law.title[:100],
    )
    law.delete()
    profile_publish(actor=actor, unit=unit, section=Section.LAWS)


@files_kept_only_on_success
@transaction.atomic
def policy_save(
    *,
    actor: Actor,
    unit: Unit,
    kind: str,
    values: dict[str, Any],
    signature: UploadedFile | None = None,
    access: UnitAccess | None = None,
) -> ProfileVersion:
    policy = Policy.objects.select_for_update().filter(unit=unit, kind=kind).first()
    if policy is None:
        policy = Policy(unit=unit, kind=kind)
    for name, value in values.items():
        setattr(policy, name, value)
    if signature is not None:
        policy.signature = store_image(unit=unit, upload=signature, alt=_("Signature"))
    policy.save()
    audit_record(
        actor=actor,
        action="website.policy.save",
        obj=policy,
        unit_id=unit.pk,
        object_repr=policy.title_th[:100],
        changes={"policy": kind},
    )
    version = profile_publish(actor=actor, unit=unit, section=kind)
    if access is not None:
        _publish_policy_pdf(actor=actor, access=access, kind=kind, number=version.number)
    return version


def _publish_policy_pdf(*, actor: Actor, access: UnitAccess, kind: str, number: int) -> None:
    """The policy's PDF as a published document of the year (a new version per edit), linked
    from the policy's OIT item."""
    from django.urls import reverse

    from prongsai.publications.models import Publication
    from prongsai.publications.services import publication_publish

    from .document_kinds import POLICY_SERIES, SLUGS

    unit = access.unit
    assessment = oit.current_assessment(unit)
    if assessment is None:
        return
    series = POLICY_SERIES[kind]
    again = Publication.objects.filter(
        unit=unit, year=assessment.year, series=series, period="year"
    ).exists()
    reason = _("The policy was changed on the website (version %(number)s).") % {"number": number}
    publication_publish(
        actor=actor, access=access, series=series, year=assessment.year, period="year",
        params={"section": kind, "page_version": number}, reason=reason if again else "",
    )  # fmt: skip
    path = reverse(
        "publications:file",
        kwargs={"slug": unit.slug, "year": assessment.year, "series": SLUGS[kind],
                "period": "year", "fmt": "pdf"},
    )  # fmt: skip
    oit.attach_link(
        actor=actor, assessment=assessment, code=item_code_for(assessment, kind),
        title=_("%(page)s (PDF, %(unit)s)") % {"page": Section(kind).label, "unit": unit.name_th},
        path=path, same_prefix=path,
    )  # fmt: skip


@transaction.atomic
def profile_publish(*, actor: Actor, unit: Unit, section: str) -> ProfileVersion:
    """Publish the profile page ``section`` as it is now: a new version, the OIT item's evidence
    pointed at it, the search index and the cached fragments brought up to date."""
    _profile_locked(unit)  # one publisher at a time per unit: version numbers stay dense
    last = ProfileVersion.objects.filter(unit=unit, section=section).aggregate(m=Max("number"))
    number = (last["m"] or 0) + 1
    content = section_content(unit, section)
    version = ProfileVersion.objects.create(
        unit=unit, section=section, number=number, content=content, published_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="website.profile.publish",
        obj=version,
        unit_id=unit.pk,
        object_repr=f"{Section(section).label} v{number}",
        changes={"page": section, "page_version": number},
    )
    title = _("%(page)s (version %(number)s, %(unit)s website)") % {
        "page": Section(section).label,
        "number": number,
        "unit": unit.name_th,
    }
    assessment = oit.current_assessment(unit)
    if assessment is not None:
        oit.attach_link(
            actor=actor,
            assessment=assessment,
            code=item_code_for(assessment, section),
            title=title,
            path=oit.version_path(unit.slug, section, number),
            same_prefix=oit.section_path(unit.slug, section),
        )
    index_document(
        unit=unit,
        key=f"profile:{section}",
        url=oit.section_path(unit.slug, section),
        title=str(Section(section).label),
        body=content_text(section, content),
        published_on=version.published_at.date(),
    )
    _bump(unit)
    return version


def _check_codes(codes: list[str]) -> list[str]:
    clean = sorted({c.strip().upper() for c in codes if c.strip()})
    for code in clean:
        if not code.startswith("O") or not code[1:].isdigit():
            raise ValidationError(
                _("%(code)s is not an OIT item code (O1, O2 …).") % {"code": code}
            )
    return clean


@files_kept_only_on_success
@transaction.atomic
def news_save(
    *,
    actor: Actor,
    unit: Unit,
    post: NewsPost | None = None,
    title: str,
    summary: str,
    body: str,
    category: str,
    published_on: dt.date,
    is_published: bool = True,
    item_codes: list[str] | None = None,
    photo: UploadedFile | None = None,
    photo_alt: str = "",
) -> NewsPost:
    """Write a news post; a published one is the evidence of its category's item (O5 performance
    and ITA news, O18 the head's anti-corruption activities) and of the items it names."""
    creating = post is None
    if post is None:
        post = NewsPost(unit=unit)
    post.title, post.summary, post.body = title, summary, body
    post.category, post.published_on, post.is_published = category, published_on, is_published
    post.item_codes = _check_codes(item_codes or [])
    if photo is not None:
        post.photo = store_image(unit=unit, upload=photo, alt=photo_alt or title)
    post.save()
    audit_record(
        actor=actor,
        action="website.news.add" if creating else "website.news.update",
        obj=post,
        unit_id=unit.pk,
        object_repr=title[:100],
        changes={"news_category": category, "items": post.item_codes},
    )
    path = oit.news_path(unit.slug, post.pk)
    if not is_published:
        oit.detach_link(actor=actor, unit=unit, path=path)
        remove_document(unit=unit, key=f"news:{post.pk}")
    else:
        _attach_post(actor=actor, post=post, path=path)
        index_document(
            unit=unit,
            key=f"news:{post.pk}",
            url=path,
            title=title,
            body="\n".join(p for p in (summary, body) if p),
            published_on=published_on,
        )
    _bump(unit)
    return post


def _attach_post(*, actor: Actor, post: NewsPost, path: str) -> None:
    assessment = oit.assessment_of_day(post.unit, post.published_on) or oit.current_assessment(
        post.unit
    )
    if assessment is None:
        return
    codes = dict.fromkeys([item_code_for(assessment, post.category), *post.item_codes])
    for code in codes:
        oit.attach_link(
            actor=actor,
            assessment=assessment,
            code=code,
            title=_news_title(post),
            path=path,
            same_prefix=path,
            period=(post.published_on, post.published_on),
        )
    oit.detach_link(actor=actor, unit=post.unit, path=path, keep_codes=[c for c in codes if c])


def _news_title(post: NewsPost) -> str:
    return _("News: %(title)s (%(category)s)") % {
        "title": post.title[:200],
        "category": Category(post.category).label,
    }


@transaction.atomic
def news_delete(*, actor: Actor, post: NewsPost) -> None:
    unit = post.unit
    oit.detach_link(actor=actor, unit=unit, path=oit.news_path(unit.slug, post.pk))
    remove_document(unit=unit, key=f"news:{post.pk}")
    audit_record(
        actor=actor,
        action="website.news.delete",
        obj=post,
        unit_id=unit.pk,
        object_repr=post.title[:100],
    )
    post.delete()
    _bump(unit)


@transaction.atomic
def host_add(*, actor: Actor, unit: Unit, host: str) -> HostName:
    from django.conf import settings

    host = normalise_host(host)
    if not HOST_RE.match(host):
        raise ValidationError(_("Enter a host name such as www.example.go.th."))
    if host in settings.ALLOWED_HOSTS or HostName.objects.filter(host=host).exists():
        raise ValidationError(_("This host name is already in use."))
    record = HostName.objects.create(unit=unit, host=host)
    audit_record(
        actor=actor, action="website.host.add", obj=record, unit_id=unit.pk, object_repr=host
    )
    return record


@transaction.atomic
def host_delete(*, actor: Actor, record: HostName) -> None:
    audit_record(
        actor=actor,
        action="website.host.delete",
        obj=record,
        unit_id=record.unit_id,
        object_repr=record.host,
    )
    record.delete()
