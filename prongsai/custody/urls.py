from django.urls import path

from . import views, views_documents

app_name = "custody"

_base = "u/<slug:slug>/custody/"
_count = _base + "counts/<uuid:count_id>/"
_evidence = _base + "evidence/<uuid:seized_id>/"
_room = _base + "room/<uuid:reconciliation_id>/"
urlpatterns = [
    path(_base, views.home, name="home"),
    path(_base + "settings/", views.settings_page, name="settings"),
    path(_base + "property/", views.property_list, name="property"),
    path(_base + "property/<uuid:item_id>/", views.item_detail, name="item"),
    path(_base + "property/<uuid:item_id>/lend/", views.loan_issue, name="loan_issue"),
    path(_base + "loans/", views.loans, name="loans"),
    path(_base + "loans/<uuid:loan_id>/return/", views.loan_return, name="loan_return"),
    path(_base + "counts/", views.counts, name="counts"),
    path(_count, views.count_detail, name="count"),
    path(_count + "record/", views.count_record, name="count_record"),
    path(_count + "unexpected/", views.count_unexpected, name="count_unexpected"),
    path(_count + "resolve/", views.count_resolve, name="count_resolve"),
    path(_count + "close/", views.count_close, name="count_close"),
    path(_base + "evidence/", views.evidence_list, name="evidence"),
    path(_evidence, views.evidence_item, name="evidence_item"),
    path(_evidence + "transfer/", views.evidence_transfer, name="evidence_transfer"),
    path(_evidence + "examine/", views.evidence_examine, name="evidence_examine"),
    path(_evidence + "release/", views.evidence_release, name="evidence_release"),
    path(_evidence + "correct/", views.evidence_correct, name="evidence_correct"),
    path(
        _evidence + "photos/<uuid:evidence_photo_id>/",
        views.evidence_photo,
        name="evidence_photo",
    ),
    path(_base + "room/", views.reconciliations, name="reconciliations"),
    path(_room, views.reconciliation_detail, name="reconciliation"),
    path(_room + "check/", views.reconciliation_check, name="reconciliation_check"),
    path(_room + "unexpected/", views.reconciliation_unexpected, name="reconciliation_unexpected"),
    path(_room + "close/", views.reconciliation_close, name="reconciliation_close"),
    path("u/<slug:slug>/<int:year>/custody/o22/", views_documents.o22, name="o22"),
    path(
        "u/<slug:slug>/<int:year>/custody/o22/document/",
        views_documents.o22_document,
        name="o22_document",
    ),
    path(
        "u/<slug:slug>/<int:year>/custody/o22/publish/",
        views_documents.o22_publish,
        name="o22_publish",
    ),
]
