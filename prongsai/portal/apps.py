from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "prongsai.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from prongsai.assessments.models import Assessment
        from prongsai.disclosures.models import Evidence, ItemWork, StoredFile
        from prongsai.frameworks.models import Criterion, Framework, Item
        from prongsai.opendata.models import DatasetMetadata
        from prongsai.organizations.models import Unit
        from prongsai.publications.models import Publication
        from prongsai.surveys.models import Campaign

        from .pagecache import watch

        # Everything the stored public pages show (portal.pagecache): a change bumps the unit's
        # public version.
        watch(Unit, "pk")
        watch(Assessment, "unit_id")
        watch(Campaign, "assessment.unit_id")
        watch(ItemWork, "assessment.unit_id")
        watch(Evidence, "work.assessment.unit_id")
        watch(StoredFile, "unit_id")
        watch(Publication, "unit_id")
        watch(DatasetMetadata, "unit_id")
        for model in (Framework, Item, Criterion):
            watch(model, None)
