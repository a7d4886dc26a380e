from django.urls import path

from . import views, views_files, views_public

app_name = "risks"

_BASE = "u/<slug:slug>/<int:year>/risks/"

urlpatterns = [
    path(_BASE, views.register, name="register"),
    path(f"{_BASE}start/", views.start, name="start"),
    path(f"{_BASE}heatmap.png", views.heat_map, name="heat_map"),
    path(f"{_BASE}import/", views_files.import_view, name="import"),
    path(f"{_BASE}files/<slug:which>/", views_files.document, name="document"),
    path(f"{_BASE}publish/<slug:which>/", views_files.publish, name="publish"),
    path(f"{_BASE}processes/new/", views.process_new, name="process_new"),
    path(f"{_BASE}processes/<uuid:risk_process_id>/edit/", views.process_edit, name="process_edit"),
    path(
        f"{_BASE}processes/<uuid:risk_process_id>/delete/",
        views.process_delete,
        name="process_delete",
    ),
    path(
        f"{_BASE}processes/<uuid:risk_process_id>/events/new/",
        views.event_new,
        name="event_new",
    ),
    path(f"{_BASE}events/<uuid:risk_event_id>/", views.event_detail, name="event"),
    path(f"{_BASE}events/<uuid:risk_event_id>/edit/", views.event_edit, name="event_edit"),
    path(f"{_BASE}events/<uuid:risk_event_id>/delete/", views.event_delete, name="event_delete"),
    path(
        f"{_BASE}events/<uuid:risk_event_id>/treatments/new/",
        views.treatment_new,
        name="treatment_new",
    ),
    path(f"{_BASE}treatments/<uuid:risk_treatment_id>/", views.treatment_detail, name="treatment"),
    path(
        f"{_BASE}treatments/<uuid:risk_treatment_id>/edit/",
        views.treatment_edit,
        name="treatment_edit",
    ),
    path(
        f"{_BASE}treatments/<uuid:risk_treatment_id>/delete/",
        views.treatment_delete,
        name="treatment_delete",
    ),
    path(
        f"{_BASE}followups/<uuid:risk_followup_id>/delete/",
        views.followup_delete,
        name="followup_delete",
    ),
    path(f"{_BASE}photos/<uuid:risk_photo_id>/", views.photo, name="photo"),
    # Public: what the unit published of its register (O19, O20), no log-in.
    path("p/<slug:slug>/<int:year>/risks/", views_public.register_public, name="public"),
]
