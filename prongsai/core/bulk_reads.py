"""Reading millions of small rows fast (national rescoring).

Django's row converters and UUID objects cost more than the database itself when a query returns
millions of tiny rows; these helpers read the same queryset's SQL straight from the cursor and
carry UUID columns as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast


def raw_rows(queryset: QuerySet[Any]) -> Iterator[tuple[Any, ...]]:
    """The queryset's rows straight from the database cursor: no model instances and no
    per-value converters (which dominate when millions of small rows are read)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20_000):
            yield from rows


def id_text(field: str) -> Cast:
    """A UUID column as text, so rows carry plain strings instead of UUID objects."""
    return Cast(field, output_field=CharField())


def id_lookup(ids: Iterable[Any]) -> dict[str, Any]:
    """Text forms of UUIDs as databases spell them (PostgreSQL: dashed, SQLite: hex) → UUID."""
    out: dict[str, Any] = {}
    for value in ids:
        out[str(value)] = value
        out[value.hex] = value
    return out
