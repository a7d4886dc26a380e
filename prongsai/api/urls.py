from django.urls import path

from . import views

app_name = "api_pages"

urlpatterns = [
    path("accounts/api-tokens/", views.tokens, name="tokens"),
    path("p/<slug:slug>/<int:year>/manifest.json", views.manifest, name="manifest"),
]
