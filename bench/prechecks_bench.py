"""Evidence pre-check throughput (issue 16, point 4): 2,000 URLs on 8 loopback host names.

1. a small keep-alive HTTP server in its own process answers on 127.0.0.2 … 127.0.0.9 (one
   port) with a monthly-report page in Thai (a month missing on every seventh page);
2. the **ceiling**: a bare ``httpx.AsyncClient`` loop (one client per host, as the pre-checker
   has) fetches the 2,000 URLs with at most 4 requests in flight per host (what any fetcher with
   that politeness can do here);
3. the **pre-checker**: ``prechecks.fetching.fetch_many`` alone (DNS resolved and every address
   checked for SSRF, pinned connections, size cap, per-host and global limits, no cookies), then
   ``prechecks.engine.check_urls`` — the same fetching with each page's text extracted as it
   arrives, and the five checks of item O6 per page: the work of ``evidence_check --url``
   without the database;
4. the three take turns for ``--rounds`` rounds (each round in another order, so a change in the
   machine's load falls on all three alike); the median of each is reported;
5. goals on this 2-core machine: ≥ 200 URLs/s and ≥ 50 % of the bare loop; the most requests seen
   in flight per host is reported (must be ≤ 4).

Loopback only; the request count is fixed and the server stops at the end.
Prints a table and writes bench/results/prechecks_bench.json.
Run alone: ``.venv/bin/python -m bench.prechecks_bench [--urls 2000] [--port 8311] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import sys
import time
from collections import Counter
from typing import Any

from bench.common import ROOT, setup_django, table, write_result

HOSTS = [f"127.0.0.{n}" for n in range(2, 10)]
PER_HOST = 4
MONTHS = ["ตุลาคม 2566", "พฤศจิกายน 2566", "ธันวาคม 2566", "มกราคม 2567", "กุมภาพันธ์ 2567", "มีนาคม 2567"]
GOAL_RATE, GOAL_SHARE = 200.0, 0.5


def _page(number: int) -> bytes:
    months = MONTHS[:5] if number % 7 == 0 else MONTHS
    rows = "".join(
        f"<tr><td>{m}</td><td>โครงการตรวจคนต่างด้าว</td><td>รายละเอียดกิจกรรม</td>"
        f"<td>ระยะเวลา 1 เดือน</td><td>ส่วนงานที่รับผิดชอบ งานอำนวยการ</td></tr>"
        for m in months
    )
    html = (
        f"<!doctype html><html><head><title>รายงานผลการปฏิบัติราชการประจำเดือน {number}</title></head>"
        f"<body><nav>หน้าแรก</nav><main><h1>รายงานผลการปฏิบัติราชการประจำเดือน</h1>"
        f"<p>ปีงบประมาณ พ.ศ. 2567</p><table>{rows}</table></main></body></html>"
    )
    return html.encode()


PAGES = [_page(n) for n in range(7)]


async def _serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1]
            number = int(path.rsplit(b"/", 1)[-1] or b"0")
            body = PAGES[number % 7]
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: "
                + str(len(body)).encode()
                + b"\r\nConnection: keep-alive\r\n\r\n"
                + body
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError):
        pass
    finally:
        writer.close()


def _server(port: int, ready: Any, stop: Any) -> None:
    async def main() -> None:
        servers = [await asyncio.start_server(_serve_client, host, port) for host in HOSTS]
        ready.set()
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for server in servers:
            server.close()

    asyncio.run(main())


def _free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 9):
        try:
            for host in HOSTS:
                with socket.socket() as probe:
                    probe.bind((host, port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port in the range")


async def _bare(urls: list[str]) -> tuple[float, int]:
    """The ceiling: plain GETs, at most 4 in flight per host, one connection pool per host (as
    the pre-checker has: one pool for all 32 connections makes httpcore look through all of
    them for every request, and would make the ceiling lower than it is)."""
    import httpx

    slots = {host: asyncio.Semaphore(PER_HOST) for host in HOSTS}
    clients = {
        host: httpx.AsyncClient(limits=httpx.Limits(max_connections=PER_HOST), trust_env=False)
        for host in HOSTS
    }
    ok = 0

    async def one(url: str) -> None:
        nonlocal ok
        host = url.split("/")[2].split(":")[0]
        async with slots[host]:
            response = await clients[host].get(url)
            ok += response.status_code == 200 and bool(response.content)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(one(u) for u in urls))
        return time.perf_counter() - started, ok
    finally:
        for client in clients.values():
            await client.aclose()


def _setup() -> tuple[Any, Any]:
    from prongsai.frameworks.loader import read_definition
    from prongsai.frameworks.shipped import definition_path
    from prongsai.frameworks.spec import FrameworkSpec
    from prongsai.prechecks.checks import ItemContext
    from prongsai.prechecks.fetching import FetchPolicy, networks

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    spec = FrameworkSpec.from_definition(data)
    item = spec.item_by_id["O6"]
    ctx = ItemContext(
        code="O6",
        precheck=item.precheck,
        criteria=item.criteria,
        period=spec.item_period_for("O6", 2567),
        unit_website=f"http://{HOSTS[0]}/",
    )
    # The bench's server is on loopback: allowed for this run only.
    policy = FetchPolicy.from_settings(
        allowed_networks=networks(["127.0.0.0/8"]),
        per_host=PER_HOST,
        concurrency=len(HOSTS) * PER_HOST,
    )
    return ctx, policy


def _fetch_only(urls: list[str]) -> tuple[float, dict[str, Any]]:
    from prongsai.prechecks.fetching import fetch_many

    _ctx, policy = _setup()
    stats: dict[str, Any] = {}
    started = time.perf_counter()
    fetched = fetch_many(urls, policy, stats=stats)
    seconds = time.perf_counter() - started
    return seconds, {
        "ok": sum(1 for r in fetched if r.ok),
        "lookups": stats.get("lookups", 0),
        "most_in_flight_per_host": max(stats.get("most_in_flight", {}).values(), default=0),
    }


def _full(urls: list[str]) -> tuple[float, dict[str, Any]]:
    from prongsai.prechecks.engine import FetchOptions, check_urls

    ctx, policy = _setup()
    started = time.perf_counter()
    outcomes = check_urls(ctx, urls, FetchOptions(policy=policy))
    seconds = time.perf_counter() - started
    periods = Counter(next(c.status for c in o.checks if c.name == "period") for o in outcomes)
    return seconds, {
        "verdicts": dict(Counter(o.status for o in outcomes)),
        "period_checks": dict(periods),
    }


def _each(n: int, seconds: list[float]) -> str:
    return " / ".join(f"{n / s:.0f}" for s in seconds)


def _read_processes() -> int:
    from django.conf import settings

    return int(settings.PRECHECK_READ_PROCESSES)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8311)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()
    os.environ.setdefault("SQLITE_PATH", str(ROOT / "var" / "bench" / "prechecks.sqlite3"))
    setup_django(sqlite_path=os.environ["SQLITE_PATH"])
    port = _free_port(args.port)
    urls = [f"http://{HOSTS[n % len(HOSTS)]}:{port}/oit/o6/{n}" for n in range(args.urls)]

    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    server = multiprocessing.Process(target=_server, args=(port, ready, stop), daemon=True)
    server.start()
    try:
        if not ready.wait(10):
            print("the bench server did not start", file=sys.stderr)
            return 1
        asyncio.run(_bare(urls[:100]))  # warm-up (connections, imports)
        _fetch_only(urls[:100])
        _full(urls[:100])
        # The three runs take turns, round after round (each round in another order), so that
        # a change in the machine's load while the bench runs falls on all three alike.
        runs: dict[str, list[float]] = {"bare": [], "fetch": [], "full": []}
        info: dict[str, dict[str, Any]] = {}
        for round_ in range(args.rounds):
            order = ["bare", "fetch", "full"]
            order = order[round_ % 3 :] + order[: round_ % 3]
            for what in order:
                if what == "bare":
                    seconds, ok = asyncio.run(_bare(urls))
                    info["bare"] = {"ok": ok}
                else:
                    seconds, info[what] = (_fetch_only if what == "fetch" else _full)(urls)
                runs[what].append(seconds)
    finally:
        stop.set()
        server.join(5)
        if server.is_alive():
            server.terminate()
    load_after = os.getloadavg()

    n = len(urls)
    rate = {what: n / statistics.median(seconds) for what, seconds in runs.items()}
    round_shares = [b / f for b, f in zip(runs["bare"], runs["full"], strict=True)]
    share = rate["full"] / rate["bare"]
    rows = [
        [
            "bare httpx loop (ceiling)",
            f"{rate['bare']:.0f}",
            _each(n, runs["bare"]),
            info["bare"]["ok"],
            "",
        ],
        [
            "pre-checker: fetch (SSRF, limits)",
            f"{rate['fetch']:.0f}",
            _each(n, runs["fetch"]),
            info["fetch"]["ok"],
            f"{rate['fetch'] / rate['bare']:.0%}",
        ],
        [
            "pre-checker: fetch + extract + 5 checks",
            f"{rate['full']:.0f}",
            _each(n, runs["full"]),
            sum(info["full"]["verdicts"].values()),
            f"{share:.0%}",
        ],
    ]
    print(
        table(rows, ["what (median of rounds)", "URLs/s", "each round URLs/s", "URLs", "of bare"])
    )
    print(
        f"verdicts: {info['full']['verdicts']} (one page alone has no Word file beside it: format "
        f"fails); period checks: {info['full']['period_checks']}; full ÷ bare per round: "
        f"{', '.join(f'{x:.0%}' for x in round_shares)}; load average before "
        f"{load_before[0]:.1f}, after {load_after[0]:.1f}; reading processes: {_read_processes()}; "
        f"host lookups: {info['fetch']['lookups']}; most requests in flight per host: "
        f"{info['fetch']['most_in_flight_per_host']} (limit {PER_HOST})"
    )
    goal = rate["full"] >= GOAL_RATE and share >= GOAL_SHARE
    print(
        f"goal ≥ {GOAL_RATE:.0f} URLs/s and ≥ {GOAL_SHARE:.0%} of bare: {'met' if goal else 'NOT met'}"
    )
    write_result(
        "prechecks_bench",
        {
            "urls": n,
            "hosts": HOSTS,
            "per_host": PER_HOST,
            "rounds": args.rounds,
            "bare_urls_per_second": round(rate["bare"], 1),
            "fetch_urls_per_second": round(rate["fetch"], 1),
            "full_urls_per_second": round(rate["full"], 1),
            "share_of_bare": round(share, 3),
            "share_of_bare_per_round": [round(x, 3) for x in round_shares],
            "seconds": runs,
            "verdicts": info["full"]["verdicts"],
            "period_checks": info["full"]["period_checks"],
            "load_average_before": round(load_before[0], 2),
            "load_average_after": round(load_after[0], 2),
            "read_processes": _read_processes(),
            "host_lookups": info["fetch"]["lookups"],
            "most_in_flight_per_host": info["fetch"]["most_in_flight_per_host"],
            "goal_met": goal,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
