"""The unit's public website under load (issue 13, "What it must show" 4): the unit's home and
an OIT item page under gunicorn at 50 concurrent connections (wrk), requests/s and p95 next to
``/healthz`` in the same run; and the bytes of a first load of each page (the HTML compressed
as a proxy would send it, gzip level 6, plus every stylesheet, script, picture and icon it
references, fetched from WhiteNoise with ``Accept-Encoding: br, gzip`` as a browser does).
Goals on this machine: p95 ≤ 50 ms; a first load ≤ 100 KB.

1. a fresh database per backend, migrated; the 2567 police framework; the seed's unit with its
   assessment, profile pages, five news posts (one with a photo), a published O1 link;
2. ``collectstatic`` (production: WhiteNoise's compressed manifest storage) and gunicorn (sync
   workers, production settings, ``config/gunicorn.conf.py``) on ``127.0.0.1:BENCH_PORT``
   (default 8425);
3. wrk, 50 connections, ``--duration`` s each: ``/healthz``, ``/p/<unit>/``,
   ``/p/<unit>/2567/oit/O1/``.

Prints a table and writes bench/results/website_bench.json.
Run alone: ``.venv/bin/python -m bench.website_bench [--duration 10] [--backends sqlite,postgres]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import ROOT, table, write_result
from bench.surveys_ladder import PG_ADMIN_URL, _unavailable, bench_env, parse_wrk

PY = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = ROOT / "bench" / "wrk_percentiles.lua"
CONNECTIONS = 50
P95_GOAL_MS = 50.0
BYTES_GOAL = 100 * 1024
PORT = int(os.environ.get("BENCH_PORT", "8425"))
PG_DB = os.environ.get("WEBSITE_BENCH_PG_DB", "bench_website")
SLUG = "kalasin-immigration"


def _env(backend: str) -> dict[str, str]:
    env = bench_env(backend)
    if backend == "sqlite":
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench" / "website.sqlite3")
    else:
        parts = urllib.parse.urlsplit(PG_ADMIN_URL)
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + PG_DB))
    env["MEDIA_ROOT"] = str(ROOT / "var" / "bench" / "website-media")
    env["SITE_URL"] = f"http://127.0.0.1:{PORT}"
    return env


def fresh_database(backend: str) -> None:
    env = _env(backend)
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
    else:
        path = Path(env["SQLITE_PATH"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    subprocess.run([PY, "-m", "bench.website_bench", "--prepare"], env=env, cwd=ROOT, check=True)


def prepare() -> None:
    """In a child process configured (by environment) for the bench database."""
    import datetime as dt
    import io

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from prongsai.assessments.services import assessment_open
    from prongsai.frameworks.loader import framework_load, read_definition
    from prongsai.frameworks.shipped import definition_path
    from prongsai.organizations.models import Unit
    from prongsai.website import services

    data, problems = read_definition(definition_path("ita-2567-police.yaml"))
    assert not problems, problems
    framework = framework_load(
        actor="bench", data=data, source_name="ita-2567-police.yaml"
    ).framework
    unit = Unit.objects.create(
        slug=SLUG,
        path=f"/{SLUG}/",
        name_th="ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์",
        name_en="Kalasin Provincial Immigration",
        phone="043 000 000",
    )
    assessment_open(actor="bench", unit=unit, framework=framework, headcount_internal=12,
                    headcount_external=2000)  # fmt: skip
    services.profile_update(
        actor="bench", unit=unit, part="home",
        values={"head_name": "พ.ต.อ. ตัวอย่าง", "head_position": "ผกก.ตม.จว.กาฬสินธุ์",
                "head_message": "ยินดีต้อนรับสู่เว็บไซต์ของหน่วยงาน " * 8},
    )  # fmt: skip
    services.profile_update(
        actor="bench",
        unit=unit,
        part="contact",
        values={"address": "ถนนกาฬสินธุ์", "phone": "043 000 000", "hours": "08:30–16:30"},
    )
    for n in range(3):
        services.executive_add(actor="bench", unit=unit, name=f"ผู้บริหาร {n}", position="ผกก.",
                               level=1 + min(n, 1))  # fmt: skip
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (40, 90, 150)).save(buffer, "JPEG")
    for n in range(5):
        photo = SimpleUploadedFile("p.jpg", buffer.getvalue()) if n == 0 else None
        services.news_save(
            actor="bench", unit=unit, title=f"ข่าวประชาสัมพันธ์ที่ {n + 1}",
            summary="สรุปข่าวการดำเนินงานของหน่วยงาน", body="เนื้อหาข่าว " * 50,
            category="anti-corruption" if n == 0 else "performance",
            published_on=dt.date(2024, 1, 10 + n), photo=photo,
        )  # fmt: skip
    print(json.dumps({"unit": unit.slug}))


class Server:
    def __init__(self, backend: str, workers: int) -> None:
        self.url = f"http://127.0.0.1:{PORT}"
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            [PY, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application",
             "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers), "--backlog", "2048",
             "--log-level", "warning"],
            env=_env(backend), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.time() + 180  # a loaded machine starts workers slowly
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.errors())

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk_p95(url: str, duration: int) -> dict[str, Any]:
    args = [WRK, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{duration}s", "--timeout", "20s",
            "--latency", "-s", str(LUA), url]  # fmt: skip
    output = subprocess.run(
        args, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    result = parse_wrk(output)
    found = re.search(r"BENCH_P50_US (\d+) BENCH_P95_US (\d+)", output)
    if found:
        result["p50_ms"] = round(int(found.group(1)) / 1000, 1)
        result["p95_ms"] = round(int(found.group(2)) / 1000, 1)
    return result


_REFS = re.compile(r'(?:href|src)="(/static/[^"]+|/p/[^"]+/img/[^"]+)"')


def _get(url: str, encoding: str) -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local)
        return response.read(), dict(response.headers)


def first_load(base: str, path: str) -> dict[str, Any]:
    """Bytes on the wire of a first visit to ``path``: its HTML gzipped, then every static file
    and picture it references (as served, with the encoding WhiteNoise chose)."""
    html, _headers = _get(base + path, "identity")
    out: dict[str, Any] = {"html_raw": len(html), "html_gzip": len(gzip.compress(html, 6))}
    assets: dict[str, dict[str, Any]] = {}
    for ref in dict.fromkeys(_REFS.findall(html.decode())):
        body, headers = _get(base + ref.replace("&amp;", "&"), "br, gzip")
        assets[ref] = {
            "bytes": len(body),
            "encoding": headers.get("Content-Encoding", ""),
            "cache": headers.get("Cache-Control", ""),
        }
    out["assets"] = assets
    out["scripts"] = html.decode().count("<script")
    out["total"] = out["html_gzip"] + sum(a["bytes"] for a in assets.values())
    return out


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    fresh_database(backend)
    server = Server(backend, workers=args.workers)
    try:
        pages = {
            "/healthz": "/healthz",
            "unit home": f"/p/{SLUG}/",
            "OIT item O1": f"/p/{SLUG}/2567/oit/O1/",
        }
        results: dict[str, Any] = {}
        for name, path in pages.items():
            results[name] = wrk_p95(server.url + path, args.duration)
            print(f"  {backend} {name}: {results[name]}", flush=True)
        weights = {
            name: first_load(server.url, path) for name, path in pages.items() if name != "/healthz"
        }
    finally:
        server.stop()
    return {"backend": backend, "pages": results, "first_load": weights}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="5 s per page, SQLite only")
    parser.add_argument("--prepare", action="store_true")
    args = parser.parse_args(argv)
    if args.prepare:
        prepare()
        return {}
    if args.quick:
        args.duration, args.backends = 5, "sqlite"
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=_env("sqlite"),
                   cwd=ROOT, check=True)  # fmt: skip
    results = []
    for backend in args.backends.split(","):
        problem = _unavailable(backend)
        if problem:
            print(f"skipped {backend}: {problem}")
            continue
        results.append(run_backend(backend, args))
    rows = []
    for result in results:
        for name, page in result["pages"].items():
            weight = result["first_load"].get(name, {})
            rows.append([
                result["backend"], name, page.get("rps"), page.get("p50_ms"), page.get("p95_ms"),
                page.get("non_2xx"), "yes" if (page.get("p95_ms") or 1e9) <= P95_GOAL_MS else "no",
                weight.get("total", ""), weight.get("scripts", ""),
            ])  # fmt: skip
    print(table(rows, ["database", "page", "req/s", "p50 ms", "p95 ms", "non-2xx",
                       f"p95 ≤ {P95_GOAL_MS:.0f} ms", "first load B", "scripts"]))  # fmt: skip
    data = {"connections": CONNECTIONS, "duration_s": args.duration, "results": results}
    print(f"results: {write_result('website_bench', data)}")
    return data


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
