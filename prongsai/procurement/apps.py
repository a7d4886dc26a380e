from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "prongsai.procurement"
    label = "procurement"
    verbose_name = _("Procurement (O13, O14)")

    def ready(self) -> None:
        from .document_kinds import register_kinds
        from .record_kind import register

        register_kinds()
        register()
