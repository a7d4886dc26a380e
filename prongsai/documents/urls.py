from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("u/<slug:slug>/documents/", views.unit_documents, name="list"),
    path("u/<slug:slug>/documents/<uuid:document_id>/", views.detail, name="detail"),
    path("u/<slug:slug>/documents/<uuid:document_id>/file/", views.file, name="file"),
    path("u/<slug:slug>/documents/<uuid:document_id>/retry/", views.retry, name="retry"),
]
