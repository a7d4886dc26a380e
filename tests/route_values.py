"""Real values for every URL keyword argument, so the route-access test hits real objects.

When you add a route with a new keyword argument, add a builder here: the route test fails on
unknown names rather than guessing (a made-up id would only prove that 404 works).
Each builder receives the test ``world`` (tree, people, assessment) and returns the value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prongsai.organizations.models import Membership

VALUE_BUILDERS: dict[str, Callable[[Any], Any]] = {
    "slug": lambda w: w.tree.unit.slug,
    "year": lambda w: 2567,
    "membership_id": lambda w: Membership.objects.filter(unit=w.tree.unit).first().pk,  # type: ignore[union-attr]
    "framework_id": lambda w: w.assessment.framework.pk,
    "uidb64": lambda w: "MQ",  # a password-reset link (public; an unknown token shows "invalid")
    "token": lambda w: "set-password",
}


def _route_grant_id(w: Any) -> Any:
    """A head role asked for by the unit's admin, waiting for the head's confirmation."""
    from prongsai.organizations.services import member_invite

    result = member_invite(
        actor=w.people.admin, unit=w.tree.unit, username="route-new-head", email="", role="head"
    )
    assert result.pending is not None
    return result.pending.pk


VALUE_BUILDERS["grant_id"] = _route_grant_id
VALUE_BUILDERS["decision"] = lambda w: "confirm"

# disclosures (OIT): an item, a published page on it, an uploaded picture.
from .disclosures.helpers import route_evidence_id, route_stored_file_id  # noqa: E402

VALUE_BUILDERS["code"] = lambda w: "O1"  # an OIT item code (public item pages, workspace)
VALUE_BUILDERS["evidence_id"] = route_evidence_id
VALUE_BUILDERS["stored_file_id"] = route_stored_file_id

# surveys: an instrument in the URL, and an IIT code batch of the assessment.
VALUE_BUILDERS["instrument"] = lambda w: "EIT"


def _route_batch_id(w: Any) -> Any:
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.services import code_batch_create

    campaign = Campaign.objects.get(assessment=w.assessment, instrument="IIT")
    return code_batch_create(actor="tests", campaign=campaign, count=2).batch.pk


VALUE_BUILDERS["batch_id"] = _route_batch_id

# measures: a plan row of the assessment, with one progress update carrying one photo.
from .measures.helpers import route_photo_id, route_row_id, route_update_id  # noqa: E402

VALUE_BUILDERS["row_id"] = route_row_id
VALUE_BUILDERS["update_id"] = route_update_id
VALUE_BUILDERS["photo_id"] = route_photo_id


# mail: an undelivered e-mail of the unit (shown on its members page, with "send again").
def _route_mail_id(w: Any) -> Any:
    from prongsai.mail.models import OutgoingMail

    return OutgoingMail.objects.create(
        kind="mail.message",
        to=["someone@example.go.th"],
        params={"subject": "s", "body": "b"},
        unit_id=str(w.tree.unit.pk),
        status=OutgoingMail.Status.FAILED,
        attempts=6,
    ).pk


VALUE_BUILDERS["mail_id"] = _route_mail_id


# documents: a generated document of the unit (a report, queued).
def _route_document_id(w: Any) -> Any:
    from prongsai.documents.services import document_request
    from prongsai.organizations.access import access_for
    from prongsai.reports.document_kinds import REPORT, report_params

    return document_request(
        actor=w.people.admin,
        access=access_for(w.people.admin, w.tree.unit),
        kind=REPORT,
        params=report_params(w.assessment, round_=6, fmt="pdf"),
    ).pk


VALUE_BUILDERS["document_id"] = _route_document_id


# complaints: a case of the seed's unit (identified), and a file the complainant added to it.
from .complaints.helpers import route_complaint_id, route_file_id  # noqa: E402

VALUE_BUILDERS["complaint_id"] = route_complaint_id
VALUE_BUILDERS["file_id"] = route_file_id

# inquiries (O4): a question from the public and an FAQ entry of the seed's unit.
from .inquiries.helpers import route_faq_id, route_question_id  # noqa: E402

VALUE_BUILDERS["question_id"] = route_question_id
VALUE_BUILDERS["faq_id"] = route_faq_id

# publications: a month of the tests' own series, published in the seed's unit (files rendered).
from .publications.helpers import route_series  # noqa: E402

VALUE_BUILDERS["series"] = route_series
VALUE_BUILDERS["period"] = lambda w: "2566-10"
VALUE_BUILDERS["fmt"] = lambda w: "csv"
VALUE_BUILDERS["version"] = lambda w: 1

# api: any address under /api/ that is no operation (answered with a problem, 404).
VALUE_BUILDERS["rest"] = lambda w: "v1/no-such-operation"

# custody (O22): a property item with a loan, a count, seized evidence with a photo, a
# reconciliation of the evidence room, all of the seed's unit.
from .custody.helpers import (  # noqa: E402
    route_count_id,
    route_evidence_photo_id,
    route_item_id,
    route_loan_id,
    route_reconciliation_id,
    route_seized_id,
)

VALUE_BUILDERS["item_id"] = route_item_id
VALUE_BUILDERS["loan_id"] = route_loan_id
VALUE_BUILDERS["count_id"] = route_count_id
VALUE_BUILDERS["seized_id"] = route_seized_id
VALUE_BUILDERS["evidence_photo_id"] = route_evidence_photo_id
VALUE_BUILDERS["reconciliation_id"] = route_reconciliation_id

# risks (O19/O20): the seed unit's register from the immigration starter set, one follow-up with a
# photo on its first treatment; a document button.
from .risks.helpers import (  # noqa: E402
    route_event_id,
    route_followup_id,
    route_photo_id,
    route_process_id,
    route_treatment_id,
)

VALUE_BUILDERS["risk_process_id"] = route_process_id
VALUE_BUILDERS["risk_event_id"] = route_event_id
VALUE_BUILDERS["risk_treatment_id"] = route_treatment_id
VALUE_BUILDERS["risk_followup_id"] = route_followup_id
VALUE_BUILDERS["risk_photo_id"] = route_photo_id
VALUE_BUILDERS["which"] = lambda w: "assessment-pdf"

# website: the seed unit's structure chart, laws, a news post, a host name, a picture.
from .website.route_helpers import WEBSITE_BUILDERS  # noqa: E402

VALUE_BUILDERS.update(WEBSITE_BUILDERS)

# records (O6, O10, O11, O12): a month, a record kind, an entry with a photo, a series, a line.
from .records.helpers import (  # noqa: E402
    route_entry_id,
    route_line_id,
    route_op_photo_id,
    route_series_id,
)

VALUE_BUILDERS["month"] = lambda w: "2566-10"
VALUE_BUILDERS["record_kind"] = lambda w: "statistics"
VALUE_BUILDERS["entry_id"] = route_entry_id
VALUE_BUILDERS["op_photo_id"] = route_op_photo_id
VALUE_BUILDERS["series_id"] = route_series_id
VALUE_BUILDERS["line_id"] = route_line_id
# procurement (O13, O14): a procurement of the seed's unit.
from .procurement.helpers import route_procurement_id  # noqa: E402

VALUE_BUILDERS["procurement_id"] = route_procurement_id


# opendata: the dataset of the tests' own series published in the seed's unit.
def _route_dataset_id(w: Any) -> Any:
    from prongsai.opendata.metadata import dataset_id

    route_series(w)
    return dataset_id(w.tree.unit.pk, "tests.figures")


VALUE_BUILDERS["dataset_id"] = _route_dataset_id
VALUE_BUILDERS["rdf_format"] = lambda w: "ttl"
