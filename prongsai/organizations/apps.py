from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "prongsai.organizations"
    label = "organizations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from django.core import checks

        from .duty_checks import check_memberships

        checks.register(check_memberships, checks.Tags.security, "database")

        from . import invitations  # noqa: F401  (registers the invitation mail)
