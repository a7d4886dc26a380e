from django.urls import path

from . import views

app_name = "rollup"

urlpatterns = [
    path("u/<slug:slug>/overview/", views.overview_latest, name="overview_latest"),
    path("u/<slug:slug>/<int:year>/overview/", views.overview, name="overview"),
    path("u/<slug:slug>/<int:year>/overview/heatmap/", views.heatmap, name="heatmap"),
    path("u/<slug:slug>/<int:year>/overview/rates/", views.rates, name="rates"),
    path("u/<slug:slug>/<int:year>/overview/export/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("u/<slug:slug>/<int:year>/overview/export/pdf/", views.export_pdf, name="export_pdf"),
    path("u/<slug:slug>/<int:year>/overview/digest/", views.digest_toggle, name="digest"),
    path("u/<slug:slug>/<int:year>/overview/actions/", views.actions, name="actions"),
    path("u/<slug:slug>/<int:year>/overview/actions/open/", views.action_open, name="action_open"),
    path(
        "u/<slug:slug>/<int:year>/overview/actions/evaluators/",
        views.action_evaluators,
        name="action_evaluators",
    ),
    path(
        "u/<slug:slug>/<int:year>/overview/actions/remind/",
        views.action_remind,
        name="action_remind",
    ),
]
