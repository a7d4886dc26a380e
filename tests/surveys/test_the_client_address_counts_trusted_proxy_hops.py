"""Behind ``BEHIND_PROXY`` = N reverse proxies, the client address of every rate limit and
log-in lock-out is the N-th ``X-Forwarded-For`` entry from the right: what the client wrote
further left is not believed, and two clients behind the same proxies are told apart."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from prongsai.core.client_address import client_address

from .conftest import eit_fields, eit_url

PROXY_1, PROXY_2 = "10.0.0.2", "10.0.0.3"  # PROXY_2 talks to the app server


def _request(forwarded: str | None) -> Any:
    extra: dict[str, Any] = {"REMOTE_ADDR": PROXY_2}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.5", PROXY_2),  # no proxy: the header is the client's own
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),
        (2, f"198.51.100.9, 203.0.113.5, {PROXY_1}", "203.0.113.5"),  # the left one is spoofed
        (2, "203.0.113.5", PROXY_2),  # fewer entries than proxies: not through them
        (2, None, PROXY_2),
        (1, " , 203.0.113.5 ,", "203.0.113.5"),
    ],
)
def test_the_address_is_n_entries_from_the_right(
    settings: Any, hops: int, forwarded: str | None, expected: str
) -> None:
    settings.BEHIND_PROXY = hops
    assert client_address(_request(forwarded)) == expected


def test_two_clients_behind_two_proxies_have_their_own_eit_limit(settings: Any, eit: Any) -> None:
    settings.BEHIND_PROXY = 2
    settings.SURVEY_RATE_LIMIT_PER_MINUTE = 2

    def post(client_ip: str, spoofed: str) -> int:
        return int(
            Client()
            .post(  # a new device each time (one answer per device)
                eit_url(eit),
                eit_fields(eit),
                REMOTE_ADDR=PROXY_2,
                HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_ip}, {PROXY_1}",
            )
            .status_code
        )

    assert [post("203.0.113.5", f"192.0.2.{n}") for n in range(3)] == [200, 200, 429]
    assert post("203.0.113.6", "192.0.2.1") == 200  # another client, same proxies


def test_the_access_log_names_the_client_not_the_proxy(settings: Any) -> None:
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config

    from config.gunicorn_logging import AnonymousSurveyLogger

    settings.BEHIND_PROXY = 2
    logger = AnonymousSurveyLogger(Config())
    environ = {
        "REMOTE_ADDR": PROXY_2,
        "HTTP_X_FORWARDED_FOR": f"198.51.100.9, 203.0.113.5, {PROXY_1}",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/p/kalasin-immigration/2567/oit/",
        "PATH_INFO": "/p/kalasin-immigration/2567/oit/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[])
    atoms = logger.atoms(response, request, environ, dt.timedelta(seconds=0))
    assert atoms["h"] == "203.0.113.5"
