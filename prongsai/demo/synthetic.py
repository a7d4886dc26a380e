"""Deterministic, realistic synthetic answer sheets (demo data, benchmarks).

Realistic for a well-run unit: positive questions mostly มาก / มากที่สุด, negatively worded
(reversed) questions mostly at the bottom of the scale, bribe questions almost always ไม่มี.
Everything comes from the framework's spec, and the same seed always gives the same sheets.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass

from prongsai.frameworks.spec import FrameworkSpec, Scale
from prongsai.surveys.answers import layout_for


@dataclass(frozen=True)
class Sheet:
    answers: dict[str, int]
    profile: dict[str, str]


def _rng(seed: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))  # noqa: S311 (not security)


def _pick(rng: random.Random, scale: Scale, *, reverse: bool) -> int:
    """Weights from the best level down; a reversed question's best answer is its lowest level."""
    levels = sorted(scale.levels, key=lambda lv: lv.score, reverse=not reverse)
    if len(levels) == 2:
        weights = [0.96, 0.04]
    else:
        weights = [0.66, 0.29, 0.04, 0.01, 0.01, 0.01][: len(levels)]
    return rng.choices([lv.value for lv in levels], weights=weights)[0]


# Profile options that are common for an immigration office's service users (others get little).
_COMMON = {"foreigner": 6.0, "person": 3.0, "report-90-days": 3.0, "extension": 2.5}


def sheets(spec: FrameworkSpec, instrument: str, *, seed: str, count: int) -> Iterator[Sheet]:
    layout = layout_for(spec, instrument)
    for index in range(count):
        rng = _rng(f"{seed}:{instrument}:{index}")
        answers = {}
        for key, question in layout.question_of_key.items():
            answers[key] = _pick(rng, layout.scale(question), reverse=question.reverse_for(key))
        profile = {}
        for pq in layout.profile:
            if pq.required is False and rng.random() < 0.2:
                continue  # optional question left blank
            weights = [_COMMON.get(option.value, 1.0) for option in pq.options]
            profile[pq.id] = rng.choices([o.value for o in pq.options], weights=weights)[0]
        yield Sheet(answers=answers, profile=profile)
