"""Existing memberships that break the separation-of-duties rules (duties.py).

Reported by ``manage.py roles_check`` (exits non-zero when anything is found, for cron or CI)
and by the Django system check ``organizations.W001`` when checks run against the database
(``manage.py check --database default``). Nothing is changed: an operator decides which role
goes; meanwhile the access layer already suspends the conflicting evaluator role.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core import checks
from django.db import connection

from prongsai.core.models import AuditEntry

from . import duties, selectors
from .models import Membership


def membership_problems() -> list[str]:
    """One line per problem: ``<user>: <role> @ <unit> …``."""
    rows = list(
        Membership.objects.values_list("pk", "user_id", "user__username", "role", "unit__path")
    )
    slug_of = {path: path.rstrip("/").rsplit("/", 1)[-1] for *_, path in rows}
    problems: list[str] = []
    by_user: dict[int, list[duties.Held]] = defaultdict(list)
    names: dict[int, str] = {}
    for _pk, user_id, username, role, path in rows:
        by_user[user_id].append(duties.Held(role, path))
        names[user_id] = username
    for user_id, holdings in by_user.items():
        for a, b in duties.conflicting_pairs(holdings):
            first, second = (a, b) if duties.suspends(a.role, b.role) else (b, a)
            problems.append(
                f"{names[user_id]}: {first.role} @ {slug_of[first.unit_path]} together with "
                f"{second.role} @ {slug_of[second.unit_path]} (separation of duties)"
            )
    problems += _grant_problems(rows, slug_of)
    return problems


def _grant_problems(rows: Iterable[tuple[Any, ...]], slug_of: dict[str, str]) -> list[str]:
    """Memberships whose recorded grant (audit log) came from the person themselves or from
    someone without the authority for that role. Grants that went through a confirmation, and
    those made by the operator's commands, are not second-guessed."""
    by_id = {str(pk): (user_id, username, role, path) for pk, user_id, username, role, path in rows}
    grants = AuditEntry.objects.filter(
        action="membership.grant", object_id__in=list(by_id), actor_id__isnull=False
    ).values_list("object_id", "actor_id", "actor_label", "changes")
    User = get_user_model()
    granters: dict[int, duties.Granter] = {}
    problems = []
    for object_id, actor_id, actor_label, changes in grants:
        assert actor_id is not None
        user_id, username, role, path = by_id[object_id]
        where = f"{username}: {role} @ {slug_of[path]}"
        if actor_id == user_id:
            problems.append(f"{where} granted by {actor_label} themselves")
            continue
        if isinstance(changes, dict) and "requested_by" in changes:
            continue  # confirmed by a head or an admin above: the request was checked then
        if actor_id not in granters:
            actor = User.objects.filter(pk=actor_id).first()
            granters[actor_id] = selectors.granter_of(actor) if actor else duties.Granter()
        decision = duties.decide_grant(
            granter=granters[actor_id], role=role, unit_path=path, is_self=False
        )
        if decision.verdict is duties.Verdict.REFUSED:
            problems.append(f"{where} granted by {actor_label}, who may not grant it")
    return problems


def check_memberships(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Any]:
    if not databases or "default" not in databases:
        return []  # reads the database: only with `manage.py check --database default`
    tables = connection.introspection.table_names()
    if Membership._meta.db_table not in tables or AuditEntry._meta.db_table not in tables:
        return []  # not migrated yet (`migrate` runs the checks first)
    problems = membership_problems()
    if not problems:
        return []
    return [
        checks.Warning(
            f"{len(problems)} membership(s) break the separation-of-duties rules, e.g. "
            f"{problems[0]}",
            hint="Run `manage.py roles_check` for the list and remove the roles that must go.",
            id="organizations.W001",
        )
    ]
