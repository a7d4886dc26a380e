from django.urls import path

from . import views, views_import

app_name = "records"

_BASE = "u/<slug:slug>/<int:year>/records/"

urlpatterns = [
    path(_BASE, views.index, name="index"),
    path(f"{_BASE}settings/", views.settings_view, name="settings"),
    path(f"{_BASE}operations/<str:month>/", views.operations, name="operations"),
    path(f"{_BASE}entries/<uuid:entry_id>/", views.entry_edit, name="entry_edit"),
    path(f"{_BASE}entries/<uuid:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path(f"{_BASE}photos/<uuid:op_photo_id>/", views.photo, name="photo"),
    path(f"{_BASE}statistics/", views.statistics, name="statistics"),
    path(f"{_BASE}statistics/<str:month>/", views.statistics_month, name="statistics_month"),
    path(f"{_BASE}series/<uuid:series_id>/delete/", views.series_delete, name="series_delete"),
    path(f"{_BASE}budget/", views.budget, name="budget"),
    path(f"{_BASE}budget/<str:month>/", views.budget_month, name="budget_month"),
    path(f"{_BASE}lines/<uuid:line_id>/delete/", views.line_delete, name="line_delete"),
    path(f"{_BASE}fund/", views.fund, name="fund"),
    path(f"{_BASE}import/<slug:record_kind>/", views_import.import_view, name="import"),
    path(f"{_BASE}publish/<slug:record_kind>/<str:period>/", views.publish, name="publish"),
]
