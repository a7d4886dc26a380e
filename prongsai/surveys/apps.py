from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "prongsai.surveys"
    label = "surveys"
    verbose_name = _("Surveys (IIT, EIT)")

    def ready(self) -> None:
        from prongsai.assessments.signals import assessment_opened

        from .receivers import set_up_campaigns

        assessment_opened.connect(set_up_campaigns, dispatch_uid="surveys.set_up_campaigns")

        from .document_kinds import register_kinds

        register_kinds()

        from .integrity import register_signals

        register_signals()
