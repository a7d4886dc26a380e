from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "prongsai.mail"
    label = "mail"
    verbose_name = _("Outgoing e-mail")

    def ready(self) -> None:
        # Kinds of mail this app renders itself (other apps register theirs in their ready()).
        from . import password_reset  # noqa: F401
