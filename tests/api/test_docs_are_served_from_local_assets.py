"""/api/v1/openapi.json is an OpenAPI 3.1 document; /api/v1/docs (Swagger UI) loads only our own
static files (no CDN), under the product's CSP without 'unsafe-inline'."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders


def test_the_openapi_document_is_31_with_problem_errors(client: Any, db: None) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    listing = schema["paths"]["/api/v1/units/{slug}/assessments/{year}/oit-items"]["get"]
    assert "application/problem+json" in listing["responses"]["404"]["content"]
    assert "application/json" in listing["responses"]["200"]["content"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_uses_local_assets_under_the_csp(client: Any, db: None) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    assert not re.search(r"<script(?![^>]*\b(?:src|type=\"application/json\"))", html)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
