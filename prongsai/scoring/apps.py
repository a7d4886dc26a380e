from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "prongsai.scoring"
    label = "scoring"
    verbose_name = _("Scoring")

    def ready(self) -> None:
        from prongsai.assessments.signals import inputs_changed

        from .receivers import schedule_snapshot

        inputs_changed.connect(schedule_snapshot, dispatch_uid="scoring.schedule_snapshot")
