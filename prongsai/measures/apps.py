from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"
    verbose_name = _("Integrity measures")

    def ready(self) -> None:
        from .document_kinds import register_kinds

        register_kinds()

        from .integrity import register_signals

        register_signals()
