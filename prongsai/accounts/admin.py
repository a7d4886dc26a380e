"""Django admin for platform operators: lift a log-in pause and reset a lost second factor
(through the services, so both are audited). Failed attempts are also listed, and can be
deleted, under django-axes' "Access attempts"."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services

User = get_user_model()


@admin.action(description=gettext_lazy("Lift the log-in pause (too many wrong passwords)"))
def unlock_log_in(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    assert request.user.is_authenticated
    removed = sum(
        services.account_unlock(actor=request.user, username=user.get_username())
        for user in queryset
    )
    messages.success(request, _("%(n)s failed attempt(s) cleared.") % {"n": removed})


@admin.action(description=gettext_lazy("Reset the second factor (lost phone)"))
def reset_second_factor(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    assert request.user.is_authenticated
    for user in queryset:
        services.second_factor_reset(actor=request.user, user=user)
    messages.success(
        request, _("The second factor of %(n)s account(s) was reset.") % {"n": queryset.count()}
    )


class AccountAdmin(UserAdmin):
    actions = [unlock_log_in, reset_second_factor]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
