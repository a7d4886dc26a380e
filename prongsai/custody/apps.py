from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustodyConfig(AppConfig):
    name = "prongsai.custody"
    label = "custody"
    verbose_name = _("Custody of property and seized evidence (O22)")

    def ready(self) -> None:
        from .document_kinds import register_kinds
        from .roles import register_roles

        register_roles()
        register_kinds()
