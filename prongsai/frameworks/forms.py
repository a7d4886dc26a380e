from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file (.xlsx or .yaml)"),
        help_text=_(
            "Export an existing framework, correct it in Excel, give it a new version number "
            "(or a new id for a new year) and upload it here."
        ),
    )
