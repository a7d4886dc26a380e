"""Procurement as a kind of the records registry (``prongsai.records.kinds``), so that
``records_import --kind procurement`` and ``records_export --kind procurement`` handle it: the same
import as the page (``importing``) and one JSON object per procurement with the stable field
names of the published JSON (README, "Procurement (O13, O14)")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Unit
from prongsai.records.kinds import ImportResult, Problem, register_record_kind
from prongsai.spreadsheets.headers import FieldSet

from . import selectors
from .importing import FIELDSET, ParseResult, parse_procurement_file, procurement_import
from .months import month_period
from .rendering import record_json
from .summaries import Row

EXPORT_FIELDS = (
    "period",
    "number",
    "title",
    "egp_number",
    "category",
    "budget_source",
    "budget",
    "reference_price",
    "method",
    "method_th",
    "bids",
    "supplier",
    "agreed_price",
    "reason",
    "contract_number",
    "contract_date",
    "stage",
    "stage_th",
    "plan_announced",
    "invitation_announced",
    "result_announced",
)


@dataclass
class ProcurementImportResult(ImportResult):
    parsed: ParseResult | None = None

    @property
    def ok(self) -> bool:  # a file of empty months only is a good file
        return self.parsed is not None and self.parsed.ok


class ProcurementImporter:
    @property
    def fieldset(self) -> FieldSet:
        return FIELDSET

    def parse(
        self,
        *,
        unit: Unit,
        year: int,
        data: bytes,
        name: str = "",
        chosen: Mapping[str, str] | None = None,
    ) -> ImportResult:
        parsed = parse_procurement_file(unit, year, data, name=name, chosen=chosen)
        return ProcurementImportResult(
            kind="procurement",
            rows=list(parsed.drafts),
            problems=[Problem(p.where, p.row, p.column, p.message) for p in parsed.problems],
            columns=parsed.columns,
            file_kind=parsed.kind,
            parsed=parsed,
        )

    def save(
        self,
        *,
        actor: Any,
        unit: Unit,
        year: int,
        result: ImportResult,
        source_name: str = "",
        source_bytes: bytes = b"",
    ) -> int:
        parsed = getattr(result, "parsed", None)
        assert isinstance(parsed, ParseResult)
        made = procurement_import(
            actor=actor,
            unit=unit,
            year=year,
            result=parsed,
            source_name=source_name,
            source_bytes=source_bytes,
        )
        return len(made)


def export(unit: Unit, year: int) -> list[dict[str, Any]]:
    out = []
    numbers: dict[Any, int] = {}
    for record in selectors.procurements(unit, year):
        numbers[record.month] = numbers.get(record.month, 0) + 1
        row = Row(
            number=numbers[record.month],
            record=record,
            bids=[(b.bidder, b.amount) for b in record.bids.all()],
        )
        out.append({"period": month_period(record.month), **record_json(row)})
    return [{key: item[key] for key in EXPORT_FIELDS} for item in out]


AMOUNT_FIELDS = ("budget", "reference_price", "agreed_price")
CENT = Decimal("0.01")


def _amount(value: Any) -> Decimal | None:
    """The JSON's float amount (at most 15 digits, exact in a float) back as baht and satang."""
    return None if value is None else Decimal(repr(value)).quantize(CENT)


def export_table(records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """CSV/XLSX: the export's fields with ``bids`` as ``bid_1_bidder``, ``bid_1_amount``, …
    (as many pairs as the most bids of a procurement, at least one); amounts as decimals."""
    most = max([1, *(len(r["bids"]) for r in records)])
    at = EXPORT_FIELDS.index("bids")
    pairs = [f"bid_{i}_{part}" for i in range(1, most + 1) for part in ("bidder", "amount")]
    header = [*EXPORT_FIELDS[:at], *pairs, *EXPORT_FIELDS[at + 1 :]]
    rows = []
    for r in records:
        values = [_amount(r[k]) if k in AMOUNT_FIELDS else r[k] for k in EXPORT_FIELDS]
        bids: list[Any] = []
        for bid in r["bids"]:
            bids += [bid["bidder"], _amount(bid["amount"])]
        bids += [None] * (2 * most - len(bids))
        rows.append([*values[:at], *bids, *values[at + 1 :]])
    return header, rows


def register() -> None:
    register_record_kind(
        "procurement",
        importer=ProcurementImporter(),
        exporter=export,
        fields=EXPORT_FIELDS,
        title=_("Procurement"),
        table=export_table,
    )
