"""The questionnaire as the survey template shows it: sections, questions, radio choices, with the
respondent's earlier choices and the problems found (plain objects, no logic in templates)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .answers import ANSWER_PREFIX, PROFILE_PREFIX, Layout


@dataclass(frozen=True)
class Choice:
    id: str
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class KeyRow:
    """One radio group: a sub-item, or the question itself when it has none."""

    name: str
    text: str  # the sub-item's text; empty for a question without sub-items
    choices: tuple[Choice, ...]
    error: str
    required: bool


@dataclass(frozen=True)
class QuestionView:
    anchor: str
    number: int
    text: str
    rows: tuple[KeyRow, ...]
    required: bool

    @property
    def error(self) -> str:
        return next((row.error for row in self.rows if row.error), "")

    @property
    def has_sub_items(self) -> bool:
        return any(row.text for row in self.rows)


@dataclass(frozen=True)
class SectionView:
    number: int
    title: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class FormView:
    sections: tuple[SectionView, ...]
    profile: tuple[QuestionView, ...]
    question_count: int
    errors: tuple[tuple[str, str], ...]  # (anchor, message) for the summary at the top

    @property
    def section_count(self) -> int:
        return len(self.sections)


def _choices(name: str, options: list[tuple[str, str]], current: str | None) -> tuple[Choice, ...]:
    return tuple(
        Choice(id=f"{name}-{value}", value=value, label=label, checked=current == value)
        for value, label in options
    )


def build_form(
    layout: Layout, *, lang: str, values: Mapping[str, str], errors: Mapping[str, str]
) -> FormView:
    summary: list[tuple[str, str]] = []
    known = {*layout.keys, *(p.id for p in layout.profile), "", "check"}
    # Problems not tied to a question on the page (e.g. an unknown question) go on top.
    summary += [("survey-form", message) for key, message in errors.items() if key not in known]
    profile = []
    for pq in layout.profile:
        name = f"{PROFILE_PREFIX}{pq.id}"
        anchor = f"q-{pq.id}"
        error = errors.get(pq.id, "")
        required = True if pq.required is None else pq.required
        options = [(o.value, o.label.get(lang)) for o in pq.options]
        row = KeyRow(
            name=name,
            text="",
            choices=_choices(name, options, values.get(name)),
            error=error,
            required=required,
        )
        profile.append(
            QuestionView(
                anchor=anchor, number=0, text=pq.text.get(lang), rows=(row,), required=required
            )
        )
        if error:
            summary.append((anchor, f"{pq.text.get(lang)}: {error}"))

    sections = []
    for index, section in enumerate(layout.sections, start=1):
        questions = []
        for number, question in section.questions:
            scale = layout.scale(question)
            options = [(str(level.value), level.label.get(lang)) for level in scale.levels]
            texts = {sub.id: sub.text.get(lang) for sub in question.sub_items}
            rows = []
            for key in question.answer_keys:
                name = f"{ANSWER_PREFIX}{key}"
                rows.append(
                    KeyRow(
                        name=name,
                        text=texts.get(key, ""),
                        choices=_choices(name, options, values.get(name)),
                        error=errors.get(key, ""),
                        required=question.is_required,
                    )
                )
            view = QuestionView(
                anchor=f"q-{question.id}",
                number=number,
                text=question.text.get(lang),
                rows=tuple(rows),
                required=question.is_required,
            )
            if view.error:
                summary.append((view.anchor, f"{number}. {view.error}"))
            questions.append(view)
        sections.append(
            SectionView(
                number=index, title=section.indicator.title.get(lang), questions=tuple(questions)
            )
        )
    return FormView(
        sections=tuple(sections),
        profile=tuple(profile),
        question_count=layout.question_count,
        errors=tuple(summary),
    )
