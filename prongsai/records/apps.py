from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "prongsai.records"
    label = "records"
    verbose_name = _("Open-data records (O6, O10, O11, O12)")

    def ready(self) -> None:
        from . import audit_texts  # noqa: F401
        from .annotations import register_annotations
        from .document_kinds import register_kinds
        from .integrity import register_signals
        from .record_kinds import register_record_kinds

        register_record_kinds()
        register_kinds()
        register_annotations()
        register_signals()
