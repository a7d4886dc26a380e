from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "prongsai.rollup"
    label = "rollup"
    verbose_name = _("Parent organisation roll-up")

    def ready(self) -> None:
        from .document_kinds import register_kinds

        register_kinds()
