"""The risk-scoring scheme (levels of likelihood and impact, score bands) is data, not code.

``schemes/default.yaml`` ships the 5 × 5 scheme (low 1–3, medium 4–8, high 9–14, very high 15–25);
a framework year may ship ``schemes/<year>.yaml``. A register keeps a copy of the scheme it was
opened with (``Register.scheme``), so a later file never changes an earlier year's levels.

:func:`risk_level` is pure: the score is likelihood × impact and its level is the band it falls in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SCHEME_DIR = Path(__file__).resolve().parent / "schemes"


class SchemeError(ValueError):
    """A scheme file or stored scheme that does not hold together."""


@dataclass(frozen=True)
class ScaleLevel:
    value: int
    th: str
    en: str
    description_th: str
    description_en: str

    def label(self, lang: str = "th") -> str:
        return self.en if lang == "en" else self.th

    def description(self, lang: str = "th") -> str:
        return self.description_en if lang == "en" else self.description_th


@dataclass(frozen=True)
class Band:
    key: str
    min: int
    max: int
    th: str
    en: str
    colour: str

    def label(self, lang: str = "th") -> str:
        return self.en if lang == "en" else self.th


@dataclass(frozen=True)
class Scheme:
    key: str
    title_th: str
    title_en: str
    likelihood: tuple[ScaleLevel, ...]
    impact: tuple[ScaleLevel, ...]
    bands: tuple[Band, ...]

    @property
    def likelihood_values(self) -> list[int]:
        return [level.value for level in self.likelihood]

    @property
    def impact_values(self) -> list[int]:
        return [level.value for level in self.impact]

    def likelihood_level(self, value: int) -> ScaleLevel | None:
        return next((lv for lv in self.likelihood if lv.value == value), None)

    def impact_level(self, value: int) -> ScaleLevel | None:
        return next((lv for lv in self.impact if lv.value == value), None)

    def band(self, key: str) -> Band | None:
        return next((b for b in self.bands if b.key == key), None)


@dataclass(frozen=True)
class RiskLevel:
    score: int
    band: Band


def risk_level(scheme: Scheme, likelihood: int, impact: int) -> RiskLevel:
    """Score = likelihood × impact; its level is the scheme's band that holds it."""
    if likelihood not in scheme.likelihood_values:
        raise SchemeError(f"likelihood {likelihood} is not a level of scheme {scheme.key}")
    if impact not in scheme.impact_values:
        raise SchemeError(f"impact {impact} is not a level of scheme {scheme.key}")
    score = likelihood * impact
    for band in scheme.bands:
        if band.min <= score <= band.max:
            return RiskLevel(score=score, band=band)
    raise SchemeError(f"score {score} falls in no band of scheme {scheme.key}")


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise SchemeError(f"missing text {name!r}")
    return value.strip()


def _scale(entries: Any, name: str) -> tuple[ScaleLevel, ...]:
    if not isinstance(entries, list) or not entries:
        raise SchemeError(f"{name}: a list of levels is needed")
    levels = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), int):
            raise SchemeError(f"{name}: each level needs an integer value")
        description = entry.get("description") or {}
        if not isinstance(description, dict):
            raise SchemeError(f"{name}: description must be th/en")
        levels.append(
            ScaleLevel(
                value=entry["value"],
                th=_text(entry, "th"),
                en=_text(entry, "en"),
                description_th=_text(description, "th"),
                description_en=_text(description, "en"),
            )
        )
    values = [level.value for level in levels]
    if len(set(values)) != len(values) or min(values) < 1:
        raise SchemeError(f"{name}: values must be distinct and at least 1")
    return tuple(sorted(levels, key=lambda level: level.value))


def scheme_from_data(data: Any) -> Scheme:
    """Check a scheme (as loaded from YAML or stored as JSON) and build it."""
    if not isinstance(data, dict):
        raise SchemeError("a scheme is a mapping")
    title = data.get("title") or {}
    likelihood = _scale(data.get("likelihood"), "likelihood")
    impact = _scale(data.get("impact"), "impact")
    raw_bands = data.get("bands")
    if not isinstance(raw_bands, list) or not raw_bands:
        raise SchemeError("bands: a list is needed")
    bands = []
    for entry in raw_bands:
        if not isinstance(entry, dict):
            raise SchemeError("bands: each band is a mapping")
        low, high = entry.get("min"), entry.get("max")
        if not isinstance(low, int) or not isinstance(high, int) or low > high:
            raise SchemeError("bands: integer min ≤ max needed")
        bands.append(
            Band(
                key=_text(entry, "key"),
                min=low,
                max=high,
                th=_text(entry, "th"),
                en=_text(entry, "en"),
                colour=str(entry.get("colour") or "#888888"),
            )
        )
    bands.sort(key=lambda band: band.min)
    top = (
        max(likelihood, key=lambda lv: lv.value).value * max(impact, key=lambda lv: lv.value).value
    )
    expected = 1
    for band in bands:
        if band.min != expected:
            raise SchemeError(f"bands: a gap or overlap before score {band.min}")
        expected = band.max + 1
    if expected <= top:
        raise SchemeError(f"bands: scores above {expected - 1} fall in no band")
    return Scheme(
        key=_text(data, "key"),
        title_th=str(title.get("th") or ""),
        title_en=str(title.get("en") or ""),
        likelihood=likelihood,
        impact=impact,
        bands=tuple(bands),
    )


def scheme_data(scheme: Scheme) -> dict[str, Any]:
    """The scheme as JSON-able data (what a register stores), the inverse of scheme_from_data."""

    def scale(levels: tuple[ScaleLevel, ...]) -> list[dict[str, Any]]:
        return [
            {
                "value": lv.value,
                "th": lv.th,
                "en": lv.en,
                "description": {"th": lv.description_th, "en": lv.description_en},
            }
            for lv in levels
        ]

    return {
        "key": scheme.key,
        "title": {"th": scheme.title_th, "en": scheme.title_en},
        "likelihood": scale(scheme.likelihood),
        "impact": scale(scheme.impact),
        "bands": [
            {"key": b.key, "min": b.min, "max": b.max, "th": b.th, "en": b.en, "colour": b.colour}
            for b in scheme.bands
        ],
    }


@cache
def shipped_scheme(name: str) -> Scheme:
    path = SCHEME_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return scheme_from_data(yaml.safe_load(handle))


def scheme_for_year(framework_year: int) -> Scheme:
    """The framework year's own scheme when one ships, else the default 5 × 5."""
    if (SCHEME_DIR / f"{int(framework_year)}.yaml").is_file():
        return shipped_scheme(str(int(framework_year)))
    return shipped_scheme("default")
