from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "prongsai.disclosures"
    label = "disclosures"
    verbose_name = _("Disclosures (OIT)")

    def ready(self) -> None:
        from prongsai.assessments.signals import assessment_opened

        from .receivers import carry_forward_on_open

        assessment_opened.connect(carry_forward_on_open, dispatch_uid="disclosures.carry_forward")

        from .document_kinds import register_kinds

        register_kinds()

        from .integrity import register_signals

        register_signals()
