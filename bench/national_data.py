"""Synthetic national-scale scoring inputs: 8,300 units, 1.35 million survey responses.

Deterministic (seeded). Tallies only, as the calculator reads them: the number of answers per
answer key and level, so the cost of scoring does not depend on the number of responses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring.calculator import ItemReview, ScoringInput, SurveyTally

UNITS = 8_300
RESPONSES = 1_350_000
IIT_SHARE = 0.22  # about a fifth of the answers come from staff


@dataclass(frozen=True)
class UnitData:
    iit: SurveyTally
    eit: SurveyTally
    reviews: dict[str, ItemReview]
    headcounts: dict[str, int]

    def scoring_input(self) -> ScoringInput:
        return ScoringInput(
            surveys={"IIT": self.iit, "EIT": self.eit},
            reviews=self.reviews,
            headcounts=self.headcounts,
        )


def _split(total: int, parts: int, rnd: random.Random) -> list[int]:
    weights = [rnd.uniform(0.3, 1.7) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    counts[0] += total - sum(counts)
    return counts


def _tally(spec: FrameworkSpec, instrument: str, people: int, rnd: random.Random) -> SurveyTally:
    counts: dict[str, dict[int, int]] = {}
    for question in spec.questions_of(instrument):
        scale = spec.scale_by_id[question.scale]
        values = [level.value for level in scale.levels]
        for key in question.answer_keys:
            answered = people - rnd.randint(0, max(0, people // 20))
            reverse = question.reverse_for(key)
            ranked = sorted(values, key=lambda v: scale.score(v, reverse=reverse))
            # mostly good answers: the best level gets the most weight
            weights = [rnd.uniform(0.05, 0.3) * (i + 1) ** 2 for i in range(len(ranked))]
            share = sum(weights)
            by_level = {v: int(answered * w / share) for v, w in zip(ranked, weights, strict=True)}
            by_level[ranked[-1]] += answered - sum(by_level.values())
            counts[key] = {v: c for v, c in by_level.items() if c}
    return SurveyTally(respondents=people, counts=counts)


def _reviews(spec: FrameworkSpec, rnd: random.Random) -> dict[str, ItemReview]:
    out = {}
    for item in spec.items:
        out[item.id] = ItemReview(
            criteria={c.id: ("pass" if rnd.random() < 0.93 else "fail") for c in item.criteria},
            decision=None if item.criteria else ("pass" if rnd.random() < 0.9 else "fail"),
        )
    return out


def national_inputs(
    spec: FrameworkSpec, units: int = UNITS, responses: int = RESPONSES, seed: int = 2567
) -> list[UnitData]:
    rnd = random.Random(seed)
    iit_people = _split(int(responses * IIT_SHARE), units, rnd)
    eit_people = _split(responses - int(responses * IIT_SHARE), units, rnd)
    out = []
    for index in range(units):
        out.append(
            UnitData(
                iit=_tally(spec, "IIT", iit_people[index], rnd),
                eit=_tally(spec, "EIT", eit_people[index], rnd),
                reviews=_reviews(spec, rnd),
                headcounts={"IIT": max(iit_people[index], 1) * 3, "EIT": eit_people[index] * 10},
            )
        )
    return out
