"""Describers of the audit chain's own entries and labels of fields every app records."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .audit import KEY_START_ACTION
from .audit_text import register_action, register_fields

register_action(KEY_START_ACTION, _("A new audit key signs the log from here on"))
register_fields(
    {
        "title": _("title"),
        "comment": _("comment"),
        "result": _("result"),
        "state": _("state"),
        "status": _("status"),
        "kind": _("kind"),
        "url": _("address"),
        "file": _("file"),
        "source": _("source"),
        "code": _("code"),
        "version": _("version"),
        "date": _("date"),
        "text": _("text"),
        "position": _("position"),
        "rank": _("rank"),
        "role": _("role"),
        "user": _("user"),
        "year": _("fiscal year"),
        "links": _("links"),
        "photos": _("photos"),
        "rows": _("rows"),
        "format": _("format"),
        "mode": _("mode"),
        "checksum": _("checksum"),
        "sha256": _("checksum"),
        "items": _("items"),
        "questions": _("questions"),
        "removed": _("removed"),
        "key_id": _("key"),
        "previous_key_id": _("previous key"),
        "length": _("length"),
        "published": _("published"),
    }
)
