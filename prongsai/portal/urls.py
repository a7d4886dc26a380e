from django.urls import path

from . import oit_views, views

app_name = "portal"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]

# Public OIT pages (the URLs units paste into the national ITA system) and evidence files.
urlpatterns += [
    path("p/<slug:slug>/<int:year>/oit/", oit_views.oit_index, name="oit_index"),
    path("p/<slug:slug>/<int:year>/oit/<str:code>/", oit_views.oit_item, name="oit_item"),
    path(
        "p/<slug:slug>/<int:year>/oit/<str:code>/pages/<uuid:evidence_id>/",
        oit_views.oit_page,
        name="oit_page",
    ),
    path("p/files/<uuid:stored_file_id>/", oit_views.oit_file, name="oit_file"),
]
