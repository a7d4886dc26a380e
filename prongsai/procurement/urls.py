from django.urls import path

from . import views, views_import

app_name = "procurement"

_BASE = "u/<slug:slug>/<int:year>/procurement/"

urlpatterns = [
    path(_BASE, views.year_view, name="year"),
    path(f"{_BASE}new/", views.procurement_new, name="new"),
    path(f"{_BASE}profile/", views.profile, name="profile"),
    path(f"{_BASE}import/", views_import.import_view, name="import"),
    path(f"{_BASE}publish/", views.publish, name="publish"),
    path(f"{_BASE}<uuid:procurement_id>/", views.procurement_edit, name="edit"),
    path(f"{_BASE}<uuid:procurement_id>/delete/", views.procurement_delete, name="delete"),
]
