from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "prongsai.rollup"
    label = "rollup"
    verbose_name = _("Parent organisation roll-up")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from prongsai.core.models import AuditEntry
        from prongsai.scoring.models import ScoreSnapshot

        from .document_kinds import register_kinds
        from .receivers import audited_change, snapshot_stored

        register_kinds()
        post_save.connect(audited_change, sender=AuditEntry, dispatch_uid="rollup.audited")
        post_save.connect(snapshot_stored, sender=ScoreSnapshot, dispatch_uid="rollup.snapshot")
