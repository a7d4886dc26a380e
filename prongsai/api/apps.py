from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "prongsai.api"
    label = "api"
    verbose_name = _("REST API and disclosure manifest")

    def ready(self) -> None:
        from prongsai.disclosures.exports import register_links_format

        from . import audit_texts  # noqa: F401
        from .manifest import manifest_json

        register_links_format("json", manifest_json)
