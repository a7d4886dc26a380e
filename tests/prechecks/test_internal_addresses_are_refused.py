"""SSRF: a link to the server's own network is never fetched — 127.0.0.1, a private address, a
name that resolves to loopback, an IPv6 form, and a public host that redirects to one — unless
the explicit setting allows that network."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from prongsai.prechecks import fetching
from prongsai.prechecks.engine import check_url

from .helpers import page
from .server import LocalSite, Reply, sites

pytestmark = pytest.mark.django_db


def _fetch(url: str, settings: Any, **policy: Any) -> fetching.Fetched:
    (fetched,) = fetching.fetch_many([url], fetching.FetchPolicy.from_settings(**policy))
    return fetched


@pytest.fixture
def loopback_site(settings: Any) -> Any:
    """A server on 127.0.0.1 itself (what an attacker would aim at)."""
    settings.PRECHECK_ALLOWED_NETWORKS = []
    for started in sites("127.0.0.1"):
        site = started[0]
        site.route("/admin", page("internal", "<p>secret</p>"))
        yield site


def test_a_link_to_127_0_0_1_is_refused_and_never_requested(
    loopback_site: LocalSite, settings: Any
) -> None:
    fetched = _fetch(loopback_site.url("/admin"), settings)
    assert fetched.error == fetching.REFUSED_ADDRESS and fetched.detail == "127.0.0.1"
    assert loopback_site.requests == []


def test_a_name_resolving_to_loopback_is_refused(loopback_site: LocalSite, settings: Any) -> None:
    fetched = _fetch(f"http://localhost:{loopback_site.port}/admin", settings)
    assert fetched.error == fetching.REFUSED_ADDRESS
    assert loopback_site.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.20.30.40/",
        "http://192.168.1.1/router",
        "http://172.16.0.5/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",  # shared address space
        "http://0.0.0.0/",
    ],
)
def test_private_link_local_and_loopback_addresses_are_refused(url: str, settings: Any) -> None:
    settings.PRECHECK_ALLOWED_NETWORKS = []
    fetched = _fetch(url, settings)
    assert fetched.error == fetching.REFUSED_ADDRESS


def test_a_public_host_that_redirects_to_an_internal_address_is_refused(
    loopback_site: LocalSite, settings: Any
) -> None:
    # 127.0.0.2 plays the public host (allowed by the setting); 127.0.0.1 stays refused.
    settings.PRECHECK_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    for started in sites("127.0.0.2"):
        public = started[0]
        url = public.route(
            "/go", Reply(status=302, headers={"Location": loopback_site.url("/admin")})
        )
        fetched = _fetch(url, settings)
        assert fetched.error == fetching.REFUSED_ADDRESS and fetched.detail == "127.0.0.1"
        assert fetched.redirects == 1
        assert loopback_site.requests == []


def test_the_setting_allows_a_listed_network(loopback_site: LocalSite, settings: Any) -> None:
    settings.PRECHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    fetched = _fetch(loopback_site.url("/admin"), settings)
    assert fetched.ok and b"secret" in fetched.body


def test_the_refusal_reads_as_a_thai_reason(assessment: Any, loopback_site: LocalSite) -> None:
    outcome = check_url(assessment, "O1", loopback_site.url("/admin"))
    reachable = outcome.documents[0][1][0]
    assert reachable.status == "fail" and "ภายในเครือข่าย" in reachable.reason


def test_every_non_public_range_is_refused_and_a_public_one_is_not() -> None:
    refused = [
        "127.0.0.1",
        "10.0.0.1",
        "192.168.0.1",
        "169.254.1.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "224.0.0.1",
        "::ffff:10.0.0.1",
    ]
    for address in refused:
        assert fetching.address_refused(ipaddress.ip_address(address)), address
    assert not fetching.address_refused(ipaddress.ip_address("8.8.8.8"))
    assert not fetching.address_refused(ipaddress.ip_address("2001:4860:4860::8888"))


def test_without_public_internet_nothing_leaves_the_machine(
    settings: Any, monkeypatch: Any
) -> None:
    """The test suite's setting: a public address is refused and a name is never looked up."""
    settings.PRECHECK_PUBLIC_INTERNET = False
    asked: list[str] = []

    def recording_getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(host)
        raise OSError("no lookups in this test")

    monkeypatch.setattr(socket, "getaddrinfo", recording_getaddrinfo)
    policy = fetching.FetchPolicy.from_settings()
    (by_name, by_address) = fetching.fetch_many(
        ["https://www.example.go.th/oit", "http://8.8.8.8/"], policy
    )
    assert by_name.error == fetching.DNS and asked == []
    assert by_address.error == fetching.REFUSED_ADDRESS
