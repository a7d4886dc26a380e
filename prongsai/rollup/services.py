"""Writes of the roll-up: a parent's admins act on the whole subtree at once. Each action runs
in one transaction, goes through the owning app's service for every unit (so each change is
audited there as usual) and records one audit entry of its own on the parent unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_open
from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.core.site import absolute_url
from prongsai.frameworks.models import Framework
from prongsai.mail.outbox import mail_queue
from prongsai.organizations.models import Membership, Role, Unit
from prongsai.organizations.services import Actor as GrantActor
from prongsai.organizations.services import membership_grant

from .models import DigestOptOut, FiguresRefreshRequest, RollupMail, UnitFigures
from .selectors import (
    ASSESSMENT_FIELDS,
    behind_choices,
    figures_compute,
    subtree_overview,
    subtree_units,
)

User = get_user_model()


# ---- open the year for the subtree ---------------------------------------------------------
@dataclass
class BulkOpenResult:
    opened: list[str] = field(default_factory=list)  # unit slugs
    already: int = 0


@transaction.atomic
def subtree_assessments_open(
    *,
    actor: Actor,
    root: Unit,
    year: int,
    framework: Framework,
    leaves_only: bool = True,
) -> BulkOpenResult:
    """Open ``year``'s assessment against ``framework`` for every active unit of ``root``'s
    subtree that has none (only the units without units below with ``leaves_only``), with last
    year's headcounts as a start. Running it again opens nothing more."""
    units = subtree_units(root)
    parents = {u.parent_id for u in units}
    if leaves_only:
        units = [u for u in units if u.pk not in parents]
    taken = set(
        Assessment.objects.filter(unit__in=[u.pk for u in units], year=year).values_list(
            "unit_id", flat=True
        )
    )
    last_year = {
        unit_id: (internal, external)
        for unit_id, internal, external in Assessment.objects.filter(
            unit__in=[u.pk for u in units], year=year - 1
        ).values_list("unit_id", "headcount_internal", "headcount_external")
    }
    result = BulkOpenResult(already=len(taken))
    for unit in units:
        if unit.pk in taken:
            continue
        internal, external = last_year.get(unit.pk, (None, None))
        assessment_open(
            actor=actor,
            unit=unit,
            framework=framework,
            year=year,
            headcount_internal=internal,
            headcount_external=external,
        )
        result.opened.append(unit.slug)
    audit_record(
        actor=actor,
        action="rollup.assessments_open",
        obj=root,
        unit_id=root.pk,
        changes={
            "year": year,
            "framework": framework.code,
            "leaves_only": leaves_only,
            "opened": len(result.opened),
            "already": result.already,
        },
    )
    return result


# ---- evaluators in bulk --------------------------------------------------------------------
@dataclass
class AssignResult:
    granted: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


@transaction.atomic
def evaluators_assign(
    *, actor: GrantActor, root: Unit, user: Any, units: list[Unit]
) -> AssignResult:
    """Make ``user`` the evaluator of each of ``units`` (all in ``root``'s subtree), through
    the membership service and its separation-of-duties rules. All or nothing: when any unit
    refuses (the person holds another role reaching it, the actor may not grant it, …) nothing
    is granted and the refusals are listed, unit by unit."""
    result = AssignResult()
    problems: list[str] = []
    held = set(
        Membership.objects.filter(
            user=user, role=Role.EVALUATOR, unit__in=[u.pk for u in units]
        ).values_list("unit_id", flat=True)
    )
    for unit in units:
        if not unit.path.startswith(root.path):
            problems.append(
                _("%(unit)s is not below %(root)s.") % {"unit": unit.name_th, "root": root.name_th}
            )
            continue
        if unit.pk in held:
            result.already.append(unit.slug)
            continue
        try:
            with transaction.atomic():
                membership_grant(actor=actor, unit=unit, user=user, role=Role.EVALUATOR)
        except ValidationError as exc:
            problems.append(f"{unit.name_th}: {' '.join(exc.messages)}")
        else:
            result.granted.append(unit.slug)
    if problems:
        raise ValidationError(problems)
    audit_record(
        actor=actor,
        action="rollup.evaluators_assign",
        obj=root,
        unit_id=root.pk,
        changes={
            "user": user.get_username(),
            "granted": result.granted,
            "already": len(result.already),
        },
    )
    return result


# ---- reminders to the units behind ---------------------------------------------------------
def _recipients(unit_ids: list[Any]) -> dict[Any, list[str]]:
    """The e-mail addresses of each unit's admins and editors (its own members)."""
    out: dict[Any, list[str]] = {}
    for unit_id, email in (
        Membership.objects.filter(
            unit_id__in=unit_ids, role__in=[Role.ADMIN, Role.EDITOR], user__is_active=True
        )
        .exclude(user__email="")
        .values_list("unit_id", "user__email")
        .order_by("unit_id", "user__email")
    ):
        out.setdefault(unit_id, [])
        if email not in out[unit_id]:
            out[unit_id].append(email)
    return out


@transaction.atomic
def reminders_send(
    *, actor: Actor, root: Unit, year: int, topic: str, today: dt.date | None = None
) -> int:
    """E-mail the admins and editors of each unit below ``root`` that is behind on ``topic``
    (a "behind on …" key), at most once per unit, topic and day; returns the units reminded."""
    labels = dict(behind_choices())
    if topic not in labels:
        raise ValidationError(_("Choose what the units are behind on."))
    day = today or timezone.localdate()
    key = f"{year}:{topic}:{day.isoformat()}"
    behind = [
        row
        for row in subtree_overview(root, year, today=day).rows
        if row.level > 0 and topic in row.behind
    ]
    done = set(
        RollupMail.objects.filter(
            kind=RollupMail.Kind.REMINDER, key=key, unit__in=[r.unit.pk for r in behind]
        ).values_list("unit_id", flat=True)
    )
    recipients = _recipients([row.unit.pk for row in behind])
    sent = 0
    with translation.override("th"):
        for row in behind:
            addresses = recipients.get(row.unit.pk, [])
            if row.unit.pk in done or not addresses:
                continue
            url = (
                reverse("scoring:dashboard", kwargs={"slug": row.unit.slug, "year": year})
                if row.assessment
                else reverse("assessments:unit_home", kwargs={"slug": row.unit.slug})
            )
            context = {
                "unit": row.unit,
                "root": root,
                "year": year,
                "topic": labels[topic],
                "row": row,
                "url": absolute_url(url),
            }
            subject = " ".join(render_to_string("rollup/reminder_subject.txt", context).split())
            body = render_to_string("rollup/reminder_email.txt", context)
            for address in addresses:
                mail_queue(
                    kind="mail.message",
                    to=[address],
                    params={"subject": subject, "body": body},
                    unit_id=row.unit.pk,
                )
            RollupMail.objects.create(kind=RollupMail.Kind.REMINDER, unit=row.unit, key=key)
            sent += 1
    audit_record(
        actor=actor,
        action="rollup.reminders_send",
        obj=root,
        unit_id=root.pk,
        changes={"year": year, "topic": topic, "units": sent},
    )
    return sent


# ---- the weekly digest ---------------------------------------------------------------------
def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@transaction.atomic
def digest_opt_out_set(*, actor: Actor, user: Any, opted_out: bool) -> None:
    """Stop (or restart) the weekly digest for ``user``."""
    if opted_out:
        _row, created = DigestOptOut.objects.get_or_create(user=user)
    else:
        created = DigestOptOut.objects.filter(user=user).delete()[0] > 0
    if created:
        audit_record(
            actor=actor,
            action="rollup.digest_opt_out" if opted_out else "rollup.digest_opt_in",
            object_type="auth.user",
            object_id=str(user.pk),
            object_repr=user.get_username(),
        )


def digests_send(*, year: int, today: dt.date | None = None, actor: Actor = "rollup_digest") -> int:
    """Queue this week's digest for every viewer of a unit with units below (not opted out, with
    an address); a viewer already sent this week's is skipped. Returns the digests queued."""
    day = today or timezone.localdate()
    week = iso_week(day)
    with_children = set(
        Unit.objects.filter(is_active=True, children__is_active=True).values_list("pk", flat=True)
    )
    memberships = (
        Membership.objects.filter(role=Role.VIEWER, unit_id__in=with_children, user__is_active=True)
        .exclude(user__email="")
        .exclude(user__rollup_digest_opt_out__isnull=False)
        .select_related("user", "unit")
        .order_by("unit__path", "user__username")
    )
    sent = 0
    overviews: dict[Any, Any] = {}
    for membership in memberships:
        unit, user = membership.unit, membership.user
        if unit.pk not in overviews:
            overviews[unit.pk] = subtree_overview(unit, year, today=day)
        data = overviews[unit.pk]
        counts = [
            (label, sum(1 for row in data.rows if key in row.behind))
            for key, label in behind_choices()
        ]
        with translation.override("th"):
            context = {
                "unit": unit,
                "user": user,
                "year": year,
                "week": week,
                "totals": data.totals,
                "behind": [(label, n) for label, n in counts if n],
                "url": absolute_url(
                    reverse("rollup:overview", kwargs={"slug": unit.slug, "year": year})
                ),
            }
            subject = " ".join(render_to_string("rollup/digest_subject.txt", context).split())
            body = render_to_string("rollup/digest_email.txt", context)
        try:
            with transaction.atomic():
                RollupMail.objects.create(
                    kind=RollupMail.Kind.DIGEST, unit=unit, user=user, key=week
                )
                mail_queue(
                    kind="mail.message",
                    to=[user.email],
                    params={"subject": subject, "body": body},
                    unit_id=unit.pk,
                )
                audit_record(
                    actor=actor,
                    action="rollup.digest_send",
                    obj=unit,
                    unit_id=unit.pk,
                    changes={"user": user.get_username(), "week": week},
                )
        except IntegrityError:
            continue  # this week's digest was already sent (here or by another worker)
        sent += 1
    return sent


# ---- the stored figures (UnitFigures) ------------------------------------------------------
# Seconds a requested refresh waits in the database queue (changes arriving meanwhile join it);
# pages compute the figures of an assessment with a pending refresh themselves.
REFRESH_DELAY = 20
REBUILD_BATCH = 500

_REQUEST_SQL = (
    "INSERT INTO rollup_figuresrefreshrequest (assessment_id, requested_at) "
    "SELECT id, %s FROM assessments_assessment WHERE {where} "
    "ON CONFLICT DO NOTHING"
)
assert FiguresRefreshRequest._meta.db_table == "rollup_figuresrefreshrequest"
assert Assessment._meta.db_table == "assessments_assessment"


def figures_schedule(*, assessment_id: Any = None, unit_id: Any = None) -> bool:
    """An input of an assessment's figures changed (of one assessment, or of every assessment
    of a unit): ask for a refresh in the current transaction. One pending request, and one
    queued task, per assessment; False when nothing new was requested.

    With a task worker the task runs ``REFRESH_DELAY`` seconds later (changes meanwhile join
    it); with tasks run at once (the demo, development) it runs after this commit, at most once
    per ``REFRESH_DELAY`` (the request waits for the first change after that). Either way pages
    compute the figures of an assessment with a pending request themselves."""
    if (assessment_id is None) == (unit_id is None):
        raise TypeError("give assessment_id or unit_id")
    now = timezone.now()
    when = UnitFigures._meta.get_field("computed_at").get_db_prep_value(now, connection)
    if assessment_id is not None:
        column, value = "id", assessment_id
        mine: dict[str, Any] = {"assessment_id": assessment_id}
    else:
        column, value = "unit_id", unit_id
        mine = {"unit_id": unit_id}
    prepared = Assessment._meta.get_field("id").get_db_prep_value(value, connection)
    with connection.cursor() as cursor:
        cursor.execute(_REQUEST_SQL.format(where=f"{column} = %s"), [when, prepared])
        created = cursor.rowcount > 0
    from .tasks import refresh_figures

    if refresh_figures.get_backend().supports_defer:
        if created:
            run_after = now + dt.timedelta(seconds=REFRESH_DELAY)
            refresh_figures.using(run_after=run_after).enqueue()
        return created
    since = now - dt.timedelta(seconds=REFRESH_DELAY)
    if created:
        if UnitFigures.objects.filter(**mine, computed_at__gt=since).exists():
            return True
    else:
        waiting = FiguresRefreshRequest.objects.filter(requested_at__lte=since)
        if assessment_id is not None:
            waiting = waiting.filter(assessment_id=assessment_id)
        else:
            waiting = waiting.filter(assessment__unit_id=unit_id)
        if not waiting.exists():
            return False
    transaction.on_commit(lambda: refresh_figures.enqueue())
    return created


def _store(assessments: list[Assessment], *, day: dt.date) -> int:
    frameworks = {
        f.pk: f for f in Framework.objects.filter(pk__in={a.framework_id for a in assessments})
    }
    for assessment in assessments:
        assessment.framework = frameworks[assessment.framework_id]
    computed = figures_compute(assessments, today=day)
    now = timezone.now()
    UnitFigures.objects.bulk_create(
        [
            UnitFigures(
                assessment_id=a.pk,
                unit_id=a.unit_id,
                year=a.year,
                day=day,
                computed_at=now,
                figures=computed[a.pk],
            )
            for a in assessments
        ],
        update_conflicts=True,
        unique_fields=["assessment"],
        update_fields=["unit", "year", "day", "computed_at", "figures"],
    )
    return len(assessments)


def figures_refresh_requested(*, today: dt.date | None = None) -> int:
    """The task's work: take the pending requests (a change after this asks again), compute
    their figures and store them; returns how many were refreshed."""
    day = today or timezone.localdate()
    refreshed = 0
    while True:
        with transaction.atomic():
            ids = list(
                FiguresRefreshRequest.objects.order_by("requested_at").values_list(
                    "assessment_id", flat=True
                )[:REBUILD_BATCH]
            )
            if not ids:
                return refreshed
            FiguresRefreshRequest.objects.filter(assessment_id__in=ids).delete()
        with transaction.atomic():
            refreshed += _store(
                list(Assessment.objects.filter(pk__in=ids).only(*ASSESSMENT_FIELDS)), day=day
            )


def figures_rebuild(*, year: int | None = None, today: dt.date | None = None) -> int:
    """Compute and store the figures of every assessment (of ``year``), in batches: after a
    bulk load, and every night (figures that depend on the day: overdue rows, signals).
    Running it twice stores the same figures."""
    day = today or timezone.localdate()
    query = Assessment.objects.only(*ASSESSMENT_FIELDS).order_by("pk")
    if year is not None:
        query = query.filter(year=year)
    ids = list(query.values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = ids[start : start + REBUILD_BATCH]
        with transaction.atomic():
            # A batch's pending requests are taken before its figures are computed, as the
            # refresh task does: a change after this asks again and is refreshed later. (Taken
            # at the end, by time, a change to an assessment that already had a request — the
            # insert kept the older row — was dropped with it while the rebuild went on.)
            FiguresRefreshRequest.objects.filter(assessment_id__in=batch).delete()
            done += _store(list(query.filter(pk__in=batch)), day=day)
    return done
