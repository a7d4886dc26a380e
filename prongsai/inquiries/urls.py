from django.urls import path

from . import views

app_name = "inquiries"

urlpatterns = [
    path("p/<slug:slug>/questions/", views.public_list, name="public"),
    path("p/<slug:slug>/questions/ask/", views.ask, name="ask"),
    path("u/<slug:slug>/questions/", views.staff_list, name="staff"),
    path("u/<slug:slug>/questions/faq/", views.faq, name="faq"),
    path("u/<slug:slug>/<int:year>/questions/o4/", views.o4_attach, name="o4_attach"),
    path("u/<slug:slug>/questions/faq/<uuid:faq_id>/delete/", views.faq_delete, name="faq_delete"),
    path("u/<slug:slug>/questions/<uuid:question_id>/", views.question_detail, name="question"),
    path(
        "u/<slug:slug>/questions/<uuid:question_id>/answer/",
        views.question_answer,
        name="answer",
    ),
    path(
        "u/<slug:slug>/questions/<uuid:question_id>/publish/",
        views.question_publish,
        name="publish",
    ),
    path(
        "u/<slug:slug>/questions/<uuid:question_id>/reject/",
        views.question_reject,
        name="reject",
    ),
]
