from django.urls import path

from . import views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/", views.framework_list, name="list"),
    path("frameworks/import/", views.framework_import, name="import"),
    path("frameworks/<uuid:framework_id>/", views.framework_detail, name="detail"),
    path(
        "frameworks/<uuid:framework_id>/export.xlsx",
        views.framework_export,
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path(
        "frameworks/<uuid:framework_id>/export.yaml",
        views.framework_export,
        {"fmt": "yaml"},
        name="export_yaml",
    ),
]
