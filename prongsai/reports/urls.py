from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("u/<slug:slug>/<int:year>/report/", views.index, name="index"),
    path("u/<slug:slug>/<int:year>/report/download/", views.download, name="download"),
    path("u/<slug:slug>/<int:year>/report/settings/", views.report_settings, name="settings"),
]
