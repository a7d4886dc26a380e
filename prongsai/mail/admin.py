from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import OutgoingMail
from .outbox import mail_resend


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Platform admins see every mail's delivery state; writes go through the outbox."""

    list_display = ("created_at", "kind", "recipients", "status", "attempts", "next_attempt_at",
                    "last_error")  # fmt: skip
    list_filter = ("status", "kind")
    search_fields = ("to", "last_error")
    actions = ["send_again"]
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    exclude = ("params",)  # what a renderer needs; nothing for a person to read

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Send the selected undelivered e-mails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingMail]) -> None:
        failed = list(queryset.filter(status=OutgoingMail.Status.FAILED))
        for mail in failed:
            mail_resend(actor=request.user, mail=mail)
        self.message_user(
            request,
            _("%(count)d e-mail(s) queued again.") % {"count": len(failed)},
            messages.SUCCESS,
        )
