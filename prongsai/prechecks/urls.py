from django.urls import path

from . import views

app_name = "prechecks"

urlpatterns = [
    path("u/<slug:slug>/<int:year>/oit/prechecks/", views.overview, name="overview"),
    path("u/<slug:slug>/<int:year>/oit/prechecks/run/", views.run, name="run"),
    path("u/<slug:slug>/<int:year>/oit/prechecks/export/", views.export_xlsx, name="export_xlsx"),
]
