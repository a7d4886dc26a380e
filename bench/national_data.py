"""Synthetic national-scale scoring inputs: 8,300 units, 1.35 million survey responses.

Deterministic (seeded). Tallies only, as the calculator reads them: the number of answers per
answer key and level, so the cost of scoring does not depend on the number of responses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring.calculator import ItemReview, Pattern, ScoringInput, SurveyTally

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
    """Up to 5% leave each answer key blank. For a question with sub-items, each blank is one
    respondent who skipped just that sub-item and gave the best answer to the others: their
    patterns are the partly answered tallies respondent-first scoring reads."""
    counts: dict[str, dict[int, int]] = {}
    partial: dict[str, dict[Pattern, int]] = {}
    for question in spec.questions_of(instrument):
        scale = spec.scale_by_id[question.scale]
        values = [level.value for level in scale.levels]
        skipped: dict[str, int] = {}
        best: dict[str, int] = {}
        for key in question.answer_keys:
            skipped[key] = rnd.randint(0, max(0, people // 20))
            answered = people - skipped[key]
            reverse = question.reverse_for(key)
            ranked = sorted(values, key=lambda v: scale.score(v, reverse=reverse))
            # mostly good answers: the best level gets the most weight
            weights = [rnd.uniform(0.05, 0.3) * (i + 1) ** 2 for i in range(len(ranked))]
            share = sum(weights)
            by_level = {v: int(answered * w / share) for v, w in zip(ranked, weights, strict=True)}
            by_level[ranked[-1]] += answered - sum(by_level.values())
            best[key] = ranked[-1]
            counts[key] = {v: c for v, c in by_level.items() if c}
        keys = question.answer_keys
        if len(keys) < 2:
            continue
        for key in keys:
            # the partly answering respondents' best answers must be among the counts
            need = sum(n for other, n in skipped.items() if other != key)
            levels = counts[key]
            for value in sorted(levels, key=lambda v: -levels[v]):
                deficit = need - levels.get(best[key], 0)
                if deficit <= 0:
                    break
                if value != best[key]:
                    moved = min(deficit, levels[value])
                    levels[value] -= moved
                    levels[best[key]] = levels.get(best[key], 0) + moved
            counts[key] = {v: c for v, c in levels.items() if c}
        patterns = {
            tuple(None if other == key else best[other] for other in keys): n
            for key, n in skipped.items()
            if n
        }
        if patterns:
            partial[question.id] = patterns
    return SurveyTally(respondents=people, counts=counts, partial=partial)


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
