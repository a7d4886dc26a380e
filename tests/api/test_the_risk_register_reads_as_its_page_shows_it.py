"""The risk register through the API: a unit member reads its processes, events with their
level, treatments and follow-ups with residual ratings (as the register page shows them),
filtered by risk type or level; unit B's register is 404 for unit A's token."""

from __future__ import annotations

from ..risks.helpers import IMMIGRATION_PROCESSES, add_followup, first_treatment, open_register
from .conftest import Api, Units, base, token


def test_a_viewer_reads_the_register_with_levels_and_follow_ups(units: Units) -> None:
    register = open_register(units.a)
    open_register(units.b)
    treatment = first_treatment(register)
    add_followup(treatment)
    client = Api(token(units.people.viewer))
    page = client.get(f"{base(units)}/risks").json()
    assert [p["name"] for p in page["results"]][:2] == IMMIGRATION_PROCESSES
    assert page["scheme"] and page["count"] == len(page["results"])
    events = [e for p in page["results"] for e in p["events"]]
    first = events[0]
    assert first["number"] == "1.1"
    assert first["level"]["score"] == first["likelihood"] * first["impact"]
    followed = next(t for e in events for t in e["treatments"] if t["id"] == str(treatment.pk))
    assert followed["followups"][0]["residual_impact"] == 4
    assert followed["followups"][0]["round"] == 6
    band = first["level"]["band"]
    only = client.get(f"{base(units)}/risks?level={band}").json()
    assert {e["level"]["band"] for p in only["results"] for e in p["events"]} == {band}
    kind = first["risk_type"]
    typed = client.get(f"{base(units)}/risks?risk_type={kind}").json()
    assert {e["risk_type"] for p in typed["results"] for e in p["events"]} == {kind}
    assert client.get(f"{base(units)}/risks?risk_type=nonsense").status_code == 422
    editor = Api(token(units.people.editor))  # a role in unit A only
    assert editor.get(f"{base(units, 'b')}/risks").status_code == 404


def test_a_year_without_a_register_is_an_empty_page(units: Units) -> None:
    page = Api(token(units.people.viewer)).get(f"{base(units)}/risks").json()
    assert (page["count"], page["scheme"], page["results"]) == (0, None, [])
