"""The dataset metadata of data.go.th's CKAN schema (its field names and Thai labels), with the
defaults every series gets: from the series itself (``Series.metadata``, its title, cadence and
formats) and from the unit. A unit may change any value (``DatasetMetadata``)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Unit
from prongsai.publications.registry import FORMATS, Series


@dataclass(frozen=True)
class CkanField:
    key: str
    label: Any  # lazy; Thai in the catalogue
    multiline: bool = False
    editable: bool = True


# data.go.th's CKAN dataset schema, in its order.
FIELDS: tuple[CkanField, ...] = (
    CkanField("data_type", _("Data type")),
    CkanField("title", _("Dataset title")),
    CkanField("owner_org", _("Owning organisation")),
    CkanField("maintainer", _("Maintainer")),
    CkanField("maintainer_email", _("Maintainer e-mail")),
    CkanField("notes", _("Description"), multiline=True),
    CkanField("tags", _("Keywords (comma separated)")),
    CkanField("objective", _("Objective")),
    CkanField("update_frequency", _("Update frequency")),
    CkanField("geo_coverage", _("Geographic coverage")),
    CkanField("data_source", _("Data source")),
    CkanField("data_format", _("Data format")),
    CkanField("data_category", _("Data category")),
    CkanField("license_id", _("Licence")),
    CkanField("created", _("Created"), editable=False),
    CkanField("last_updated", _("Last updated"), editable=False),
)
EDITABLE = tuple(f.key for f in FIELDS if f.editable)

FREQUENCY_TH = {"month": "รายเดือน", "quarter": "รายไตรมาส", "half": "รายครึ่งปี", "year": "รายปี"}
# EU "Frequency" authority table (the DCAT-AP value of dct:accrualPeriodicity).
FREQUENCY_EU = {
    "month": "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
    "quarter": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY",
    "half": "http://publications.europa.eu/resource/authority/frequency/ANNUAL_2",
    "year": "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
}
LICENCE_TH = "Open Data Common"
LICENCE_URI = "https://opendefinition.org/licenses/odc-by/"
NAMESPACE = uuid.UUID("5b0b6a0e-3c55-4d5a-9f54-7d1f3b0c2a41")  # dataset ids: uuid5 of unit + series


def dataset_id(unit_id: Any, series: str) -> str:
    """A stable dataset id (CKAN uses UUIDs): the same unit and series always give the same."""
    return str(uuid.uuid5(NAMESPACE, f"{unit_id}:{series}"))


def defaults(unit: Unit, series: Series) -> dict[str, str]:
    formats = ", ".join(FORMATS[f][1].split(" ")[0] for f in series.formats)
    item = f" ({series.item_code})" if series.item_code else ""
    values = {
        "data_type": "ข้อมูลระเบียน",
        "title": f"{series.title} {unit.name_th}",
        "owner_org": unit.name_th,
        "maintainer": unit.name_th,
        "maintainer_email": unit.email,
        "notes": f"{series.title}{item} ของ{unit.name_th} จัดทำและเผยแพร่จากระบบโดยตรง",
        "tags": ", ".join(t for t in ("ITA", series.item_code, str(series.title)) if t),
        "objective": "เพื่อเปิดเผยข้อมูลต่อสาธารณะตามการประเมินคุณธรรมและความโปร่งใส (ITA)",
        "update_frequency": FREQUENCY_TH.get(series.cadence, ""),
        "geo_coverage": "จังหวัด",
        "data_source": unit.name_th,
        "data_format": formats,
        "data_category": "ข้อมูลสาธารณะ",
        "license_id": LICENCE_TH,
    }
    values.update({k: str(v) for k, v in dict(series.metadata).items() if k in EDITABLE})
    return values


def merged(unit: Unit, series: Series, own: Mapping[str, Any] | None) -> dict[str, str]:
    values = defaults(unit, series)
    values.update({k: str(v) for k, v in (own or {}).items() if k in EDITABLE and str(v).strip()})
    return values


def tags_of(values: Mapping[str, str]) -> list[str]:
    return [t.strip() for t in values.get("tags", "").split(",") if t.strip()]
