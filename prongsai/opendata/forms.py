from __future__ import annotations

from typing import Any

from django import forms

from .metadata import FIELDS


class DatasetMetadataForm(forms.Form):
    """The data.go.th fields of one dataset, pre-filled with the current values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            if not spec.editable:
                continue
            widget = forms.Textarea(attrs={"rows": 3}) if spec.multiline else None
            self.fields[spec.key] = forms.CharField(label=spec.label, required=False, widget=widget)
