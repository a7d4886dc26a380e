"""The column-mapping form shown on an import's preview page (one select per column)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from .headers import IGNORE, NOTE, ColumnMatch, FieldSet, How


class ColumnMappingForm(forms.Form):
    """``map-0``, ``map-1`` … one per column in the order of ``columns``. ``chosen()`` gives what
    the user decided (normalised header → target): the columns the matcher asked about, and any
    it had mapped that the user changed."""

    prefix = "map"

    def __init__(
        self, data: Any = None, *, columns: list[ColumnMatch], fieldset: FieldSet, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.columns = columns
        self.fieldset = fieldset
        options: list[tuple[str, str]] = [
            (f.key, f"{f.label} *" if f.required else str(f.label)) for f in fieldset.fields
        ]
        if fieldset.notes:
            options.append((NOTE, _("Keep as a note")))
        options.append((IGNORE, _("Ignore this column")))
        for n, column in enumerate(columns):
            initial = column.suggestion or (NOTE if fieldset.notes else IGNORE)
            choices = options
            if column.needs_choice and not column.suggestion:
                choices = [("", _("— choose —")), *options]
                initial = ""
            self.fields[str(n)] = forms.ChoiceField(
                label=column.header, choices=choices, initial=initial
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[str, str] = {}
        keys = {f.key for f in self.fieldset.fields}
        for n, column in enumerate(self.columns):
            target = data.get(str(n))
            if target in keys:
                if target in seen:
                    self.add_error(
                        str(n),
                        _("“%(field)s” is already the column “%(other)s”.")
                        % {"field": self.fieldset.get(target).label, "other": seen[target]},  # type: ignore[union-attr]
                    )
                seen[target] = column.header
        missing = [str(f.label) for f in self.fieldset.required if f.key not in seen]
        if missing:
            raise forms.ValidationError(
                _("No column is chosen for: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        return data

    def chosen(self) -> dict[str, str]:
        out = {}
        for n, column in enumerate(self.columns):
            target = self.cleaned_data.get(str(n), "")
            if target and (
                column.needs_choice or target != column.target or column.how == How.CHOSEN
            ):
                out[column.normalized] = target
        return out

    def rows(self) -> Iterator[tuple[ColumnMatch, forms.BoundField]]:
        for n, column in enumerate(self.columns):
            yield column, self[str(n)]
