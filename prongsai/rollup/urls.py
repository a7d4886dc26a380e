from django.urls import path

from . import views

app_name = "rollup"

urlpatterns = [
    path("u/<slug:slug>/overview/", views.overview_latest, name="overview_latest"),
    path("u/<slug:slug>/<int:year>/overview/", views.overview, name="overview"),
]
