"""Forms of the measures plan: a row, a progress update (with photos), import, filters."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment

from .models import Cadence, Channel, Status
from .parsing import CellError, extract_oit_codes, parse_oit_list, parse_period
from .photos import MAX_PHOTOS_PER_UPDATE, PreparedPhoto, prepare_photo
from .services import unit_member_users


class UserChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class PlanRowForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    issue = forms.CharField(
        label=_("Issue to improve (ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    activity = forms.CharField(label=_("Activity"), widget=forms.Textarea(attrs={"rows": 4}))
    output = forms.CharField(
        label=_("Output"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    channels = forms.MultipleChoiceField(
        label=_("Communication channels"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels_other = forms.CharField(
        label=_("Other channels"),
        required=False,
        max_length=300,
        help_text=_("E.g. a notice board or a meeting; separate several with commas."),
    )
    period_start = forms.DateField(label=_("Period start"), required=False)
    period_end = forms.DateField(label=_("Completion date"), required=False)
    period_text = forms.CharField(
        label=_("Or the period in words"),
        required=False,
        max_length=200,
        help_text=_("When it is not a date range, e.g. “ทุกวัน” (every day)."),
    )
    responsible_users: forms.ModelMultipleChoiceField = UserChoiceField(
        label=_("Responsible users"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They receive the reminders when the row is overdue."),
    )
    responsible_positions = forms.CharField(
        label=_("Responsible officers (position titles)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. “รอง สว.ตม.จว.กาฬสินธุ์”."),
    )
    cadence = forms.ChoiceField(
        label=_("Monitoring cadence"),
        choices=[("", _("— none —")), *Cadence.choices],
        required=False,
    )
    cadence_text = forms.CharField(
        label=_("Monitoring, as written"),
        required=False,
        max_length=300,
        help_text=_("Required for “whenever something happens”, e.g. “ทุกครั้งที่มีการปรับปรุงมาตรฐาน”."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    result_note = forms.CharField(
        label=_("Result details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Anything else about the row, e.g. its budget."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    oit_items = forms.CharField(
        label=_("OIT items served"),
        required=False,
        max_length=200,
        help_text=_(
            "Item codes, e.g. “O23, O24”. Left empty, codes mentioned in the issue or output are used."
        ),
    )

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        spec = assessment.framework.spec
        indicator_field = self.fields["indicator"]
        assert isinstance(indicator_field, forms.ChoiceField)
        indicator_field.choices = [(i.id, f"{i.id}. {i.title.th}") for i in spec.indicators]
        users_field = self.fields["responsible_users"]
        assert isinstance(users_field, forms.ModelMultipleChoiceField)
        users_field.queryset = unit_member_users(assessment).order_by("first_name", "username")
        self.item_codes = [item.id for item in spec.items]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean_oit_items(self) -> list[str]:
        try:
            return parse_oit_list(self.cleaned_data.get("oit_items", ""), self.item_codes)
        except CellError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_responsible_positions(self) -> list[str]:
        text = self.cleaned_data.get("responsible_positions", "")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("period_text") or "").strip()
        if text and not (data.get("period_start") or data.get("period_end")):
            # Dates typed as words ("1 ม.ค. 67 ถึง 31 มี.ค. 67") become real dates.
            try:
                start, end, rest = parse_period(text)
            except CellError as exc:
                self.add_error("period_text", str(exc))
            else:
                data["period_start"], data["period_end"], data["period_text"] = start, end, rest
        elif text:
            data["period_text"] = ""  # dates given: they win over the words
        if data.get("period_start") and not data.get("period_end"):
            data["period_end"] = data["period_start"]
        if not data.get("oit_items") and "oit_items" not in self.errors:
            data["oit_items"] = extract_oit_codes(
                [data.get("issue", ""), data.get("output", "")], self.item_codes
            )
        return data

    def service_fields(self, *, creating: bool = False) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        users = data.pop("responsible_users", [])
        key = data.pop("idempotency_key", "")
        if creating:
            data["idempotency_key"] = key
        return {"responsible_users": list(users), **data}

    @staticmethod
    def initial_from(row: Any) -> dict[str, Any]:
        return {
            "indicator": row.indicator,
            "issue": row.issue,
            "activity": row.activity,
            "output": row.output,
            "channels": row.channels,
            "channels_other": row.channels_other,
            "period_start": row.period_start,
            "period_end": row.period_end,
            "period_text": row.period_text,
            "responsible_users": list(row.responsible_users.all()),
            "responsible_positions": "\n".join(row.responsible_positions),
            "cadence": row.cadence,
            "cadence_text": row.cadence_text,
            "status": row.status,
            "result_note": row.result_note,
            "oit_items": ", ".join(row.oit_items),
            "notes": row.notes,
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is sniffed and re-encoded (see photos.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[PreparedPhoto]:
        single = super().clean
        uploads = data if isinstance(data, list | tuple) else [data]
        files: list[UploadedFile] = [f for f in (single(u, initial) for u in uploads) if f]
        if len(files) > MAX_PHOTOS_PER_UPDATE:
            raise ValidationError(
                _("At most %(n)s photos per update.") % {"n": MAX_PHOTOS_PER_UPDATE}
            )
        return [prepare_photo(f) for f in files]


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"))
    text = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    status = forms.ChoiceField(label=_("Status of the measure after this"), choices=Status.choices)
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("PNG, JPEG or WebP; several at once. Location data is removed."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line (a Facebook post, a page of the website …)."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file (.docx or .xlsx)"),
        help_text=_(
            "A Word file with the measures tables (header row ตัวชี้วัด … ผลการดำเนินการ), "
            "or an Excel file exported from this page."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,.xlsx,application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace the whole plan (rows and their progress updates are deleted)"),
        required=False,
    )


class PlanFilterForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator_field = self.fields["indicator"]
        assert isinstance(indicator_field, forms.ChoiceField)
        indicator_field.choices = [("", _("All"))] + [
            (i.id, f"{i.id}. {i.title.th}") for i in assessment.framework.spec.indicators
        ]
