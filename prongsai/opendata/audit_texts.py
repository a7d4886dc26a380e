"""One sentence per audit action of ``opendata/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields

from .metadata import FIELDS

register_action("dataset.metadata", _("Catalogue metadata of %(object)s changed"))
register_fields({f.key: f.label for f in FIELDS if f.key not in ("title",)})
