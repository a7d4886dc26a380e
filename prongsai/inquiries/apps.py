from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "prongsai.inquiries"
    label = "inquiries"
    verbose_name = _("Questions and feedback (O4)")
