"""Writes for OIT disclosures. Every function runs in one transaction and is audited.

Split by subject: ``evidence`` (links, files, pages), ``workflow`` (answer, submit, approve),
``review`` (the evaluator: draft save, return, complete), ``carry_forward`` (a new year's assessment), ``statements`` (“none in
this period”).
"""

from .carry_forward import evidence_carry_forward
from .common import DisclosureError, work_for_item
from .evidence import (
    evidence_add_file,
    evidence_add_link,
    evidence_add_page,
    evidence_delete,
    evidence_set_published,
    evidence_update,
    page_image_add,
)
from .review import ACTIONS as REVIEW_ACTIONS
from .review import (
    CriterionReviewInput,
    require_evaluator,
    review_complete,
    review_draft_save,
    review_return,
    review_save,
)
from .statements import evidence_add_statement
from .stored_images import stored_image_clean, stored_images_with_metadata
from .workflow import (
    CriterionCheckInput,
    work_approve,
    work_save_answer,
    work_save_clarification,
    work_send_back,
    work_submit,
    work_withdraw,
)

__all__ = [
    "REVIEW_ACTIONS",
    "CriterionCheckInput",
    "CriterionReviewInput",
    "DisclosureError",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_add_page",
    "evidence_add_statement",
    "evidence_carry_forward",
    "evidence_delete",
    "evidence_set_published",
    "evidence_update",
    "page_image_add",
    "require_evaluator",
    "review_complete",
    "review_draft_save",
    "review_return",
    "review_save",
    "stored_image_clean",
    "stored_images_with_metadata",
    "work_approve",
    "work_for_item",
    "work_save_answer",
    "work_save_clarification",
    "work_send_back",
    "work_submit",
    "work_withdraw",
]
