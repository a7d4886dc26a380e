"""Reading and checking answers against the framework (pure: a spec and plain data in).

Nothing about questions is written here: questions, sub-items, scales and profile questions all
come from ``assessment.framework.spec``. The web form and the paper-form import both end in
:func:`check_answers`, so they accept exactly the same things.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from prongsai.frameworks.spec import FrameworkSpec, Indicator, ProfileQuestion, Question, Scale

ANSWER_PREFIX = "a_"
PROFILE_PREFIX = "p_"
MAX_VALUE_LENGTH = 80  # longest accepted answer text (a scale label in a paper-form file)


@dataclass(frozen=True)
class Section:
    indicator: Indicator
    questions: tuple[tuple[int, Question], ...]  # (number shown to the respondent, question)


@dataclass(frozen=True)
class Layout:
    """An instrument's questionnaire: sections by indicator, answer keys, profile questions."""

    spec: FrameworkSpec
    instrument: str
    sections: tuple[Section, ...]
    profile: tuple[ProfileQuestion, ...]
    question_of_key: Mapping[str, Question]
    keys: tuple[str, ...]

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)

    def scale(self, question: Question) -> Scale:
        return self.spec.scale_by_id[question.scale]

    @cached_property
    def partly_answerable(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(question id, answer keys) of the questions with sub-items (of which a sheet may
        leave some blank: optional questions, or sheets stored under an earlier version)."""
        return tuple(
            (question.id, question.answer_keys)
            for section in self.sections
            for _number, question in section.questions
            if len(question.answer_keys) > 1
        )


_LAYOUTS: dict[tuple[int, str], tuple[FrameworkSpec, Layout]] = {}


def layout_for(spec: FrameworkSpec, instrument: str) -> Layout:
    """Cached per spec object (immutable, and itself cached per framework checksum)."""
    cached = _LAYOUTS.get((id(spec), instrument))
    if cached is not None and cached[0] is spec:
        return cached[1]
    layout = _build_layout(spec, instrument)
    _LAYOUTS[(id(spec), instrument)] = (spec, layout)
    return layout


def _build_layout(spec: FrameworkSpec, instrument: str) -> Layout:
    sections = []
    number = 0
    for indicator in spec.indicators_of(instrument):
        numbered = []
        for question in spec.questions_by_indicator.get(indicator.id, []):
            if question.instrument != instrument:
                continue
            number += 1
            numbered.append((number, question))
        if numbered:
            sections.append(Section(indicator=indicator, questions=tuple(numbered)))
    question_of_key = {
        key: question for question in spec.questions_of(instrument) for key in question.answer_keys
    }
    return Layout(
        spec=spec,
        instrument=instrument,
        sections=tuple(sections),
        profile=tuple(spec.profile_questions_of(instrument)),
        question_of_key=question_of_key,
        keys=tuple(question_of_key),
    )


@dataclass
class Checked:
    answers: dict[str, int] = field(default_factory=dict)
    profile: dict[str, str] = field(default_factory=dict)
    # Problems by answer key / profile question id ("" for the whole submission).
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _scale_help(scale: Scale) -> str:
    return ", ".join(
        f"{level.value} = {level.label.th} / {level.label.en}" for level in scale.levels
    )


def level_from_text(scale: Scale, raw: Any, *, labels: bool) -> int | None:
    """A scale level's value from ``raw`` (its value, or with ``labels`` its Thai/English label)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        if float(raw).is_integer() and scale.has_value(int(raw)):
            return int(raw)
        return None
    text = str(raw).strip()
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None and number.is_integer() and scale.has_value(int(number)):
        return int(number)
    if labels:
        wanted = " ".join(text.split()).casefold()
        for level in scale.levels:
            if wanted in (level.label.th.casefold(), level.label.en.casefold()):
                return level.value
    return None


def option_from_text(question: ProfileQuestion, raw: Any, *, labels: bool) -> str | None:
    text = " ".join(str(raw).split())
    for option in question.options:
        if text == option.value:
            return option.value
        if labels and text.casefold() in (option.label.th.casefold(), option.label.en.casefold()):
            return option.value
    return None


def check_answers(
    layout: Layout,
    answers: Mapping[str, Any],
    profile: Mapping[str, Any],
    *,
    labels: bool = False,
) -> Checked:
    """Check raw answers (answer key → value) and profile answers (id → option).

    Unknown keys, values outside the scale, over-long values and missing required answers are
    all reported; nothing is guessed. ``labels`` also accepts scale labels (paper forms).
    """
    out = Checked()
    known_profile = {p.id: p for p in layout.profile}
    for key in answers:
        if key not in layout.question_of_key:
            question = layout.spec.question_by_id.get(key)
            if question is not None and question.instrument == layout.instrument:
                out.errors[key] = _(
                    "Question %(id)s is answered per sub-item (%(keys)s), not as a whole."
                ) % {"id": key, "keys": ", ".join(question.answer_keys)}
            else:
                out.errors[key] = _("Unknown question “%(id)s” for %(instrument)s.") % {
                    "id": key[:40],
                    "instrument": layout.instrument,
                }
    for key in profile:
        if key not in known_profile:
            out.errors[key] = _("Unknown respondent question “%(id)s”.") % {"id": key[:40]}
    if out.errors:
        return out

    for key, question in layout.question_of_key.items():
        raw = answers.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if question.is_required:
                out.errors[key] = _("Please answer this question.")
            continue
        if isinstance(raw, str) and len(raw) > MAX_VALUE_LENGTH:
            out.errors[key] = _("This answer is too long.")
            continue
        scale = layout.scale(question)
        level = level_from_text(scale, raw, labels=labels)
        if level is None:
            out.errors[key] = _("“%(value)s” is not on this question's scale (%(allowed)s).") % {
                "value": str(raw)[:MAX_VALUE_LENGTH],
                "allowed": _scale_help(scale),
            }
            continue
        out.answers[key] = level

    for question_id, pq in known_profile.items():
        raw = profile.get(question_id)
        required = True if pq.required is None else pq.required
        if raw is None or not str(raw).strip():
            if required:
                out.errors[question_id] = _("Please answer this question.")
            continue
        if len(str(raw)) > MAX_VALUE_LENGTH:
            out.errors[question_id] = _("This answer is too long.")
            continue
        option = option_from_text(pq, raw, labels=labels)
        if option is None:
            out.errors[question_id] = _("“%(value)s” is not one of the options (%(allowed)s).") % {
                "value": str(raw)[:MAX_VALUE_LENGTH],
                "allowed": ", ".join(o.value for o in pq.options),
            }
            continue
        out.profile[question_id] = option
    return out


def question_patterns(
    layout: Layout, sheets: Iterable[Mapping[str, int]]
) -> Counter[tuple[str, str]]:
    """(question id, pattern) → respondents, for questions whose sub-items the sheets answered
    only partly (some blank, not all): ``"4,,2"`` = levels in sub-item order, blank when
    unanswered. Kept beside the answer counts for respondent-first scoring."""
    out: Counter[tuple[str, str]] = Counter()
    questions = layout.partly_answerable
    if not questions:
        return out
    for sheet in sheets:
        for question_id, keys in questions:
            values = [sheet.get(key) for key in keys]
            blanks = values.count(None)
            if 0 < blanks < len(keys):
                out[(question_id, ",".join("" if v is None else str(int(v)) for v in values))] += 1
    return out


def split_web_fields(data: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``a_<key>`` and ``p_<id>`` form fields → (answers, profile)."""
    answers = {k[len(ANSWER_PREFIX) :]: v for k, v in data.items() if k.startswith(ANSWER_PREFIX)}
    profile = {k[len(PROFILE_PREFIX) :]: v for k, v in data.items() if k.startswith(PROFILE_PREFIX)}
    return answers, profile
