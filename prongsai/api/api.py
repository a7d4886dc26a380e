"""The REST API, version 1 (``/api/v1/``): django-ninja, OpenAPI 3.1 generated from the code.

Every operation answers JSON or, for an error, an RFC 9457 problem (``problems.py``). Each GET
that succeeds carries a strong ETag of its body and answers ``304 Not Modified`` to a matching
``If-None-Match`` (the body is still built: the tag is of what the caller would get).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import BaseRenderer

from prongsai.core.routing import public

from .problems import PROBLEM_TYPE, install_handlers
from .rendering import etag_of, json_bytes


class Renderer(BaseRenderer):
    media_type = "application/json"
    charset = "utf-8"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json_bytes(data)


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags


class ProngsaiApi(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        answer["content"] = {PROBLEM_TYPE: content["application/json"]}
        return schema


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """ETag on a successful GET, 304 when the caller has it already."""
    patch_vary_headers(response, ["Accept-Language", "Authorization"])
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    etag = etag_of(response.content)
    response["ETag"] = etag
    response.setdefault("Cache-Control", "private, no-cache")
    if _matches(request, etag):
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary"):
            not_modified[header] = response[header]
        return not_modified
    return response


api = ProngsaiApi(
    title="Prongsai API",
    version="1",
    description=(
        "What Prongsai holds about each unit's Integrity & Transparency Assessment. "
        "Send a personal API token (account settings, API tokens) as "
        "'Authorization: Bearer <token>'; public operations need none. Errors are RFC 9457 "
        "problem details in Thai or English (Accept-Language)."
    ),
    urls_namespace="api",
    renderer=Renderer(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=public,
)
install_handlers(api)

from .endpoints import add_routers  # noqa: E402  (the routers need ``api``'s handlers first)

add_routers(api)
