"""Errors are RFC 9457 problem details (application/problem+json: type, title, status, detail,
instance), in Thai by default and in English when asked (Accept-Language)."""

from __future__ import annotations

from .conftest import Api, Units, token


def test_a_missing_token_is_explained_in_thai_and_in_english(units: Units) -> None:
    thai = Api(language="th").get("/api/v1/units")
    english = Api(language="en").get("/api/v1/units")
    for response in (thai, english):
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert {"type", "title", "status", "detail", "instance"} <= set(body)
        assert body["status"] == 401 and body["instance"] == "/api/v1/units"
    assert english.json()["title"] == "A valid API token is needed"
    assert thai.json()["title"] != english.json()["title"]
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai.json()["detail"])
    assert thai["Content-Language"] == "th" and english["Content-Language"] == "en"


def test_invalid_parameters_name_the_field(units: Units) -> None:
    client = Api(token(units.people.editor), language="en")
    response = client.get("/api/v1/units?page=0")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["page"]
    body = client.post(
        "/api/v1/units/kalasin-immigration/assessments/2567/oit-items/O1/evidence-links",
        {"title": "a\x00b", "url": "https://example.go.th/"},
    )
    assert body.status_code == 422
    assert [e["field"] for e in body.json()["errors"]] == ["title"]


def test_an_unknown_api_address_is_a_problem_not_a_page(units: Units) -> None:
    response = Api().get("/api/v1/no/such/thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    thai = Api(language="th").get("/api/v1/units/x%2Fy")
    assert thai.status_code in (401, 404)
    assert thai["Content-Type"] == "application/problem+json"
