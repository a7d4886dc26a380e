"""The OCDS release package validates against the OCDS 1.1.5 schema shipped in ``ocds/`` (no
network at test time)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from prongsai.procurement.models import Stage
from prongsai.procurement.ocds import release_package
from prongsai.procurement.summaries import monthly_summary

from .helpers import record

SCHEMAS = Path(__file__).parent / "ocds"


def _validator() -> jsonschema.Draft4Validator:
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry: Registry = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4)
    )
    return jsonschema.Draft4Validator(
        package, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


@pytest.mark.django_db
def test_the_ocds_export_validates(tree: Any) -> None:
    march = dt.date(2024, 3, 1)
    record(tree.unit, month=march)
    record(
        tree.unit,
        month=march,
        title="ยังไม่ได้ทำสัญญา",
        supplier="",
        agreed_price=None,
        contract_number="",
        contract_date=None,
        stage=Stage.IN_PROGRESS,
        reference_price=None,
        bids=[],
    )
    record(tree.unit, month=march, title="ยกเลิก", stage=Stage.CANCELLED, method="e_bidding")
    package = release_package(tree.unit, monthly_summary(tree.unit, 2567, march))
    errors = sorted(_validator().iter_errors(package), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    first = package["releases"][0]
    assert first["tag"] == ["contract"]
    assert first["tender"]["procurementMethod"] == "limited"
    assert first["awards"][0]["value"] == {"amount": 24000.0, "currency": "THB"}
    assert first["contracts"][0]["dateSigned"].startswith("2024-03-15")
    assert [b["value"]["amount"] for b in first["bids"]["details"]] == [24000.0, 24800.0]
    assert package["releases"][1]["tag"] == ["tender"]
    assert package["releases"][2]["tag"] == ["tenderCancellation"]
