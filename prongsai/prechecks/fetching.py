"""Fetching evidence links politely and safely (httpx, asyncio).

* Bounds: connect and read timeouts, a total time per URL, a size cap (counted on the decoded
  bytes, so a compressed "bomb" stops at the cap too), at most ``max_redirects`` redirects
  (followed here, one hop at a time, so every hop is checked), at most ``per_host`` (≤ 4)
  requests in flight per host name and ``concurrency`` in all.
* Manners: a real User-Agent naming the product, no cookies (a jar that accepts none).
* SSRF: the host name is resolved *before* connecting and every address it resolves to must be
  public (not private, loopback, link-local, shared, reserved, multicast …) unless it lies in an
  explicitly allowed network (``PRECHECK_ALLOWED_NETWORKS``). The request then goes to the
  checked address itself (the ``Host`` header and TLS server name carry the name), so a second,
  different DNS answer cannot slip in between check and connect. The same happens after each
  redirect (for the redirect's own host). A host name is resolved and checked once per run:
  its later requests go to the same checked address.

Nothing here touches the database: :func:`fetch_many` takes URLs and returns :class:`Fetched`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import ipaddress
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import httpx
from django.conf import settings

from prongsai.core.site import site_base

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_PER_HOST = 4

# Error codes of a fetch that produced no usable answer (reasons in checks.py).
BAD_URL = "bad_url"
DNS = "dns"
REFUSED_ADDRESS = "refused_address"
CONNECT = "connect"
TIMEOUT = "timeout"
TOO_LARGE = "too_large"
REDIRECTS = "redirects"
HTTP_ERROR = "http_error"


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    per_host: int = MAX_PER_HOST
    concurrency: int = 16
    user_agent: str = "Prongsai-EvidenceCheck/1.0"
    allowed_networks: tuple[IPNetwork, ...] = ()
    # False (the test suite): only allowed networks are fetched, and no name but localhost is
    # looked up, so nothing ever leaves the machine.
    public_internet: bool = True

    @classmethod
    def from_settings(cls, **overrides: Any) -> FetchPolicy:
        site = site_base()
        values: dict[str, Any] = {
            "connect_timeout": float(settings.PRECHECK_CONNECT_TIMEOUT),
            "read_timeout": float(settings.PRECHECK_READ_TIMEOUT),
            "total_timeout": float(settings.PRECHECK_TOTAL_TIMEOUT),
            "max_bytes": int(settings.PRECHECK_MAX_BYTES),
            "max_redirects": int(settings.PRECHECK_MAX_REDIRECTS),
            "per_host": min(int(settings.PRECHECK_PER_HOST), MAX_PER_HOST),
            "concurrency": int(settings.PRECHECK_CONCURRENCY),
            "user_agent": f"Prongsai-EvidenceCheck/1.0 (+{site})" if site else cls.user_agent,
            "allowed_networks": networks(settings.PRECHECK_ALLOWED_NETWORKS),
            "public_internet": bool(settings.PRECHECK_PUBLIC_INTERNET),
        }
        values.update(overrides)
        values["per_host"] = max(1, min(int(values["per_host"]), MAX_PER_HOST))
        return cls(**values)


def networks(cidrs: Iterable[str]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


@dataclass
class Fetched:
    url: str  # as given
    final_url: str = ""  # after redirects
    status: int | None = None
    content_type: str = ""
    body: bytes = b""
    error: str = ""  # one of the codes above; "" when an answer came back
    detail: str = ""  # the refused address, the host that did not resolve, …
    redirects: int = 0
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    seconds: float = 0.0
    # answered by the product itself (its own public page or file, ``own_pages.py``), not
    # fetched over the network
    in_product: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and 200 <= self.status < 300


class _Refused(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def address_refused(address: IPAddress, allowed: Sequence[IPNetwork] = ()) -> bool:
    """True for every address the unit's admins could use to reach the server's own network:
    private, loopback, link-local, shared (CGNAT), reserved, multicast, unspecified, and IPv6
    forms of them (IPv4-mapped, 6to4 …) — unless ``allowed`` lists it."""
    if any(address in network for network in allowed if network.version == address.version):
        return False
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if mapped is not None:
            return address_refused(mapped, allowed)
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _listed(address: IPAddress, allowed: Sequence[IPNetwork]) -> bool:
    return any(address in network for network in allowed if network.version == address.version)


async def system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _split(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _Refused(BAD_URL, url) from exc
    scheme = (parts.scheme or "").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if scheme not in ("http", "https") or not host or parts.username or parts.password:
        raise _Refused(BAD_URL, url)
    return scheme, host, port or (443 if scheme == "https" else 80)


async def _checked_address(
    host: str, port: int, policy: FetchPolicy, resolver: Resolver
) -> IPAddress:
    """The first address of ``host``, once every address it resolves to is allowed."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    elif (
        not policy.public_internet
        and resolver is system_resolver
        and host != "localhost"
        and not host.endswith(".localhost")
    ):
        raise _Refused(DNS, host)  # not looked up at all (a stand-in resolver may answer)
    else:
        try:
            answers = await asyncio.wait_for(resolver(host, port), policy.connect_timeout)
        except (OSError, TimeoutError, UnicodeError) as exc:
            raise _Refused(DNS, host) from exc
        found = []
        for answer in answers:
            try:
                found.append(ipaddress.ip_address(answer.split("%")[0]))
            except ValueError:
                continue
        if not found:
            raise _Refused(DNS, host)
    for address in found:
        if address_refused(address, policy.allowed_networks):
            raise _Refused(REFUSED_ADDRESS, str(address))
        if not policy.public_internet and not _listed(address, policy.allowed_networks):
            raise _Refused(REFUSED_ADDRESS, str(address))
    return found[0]


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The certificate store, read once per process (reading it costs ~0.1 s) and shared by
    every pool; it only holds the public CA list."""
    return ssl.create_default_context(cafile=certifi.where())


def _no_cookies() -> httpx.Cookies:
    return httpx.Cookies(CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])))


class Fetcher:
    """Connections for many URLs; use as ``async with Fetcher(policy) as f``.

    One connection pool per host name (at most ``per_host`` connections each): httpcore checks
    every connection of a pool for each request it places, so one pool per host keeps that work
    to the host's own few connections instead of all of them."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        resolver: Resolver = system_resolver,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.policy = policy
        self.resolver = resolver
        self._transport = transport
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._all = asyncio.Semaphore(policy.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        # Each host name is resolved and its addresses checked once per run (and hop targets
        # on their own first use): every later request to it goes to the same checked
        # address, so a second, different DNS answer is never even asked for.
        self._addresses: dict[tuple[str, int], asyncio.Task[IPAddress]] = {}
        self.lookups = 0
        self.in_flight: dict[str, int] = {}  # per host, now
        self.most_in_flight: dict[str, int] = {}  # per host, the most at once

    async def __aenter__(self) -> Fetcher:
        return self

    def _client_for(self, host: str) -> httpx.AsyncClient:
        # A transport given by the caller (tests) is one object: it gets one client.
        key = "" if self._transport is not None else host
        client = self._clients.get(key)
        if client is None:
            size = self.policy.concurrency if key == "" else self.policy.per_host
            client = self._clients[key] = httpx.AsyncClient(
                timeout=httpx.Timeout(
                    connect=self.policy.connect_timeout,
                    read=self.policy.read_timeout,
                    write=self.policy.read_timeout,
                    pool=self.policy.total_timeout,
                ),
                follow_redirects=False,
                cookies=_no_cookies(),
                headers={"User-Agent": self.policy.user_agent, "Accept": "*/*"},
                limits=httpx.Limits(max_connections=size, max_keepalive_connections=size),
                transport=self._transport,
                verify=_tls_context(),
                trust_env=False,  # no proxy from the environment: the checked address is the target
            )
        return client

    async def __aexit__(self, *exc: object) -> None:
        for task in self._addresses.values():
            if not task.done():
                task.cancel()
            elif not task.cancelled():
                task.exception()  # a refusal already reported; no "never retrieved" warning
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.policy.per_host)
        return slot

    async def fetch(self, url: str) -> Fetched:
        result = Fetched(url=url)
        started = time.monotonic()
        async with self._all:
            try:
                async with asyncio.timeout(self.policy.total_timeout):
                    await self._follow(url, result)
            except _Refused as refused:
                result.error, result.detail = refused.code, refused.detail
            except TimeoutError:
                result.error = TIMEOUT
            except httpx.TimeoutException:
                result.error = TIMEOUT
            except (httpx.HTTPError, OSError, ValueError) as exc:
                result.error, result.detail = CONNECT, type(exc).__name__
        result.seconds = time.monotonic() - started
        result.fetched_at = dt.datetime.now(dt.UTC)
        if result.error:
            result.body = b""
        return result

    async def _follow(self, url: str, result: Fetched) -> None:
        current = url
        for hop in range(self.policy.max_redirects + 1):
            _scheme, host, port = _split(current)
            result.final_url = current
            async with self._host_slot(host):
                self.in_flight[host] = self.in_flight.get(host, 0) + 1
                self.most_in_flight[host] = max(
                    self.most_in_flight.get(host, 0), self.in_flight[host]
                )
                try:
                    address = await self._address(host, port)
                    location = await self._get(current, host, address, result)
                finally:
                    self.in_flight[host] -= 1
            if location is None:
                return
            result.redirects = hop + 1
            current = urljoin(current, location)
        raise _Refused(REDIRECTS, str(self.policy.max_redirects))

    async def _address(self, host: str, port: int) -> IPAddress:
        """The checked address of ``host`` for this run (a refusal is remembered too)."""
        key = (host, port)
        task = self._addresses.get(key)
        if task is None:
            self.lookups += 1
            task = self._addresses[key] = asyncio.ensure_future(
                _checked_address(host, port, self.policy, self.resolver)
            )
        # Shielded: a request that times out while waiting leaves the others their answer.
        return await asyncio.shield(task)

    async def _get(self, url: str, host: str, address: IPAddress, result: Fetched) -> str | None:
        """GET ``url`` from ``address``; the redirect target, or None once the body is in."""
        client = self._client_for(host)
        target = httpx.URL(url)
        pinned = target.copy_with(host=str(address))
        headers = {"Host": target.netloc.decode("ascii")}
        request = client.build_request(
            "GET", pinned, headers=headers, extensions={"sni_hostname": host}
        )
        response = await client.send(request, stream=True)
        try:
            result.status = response.status_code
            result.content_type = response.headers.get("content-type", "")
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                return location
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise _Refused(TOO_LARGE, declared)
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise _Refused(TOO_LARGE, str(size))
                chunks.append(chunk)
            result.body = b"".join(chunks)
            return None
        finally:
            await response.aclose()


async def fetch_many_async(
    urls: Sequence[str],
    policy: FetchPolicy,
    *,
    resolver: Resolver = system_resolver,
    transport: httpx.AsyncBaseTransport | None = None,
    stats: dict[str, Any] | None = None,
    on_result: Callable[[int, Fetched], None] | None = None,
) -> list[Fetched]:
    async with Fetcher(policy, resolver=resolver, transport=transport) as fetcher:

        async def one(index: int, url: str) -> Fetched:
            result = await fetcher.fetch(url)
            if on_result is not None:
                on_result(index, result)  # while the other fetches wait on the network
            return result

        results = await asyncio.gather(*(one(i, url) for i, url in enumerate(urls)))
    if stats is not None:
        stats["most_in_flight"] = dict(fetcher.most_in_flight)
        stats["lookups"] = fetcher.lookups
    return list(results)


def fetch_many(
    urls: Sequence[str],
    policy: FetchPolicy | None = None,
    *,
    resolver: Resolver = system_resolver,
    transport: httpx.AsyncBaseTransport | None = None,
    stats: dict[str, Any] | None = None,
    on_result: Callable[[int, Fetched], None] | None = None,
) -> list[Fetched]:
    """Fetch every URL (in the order given) from synchronous code (tasks, commands);
    ``on_result(index, fetched)`` is called as each one arrives.

    Synchronous code may itself run where an event loop is running in the thread (a command
    called from an async context; Playwright's sync API in the browser tests): the fetching
    loop then runs in a thread of its own, since ``asyncio.run`` refuses a running loop."""
    if not urls:
        return []
    work = fetch_many_async(
        urls,
        policy or FetchPolicy.from_settings(),
        resolver=resolver,
        transport=transport,
        stats=stats,
        on_result=on_result,
    )
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="prongsai-fetch") as thread:
        return thread.submit(asyncio.run, work).result()
