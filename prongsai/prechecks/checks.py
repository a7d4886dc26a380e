"""The five checks of a piece of evidence, each with a status and a reason in plain Thai.

Pure functions over fetched and extracted documents (no ORM): :func:`check_item` takes an
item's context (what the framework asks, the period resolved for the assessment, the unit's
website) and its documents, and returns the checks of each document and of the item:

* ``reachable`` (per document): a 2xx answer after redirects with real content; soft 404s,
  log-in walls and empty pages fail;
* ``on_unit_site`` (per document): the final host is the unit's website (or the product's own
  public pages for the unit); social media warns; a redirect off the unit's site fails;
* ``period`` (the item's documents together): dates inside the item's period; month by month,
  every missing month is named;
* ``elements`` (together): each criterion's keywords (framework data) are found;
* ``format`` (together): a machine-readable file of a kind the framework names is present
  beside the PDF.

A verdict is the worst status of its checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from prongsai.core.thai_dates import thai_date
from prongsai.frameworks.spec import Criterion, Precheck, ResolvedPeriod

from . import fetching
from .dates import Findings, find_dates, month_label, months_between
from .extract import HTML, IMAGE, MACHINE_READABLE_KINDS, OTHER, PDF, TEXT, Extracted
from .matching import Matcher

PASS, WARN, FAIL = "pass", "warn", "fail"
ORDER = {PASS: 0, WARN: 1, FAIL: 2}
CHECK_NAMES = ("reachable", "on_unit_site", "period", "elements", "format")
MIN_TEXT = 20  # characters a page needs to count as not empty

SOCIAL_HOSTS = (
    "facebook.com", "fb.com", "fb.watch", "twitter.com", "x.com", "instagram.com",
    "youtube.com", "youtu.be", "tiktok.com", "line.me", "lin.ee", "threads.net",
)  # fmt: skip
NOT_FOUND = re.compile(
    r"ไม่พบหน้า|ไม่พบเพจ|ไม่พบหน้าที่|หน้าที่คุณต้องการไม่|page not found|not found|\b404\b|"
    r"ไม่มีหน้านี้|หน้านี้ไม่มีอยู่|ลิงก์เสีย",
    re.IGNORECASE,
)
LOGIN_WORDS = re.compile(r"เข้าสู่ระบบ|ลงชื่อเข้าใช้|\blog ?in\b|\bsign ?in\b", re.IGNORECASE)
LOGIN_PATHS = re.compile(
    r"/(login|log-in|signin|sign-in|sso|auth|wp-login\.php|accounts/login|user/login)\b",
    re.IGNORECASE,
)
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "docx": "DOCX (Word)"}
KIND_NAMES = {"html": "หน้าเว็บ", "pdf": "PDF", "image": "รูปภาพ", "text": "ข้อความ"}


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "status": self.status, "reason": self.reason}


def worst(statuses: Iterable[str]) -> str:
    return max(statuses, key=lambda s: ORDER.get(s, 0), default=PASS)


@dataclass
class Document:
    """One piece of evidence as the evaluator will meet it."""

    url: str  # as the unit gave it
    fetched: fetching.Fetched
    extracted: Extracted
    local: bool = False  # a file or page kept in the product itself (not fetched)
    evidence_id: str = ""
    title: str = ""

    @property
    def text(self) -> str:
        return self.extracted.all_text


@dataclass(frozen=True)
class ItemContext:
    code: str
    precheck: Precheck
    criteria: Sequence[Criterion]
    period: ResolvedPeriod | None
    unit_website: str = ""  # the unit's own site (Unit.website)
    product_prefix: str = (
        ""  # the site's address + the unit's public pages, e.g. https://…/p/kalasin/
    )


@dataclass
class ItemOutcome:
    code: str
    documents: list[tuple[Document, list[Check]]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)  # period, elements, format
    criteria: dict[str, Check] = field(default_factory=dict)  # criterion code → elements

    @property
    def status(self) -> str:
        every = [c.status for c in self.checks]
        every += [c.status for _doc, checks in self.documents for c in checks]
        return worst(every)

    def checks_of(self, document: Document) -> list[Check]:
        for doc, checks in self.documents:
            if doc is document:
                return checks + self.checks
        return list(self.checks)


# ---- reachable --------------------------------------------------------------------------------
def _fetch_failure(fetched: fetching.Fetched) -> str:
    code, detail = fetched.error, fetched.detail
    if code == fetching.REFUSED_ADDRESS:
        return f"ระบบไม่เปิดลิงก์นี้ เพราะชี้ไปยังที่อยู่ภายในเครือข่าย ({detail}) ซึ่งผู้ประเมินภายนอกเปิดไม่ได้"
    if code == fetching.BAD_URL:
        return "ที่อยู่ลิงก์ไม่ถูกต้อง (ต้องขึ้นต้นด้วย http:// หรือ https:// และไม่มีชื่อผู้ใช้หรือรหัสผ่าน)"
    if code == fetching.DNS:
        return f"ไม่พบชื่อเว็บไซต์ {detail} (ชื่อโดเมนไม่มีอยู่หรือหมดอายุ)"
    if code == fetching.TIMEOUT:
        return "เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด ผู้ประเมินอาจเปิดไม่ได้"
    if code == fetching.TOO_LARGE:
        return "ไฟล์ใหญ่เกินขนาดที่ระบบตรวจได้ ผู้ประเมินอาจดาวน์โหลดไม่สำเร็จ ควรแบ่งเป็นไฟล์ย่อย"
    if code == fetching.REDIRECTS:
        return f"ลิงก์ถูกเปลี่ยนเส้นทางต่อกันเกิน {detail} ครั้ง เปิดไม่ถึงหน้าปลายทาง"
    return "เชื่อมต่อเว็บไซต์ไม่ได้"


def check_reachable(doc: Document) -> Check:
    fetched, extracted = doc.fetched, doc.extracted

    def fail(reason: str) -> Check:
        return Check("reachable", FAIL, reason)

    if doc.local:
        if not fetched.body and extracted.kind != HTML:
            return fail("ไฟล์ที่เก็บในระบบอ่านไม่ได้")
        return Check("reachable", PASS, "เก็บไว้ในระบบ เปิดได้จากหน้าสาธารณะของหน่วยงาน")
    if fetched.error:
        return fail(_fetch_failure(fetched))
    status = fetched.status or 0
    if status in (401, 403):
        return fail(f"เว็บไซต์ตอบ HTTP {status}: ต้องเข้าสู่ระบบหรือไม่อนุญาตให้เข้าถึง")
    if status == 404 or status == 410:
        return fail(f"ไม่พบหน้า (HTTP {status}) ลิงก์อาจถูกย้ายหรือลบแล้ว")
    if not 200 <= status < 300:
        return fail(f"เว็บไซต์ตอบ HTTP {status} แทนเนื้อหา")
    final = urlsplit(fetched.final_url)
    heading = " ".join([extracted.title, *extracted.headings[:2]])
    if extracted.kind == HTML and (extracted.password_field or LOGIN_PATHS.search(final.path)):
        return fail("หน้านี้ต้องเข้าสู่ระบบก่อน ผู้ประเมินจะเปิดดูเนื้อหาไม่ได้")
    if LOGIN_PATHS.search(final.path) or (
        extracted.kind == HTML and LOGIN_WORDS.search(extracted.title) and len(extracted.text) < 400
    ):
        return fail("ลิงก์พาไปที่หน้าเข้าสู่ระบบ ผู้ประเมินจะเปิดดูเนื้อหาไม่ได้")
    if extracted.kind == HTML and NOT_FOUND.search(heading):
        return fail(f"หน้าเว็บแจ้งว่าไม่พบหน้า (“{heading.strip()[:80]}”) แม้เว็บไซต์จะตอบ HTTP {status}")
    if not fetched.body:
        return fail("เว็บไซต์ตอบกลับเป็นหน้าว่าง")
    if extracted.kind in (HTML, TEXT) and len(extracted.all_text.strip()) < MIN_TEXT:
        return fail("หน้าเว็บไม่มีเนื้อหา (หน้าว่าง)")
    if extracted.problem:
        return Check("reachable", WARN, f"เปิดได้ แต่{extracted.problem}")
    if extracted.kind == OTHER:
        return Check("reachable", WARN, "เปิดได้ แต่เป็นไฟล์ชนิดที่ระบบอ่านเนื้อหาไม่ได้")
    return Check("reachable", PASS, f"เปิดได้ (HTTP {status})")


# ---- on_unit_site ------------------------------------------------------------------------------
def _host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _under(host: str, site: str) -> bool:
    return bool(site) and (host == site or host.endswith("." + site))


def check_on_unit_site(doc: Document, ctx: ItemContext) -> Check:
    if doc.local:
        return Check("on_unit_site", PASS, "อยู่ในหน้าสาธารณะของหน่วยงานในระบบนี้")
    final_url = doc.fetched.final_url or doc.url
    if doc.fetched.in_product or (ctx.product_prefix and final_url.startswith(ctx.product_prefix)):
        return Check("on_unit_site", PASS, "อยู่ในหน้าสาธารณะของหน่วยงานในระบบนี้")
    final, given, unit = _host(final_url), _host(doc.url), _host(ctx.unit_website)
    if _under(final, unit):
        return Check("on_unit_site", PASS, f"อยู่บนเว็บไซต์ของหน่วยงาน ({final})")
    if any(_under(final, social) for social in SOCIAL_HOSTS):
        return Check(
            "on_unit_site",
            WARN,
            f"เป็นลิงก์สื่อสังคมออนไลน์ ({final}) ไม่ใช่เว็บไซต์ของหน่วยงาน ผู้ประเมินอาจไม่นับ",
        )
    if unit and _under(given, unit):
        return Check(
            "on_unit_site",
            FAIL,
            f"ลิงก์ถูกเปลี่ยนเส้นทางไปยัง {final} ซึ่งไม่ใช่เว็บไซต์ของหน่วยงาน ({unit})",
        )
    if not unit:
        return Check(
            "on_unit_site",
            WARN,
            f"หน่วยงานยังไม่ได้ระบุเว็บไซต์ของตน จึงตรวจไม่ได้ว่า {final} เป็นเว็บไซต์ของหน่วยงานหรือไม่",
        )
    return Check(
        "on_unit_site",
        WARN,
        f"อยู่นอกเว็บไซต์ของหน่วยงาน ({final}) ผู้ประเมินต้องการข้อมูลบนเว็บไซต์ของหน่วยงาน ({unit})",
    )


# ---- period ------------------------------------------------------------------------------------
def _span(period: ResolvedPeriod) -> str:
    return f"{thai_date(period.start)} – {thai_date(period.end)}"


def _labels(months: Iterable[tuple[int, int]]) -> str:
    return ", ".join(month_label(m) for m in sorted(months))


def check_period(findings: Findings, ctx: ItemContext, *, readable: bool) -> Check:
    mode, period = ctx.precheck.period, ctx.period
    if mode == "none" or period is None:
        return Check("period", PASS, "ข้อนี้ไม่กำหนดช่วงเวลาของข้อมูล")
    if not readable:
        return Check("period", WARN, "ตรวจช่วงเวลาไม่ได้ เพราะไม่มีหลักฐานที่อ่านเนื้อหาได้")
    wanted = months_between(period.start, period.end)
    inside = {m for m in findings.months if m in wanted}
    outside = findings.months - set(wanted)
    fiscal = findings.covers_fiscal_year(period.fiscal_year)
    if mode == "monthly":
        missing = [m for m in wanted if m not in inside]
        if not missing:
            return Check("period", PASS, f"พบข้อมูลครบทุกเดือน ({_labels(wanted)})")
        if inside:
            return Check("period", WARN, f"ไม่พบข้อมูลเดือน {_labels(missing)}")
        if outside:
            return Check(
                "period",
                FAIL,
                f"พบเฉพาะข้อมูลของ {_labels(list(outside)[:6])} ซึ่งอยู่นอกช่วงที่กำหนด ({_span(period)})",
            )
        return Check("period", FAIL, f"ไม่พบข้อมูลรายเดือนของเดือนใดในช่วง {_span(period)}")
    if inside or (fiscal and period.fiscal_year in findings.fiscal_years):
        what = (
            f"ปีงบประมาณ พ.ศ. {period.fiscal_year}"
            if period.fiscal_year in findings.fiscal_years
            else _labels(list(inside)[:3])
        )
        return Check("period", PASS, f"พบข้อมูลของ{what} ซึ่งอยู่ในช่วงที่กำหนด")
    if findings.fiscal_years or outside:
        named = [f"ปีงบประมาณ พ.ศ. {y}" for y in sorted(findings.fiscal_years)]
        named += [month_label(m) for m in sorted(outside)[:3]]
        return Check(
            "period",
            FAIL,
            f"เอกสารระบุ {', '.join(named)} ซึ่งไม่ใช่ช่วงที่ข้อนี้กำหนด ({_span(period)})",
        )
    return Check(
        "period",
        WARN,
        f"ไม่พบวันที่หรือปีงบประมาณในเอกสาร ผู้ประเมินอาจตรวจไม่ได้ว่าเป็นข้อมูลช่วง {_span(period)}",
    )


# ---- elements ----------------------------------------------------------------------------------
def _quote(entry: Sequence[str]) -> str:
    return " หรือ ".join(f"“{p}”" for p in entry)


def check_elements(
    texts: Sequence[str], ctx: ItemContext, *, readable: bool
) -> tuple[Check, dict[str, Check]]:
    with_keywords = [c for c in ctx.criteria if c.keywords]
    if not with_keywords:
        return Check("elements", PASS, "ข้อนี้ไม่มีรายการองค์ประกอบให้ตรวจอัตโนมัติ"), {}
    if not readable:
        reason = "ตรวจองค์ประกอบไม่ได้ เพราะไม่มีหลักฐานที่อ่านเนื้อหาได้"
        return Check("elements", WARN, reason), {
            c.id: Check("elements", WARN, reason) for c in with_keywords
        }
    matcher = Matcher("\n".join(texts))
    per: dict[str, Check] = {}
    for criterion in with_keywords:
        missing = matcher.missing(criterion.keywords)
        if not missing:
            per[criterion.id] = Check("elements", PASS, "พบองค์ประกอบครบ")
            continue
        status = FAIL if len(missing) == len(criterion.keywords) else WARN
        per[criterion.id] = Check(
            "elements", status, "ไม่พบ " + ", ".join(_quote(entry) for entry in missing)
        )
    problems = [(code, c) for code, c in per.items() if c.status != PASS]
    if not problems:
        return Check("elements", PASS, "พบองค์ประกอบที่เกณฑ์กำหนดครบทุกข้อย่อย"), per
    reason = "; ".join(f"{code}: {c.reason}" for code, c in problems)
    return Check("elements", worst(c.status for _code, c in problems), reason), per


# ---- format ------------------------------------------------------------------------------------
def check_format(kinds: Sequence[str], ctx: ItemContext) -> Check:
    wanted = [f for f in ctx.precheck.formats if f in FORMAT_NAMES]
    if not wanted:
        return Check("format", PASS, "ข้อนี้ไม่กำหนดรูปแบบไฟล์")
    names = " หรือ ".join(FORMAT_NAMES[f] for f in wanted)
    present = [k for k in kinds if k in wanted]
    if present and PDF in kinds:
        return Check("format", PASS, f"มีทั้งไฟล์ PDF และไฟล์ที่เครื่องอ่านได้ ({FORMAT_NAMES[present[0]]})")
    if present:
        return Check("format", WARN, f"มีไฟล์ {FORMAT_NAMES[present[0]]} แต่ไม่พบไฟล์ PDF")
    other = [k for k in kinds if k in MACHINE_READABLE_KINDS]
    if PDF in kinds:
        return Check("format", FAIL, f"มีเฉพาะไฟล์ PDF ต้องมีไฟล์ที่เครื่องอ่านได้ ({names}) ประกอบด้วย")
    if other:
        return Check("format", FAIL, f"ไฟล์ที่เครื่องอ่านได้ต้องเป็น {names} (พบ {FORMAT_NAMES[other[0]]})")
    shown = ", ".join(sorted({KIND_NAMES.get(k, k) for k in kinds if k != IMAGE})) or "ไม่มีไฟล์"
    return Check("format", FAIL, f"ไม่พบไฟล์ที่เครื่องอ่านได้ ({names}) ตามที่เกณฑ์กำหนด (พบ {shown})")


# ---- one item ----------------------------------------------------------------------------------
def check_item(ctx: ItemContext, documents: Sequence[Document]) -> ItemOutcome:
    outcome = ItemOutcome(code=ctx.code)
    usable: list[Document] = []
    for doc in documents:
        reachable = check_reachable(doc)
        outcome.documents.append((doc, [reachable, check_on_unit_site(doc, ctx)]))
        if reachable.status != FAIL:
            usable.append(doc)
    texts = [doc.text for doc in usable if doc.text.strip()]
    findings = Findings()
    for text in texts:
        findings.update(find_dates(text))
    readable = bool(texts)
    elements, per_criterion = check_elements(texts, ctx, readable=readable)
    outcome.checks = [
        check_period(findings, ctx, readable=readable),
        elements,
        check_format([doc.extracted.kind for doc in usable], ctx),
    ]
    outcome.criteria = per_criterion
    return outcome
