"""Phrases (of three clusters or more) match only on Thai character-cluster edges of the whole
text (pythainlp's TCC),
although only the run of Thai around a found phrase is segmented; English month names are
recognised whatever their case, and an odd spelling never breaks the check."""

from __future__ import annotations

import random

from pythainlp.tokenize import subword_tokenize

from prongsai.prechecks.dates import find_dates
from prongsai.prechecks.matching import Matcher, normalise

TEXTS = [
    "รายงานผลการปฏิบัติราชการประจำเดือน มีนาคม 2567 โครงการตรวจคนต่างด้าว",
    "อัตรา กำลัง 12 นาย\nผู้บริหาร ตำแหน่ง ผู้กำกับการ Online LINE",
    "ประกาศ นโยบายต่อต้านการรับสินบน No Gift Policy กำลังพล เกี่ยวกับ ไม่ได้ เเละ",
    "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (ฉบับปรับปรุง) เกาะ เกือบ",
]


def _edges(text: str) -> set[int]:
    cuts, position = {0}, 0
    for token in subword_tokenize(text, engine="tcc", keep_whitespace=True):
        position += len(token)
        cuts.add(position)
    return cuts


def _expected(text: str, phrase: str) -> bool:
    """The rule on the whole text at once (what the matcher must agree with)."""
    edges = _edges(text)

    def ok(index: int) -> bool:
        if index <= 0 or index >= len(text):
            return True
        a, b = text[index - 1], text[index]
        if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            return False
        if "\u0e00" <= a <= "\u0e7f" and "\u0e00" <= b <= "\u0e7f":
            return index in edges
        return True

    start = text.find(phrase)
    while start != -1:
        if ok(start) and ok(start + len(phrase)):
            return True
        start = text.find(phrase, start + 1)
    return False


def test_a_phrase_is_found_exactly_where_whole_text_segmentation_allows() -> None:
    chooser = random.Random(16)
    for raw in TEXTS:
        matcher = Matcher(raw)
        text = normalise(raw)
        for _ in range(300):
            start = chooser.randrange(len(text) - 3)
            phrase = text[start : start + chooser.randint(3, 9)].strip()
            if phrase != normalise(phrase) or len(subword_tokenize(phrase, engine="tcc")) <= 2:
                continue  # one or two clusters: matched on word edges (newmm), another rule
            assert matcher.has(phrase) == _expected(text, phrase), (raw, phrase)


def test_english_months_in_any_case_and_spelling_are_found() -> None:
    found = find_dates("Report for MARCH 2024, april 2024 and Auguſt; fiscal year 2024")
    assert {(2024, 3), (2024, 4), (2024, 8)} <= found.months
    assert find_dates("มีนาคม ๒๕๖๗ และ มี. ค. 67").months == {(2024, 3)}
