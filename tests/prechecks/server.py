"""A local web server for the pre-check tests: loopback only (127.0.0.2–127.0.0.9), ports from
PRONGSAI_PRECHECK_PORTS (default 8300-8319), routes set by each test."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow server)


Route = Reply | Callable[[], Reply]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path.split("?")[0])
        reply = route() if callable(route) else route
        if reply is None:
            reply = Reply(b"<html><title>404</title><body>no</body></html>", status=404)
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]


def _ports() -> range:
    first, _, last = os.environ.get("PRONGSAI_PRECHECK_PORTS", "8300-8319").partition("-")
    return range(int(first), int(last or first) + 1)


@dataclass
class LocalSite:
    host: str
    port: int
    server: _Server

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route) -> str:
        self.server.routes[path] = reply
        return self.url(path)

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        return self.server.requests


def start_site(host: str) -> tuple[LocalSite, threading.Thread]:
    last_error: OSError | None = None
    for port in _ports():
        try:
            server = _Server((host, port), _Handler)
        except OSError as exc:
            last_error = exc
            continue
        server.routes = {}
        server.requests = []
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        return LocalSite(host, port, server), thread
    raise RuntimeError(f"no free port for {host}: {last_error}")


def stop_site(site: LocalSite, thread: threading.Thread) -> None:
    site.server.shutdown()
    site.server.server_close()
    thread.join(timeout=5)


def sites(*hosts: str) -> Iterator[list[LocalSite]]:
    started = [start_site(h) for h in hosts]
    try:
        yield [s for s, _ in started]
    finally:
        for site, thread in started:
            stop_site(site, thread)
