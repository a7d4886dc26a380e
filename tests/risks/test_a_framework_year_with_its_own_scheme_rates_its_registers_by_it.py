"""A framework year may ship its own scheme (``schemes/<year>.yaml``): registers opened for that
year keep it, and their events are levelled by its bands; a register keeps the scheme it was
opened with when the files change later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from prongsai.risks import schemes
from prongsai.risks.selectors import register_view
from prongsai.risks.services import event_save, process_save

from .helpers import open_register


def test_the_years_scheme_is_used_and_kept(
    assessment: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    data = schemes.scheme_data(schemes.shipped_scheme("default"))
    data["key"] = "strict-2567"
    data["bands"] = [
        {"key": "low", "min": 1, "max": 2, "th": "ต่ำ", "en": "Low"},
        {"key": "medium", "min": 3, "max": 5, "th": "ปานกลาง", "en": "Medium"},
        {"key": "high", "min": 6, "max": 9, "th": "สูง", "en": "High"},
        {"key": "very_high", "min": 10, "max": 25, "th": "สูงมาก", "en": "Very high"},
    ]
    (tmp_path / "default.yaml").write_text(
        (schemes.SCHEME_DIR / "default.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / f"{assessment.framework.year}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    monkeypatch.setattr(schemes, "SCHEME_DIR", tmp_path)
    schemes.shipped_scheme.cache_clear()
    try:
        register = open_register(assessment, start="empty")
        assert register.scheme["key"] == "strict-2567"
        process = process_save(actor="tests", register=register, name="งานพัสดุ")
        event_save(
            actor="tests",
            process=process,
            description="รับของขวัญจากผู้ขาย",
            risk_type="bribes",
            likelihood=2,
            impact=5,
        )
        (tmp_path / f"{assessment.framework.year}.yaml").unlink()  # the file goes away later
        schemes.shipped_scheme.cache_clear()
        view = register_view(register)
        assert view.events[0].level.band.key == "very_high"  # 10: very high here, high by default
    finally:
        schemes.shipped_scheme.cache_clear()
