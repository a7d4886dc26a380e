from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrechecksConfig(AppConfig):
    name = "prongsai.prechecks"
    label = "prechecks"
    verbose_name = _("Evidence pre-checks")

    def ready(self) -> None:
        from prongsai.disclosures.annotations import register_item_annotations

        from . import mails  # noqa: F401  (registers the mail kind)
        from .document_kinds import register_kinds
        from .integrity import register_signals
        from .selectors import item_annotations

        register_kinds()
        register_signals()
        register_item_annotations(item_annotations)
