"""The records endpoints list every registered record kind with its stable fields and give each
kind's rows exactly as the kind's exporter (``records_export``) writes them; an unknown kind is
a 404 problem."""

from __future__ import annotations

from prongsai.records.kinds import record_kind, record_kinds

from .conftest import Api, Units, token


def test_every_kind_is_listed_and_read_as_its_exporter_writes_it(units: Units) -> None:
    client = Api(token(units.people.viewer))
    index = client.get("/api/v1/units/kalasin-immigration/records/2567")
    assert index.status_code == 200
    kinds = {k["kind"]: k for k in index.json()}
    assert set(kinds) == {k.name for k in record_kinds()}
    for name, listed in kinds.items():
        kind = record_kind(name)
        assert listed["fields"] == list(kind.fields)
        rows = client.get(f"/api/v1/units/kalasin-immigration/records/2567/{name}").json()
        assert rows["fields"] == list(kind.fields)
        assert len(rows["rows"]) == listed["count"] == len(kind.exporter(units.tree.unit, 2567))
    missing = client.get("/api/v1/units/kalasin-immigration/records/2567/no_such_kind")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
