from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("u/<slug:slug>/", views.unit_home, name="unit_home"),
    path("u/<slug:slug>/assessments/new/", views.assessment_open, name="open"),
    path("u/<slug:slug>/<int:year>/settings/", views.assessment_settings, name="settings"),
]
