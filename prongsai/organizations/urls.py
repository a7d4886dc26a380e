from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("units/", views.unit_tree, name="tree"),
    path("u/<slug:slug>/settings/", views.unit_settings, name="settings"),
    path("u/<slug:slug>/units/new/", views.unit_add_child, name="add_child"),
    path("u/<slug:slug>/members/", views.unit_members, name="members"),
    path(
        "u/<slug:slug>/members/<uuid:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("u/<slug:slug>/grants/", views.grant_requests, name="grants"),
    path(
        "u/<slug:slug>/grants/<uuid:grant_id>/<slug:decision>/",
        views.grant_request_decide,
        name="grant_decide",
    ),
    path(
        "u/<slug:slug>/members/mail/<uuid:mail_id>/resend/",
        views.mail_resend,
        name="mail_resend",
    ),
    path("u/<slug:slug>/audit/", views.unit_audit, name="audit"),
]
