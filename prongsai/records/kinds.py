"""The record kinds that ``records_import`` / ``records_export`` (and the import pages) know.

Each kind registers once, from its app's ``AppConfig.ready()``::

    from prongsai.records.kinds import register_record_kind
    register_record_kind("procurement", importer=MyImporter(), exporter=my_export,
                         fields=("number", "title", ...), title=_("Procurement"))

* ``importer`` is a :class:`RecordImporter`: ``parse(unit=, year=, data=, name=, chosen=)`` reads
  and checks the *whole* file and never writes; ``save(actor=, unit=, year=, result=, ...)``
  writes a clean result in one transaction (audited) and returns how many records it wrote.
  Its ``fieldset`` (``prongsai.spreadsheets.headers.FieldSet``) names the columns, for the preview's
  column mapping.
* ``exporter(unit, year)`` returns one dict per record with the kind's stable ``fields`` as keys
  (documented in the README), in that order.
* ``table(records)`` (optional) lays those dicts out as the CSV/XLSX header and rows, for a kind
  whose records hold lists (procurement's bids: one bidder and one offer column per bid) or
  amounts the JSON writes as floats (the table's amounts are ``Decimal``: plain decimals in CSV,
  numeric cells with a number format in XLSX).

A lower app never imports a higher one, so a higher app (procurement) registers its kind here;
the commands dispatch on this registry only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.headers import ColumnMatch, FieldSet


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: its table (sheet), row (the file's number) and column."""

    where: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("%(table)s, row %(row)s, column “%(column)s”: %(message)s") % {
                "table": self.where,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("%(table)s, row %(row)s: %(message)s") % {
                "table": self.where,
                "row": self.row,
                "message": self.message,
            }
        if self.where:
            return f"{self.where}: {self.message}"
        return self.message


@dataclass
class ImportResult:
    """What a file holds, read and checked; ``rows`` are the kind's own drafts."""

    kind: str
    rows: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    columns: list[ColumnMatch] = field(default_factory=list)  # header columns, as read
    file_kind: str = ""  # "xlsx" | "csv" | "docx"

    @property
    def needs_mapping(self) -> bool:
        return any(c.needs_choice for c in self.columns)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows) and not self.needs_mapping


class RecordImporter(Protocol):
    @property
    def fieldset(self) -> FieldSet: ...

    def parse(
        self,
        *,
        unit: Unit,
        year: int,
        data: bytes,
        name: str = "",
        chosen: Mapping[str, str] | None = None,
    ) -> ImportResult: ...

    def save(
        self,
        *,
        actor: Actor,
        unit: Unit,
        year: int,
        result: ImportResult,
        source_name: str = "",
        source_bytes: bytes = b"",
    ) -> int: ...


Exporter = Callable[[Unit, int], list[dict[str, Any]]]
Table = Callable[[list[dict[str, Any]]], tuple[list[str], list[list[Any]]]]


@dataclass(frozen=True)
class RecordKind:
    name: str  # "operations", "statistics", "budget", "fund", "procurement"
    importer: RecordImporter
    exporter: Exporter
    fields: tuple[str, ...]  # the export's stable field names, in order
    title: str | Promise = ""
    preview: Callable[[ImportResult], list[list[str]]] | None = None  # rows for the preview
    table: Table | None = None  # CSV/XLSX layout of the records (default: one column a field)


_KINDS: dict[str, RecordKind] = {}


def register_record_kind(
    name: str,
    importer: RecordImporter,
    exporter: Exporter,
    *,
    fields: Sequence[str],
    title: str | Promise = "",
    preview: Callable[[ImportResult], list[list[str]]] | None = None,
    table: Table | None = None,
) -> RecordKind:
    """Register (or, on a second ``ready()``, replace) the record kind ``name``."""
    kind = RecordKind(
        name=name,
        importer=importer,
        exporter=exporter,
        fields=tuple(fields),
        title=title or name,
        preview=preview,
        table=table,
    )
    _KINDS[name] = kind
    return kind


def record_kind(name: str) -> RecordKind:
    """The kind called ``name``; KeyError when nobody registered it."""
    return _KINDS[name]


def record_kinds() -> list[RecordKind]:
    return list(_KINDS.values())
