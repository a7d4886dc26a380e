from django.contrib import admin
from django.http import HttpRequest

from .models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "kind", "status", "requested_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "unit__slug", "sha256")
    readonly_fields = [f.name for f in GeneratedDocument._meta.concrete_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
