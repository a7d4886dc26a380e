"""Ready-made SQL for the few statements of a hot write path (EIT submissions).

The ORM compiles every query anew: on the survey write path that compiling (~0.3–1 ms of Python
per statement, a dozen statements) was most of the time a submission took, more than the
database's own work (profiled under load, bench/surveys_ladder.py). These helpers build the SQL
text once per model and column set and adapt each value with the model field's own
``get_db_prep_save`` / ``get_db_prep_value``, exactly as the ORM does, so what is stored and
matched is identical.

They send no signals and run no ``pre_save`` (no ``auto_now``, no field defaults): use them only
for models that rely on neither, and pass every column.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def insert_row(model: type[models.Model], values: Mapping[str, Any]) -> None:
    """``INSERT`` one row of ``model`` (field name → value; every column). Raises
    ``IntegrityError`` on a unique conflict, as ``Model.objects.create`` does."""
    names = tuple(values)
    fields = [model._meta.get_field(name) for name in names]
    params = [
        field.get_db_prep_save(values[field.name], connection)  # type: ignore[union-attr]
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, names), params)


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


def increment(model: type[models.Model], column: str, by: int, **where: Any) -> int:
    """``UPDATE … SET column = column + by WHERE …``; returns the number of rows updated
    (``.filter(**where).update(column=F(column) + by)``)."""
    name = _column(model, column)
    sql = (
        f"UPDATE {_table(model)} SET {name} = {name} + %s "  # noqa: S608
        f"WHERE {_where_sql(model, tuple(where))}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [by, *_where_params(model, where)])
        return int(cursor.rowcount)
