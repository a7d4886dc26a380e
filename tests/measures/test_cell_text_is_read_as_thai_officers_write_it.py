"""Cells typed by hand in Thai offices (Thai digits, Buddhist-era dates, loose spacing) are read
into clean values, and text that cannot be read gets a message saying what was expected."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.measures.parsing import (
    CellError,
    extract_oit_codes,
    parse_cadence,
    parse_channels,
    parse_indicator,
    parse_oit_list,
    parse_period,
    parse_status,
)

pytestmark = pytest.mark.usefixtures("english")

INDICATORS = {"1": "การปฏิบัติหน้าที่", "4": "การใช้ทรัพย์สินของราชการ", "9": "การเปิดเผยข้อมูล"}
ITEMS = {f"O{i}" for i in range(1, 25)}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("๑. การปฏิบัติหน้าที่", "1"),
        ("๑.การปฏิบัติหน้าที่", "1"),
        ("๙. การเปิดเผยข้อมูล", "9"),
        ("9", "9"),
        ("การเปิดเผยข้อมูล", "9"),
        ("๔.การใช้ทรัพย์สินของทางราชการ", "4"),  # the seed's wording differs slightly: fine
    ],
)
def test_indicators_are_read_from_thai_numbers_or_titles(text: str, code: str) -> None:
    assert parse_indicator(text, INDICATORS) == code


def test_an_unknown_indicator_is_refused() -> None:
    with pytest.raises(CellError, match="unknown indicator 12"):
        parse_indicator("๑๒. การบริหารงาน", INDICATORS)


def test_a_number_that_contradicts_its_title_is_refused_not_guessed() -> None:
    with pytest.raises(
        CellError, match="indicator 4 but names “การเปิดเผยข้อมูล”, which is indicator 9"
    ):
        parse_indicator("๔. การเปิดเผยข้อมูล", INDICATORS)


@pytest.mark.parametrize(
    ("text", "codes", "other"),
    [
        ("website และ Facebook", ["website", "facebook"], ""),
        ("๑. Website ๒. จุด One stop service", ["website", "one_stop"], ""),
        ("Website Face book", ["website", "facebook"], ""),
        ("Web site", ["website"], ""),
        ("๑.Website ๒.Facebook", ["website", "facebook"], ""),
        ("LINE OA\nเว็บไซต์", ["website", "line"], ""),
        ("Website, บอร์ดประชาสัมพันธ์", ["website"], "บอร์ดประชาสัมพันธ์"),
        ("อื่น ๆ: LINE กลุ่มผู้ประกอบการ", [], "LINE กลุ่มผู้ประกอบการ"),
    ],
)
def test_channels_are_recognised_and_the_rest_kept(text: str, codes: list[str], other: str) -> None:
    assert parse_channels(text) == (codes, other)


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        ("๑ ต.ค. ๖๖ ถึง ๓๑ มี.ค. ๖๗", dt.date(2023, 10, 1), dt.date(2024, 3, 31), ""),
        ("๒ ก.พ.๒๕๖๗ ถึง ๓๐ เม.ย.๒๕๖๗", dt.date(2024, 2, 2), dt.date(2024, 4, 30), ""),
        ("1 มกราคม 2567 - 31 มีนาคม 2567", dt.date(2024, 1, 1), dt.date(2024, 3, 31), ""),
        ("ภายใน ๓๑ มี.ค. ๖๗", None, dt.date(2024, 3, 31), ""),
        ("ทุกวัน", None, None, "ทุกวัน"),
        ("ทุกวันที่ 15 ของเดือน", None, None, "ทุกวันที่ 15 ของเดือน"),
        ("", None, None, ""),
    ],
)
def test_periods_are_date_ranges_or_kept_as_words(
    text: str, start: dt.date | None, end: dt.date | None, words: str
) -> None:
    assert parse_period(text) == (start, end, words)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("๒ ก.พ.๒๕๖๗ ถึง ๓๐ ม.ย.๒๕๖๗", "๓๐ ม.ย.๒๕๖๗"),
        ("๓๑ ก.พ. ๖๗", "๓๑ ก.พ. ๖๗"),
    ],
)
def test_a_date_that_does_not_exist_is_named_in_the_message(text: str, bad: str) -> None:
    with pytest.raises(CellError, match=f"cannot read “{bad}” as a date"):
        parse_period(text)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(CellError, match="ends"):
        parse_period("๓๑ มี.ค. ๖๗ ถึง ๑ ม.ค. ๖๗")


@pytest.mark.parametrize(
    ("text", "cadence", "wording"),
    [
        ("ทุกสัปดาห์", "weekly", ""),
        ("ทุกเดือน", "monthly", ""),
        ("ทุกไตรมาส", "quarterly", ""),
        ("ตรวจประจำปีงบประมาณ", "yearly", "ตรวจประจำปีงบประมาณ"),
        (
            "ทุกครั้งที่สำนักงานตำรวจแห่งชาติมีการอัปเดตมาตรฐานการปฏิบัติงาน",
            "event",
            "ทุกครั้งที่สำนักงานตำรวจแห่งชาติมีการอัปเดตมาตรฐานการปฏิบัติงาน",
        ),
        ("", "", ""),
    ],
)
def test_monitoring_cadence_keeps_the_wording_when_it_differs(
    text: str, cadence: str, wording: str
) -> None:
    assert parse_cadence(text) == (cadence, wording)


@pytest.mark.parametrize(
    ("text", "status", "note"),
    [
        ("ดำเนินการเสร็จสิ้น", "done", ""),
        ("ดำเนินการ\nเสร็จสิ้น", "done", ""),
        ("ดำเนินการเสร็จสิ้น ครบ ๓ ครั้ง", "done", "ครบ ๓ ครั้ง"),
        ("อยู่ระหว่างดำเนินการ", "in_progress", ""),
        ("", "not_started", ""),
        ("ร้อยละ 80", "in_progress", "ร้อยละ 80"),
    ],
)
def test_results_give_a_status_and_details(text: str, status: str, note: str) -> None:
    assert parse_status(text) == (status, note)


def test_our_own_status_column_is_strict() -> None:
    with pytest.raises(CellError, match="unknown status"):
        parse_status("ร้อยละ 80", strict=True)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("ข้อมูล OIT O๒๓", ["O23"]),
        ("ข้อมูล OITO๑๒", ["O12"]),
        ("ข้อมูล OIT ๐๑๘", ["O18"]),  # a Thai zero typed for the letter O
        ("ข้อมูล OIT๗", ["O7"]),
        ("ข้อมูล OIT\nO๑๑", ["O11"]),
        ("จัดเตรียมข้อมูล ๐๒๔ การรายงานผล", ["O24"]),
        ("ข้อมูล OIT O๓๐", []),  # no such item in the framework
        ("๑๐.๑.๑ ตุลาคม ๒๕๖๖", []),
    ],
)
def test_oit_items_mentioned_in_text_are_found(text: str, codes: list[str]) -> None:
    assert extract_oit_codes([text], ITEMS) == codes


def test_an_explicit_oit_list_refuses_unknown_codes() -> None:
    assert parse_oit_list("O23, O๒๔", ITEMS) == ["O23", "O24"]
    with pytest.raises(CellError, match="unknown OIT item “O30”"):
        parse_oit_list("O23, O30", ITEMS)
