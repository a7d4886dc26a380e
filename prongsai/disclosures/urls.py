from django.urls import path

from .views import evidence, exports, review, workspace

app_name = "disclosures"

ITEM = "u/<slug:slug>/<int:year>/oit/items/<str:code>/"
EVIDENCE = ITEM + "evidence/<uuid:evidence_id>/"

urlpatterns = [
    # The unit's workspace and its exports.
    path("u/<slug:slug>/<int:year>/oit/", workspace.workspace, name="workspace"),
    path("u/<slug:slug>/<int:year>/oit/links/", exports.links_page, name="links"),
    path("u/<slug:slug>/<int:year>/oit/print/", exports.print_view, name="print"),
    path("u/<slug:slug>/<int:year>/oit/export/xlsx/", exports.export_xlsx, name="export_xlsx"),
    path("u/<slug:slug>/<int:year>/oit/export/csv/", exports.export_csv, name="export_csv"),
    path("u/<slug:slug>/<int:year>/oit/appeal/", exports.appeal_pack, name="appeal_pack"),
    # One item.
    path(ITEM, workspace.item_detail, name="item"),
    path(ITEM + "action/", workspace.item_action, name="item_action"),
    path(ITEM + "clarification/", workspace.item_clarification, name="clarification"),
    path(ITEM + "history/", workspace.item_history, name="history"),
    path(ITEM + "add/link/", evidence.evidence_add_link, name="add_link"),
    path(ITEM + "add/file/", evidence.evidence_add_file, name="add_file"),
    path(ITEM + "add/page/", evidence.evidence_add_page, name="add_page"),
    path(ITEM + "add/statement/", evidence.evidence_add_statement, name="add_statement"),
    path(EVIDENCE, evidence.evidence_edit, name="evidence_edit"),
    path(EVIDENCE + "image/", evidence.evidence_image_add, name="evidence_image"),
    path(EVIDENCE + "delete/", evidence.evidence_delete, name="evidence_delete"),
    path(EVIDENCE + "publish/", evidence.evidence_publish, name="evidence_publish"),
    # The evaluator.
    path("evaluate/", review.console, name="console"),
    path(ITEM + "review/", review.review, name="review"),
]
