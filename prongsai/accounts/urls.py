from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/2fa/", views.second_factor, name="second_factor"),
    path("accounts/2fa/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("accounts/security/", views.security, name="security"),
]
