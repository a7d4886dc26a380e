"""The month's procurements as an OCDS 1.1 release package (Open Contracting Data Standard), one
release per procurement, its latest state: planning (budget), tender (method, reference price,
tenderers), award (selected supplier, agreed price), contract (number, date), and the offers in
the bid extension. Validated against the OCDS schema in the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.site import absolute_url, site_base
from prongsai.documents.registry import DocumentError
from prongsai.organizations.models import Unit

from .models import Category, Method, Stage
from .months import month_period
from .summaries import MonthlySummary, Row

OCDS_VERSION = "1.1"
OCID_PREFIX = "ocds-prongsai"
BID_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
    "v1.1.5/extension.json"
)
_METHOD = {
    Method.E_BIDDING.value: "open",
    Method.E_MARKET.value: "open",
    Method.SELECTION.value: "selective",
    Method.SPECIFIC.value: "limited",
}
_CATEGORY = {
    Category.GOODS.value: "goods",
    Category.WORKS.value: "works",
    Category.SERVICES.value: "services",
}
_TAG = {
    Stage.PLANNED.value: "planning",
    Stage.IN_PROGRESS.value: "tender",
    Stage.NOT_SIGNED.value: "award",
    Stage.IN_CONTRACT.value: "contract",
    Stage.COMPLETED.value: "contract",
    Stage.CANCELLED.value: "tenderCancellation",
}
_TENDER_STATUS = {
    Stage.PLANNED.value: "planned",
    Stage.IN_PROGRESS.value: "active",
    Stage.NOT_SIGNED.value: "complete",
    Stage.IN_CONTRACT.value: "complete",
    Stage.COMPLETED.value: "complete",
    Stage.CANCELLED.value: "cancelled",
}


def _when(day: dt.date | None, fallback: dt.datetime) -> str:
    if day is None:
        return timezone.localtime(fallback).isoformat(timespec="seconds")
    moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone.get_current_timezone())
    return moment.isoformat(timespec="seconds")


def _value(amount: Decimal | None) -> dict[str, Any] | None:
    return None if amount is None else {"amount": float(amount), "currency": "THB"}


def _party_id(name: str) -> str:
    return "TH-NAME-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def _release(unit: Unit, row: Row) -> dict[str, Any]:
    r = row.record
    ocid = f"{OCID_PREFIX}-{r.pk}"
    buyer = {"id": f"TH-UNIT-{unit.slug}", "name": unit.name_th}
    parties: dict[str, dict[str, Any]] = {
        buyer["id"]: {**buyer, "roles": ["buyer", "procuringEntity"]}
    }
    tenderers = []
    for name, _amount in row.bids:
        party = parties.setdefault(
            _party_id(name), {"id": _party_id(name), "name": name, "roles": []}
        )
        if "tenderer" not in party["roles"]:
            party["roles"].append("tenderer")
        tenderers.append({"id": party["id"], "name": name})
    release: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{int(r.updated_at.timestamp())}",
        "date": timezone.localtime(r.updated_at).isoformat(timespec="seconds"),
        "tag": [_TAG.get(r.stage, "tender")],
        "initiationType": "tender",
        "language": "th",
        "buyer": buyer,
        "planning": {
            "budget": {"description": r.budget_source or "", "amount": _value(r.budget)},
        },
        "tender": {
            "id": r.egp_number or str(r.pk),
            "title": r.title,
            "status": _TENDER_STATUS.get(r.stage, "active"),
            "procuringEntity": buyer,
            "procurementMethod": _METHOD.get(r.method, "open"),
            "procurementMethodDetails": row.method_th,
            "mainProcurementCategory": _CATEGORY.get(r.category, "goods"),
            "tenderers": tenderers,
            "numberOfTenderers": len(tenderers),
        },
        "bids": {
            "details": [
                {
                    "id": f"{r.pk}-bid-{n}",
                    "status": "valid",
                    "tenderers": [{"id": _party_id(name), "name": name}],
                    "value": _value(amount),
                }
                for n, (name, amount) in enumerate(row.bids, start=1)
            ]
        },
    }
    if r.reference_price is not None:
        release["tender"]["value"] = _value(r.reference_price)
    if r.supplier:
        supplier_id = _party_id(r.supplier)
        party = parties.setdefault(
            supplier_id, {"id": supplier_id, "name": r.supplier, "roles": []}
        )
        party["roles"].append("supplier")
        award: dict[str, Any] = {
            "id": f"{r.pk}-award",
            "status": "cancelled" if r.stage == Stage.CANCELLED else "active",
            "suppliers": [{"id": supplier_id, "name": r.supplier}],
        }
        if r.reason:
            award["description"] = r.reason
        if r.agreed_price is not None:
            award["value"] = _value(r.agreed_price)
        if r.result_announced:
            award["date"] = _when(r.result_announced, r.updated_at)
        release["awards"] = [award]
        if r.contract_number:
            contract: dict[str, Any] = {
                "id": r.contract_number,
                "awardID": award["id"],
                "title": r.title,
                "status": "terminated" if r.stage == Stage.COMPLETED else "active",
            }
            if r.agreed_price is not None:
                contract["value"] = _value(r.agreed_price)
            if r.contract_date:
                contract["dateSigned"] = _when(r.contract_date, r.updated_at)
            release["contracts"] = [contract]
    release["parties"] = list(parties.values())
    return release


def release_package(unit: Unit, summary: MonthlySummary) -> dict[str, Any]:
    if summary.empty:
        raise DocumentError(
            _("There is no procurement this month: an OCDS package needs at least one release.")
        )
    path = reverse(
        "publications:file",
        kwargs={
            "slug": unit.slug,
            "year": summary.year,
            "series": "procurement-ocds",
            "period": month_period(summary.month),
            "fmt": "json",
        },
    )
    return {
        "uri": absolute_url(path),
        "version": OCDS_VERSION,
        "extensions": [BID_EXTENSION],
        "publishedDate": timezone.localtime().isoformat(timespec="seconds"),
        "publisher": {"name": unit.name_th, "uri": site_base() or absolute_url("/")},
        "releases": [_release(unit, row) for row in summary.rows],
    }


def release_package_bytes(unit: Unit, summary: MonthlySummary) -> bytes:
    return json.dumps(release_package(unit, summary), ensure_ascii=False, indent=1).encode()
