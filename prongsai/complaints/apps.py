from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("Corruption complaints (O16)")

    def ready(self) -> None:
        from .document_kinds import register_kinds
        from .integrity import register_signals
        from .roles import register_roles

        register_roles()
        register_kinds()
        register_signals()
