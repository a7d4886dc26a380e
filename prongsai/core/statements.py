"""Ready-made SQL for the few statements of a hot write path (EIT submissions).

The ORM compiles every query anew: on the survey write path that compiling (~0.3–1 ms of Python
per statement, a dozen statements) was most of the time a submission took, more than the
database's own work (profiled under load, bench/surveys_ladder.py). These helpers build the SQL
text once per model and column set and adapt each value with the model field's own
``get_db_prep_save`` / ``get_db_prep_value``, exactly as the ORM does, so what is stored and
matched is identical.

The ``*_statement`` functions only build (SQL, parameters): a write path builds every statement
before it takes its write lock, and holds the lock only while they run.

They send no signals and run no ``pre_save`` (no ``auto_now``, no field defaults): use them only
for models that rely on neither, and pass every column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection, models


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), name  # a concrete column, not a reverse relation
    return str(connection.ops.quote_name(str(field.column)))


def _table(model: type[models.Model]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


# Table and column names come from the model's metadata, never from input; values are always
# parameters.
@cache
def _insert_sql(model: type[models.Model], names: tuple[str, ...]) -> str:
    columns = ", ".join(_column(model, name) for name in names)
    marks = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {_table(model)} ({columns}) VALUES ({marks})"  # noqa: S608


Statement = tuple[str, list[Any]]  # SQL text with %s placeholders, and its parameters


def execute(statement: Statement) -> int:
    """Run one prepared statement; returns the number of rows it changed."""
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


@dataclass(frozen=True)
class Outcome:
    """What one statement of :func:`execute_all` did: rows changed, and its first row if it
    returned any (``RETURNING``)."""

    rowcount: int
    row: tuple[Any, ...] | None


def execute_all(statements: Sequence[Statement]) -> list[Outcome]:
    """Run ``statements`` in order, inside the caller's transaction. On PostgreSQL they go to the
    server as one round trip (psycopg's pipeline mode, with the transaction's BEGIN): a write
    path's locks on shared rows are then held for one round trip, not one per statement.
    An error (e.g. ``IntegrityError``) stops at the failing statement, as separate calls would."""
    if connection.vendor == "postgresql" and _pipeline_supported():
        return _pipelined(statements)
    outcomes = []
    with connection.cursor() as cursor:
        for text, values in statements:
            cursor.execute(text, values)
            row = cursor.fetchone() if cursor.description else None
            outcomes.append(Outcome(rowcount=int(cursor.rowcount), row=row))
    return outcomes


@cache
def _pipeline_supported() -> bool:
    import psycopg

    return bool(psycopg.Pipeline.is_supported())


def _pipelined(statements: Sequence[Statement]) -> list[Outcome]:
    """psycopg's pipeline mode: the transaction's BEGIN and every statement leave in one
    network write, and their results come back together."""
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    cursors = []
    with connection.wrap_database_errors, raw.pipeline():
        for text, values in statements:
            cursor = psycopg.Cursor(raw)
            cursor.execute(text, values)
            cursors.append(cursor)
    outcomes = []
    with connection.wrap_database_errors:
        for cursor in cursors:
            row = cursor.fetchone() if cursor.description else None
            outcomes.append(Outcome(rowcount=int(cursor.rowcount), row=row))
            cursor.close()
    return outcomes


def insert_statement(model: type[models.Model], values: Mapping[str, Any]) -> Statement:
    """``INSERT`` of one row of ``model`` (field name → value; every column), ready to run."""
    names = tuple(values)
    params = []
    for name in names:
        field = model._meta.get_field(name)
        params.append(field.get_db_prep_save(values[name], connection))  # type: ignore[union-attr]
    return _insert_sql(model, names), params


def insert_row(model: type[models.Model], values: Mapping[str, Any]) -> None:
    """``INSERT`` one row of ``model`` (field name → value; every column). Raises
    ``IntegrityError`` on a unique conflict, as ``Model.objects.create`` does."""
    execute(insert_statement(model, values))


@cache
def _where_sql(model: type[models.Model], names: tuple[str, ...]) -> str:
    return " AND ".join(f"{_column(model, name)} = %s" for name in names)


def _where_params(model: type[models.Model], where: Mapping[str, Any]) -> list[Any]:
    params = []
    for name, value in where.items():
        field = model._meta.get_field(name)
        params.append(field.get_db_prep_value(value, connection))  # type: ignore[union-attr]
    return params


def row_exists(model: type[models.Model], **where: Any) -> bool:
    """``SELECT 1 … WHERE a = %s AND b = %s LIMIT 1`` (``.filter(**where).exists()``)."""
    sql = f"SELECT 1 FROM {_table(model)} WHERE {_where_sql(model, tuple(where))} LIMIT 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, _where_params(model, where))
        return cursor.fetchone() is not None


def increment_statement(model: type[models.Model], column: str, by: int, **where: Any) -> Statement:
    """``UPDATE … SET column = column + by WHERE …``, ready to run
    (``.filter(**where).update(column=F(column) + by)``)."""
    name = _column(model, column)
    sql = (
        f"UPDATE {_table(model)} SET {name} = {name} + %s "  # noqa: S608
        f"WHERE {_where_sql(model, tuple(where))}"
    )
    return sql, [by, *_where_params(model, where)]


def increment(model: type[models.Model], column: str, by: int, **where: Any) -> int:
    """Run :func:`increment_statement`; returns the number of rows updated."""
    return execute(increment_statement(model, column, by, **where))
