from django.urls import path

from . import views, views_import

app_name = "measures"

_BASE = "u/<slug:slug>/<int:year>/plan/"

urlpatterns = [
    path(_BASE, views.plan, name="plan"),
    path(f"{_BASE}new/", views.row_new, name="row_new"),
    path(f"{_BASE}import/", views_import.plan_import_view, name="import"),
    path(f"{_BASE}export/xlsx/", views.export_xlsx, name="export_xlsx"),
    path(f"{_BASE}export/docx/", views.export_docx, name="export_docx"),
    path(f"{_BASE}remind/", views.remind, name="remind"),
    path(f"{_BASE}<uuid:row_id>/", views.row_detail, name="row"),
    path(f"{_BASE}<uuid:row_id>/edit/", views.row_edit, name="row_edit"),
    path(f"{_BASE}<uuid:row_id>/delete/", views.row_delete, name="row_delete"),
    path(f"{_BASE}<uuid:row_id>/move/", views.row_move, name="row_move"),
    path(f"{_BASE}updates/<uuid:update_id>/delete/", views.update_delete, name="update_delete"),
    path(f"{_BASE}photos/<uuid:photo_id>/", views.photo, name="photo"),
]
