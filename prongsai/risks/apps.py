from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "prongsai.risks"
    label = "risks"
    verbose_name = _("Bribery-risk register")

    def ready(self) -> None:
        from .document_kinds import register_kinds

        register_kinds()

        from .integrity import register_signals

        register_signals()

        from .publishing import register_series_of_risks

        register_series_of_risks()
