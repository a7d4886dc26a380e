from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "prongsai.website"
    label = "website"
    verbose_name = _("Unit website")

    def ready(self) -> None:
        from prongsai.core.site import register_unit_site

        from .hosts import unit_site_url

        register_unit_site(unit_site_url)

        from .document_kinds import register_kinds

        register_kinds()

        from prongsai.portal.pagecache import watch

        from . import models

        # What the stored public pages show (portal.pagecache): a change bumps the unit's version.
        for model in (
            models.SiteImage,
            models.SiteProfile,
            models.Executive,
            models.Law,
            models.ProfileVersion,
            models.NewsPost,
            models.Policy,
            models.HostName,
        ):
            watch(model, "unit_id")

        from django.db.models.signals import post_save

        from prongsai.opendata.models import DatasetMetadata
        from prongsai.publications.models import Publication

        from .datasets import reindex_on_change

        for sender in (Publication, DatasetMetadata):  # datasets in the search index
            post_save.connect(reindex_on_change, sender=sender, dispatch_uid=f"website:{sender}")
