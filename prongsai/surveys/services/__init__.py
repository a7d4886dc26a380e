"""Writes for surveys (split by subject; everything is importable from here)."""

from .ballot_box import ballot_box_flush, iit_answers_submit, iit_post_stored
from .campaigns import campaign_close_now, campaign_open_now, campaign_setup, campaign_update
from .codes import (
    CodeRejected,
    NewBatch,
    code_batch_create,
    code_batch_slips_delivered,
    code_batch_void,
    code_redeem,
)
from .responses import (
    CampaignNotOpen,
    ImportRow,
    RateRule,
    TokenSpent,
    response_exists,
    response_submit,
    responses_import,
    token_spent,
)
from .tallies import tallies_rebuild, tally_add, tally_apply, tally_prepare

__all__ = [
    "CampaignNotOpen",
    "CodeRejected",
    "ImportRow",
    "NewBatch",
    "RateRule",
    "TokenSpent",
    "ballot_box_flush",
    "campaign_close_now",
    "campaign_open_now",
    "campaign_setup",
    "campaign_update",
    "code_batch_create",
    "code_batch_slips_delivered",
    "code_batch_void",
    "code_redeem",
    "iit_answers_submit",
    "iit_post_stored",
    "response_exists",
    "response_submit",
    "responses_import",
    "tallies_rebuild",
    "tally_add",
    "tally_apply",
    "tally_prepare",
    "token_spent",
]
