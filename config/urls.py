"""Top-level routes. Each app owns its routes under its namespace (see the app's urls.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.i18n import set_language

from prongsai.accounts.views import login_view
from prongsai.api.api import api
from prongsai.api.views import api_not_found
from prongsai.core.routing import personal, public
from prongsai.mail.password_reset import QueuedPasswordResetForm
from prongsai.portal.views import home

# Django's own refusals (too many fields, a body over the limit, a broken multipart body, a host
# that is not ours) get the product's Thai page instead of Django's bare English one.
handler400 = "prongsai.core.views.bad_request"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", login_view, name="login"),
    # Log-out is POST-only (Django 5); harmless for anyone, so public.
    path("accounts/logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/password/",
        personal(login_required(auth_views.PasswordChangeView.as_view())),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        personal(login_required(auth_views.PasswordChangeDoneView.as_view())),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        public(auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm)),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/done/",
        public(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        public(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # First: the public survey links take the most requests (hundreds per second under load),
    # and each pattern tried before theirs costs every one of them (bench/surveys_ladder.py).
    # No other app's pattern matches theirs (s/…, u/<slug>/<year>/surveys/…).
    path("", include("prongsai.surveys.urls")),
    path("", include("prongsai.portal.urls")),
    path("", include("prongsai.publications.urls")),
    path("", include("prongsai.website.urls")),
    path("", include("prongsai.accounts.urls")),
    path("", include("prongsai.organizations.urls")),
    path("", include("prongsai.frameworks.urls")),
    path("", include("prongsai.assessments.urls")),
    path("", include("prongsai.scoring.urls")),
    path("", include("prongsai.disclosures.urls")),
    path("", include("prongsai.prechecks.urls")),
    path("", include("prongsai.measures.urls")),
    path("", include("prongsai.complaints.urls")),
    path("", include("prongsai.inquiries.urls")),
    path("", include("prongsai.risks.urls")),
    path("", include("prongsai.custody.urls")),
    path("", include("prongsai.records.urls")),
    path("", include("prongsai.procurement.urls")),
    path("", include("prongsai.opendata.urls")),
    path("", include("prongsai.reports.urls")),
    path("", include("prongsai.documents.urls")),
    path("", include("prongsai.rollup.urls")),
    path("api/v1/", api.urls),
    path("api/<path:rest>", api_not_found, name="api_not_found"),
    path("", include("prongsai.api.urls")),
]
