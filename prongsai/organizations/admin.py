"""Django admin for platform operators: read-only, because writes must go through services
(they keep the unit tree's paths consistent and write the audit log). Unit admins use the
product's own screens (organizations/views.py)."""

from django.contrib import admin

from prongsai.core.admin import ReadOnlyAdmin

from .models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name_th", "slug", "kind", "path", "is_active")
    search_fields = ("name_th", "name_en", "slug")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "unit", "role", "rank", "position")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name_th")
