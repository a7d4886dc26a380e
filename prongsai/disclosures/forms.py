"""Forms for the OIT workspace and the evaluator console (validation of shape only; the rules
live in the services)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from prongsai.core.text import TextLength
from prongsai.frameworks.models import Criterion

from .models import ReviewResult, SelfCheck, WorkState
from .selectors import QUEUE_FILTERS
from .uploads import accepted_types_text

PICTURES_WITHOUT_METADATA = _(
    "Pictures are saved without their location and camera data (they are re-encoded)."
)


class PeriodMixin(forms.Form):
    period_start = forms.DateField(
        label=_("Evidence covers from"),
        required=False,
        help_text=_("The period the evidence is about (not the day you upload it)."),
    )
    period_end = forms.DateField(label=_("Evidence covers until"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class PublishMixin(forms.Form):
    publish = forms.BooleanField(
        label=_("Publish on the item's public page now"), required=False, initial=True
    )


class LinkEvidenceForm(PeriodMixin, PublishMixin):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=2000,
        assume_scheme="https",
        help_text=_("The page on the unit's website (or elsewhere) that shows the evidence."),
    )
    field_order = ["title", "url", "period_start", "period_end", "publish"]


class FileEvidenceForm(PeriodMixin, PublishMixin):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the file's name."),
    )
    field_order = ["file", "title", "period_start", "period_end", "publish"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = " ".join(
            [
                _("Accepted: %(types)s. The type is checked from the content.")
                % {"types": accepted_types_text()},
                str(PICTURES_WITHOUT_METADATA),
            ]
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PageEvidenceForm(PeriodMixin, PublishMixin):
    title = forms.CharField(label=_("Title"), max_length=300)
    body_html = forms.CharField(
        label=_("Content"),
        required=False,
        max_length=TextLength.RICH_TEXT,
        widget=forms.Textarea(attrs={"rows": 16, "data-rich-editor": "1"}),
        help_text=_(
            "Headings, paragraphs, lists, tables, links and pictures. Anything else is removed "
            "when the page is saved."
        ),
    )
    images = MultipleImageField(
        label=_("Pictures for the page"),
        required=False,
        help_text=_(
            "PNG, JPEG, GIF or WebP, saved without their location and camera data. After "
            "saving, place them in the text."
        ),
    )
    field_order = ["title", "body_html", "images", "period_start", "period_end", "publish"]


class StatementForm(PeriodMixin, PublishMixin):
    """A “none in this period” statement: only its period (the text is the framework's)."""

    field_order = ["period_start", "period_end", "publish"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_start"].label = _("The statement covers from")
        self.fields["period_start"].help_text = _(
            "Within the item's data period; e.g. one month without procurement. Leave both "
            "dates empty for the whole data period."
        )
        self.fields["period_end"].label = _("The statement covers until")


class EvidenceEditForm(PeriodMixin):
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == "link":
            self.fields["url"] = forms.URLField(
                label=_("Address (URL)"), max_length=2000, assume_scheme="https"
            )
        if kind == "page":
            self.fields["body_html"] = forms.CharField(
                label=_("Content"),
                required=False,
                max_length=TextLength.RICH_TEXT,
                widget=forms.Textarea(attrs={"rows": 18, "data-rich-editor": "1"}),
            )
        self.order_fields(["title", "url", "body_html", "period_start", "period_end"])


class PageImageForm(forms.Form):
    image = forms.FileField(
        label=_("Add a picture"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class AnswerForm(forms.Form):
    """The answer ("ตอบคำถาม"), the owner, and a self-check and note per criterion."""

    answer_text = forms.CharField(
        label=_("Answer (ตอบคำถาม)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you will enter as the answer in the national ITA system."),
    )
    owner = MemberChoiceField(
        label=_("Owner"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        criteria: Sequence[Criterion],
        members: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        owner_field.queryset = members
        for index in range(len(self.criteria)):
            self.fields[f"c{index}_check"] = forms.ChoiceField(
                label=_("Self-check"),
                choices=[("", _("Not checked yet")), *SelfCheck.choices],
                required=False,
            )
            self.fields[f"c{index}_note"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criterion_fields(self) -> Iterator[tuple[Criterion, Any, Any]]:
        for index, criterion in enumerate(self.criteria):
            yield criterion, self[f"c{index}_check"], self[f"c{index}_note"]

    def checks(self) -> dict[str, tuple[str, str]]:
        return {
            criterion.code: (
                self.cleaned_data.get(f"c{index}_check") or "",
                self.cleaned_data.get(f"c{index}_note") or "",
            )
            for index, criterion in enumerate(self.criteria)
        }


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the unit (about the whole item)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    private_note = forms.CharField(
        label=_("Private note (evaluators only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The confirmation step before a final fail (no JavaScript): completing a failing review is
    # refused by the service unless this is ticked.
    confirm_fail = forms.BooleanField(
        label=_("I confirm the final fail: the item cannot be returned or resubmitted afterwards"),
        required=False,
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [("", _("Not assessed")), *ReviewResult.choices]
        if not self.criteria:
            self.fields["decision"] = forms.ChoiceField(
                label=_("Decision"), choices=choices, required=False, widget=forms.RadioSelect
            )
        for index, _criterion in enumerate(self.criteria):
            self.fields[f"c{index}_result"] = forms.ChoiceField(
                label=_("Result"), choices=choices, required=False, widget=forms.RadioSelect
            )
            self.fields[f"c{index}_comment"] = forms.CharField(
                label=_("Comment to the unit"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"c{index}_private"] = forms.CharField(
                label=_("Private note (evaluators only)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criterion_fields(self) -> Iterator[tuple[Criterion, Any, Any, Any]]:
        for index, criterion in enumerate(self.criteria):
            yield (
                criterion,
                self[f"c{index}_result"],
                self[f"c{index}_comment"],
                self[f"c{index}_private"],
            )

    def entries(self) -> dict[str, tuple[str, str, str]]:
        return {
            criterion.code: (
                self.cleaned_data.get(f"c{index}_result") or "",
                self.cleaned_data.get(f"c{index}_comment") or "",
                self.cleaned_data.get(f"c{index}_private") or "",
            )
            for index, criterion in enumerate(self.criteria)
        }


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What should the editors change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClarificationForm(forms.Form):
    clarification_text = forms.CharField(
        label=_("The unit's clarification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Explain why the evidence meets the criteria, pointing to the links you gave. "
            "It goes into the appeal pack."
        ),
    )


class QueueFilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    code = forms.CharField(label=_("Item"), required=False, max_length=40)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args: Any, units: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [("", _("All units in my scope")), *[(u.slug, u.name) for u in units]]
        labels = {
            "waiting": _("Waiting for review"),
            "all": _("Every state"),
            **dict(WorkState.choices),
        }
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ChoiceField)
        state_field.choices = [(key, labels[key]) for key in QUEUE_FILTERS]
