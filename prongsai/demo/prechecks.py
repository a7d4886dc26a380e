"""Demo: the seed unit's evidence is pre-checked once (idempotent).

The demo has no network, so its links are not fetched from the internet: a stand-in transport
answers for them (the unit's fictional website, and short stand-in pages for the national
e-services, the law database and the unit's social-media page the demo links to). Their host
names resolve to the documentation range 203.0.113.0/24, which the demo's policy allows; no
packet leaves the machine. Files and pages kept in the product are read from storage as always.

One link fails on purpose — the map page on the unit's website answers "page not found" — so a
newcomer sees what a failure looks like (O4); the social-media and national-system links show
warnings.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import httpx

from prongsai.prechecks.engine import FetchOptions
from prongsai.prechecks.fetching import FetchPolicy, networks
from prongsai.prechecks.models import CheckRun
from prongsai.prechecks.services import precheck_request, precheck_run

from .clock import demo_day
from .disclosures_content import SITE

if TYPE_CHECKING:
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"
CHECKED_ON = dt.date(2024, 5, 20)
DEMO_ADDRESS = "203.0.113.10"
FAILING_LINK = f"{SITE}/contact/map"  # the demo's one failing link

STAND_INS = {
    "krisdika.go.th": (
        "ระบบกลางทางกฎหมาย",
        "<p>ค้นหาพระราชบัญญัติ กฎหมาย และกฎหมายลำดับรอง เช่น พระราชบัญญัติคนเข้าเมือง พ.ศ. 2522</p>",
    ),
    "facebook.com": (
        "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์",
        "<p>ผลการดำเนินงานประจำเดือนมีนาคม 2567 ขอเชิญตอบแบบวัด EIT ผ่าน QR Code</p>",
    ),
    "tm47.immigration.go.th": (
        "ระบบรับแจ้งที่พักอาศัยเกิน 90 วัน (ออนไลน์)",
        "<p>บริการออนไลน์ (E-Service) สำหรับคนต่างด้าว ยื่นแจ้งได้ตลอด 24 ชั่วโมง</p>",
    ),
    "extranet.immigration.go.th": (
        "ระบบรับแจ้งที่พักคนต่างด้าว (TM30) ออนไลน์",
        "<p>บริการออนไลน์สำหรับเจ้าบ้านและผู้ประกอบการที่พัก</p>",
    ),
}


def _page(title: str, body: str, status: int = 200) -> httpx.Response:
    html = f"<!doctype html><html><head><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    return httpx.Response(
        status, content=html.encode(), headers={"content-type": "text/html; charset=utf-8"}
    )


def _answer(request: httpx.Request) -> httpx.Response:
    host = request.headers.get("host", "").lower().removeprefix("www.")
    url = f"https://www.{host}{request.url.path}" if host else str(request.url)
    if url.rstrip("/") == FAILING_LINK:
        return _page("ไม่พบหน้าที่คุณต้องการ", "<p>หน้านี้ถูกย้ายหรือลบแล้ว</p>", status=404)
    for suffix, (title, body) in STAND_INS.items():
        if host == suffix or host.endswith("." + suffix):
            return _page(title, body)
    return _page(
        "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์",
        "<p>ข้อมูลของหน่วยงาน ปีงบประมาณ พ.ศ. 2567</p>",
    )


async def _resolve(host: str, port: int) -> list[str]:
    return [DEMO_ADDRESS]


def demo_options() -> FetchOptions:
    return FetchOptions(
        policy=FetchPolicy.from_settings(allowed_networks=networks(["203.0.113.0/24"])),
        resolver=_resolve,
        transport=httpx.MockTransport(_answer),
    )


def load_demo(ctx: DemoContext) -> None:
    if not ctx.assessments:
        return
    assessment = ctx.assessment
    if CheckRun.objects.filter(
        assessment=assessment, reason=CheckRun.Reason.DEMO, state=CheckRun.State.DONE
    ).exists():
        return
    with demo_day(CHECKED_ON, hour=6):  # the nightly check after the evaluator's last review
        run = precheck_request(
            actor=ACTOR, assessment=assessment, reason=CheckRun.Reason.DEMO, enqueue=False
        )
        precheck_run(run.pk, options=demo_options())
