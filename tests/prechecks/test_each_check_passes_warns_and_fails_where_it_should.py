"""Against a local test server: each of the five checks passes, warns and fails where an
evaluator would (soft 404, log-in redirect, missing month, wrong year, Thai digits, missing
element, PDF without its machine-readable file, redirect to another host, an oversize file, a
slow server)."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.prechecks.engine import check_url

from .helpers import (
    MONTHS_H1,
    PDF_TYPE,
    XLSX_TYPE,
    monthly_report,
    page,
    thai_pdf,
    xlsx,
)
from .server import LocalSite, Reply

pytestmark = pytest.mark.django_db


def _checks(assessment: Any, code: str, url: str) -> dict[str, tuple[str, str]]:
    assessment.unit.refresh_from_db()
    outcome = check_url(assessment, code, url)
    (doc, _own) = outcome.documents[0]
    return {c.name: (c.status, c.reason) for c in outcome.checks_of(doc)}


def test_a_complete_page_on_the_units_site_passes_every_check(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route(
        "/oit/o1",
        page(
            "โครงสร้างหน่วยงาน",
            "<p>แผนผังโครงสร้างของหน่วยงาน</p><p>อัตรากำลัง 12 นาย</p>"
            "<p>ผู้บริหาร พ.ต.อ. ทดสอบ ตำแหน่ง ผู้กำกับการ โทรศัพท์ 043-000000</p>",
        ),
    )
    checks = _checks(assessment, "O1", url)
    assert {name: status for name, (status, _r) in checks.items()} == {
        "reachable": "pass",
        "on_unit_site": "pass",
        "period": "pass",
        "elements": "pass",
        "format": "pass",
    }
    # A real User-Agent, and no cookie is ever sent.
    _path, headers = site.requests[-1]
    assert headers["User-Agent"].startswith("Prongsai-EvidenceCheck/")
    assert "Cookie" not in headers


def test_a_soft_404_fails_as_unreachable(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/moved", page("ไม่พบหน้าที่คุณต้องการ", "<p>ขออภัย</p>" * 10))
    status, reason = _checks(assessment, "O1", url)["reachable"]
    assert status == "fail" and "ไม่พบหน้า" in reason


def test_a_real_404_fails(assessment: Any, unit_on_site: Any, site: LocalSite) -> None:
    status, reason = _checks(assessment, "O1", site.url("/nothing-here"))["reachable"]
    assert status == "fail" and "404" in reason


def test_a_redirect_to_a_log_in_page_fails(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    site.route(
        "/login",
        Reply(
            b"<html><head><title>Log in</title></head><body><form><input type='password' name='p'></form></body></html>"
        ),
    )
    url = site.route(
        "/private/report", Reply(status=302, headers={"Location": "/login?next=/private/report"})
    )
    status, reason = _checks(assessment, "O1", url)["reachable"]
    assert status == "fail" and "เข้าสู่ระบบ" in reason


def test_an_empty_page_fails(assessment: Any, unit_on_site: Any, site: LocalSite) -> None:
    url = site.route("/empty", Reply(b"<html><body><main> </main></body></html>"))
    assert _checks(assessment, "O1", url)["reachable"][0] == "fail"


def test_an_oversize_file_fails(
    assessment: Any, unit_on_site: Any, site: LocalSite, settings: Any
) -> None:
    settings.PRECHECK_MAX_BYTES = 2048
    url = site.route("/big.pdf", Reply(b"%PDF-1.4 " + b"0" * 10_000, content_type=PDF_TYPE))
    status, reason = _checks(assessment, "O1", url)["reachable"]
    assert status == "fail" and "ใหญ่เกิน" in reason


def test_a_slow_server_hits_the_timeout(
    assessment: Any, unit_on_site: Any, site: LocalSite, settings: Any
) -> None:
    settings.PRECHECK_READ_TIMEOUT = 1
    url = site.route("/slow", Reply(b"<html><title>ok</title><body>late</body></html>", delay=3))
    status, reason = _checks(assessment, "O1", url)["reachable"]
    assert status == "fail" and "ไม่ตอบภายในเวลา" in reason


def test_a_redirect_to_another_host_fails_on_unit_site(
    assessment: Any, unit_on_site: Any, site: LocalSite, other_site: LocalSite
) -> None:
    target = other_site.route("/o1", page("โครงสร้าง", "<p>แผนผังโครงสร้าง อัตรากำลัง</p>"))
    url = site.route("/o1", Reply(status=301, headers={"Location": target}))
    status, reason = _checks(assessment, "O1", url)["on_unit_site"]
    assert status == "fail" and "127.0.0.3" in reason
    # Linked directly, another host only warns.
    assert _checks(assessment, "O1", target)["on_unit_site"][0] == "warn"


def test_a_monthly_report_missing_a_month_warns_and_names_it(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o6", monthly_report(MONTHS_H1[:5]))
    status, reason = _checks(assessment, "O6", url)["period"]
    assert status == "warn"
    assert reason == "ไม่พบข้อมูลเดือน มีนาคม 2567"
    site.route("/o6", monthly_report(MONTHS_H1))
    assert _checks(assessment, "O6", url)["period"][0] == "pass"


def test_the_wrong_year_fails_the_period(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route(
        "/o17",
        page(
            "ประกาศนโยบาย", "<p>ประกาศ นโยบายต่อต้านการรับสินบน No Gift Policy ปีงบประมาณ พ.ศ. 2566</p>"
        ),
    )
    status, reason = _checks(assessment, "O17", url)["period"]
    assert status == "fail" and "2566" in reason


@pytest.mark.parametrize(
    "written",
    ["มีนาคม ๒๕๖๗", "มี.ค. 67", "31/03/2567", "March 2024", "๓๑ มี.ค. ๖๗"],
)
def test_dates_in_thai_and_english_forms_count(
    assessment: Any, unit_on_site: Any, site: LocalSite, written: str
) -> None:
    url = site.route(
        "/o18", page("กิจกรรม", f"<p>หัวหน้าหน่วยงานร่วมกิจกรรมต่อต้านการทุจริต เมื่อ {written}</p>")
    )
    assert _checks(assessment, "O18", url)["period"][0] == "pass"


def test_a_page_without_dates_warns(assessment: Any, unit_on_site: Any, site: LocalSite) -> None:
    url = site.route("/o18", page("กิจกรรม", "<p>หัวหน้าหน่วยงานร่วมกิจกรรมต่อต้านการทุจริต</p>"))
    assert _checks(assessment, "O18", url)["period"][0] == "warn"


def test_a_missing_element_is_named(assessment: Any, unit_on_site: Any, site: LocalSite) -> None:
    url = site.route(
        "/o1",
        page(
            "โครงสร้าง", "<p>แผนผังโครงสร้าง</p><p>อัตรา กำลัง 12 นาย</p><p>ผู้บริหาร ตำแหน่ง ผู้กำกับการ</p>"
        ),
    )
    outcome = check_url(assessment, "O1", url)
    elements = next(c for c in outcome.checks if c.name == "elements")
    assert elements.status == "warn"
    assert "O1.3" in elements.reason and "“โทรศัพท์”" in elements.reason
    # "อัตรา กำลัง" split by a space still counts as อัตรากำลัง (word segmentation).
    assert outcome.criteria["O1.2"].status == "pass"
    assert outcome.criteria["O1.1"].status == "pass"


def test_a_pdf_without_its_machine_readable_file_fails_the_format(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    pdf = thai_pdf("สถิติคดี", " ".join(f"สถิติคดี {m} 10 คดี" for m in MONTHS_H1))
    url = site.route("/o10.pdf", Reply(pdf, content_type=PDF_TYPE))
    status, reason = _checks(assessment, "O10", url)["format"]
    assert status == "fail" and "PDF" in reason
    sheet = site.route(
        "/o10.xlsx",
        Reply(xlsx([["เดือน", "สถิติคดี"], *[[m, 10] for m in MONTHS_H1]]), content_type=XLSX_TYPE),
    )
    xlsx_checks = _checks(assessment, "O10", sheet)
    assert xlsx_checks["format"][0] == "warn"  # machine-readable, but no PDF beside it
    assert xlsx_checks["period"][0] == "pass"
