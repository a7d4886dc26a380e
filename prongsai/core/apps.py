from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .form_fields import install

        install()  # text and id rules for every form field of the project (form_fields.py)
