from django.urls import path

from . import views, views_public

app_name = "complaints"

# Public: the guideline, the intake form, tracking with the receipt code, the statistics.
urlpatterns = [
    path("p/<slug:slug>/complaints/", views_public.guideline, name="guideline"),
    path("p/<slug:slug>/complaints/new/", views_public.intake, name="intake"),
    path("p/<slug:slug>/complaints/track/", views_public.track, name="track"),
    path("p/<slug:slug>/complaints/track/case/", views_public.tracked, name="tracked"),
    path("p/<slug:slug>/complaints/track/reply/", views_public.tracked_reply, name="tracked_reply"),
    path(
        "p/<slug:slug>/complaints/track/identity/",
        views_public.tracked_identity,
        name="tracked_identity",
    ),
    path("p/<slug:slug>/complaints/statistics/", views_public.statistics, name="statistics"),
]

# The handlers' workspace.
_case = "u/<slug:slug>/complaints/<uuid:complaint_id>/"
urlpatterns += [
    path("u/<slug:slug>/complaints/", views.cases, name="cases"),
    path("u/<slug:slug>/complaints/reveals/", views.reveals, name="reveals"),
    path(
        "u/<slug:slug>/complaints/statistics/document/",
        views.statistics_document,
        name="statistics_document",
    ),
    path("u/<slug:slug>/<int:year>/complaints/o16/", views.o16_attach, name="o16_attach"),
    path(
        "u/<slug:slug>/<int:year>/complaints/publish/",
        views.statistics_publish,
        name="statistics_publish",
    ),
    path("u/<slug:slug>/complaints/settings/", views.channel_settings, name="settings"),
    path(_case, views.case_detail, name="case"),
    path(_case + "acknowledge/", views.acknowledge, name="acknowledge"),
    path(_case + "investigate/", views.investigate, name="investigate"),
    path(_case + "conclude/", views.conclude, name="conclude"),
    path(_case + "close/", views.close, name="close"),
    path(_case + "reopen/", views.reopen, name="reopen"),
    path(_case + "message/", views.message, name="message"),
    path(_case + "assign/", views.assign, name="assign"),
    path(_case + "exclude/", views.exclude, name="exclude"),
    path(_case + "reveal/", views.reveal, name="reveal"),
    path(_case + "files/<uuid:file_id>/", views.case_file, name="file"),
]
