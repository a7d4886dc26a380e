"""An event's score is likelihood × impact and its level is the band of the register's scheme
(data: default 5 × 5, low 1–3, medium 4–8, high 9–14, very high 15–25); another scheme with
other bands gives another level for the same rating."""

from __future__ import annotations

import copy

import pytest

from prongsai.risks.schemes import (
    SchemeError,
    risk_level,
    scheme_data,
    scheme_from_data,
    shipped_scheme,
)


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, "low"),
        (1, 3, 3, "low"),
        (2, 2, 4, "medium"),
        (2, 4, 8, "medium"),
        (3, 3, 9, "high"),
        (2, 5, 10, "high"),
        (3, 4, 12, "high"),
        (3, 5, 15, "very_high"),
        (5, 5, 25, "very_high"),
    ],
)
def test_the_default_scheme_bands_the_score(
    likelihood: int, impact: int, score: int, band: str
) -> None:
    level = risk_level(shipped_scheme("default"), likelihood, impact)
    assert (level.score, level.band.key) == (score, band)


def test_every_level_has_a_thai_description_and_the_bands_have_thai_names() -> None:
    scheme = shipped_scheme("default")
    assert [lv.value for lv in scheme.likelihood] == [1, 2, 3, 4, 5]
    assert [lv.value for lv in scheme.impact] == [1, 2, 3, 4, 5]
    assert all(lv.description_th and not lv.description_th.isascii() for lv in scheme.likelihood)
    assert [b.th for b in scheme.bands] == ["ต่ำ", "ปานกลาง", "สูง", "สูงมาก"]


def test_a_changed_scheme_changes_the_level() -> None:
    data = copy.deepcopy(scheme_data(shipped_scheme("default")))
    data["key"] = "strict"
    data["bands"] = [
        {"key": "low", "min": 1, "max": 2, "th": "ต่ำ", "en": "Low"},
        {"key": "medium", "min": 3, "max": 5, "th": "ปานกลาง", "en": "Medium"},
        {"key": "high", "min": 6, "max": 9, "th": "สูง", "en": "High"},
        {"key": "very_high", "min": 10, "max": 25, "th": "สูงมาก", "en": "Very high"},
    ]
    strict = scheme_from_data(data)
    assert risk_level(shipped_scheme("default"), 2, 5).band.key == "high"
    assert risk_level(strict, 2, 5).band.key == "very_high"
    assert risk_level(shipped_scheme("default"), 1, 3).band.key == "low"
    assert risk_level(strict, 1, 3).band.key == "medium"


def test_a_scheme_with_a_gap_in_its_bands_or_a_rating_off_the_scale_is_refused() -> None:
    data = copy.deepcopy(scheme_data(shipped_scheme("default")))
    data["bands"][1]["min"] = 5  # 4 falls in no band
    with pytest.raises(SchemeError):
        scheme_from_data(data)
    with pytest.raises(SchemeError):
        risk_level(shipped_scheme("default"), 6, 1)
