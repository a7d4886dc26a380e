"""Requests per token per minute are counted by the product's rate counter: past the limit a
token gets 429 (with Retry-After); another token of the same user is not affected."""

from __future__ import annotations

from typing import Any

from .conftest import Api, Units, token


def test_a_token_past_its_limit_gets_429(units: Units, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    first, second = Api(token(units.people.editor)), Api(token(units.people.editor))
    answers = [first.get("/api/v1/units").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = first.get("/api/v1/units")
    assert refused["Content-Type"] == "application/problem+json" and refused["Retry-After"]
    assert second.get("/api/v1/units").status_code == 200
