"""The custody pages: the property register (items, loans, counts), the register of seized
evidence (its entries, photos, corrections), the evidence room's reconciliations, the unit's
custody procedures. Every page starts with ``custody_access`` (``unit_access``: 404 for those
with no role reaching the unit); writes check the keeper's role; reads of seized evidence by
anyone outside the evidence custodian role are audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.thai_dates import fiscal_year

from . import selectors
from .access import (
    CustodyAccess,
    custody_access,
    require_evidence_custodian,
    require_property_keeper,
)
from .forms import (
    CorrectionForm,
    CountRecordForm,
    CountStartForm,
    CountUnexpectedForm,
    ExaminationForm,
    IntakeForm,
    LoanForm,
    PropertyItemForm,
    ReconciliationStartForm,
    ReleaseForm,
    ResolveForm,
    ReturnForm,
    RoomCheckForm,
    RoomUnexpectedForm,
    SettingsForm,
    TransferForm,
)
from .models import Condition, EvidencePhoto, Finding, PropertyClass, RoomCheck
from .services import evidence as evidence_services
from .services import property as property_services
from .services import reconciliation as room_services
from .state import FIELD_LABELS


def _base(custody: CustodyAccess, section: str, **extra: Any) -> dict[str, Any]:
    return {
        "unit": custody.unit,
        "access": custody.access,
        "custody": custody,
        "tab": "custody",
        "section": section,
        "year": None,
        **extra,
    }


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _form_refused(request: HttpRequest, form: Form) -> None:
    texts = [
        f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
        if name in form.fields
        else " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    ]
    messages.error(request, " ".join(texts))


def _audit_read(custody: CustodyAccess, item: Any = None, what: str = "list") -> None:
    if not custody.is_evidence_custodian:
        evidence_services.evidence_read_record(
            actor=custody.user, unit=custody.unit, item=item, what=what
        )


# --- overview and settings -----------------------------------------------------------------------
@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    unit = custody.unit
    return render(
        request,
        "custody/home.html",
        _base(
            custody,
            "home",
            classes=selectors.class_counts(unit),
            overdue=selectors.overdue_loans(unit),
            open_counts=selectors.count_sessions(unit).filter(closed_at__isnull=True),
            settings=property_services.settings_of(unit),
            o22_year=fiscal_year(timezone.localdate()),
        ),
    )


@login_required
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    if not (custody.can_keep_property or custody.can_keep_evidence or custody.access.can_manage):
        raise PermissionDenied("Only the unit's custodians and editors set the procedures")
    current = property_services.settings_of(custody.unit)
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                property_services.settings_save(
                    actor=custody.user, unit=custody.unit, values=form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("The custody procedures were saved."))
                return redirect("custody:settings", slug=slug)
    else:
        form = SettingsForm(
            initial={name: getattr(current, name) for name in property_services.SETTINGS_FIELDS}
        )
    return render(request, "custody/settings.html", _base(custody, "settings", form=form))


# --- property --------------------------------------------------------------------------------
@login_required
def property_list(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    item_class = request.GET.get("class", "")
    if item_class not in PropertyClass.values:
        item_class = ""
    form = PropertyItemForm()
    if request.method == "POST":
        require_property_keeper(custody)
        form = PropertyItemForm(request.POST)
        if form.is_valid():
            try:
                item = property_services.property_item_add(
                    actor=custody.user, unit=custody.unit, **form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("%(item)s was registered.") % {"item": item})
                return redirect("custody:property", slug=slug)
    return render(
        request,
        "custody/property_list.html",
        _base(
            custody,
            "property",
            items=selectors.property_items(custody.unit, item_class),
            classes=PropertyClass.choices,
            item_class=item_class,
            form=form,
        ),
    )


@login_required
def item_detail(request: HttpRequest, slug: str, item_id: uuid.UUID) -> HttpResponse:
    custody = custody_access(request, slug)
    item = selectors.property_item_of(custody.unit, item_id)
    form = PropertyItemForm(
        initial={name: getattr(item, name) for name in property_services.ITEM_FIELDS}
    )
    if request.method == "POST":
        require_property_keeper(custody)
        form = PropertyItemForm(request.POST)
        if form.is_valid():
            try:
                property_services.property_item_update(
                    actor=custody.user, item=item, values=form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, _("The item was saved."))
                return redirect("custody:item", slug=slug, item_id=item.pk)
    loans = list(item.loans.all())
    return render(
        request,
        "custody/item.html",
        _base(
            custody,
            "property",
            item=item,
            form=form,
            loans=loans,
            open_loan=next((loan for loan in loans if loan.returned_on is None), None),
            loan_form=LoanForm(auto_id="loan_%s"),
            return_form=ReturnForm(auto_id="return_%s", initial={"condition": item.condition}),
        ),
    )


@login_required
@require_POST
def loan_issue(request: HttpRequest, slug: str, item_id: uuid.UUID) -> HttpResponse:
    custody = custody_access(request, slug)
    require_property_keeper(custody)
    item = selectors.property_item_of(custody.unit, item_id)
    form = LoanForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
    else:
        try:
            property_services.loan_issue(actor=custody.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The loan was recorded."))
    return redirect("custody:item", slug=slug, item_id=item.pk)


@login_required
@require_POST
def loan_return(request: HttpRequest, slug: str, loan_id: uuid.UUID) -> HttpResponse:
    custody = custody_access(request, slug)
    require_property_keeper(custody)
    loan = selectors.loan_of(custody.unit, loan_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
    else:
        try:
            property_services.loan_return(actor=custody.user, loan=loan, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The return was recorded."))
    return redirect("custody:item", slug=slug, item_id=loan.item_id)


@login_required
def loans(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    return render(
        request,
        "custody/loans.html",
        _base(
            custody,
            "loans",
            overdue=selectors.overdue_loans(custody.unit),
            open_loans=selectors.open_loans(custody.unit),
        ),
    )


# --- counts ----------------------------------------------------------------------------------
@login_required
def counts(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    form = CountStartForm()
    if request.method == "POST":
        require_property_keeper(custody)
        form = CountStartForm(request.POST)
        if form.is_valid():
            try:
                session = property_services.count_start(
                    actor=custody.user, unit=custody.unit, **form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                return redirect("custody:count", slug=slug, count_id=session.pk)
    return render(
        request,
        "custody/counts.html",
        _base(custody, "counts", sessions=selectors.count_sessions(custody.unit), form=form),
    )


@login_required
def count_detail(request: HttpRequest, slug: str, count_id: uuid.UUID) -> HttpResponse:
    custody = custody_access(request, slug)
    session = selectors.count_of(custody.unit, count_id)
    lines = list(session.lines.all())
    return render(
        request,
        "custody/count.html",
        _base(
            custody,
            "counts",
            session=session,
            lines=lines,
            unresolved=sum(line.is_unresolved for line in lines),
            uncounted=sum(not line.finding for line in lines),
            findings=[c for c in Finding.choices if c[0] != Finding.UNEXPECTED],
            conditions=Condition.choices,
            unexpected_form=CountUnexpectedForm(auto_id="unexpected_%s"),
        ),
    )


def _count_action(
    act: Callable[[CustodyAccess, Any, HttpRequest], str],
) -> Callable[[HttpRequest, str, uuid.UUID], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, slug: str, count_id: uuid.UUID) -> HttpResponse:
        custody = custody_access(request, slug)
        require_property_keeper(custody)
        session = selectors.count_of(custody.unit, count_id)
        try:
            done = act(custody, session, request)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            if done:
                messages.success(request, done)
        return redirect("custody:count", slug=slug, count_id=session.pk)

    return view


def _record(custody: CustodyAccess, session: Any, request: HttpRequest) -> str:
    form = CountRecordForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose what was found."))
    data = form.cleaned_data
    property_services.count_record(
        actor=custody.user,
        line=selectors.count_line_of(session, data["line"]),
        finding=data["finding"],
        found_location=data["found_location"],
        found_condition=data["found_condition"],
    )
    return ""


def _unexpected(custody: CustodyAccess, session: Any, request: HttpRequest) -> str:
    form = CountUnexpectedForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Describe what was found and where."))
    property_services.count_add_unexpected(actor=custody.user, session=session, **form.cleaned_data)
    return _("The find was added to the count.")


def _resolve(custody: CustodyAccess, session: Any, request: HttpRequest) -> str:
    form = ResolveForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Give the reason that resolves the discrepancy."))
    property_services.count_resolve(
        actor=custody.user,
        line=selectors.count_line_of(session, form.cleaned_data["line"]),
        resolution=form.cleaned_data["resolution"],
    )
    return _("The discrepancy was resolved.")


def _close(custody: CustodyAccess, session: Any, request: HttpRequest) -> str:
    property_services.count_close(actor=custody.user, session=session)
    return _("The count was closed.")


count_record = _count_action(_record)
count_unexpected = _count_action(_unexpected)
count_resolve = _count_action(_resolve)
count_close = _count_action(_close)


# --- seized evidence -------------------------------------------------------------------------------
@login_required
def evidence_list(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    form = IntakeForm()
    if request.method == "POST":
        require_evidence_custodian(custody)
        form = IntakeForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                entry = evidence_services.evidence_intake(
                    actor=custody.user, unit=custody.unit, **form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(
                    request,
                    _("Evidence #%(n)s was received into the register.") % {"n": entry.item.number},
                )
                return redirect("custody:evidence_item", slug=slug, seized_id=entry.item_id)
    else:
        _audit_read(custody)
    return render(
        request,
        "custody/evidence_list.html",
        _base(
            custody,
            "evidence",
            states=selectors.evidence_states(custody.unit),
            form=form,
            audited=not custody.is_evidence_custodian,
        ),
    )


@login_required
def evidence_item(request: HttpRequest, slug: str, seized_id: uuid.UUID) -> HttpResponse:
    custody = custody_access(request, slug)
    item = selectors.evidence_item_of(custody.unit, seized_id)
    _audit_read(custody, item, "item")
    state = selectors.evidence_state(item)
    return render(
        request,
        "custody/evidence_item.html",
        _base(
            custody,
            "evidence",
            item=item,
            state=state,
            field_labels=FIELD_LABELS,
            closed=state.status in ("returned", "disposed"),
            transfer_form=TransferForm(
                auto_id="transfer_%s", initial={"from_holder": state.holder}
            ),
            examination_form=ExaminationForm(auto_id="examination_%s"),
            release_form=ReleaseForm(auto_id="release_%s"),
            correction_form=CorrectionForm(auto_id="correction_%s"),
            audited=not custody.is_evidence_custodian,
        ),
    )


def _evidence_action(
    form_class: type[Form], act: Callable[[CustodyAccess, Any, dict[str, Any]], Any], done: Promise
) -> Callable[[HttpRequest, str, uuid.UUID], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, slug: str, seized_id: uuid.UUID) -> HttpResponse:
        custody = custody_access(request, slug)
        require_evidence_custodian(custody)
        item = selectors.evidence_item_of(custody.unit, seized_id)
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            _form_refused(request, form)
        else:
            try:
                act(custody, item, form.cleaned_data)
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(request, str(done))
        return redirect("custody:evidence_item", slug=slug, seized_id=item.pk)

    return view


def _transfer(custody: CustodyAccess, item: Any, data: dict[str, Any]) -> Any:
    return evidence_services.evidence_transfer(actor=custody.user, item=item, **data)


def _examine(custody: CustodyAccess, item: Any, data: dict[str, Any]) -> Any:
    return evidence_services.evidence_examine(actor=custody.user, item=item, **data)


def _release(custody: CustodyAccess, item: Any, data: dict[str, Any]) -> Any:
    return evidence_services.evidence_release(actor=custody.user, item=item, **data)


def _correct(custody: CustodyAccess, item: Any, data: dict[str, Any]) -> Any:
    entry = selectors.evidence_entry_of(item, data["entry"])
    return evidence_services.evidence_correct(
        actor=custody.user,
        entry=entry,
        field=data["field"],
        value=data["value"],
        reason=data["reason"],
    )


_TRANSFERRED = gettext_lazy("The transfer of custody was recorded.")
_EXAMINED = gettext_lazy("The examination was recorded.")
_RELEASED = gettext_lazy("The return or disposal was recorded.")
_CORRECTED = gettext_lazy("The correction was recorded as a new record.")

evidence_transfer = _evidence_action(TransferForm, _transfer, _TRANSFERRED)
evidence_examine = _evidence_action(ExaminationForm, _examine, _EXAMINED)
evidence_release = _evidence_action(ReleaseForm, _release, _RELEASED)
evidence_correct = _evidence_action(CorrectionForm, _correct, _CORRECTED)


@login_required
def evidence_photo(
    request: HttpRequest, slug: str, seized_id: uuid.UUID, evidence_photo_id: uuid.UUID
) -> FileResponse:
    """A photo of a record: a raster image re-encoded at upload, never HTML/SVG."""
    custody = custody_access(request, slug)
    item = selectors.evidence_item_of(custody.unit, seized_id)
    photo = EvidencePhoto.objects.filter(pk=evidence_photo_id, entry__item=item).first()
    if photo is None:
        raise Http404("No such photo")
    _audit_read(custody, item, "photo")
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    extension = photo.content_type.rsplit("/", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="evidence-{photo.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- the evidence room -------------------------------------------------------------------------------
@login_required
def reconciliations(request: HttpRequest, slug: str) -> HttpResponse:
    custody = custody_access(request, slug)
    form = ReconciliationStartForm()
    if request.method == "POST":
        require_evidence_custodian(custody)
        form = ReconciliationStartForm(request.POST)
        if form.is_valid():
            try:
                found = room_services.reconciliation_start(
                    actor=custody.user, unit=custody.unit, **form.cleaned_data
                )
            except ValidationError as exc:
                _refused(request, exc)
            else:
                return redirect("custody:reconciliation", slug=slug, reconciliation_id=found.pk)
    else:
        _audit_read(custody, what="list")
    return render(
        request,
        "custody/reconciliations.html",
        _base(custody, "room", rows=selectors.reconciliations(custody.unit), form=form),
    )


@login_required
def reconciliation_detail(
    request: HttpRequest, slug: str, reconciliation_id: uuid.UUID
) -> HttpResponse:
    custody = custody_access(request, slug)
    found = selectors.reconciliation_of(custody.unit, reconciliation_id)
    _audit_read(custody, what="list")
    lines = list(found.lines.all())
    return render(
        request,
        "custody/reconciliation.html",
        _base(
            custody,
            "room",
            reconciliation=found,
            lines=lines,
            unchecked=sum(not line.result for line in lines),
            missing=[line for line in lines if line.result == RoomCheck.MISSING],
            unexpected=[line for line in lines if line.result == RoomCheck.UNEXPECTED],
            seal_broken=[line for line in lines if line.result == RoomCheck.SEAL_BROKEN],
            unexpected_form=RoomUnexpectedForm(auto_id="room_%s"),
            checks=dict(RoomCheck.choices),
        ),
    )


def _room_action(
    act: Callable[[CustodyAccess, Any, HttpRequest], str],
) -> Callable[[HttpRequest, str, uuid.UUID], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, slug: str, reconciliation_id: uuid.UUID) -> HttpResponse:
        custody = custody_access(request, slug)
        require_evidence_custodian(custody)
        found = selectors.reconciliation_of(custody.unit, reconciliation_id)
        try:
            done = act(custody, found, request)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            if done:
                messages.success(request, done)
        return redirect("custody:reconciliation", slug=slug, reconciliation_id=found.pk)

    return view


def _room_check(custody: CustodyAccess, found: Any, request: HttpRequest) -> str:
    form = RoomCheckForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Say whether the item is in the room and read its seal."))
    data = form.cleaned_data
    line = found.lines.filter(pk=data["line"]).first()
    if line is None:
        raise ValidationError(_("That item is not in this reconciliation."))
    room_services.reconciliation_check(
        actor=custody.user,
        line=line,
        present=data["present"],
        seal_seen=data["seal_seen"],
        seal_broken=data["seal_broken"],
        note=data["note"],
    )
    return ""


def _room_unexpected(custody: CustodyAccess, found: Any, request: HttpRequest) -> str:
    form = RoomUnexpectedForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Describe what was found."))
    room_services.reconciliation_add_unexpected(
        actor=custody.user, reconciliation=found, **form.cleaned_data
    )
    return _("The find was added to the reconciliation.")


def _room_close(custody: CustodyAccess, found: Any, request: HttpRequest) -> str:
    room_services.reconciliation_close(actor=custody.user, reconciliation=found)
    return _("The reconciliation was closed.")


reconciliation_check = _room_action(_room_check)
reconciliation_unexpected = _room_action(_room_unexpected)
reconciliation_close = _room_action(_room_close)
