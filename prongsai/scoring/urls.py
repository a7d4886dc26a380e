from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("u/<slug:slug>/<int:year>/", views.dashboard, name="dashboard"),
]
