"""OIT work records: per assessment and framework item, the unit's evidence and the evaluator's
review.

* :class:`ItemWork` — one per assessment × item, with the workflow state (see ``workflow.py``).
* :class:`Evidence` — a public link, an uploaded file or a page written in the system.
* :class:`StoredFile` — an upload whose type was sniffed from its content; kept under MEDIA_ROOT
  with a random name and only ever served through a view that checks access.
* :class:`CriterionWork` — per criterion: the unit's self-check and note, and the evaluator's
  *released* result and comment (the comment is shown to the unit).
* :class:`ReviewDraft` / :class:`CriterionDraft` — the evaluator's review while it is being written,
  kept apart from the released result: scoring, reports, unit and public pages never read them;
  returning or completing the review copies the draft into the released fields and deletes it.
* :class:`ItemTransition` — every move of an item from one state to another (``states.py``).
* :class:`PrivateNote` — an evaluator's private note. A separate model on purpose: unit and public
  views never query it, so the text cannot reach them by accident.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.assessments.models import Assessment
from prongsai.core.models import BaseModel
from prongsai.frameworks.models import Criterion, Item
from prongsai.organizations.models import Unit

# The states and the one table of moves between them live in states.py.
from .states import AWAITING_REVIEW_STATES as AWAITING_REVIEW_STATES
from .states import EDITABLE_STATES as EDITABLE_STATES
from .states import FINAL_STATES as FINAL_STATES
from .states import WorkState as WorkState
from .states import round_of


class SelfCheck(models.TextChoices):
    MET = "met", pgettext_lazy("OIT self-check", "Met")
    PARTLY = "partly", pgettext_lazy("OIT self-check", "Partly met")
    NOT_MET = "not_met", pgettext_lazy("OIT self-check", "Not met")


class ReviewResult(models.TextChoices):
    PASS = "pass", pgettext_lazy("OIT criterion result", "Pass")
    FAIL = "fail", pgettext_lazy("OIT criterion result", "Fail")
    CONDITIONAL = "conditional", pgettext_lazy("OIT criterion result", "Conditional")


class ItemResult(models.TextChoices):
    PASS = "pass", pgettext_lazy("OIT item result", "Passed")
    FAIL = "fail", pgettext_lazy("OIT item result", "Failed")


class ItemWork(BaseModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="oit_works")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="works")
    state = models.CharField(
        _("state"), max_length=20, choices=WorkState.choices, default=WorkState.DRAFT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_text = models.TextField(_("answer"), blank=True)
    # The unit's explanation for an item the evaluator failed (goes into the appeal pack).
    clarification_text = models.TextField(_("clarification"), blank=True)
    # The head's note when sending an item back instead of approving it.
    head_note = models.TextField(blank=True)
    # True once the evaluator has returned the item: the one round of rework is used.
    rework_used = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The released review (written only when the evaluator returns or completes the item; the
    # review being written is a ReviewDraft). The evaluator's overall comment, seen by the unit:
    review_comment = models.TextField(blank=True)
    # For items without criteria (reconstructed frameworks): one decision for the whole item.
    decision = models.CharField(max_length=20, choices=ReviewResult.choices, blank=True)
    # Follows from the released criteria (rules.item_result); blank while nothing is released.
    result = models.CharField(max_length=10, choices=ItemResult.choices, blank=True)
    # When a review was last released (None: never); what scoring and the unit's pages read.
    released_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="itemwork_assessment_item")
        ]
        indexes = [models.Index(fields=["state", "submitted_at"])]
        verbose_name = _("OIT item work")
        verbose_name_plural = _("OIT item work")

    def __str__(self) -> str:
        return f"{self.item.code} {self.item.title_th}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def review_released(self) -> bool:
        return self.released_at is not None

    @property
    def review_round(self) -> int:
        """1 until the evaluator returns the item, 2 after."""
        return round_of(rework_used=self.rework_used)

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES


class ItemTransition(models.Model):
    """One move of an item from one state to another (the table in ``states.py``), kept for
    good: who, when, from, to, in which review round, and the evaluator's released result after
    the move (``result`` and ``criteria``, carried forward by moves that release nothing), so
    that ``selectors.item_states_as_of`` can say what an item's released state was on any date.
    Written only by ``services.common.apply_transition``."""

    id = models.BigAutoField(primary_key=True)
    work = models.ForeignKey(ItemWork, on_delete=models.CASCADE, related_name="transitions")
    # Denormalised from the work so that a report reads a whole assessment in one query.
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    event = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20, choices=WorkState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=WorkState.choices)
    round = models.PositiveSmallIntegerField()
    # The released item result after the move ("" while nothing is released) ...
    result = models.CharField(max_length=10, choices=ItemResult.choices, blank=True)
    # ... and what it follows from: {criterion code: result} or {"": decision} without criteria.
    criteria = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["assessment", "at"])]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state} ({self.event})"


class StoredFile(BaseModel):
    """An uploaded file. Immutable once stored; evidence (possibly in several years, after
    carry-forward) points at it."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        CSV = "csv", "CSV"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        GIF = "gif", "GIF"
        WEBP = "webp", "WebP"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="oit_files")
    original_name = models.CharField(max_length=255)
    storage_name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in {self.Kind.PNG, self.Kind.JPEG, self.Kind.GIF, self.Kind.WEBP}

    @property
    def is_pdf(self) -> bool:
        return self.kind == self.Kind.PDF

    @property
    def previewable(self) -> bool:
        """Shown inline in the evaluator's preview (everything else is a download)."""
        return self.is_image or self.is_pdf


class Evidence(BaseModel):
    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        FILE = "file", _("File")
        PAGE = "page", _("Page written in the system")
        # "None in this period" (no procurement, no complaints) for an item whose framework asks
        # for it (items[].none_statement): the statement itself is the evidence.
        STATEMENT = "statement", _("Statement: none in this period")

    work = models.ForeignKey(ItemWork, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address (URL)"), max_length=2000, blank=True)
    file = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    # Sanitised (nh3) when saved; sanitised again when rendered.
    body_html = models.TextField(blank=True)
    # Images a system-written page shows (its <img> may only point at these).
    images = models.ManyToManyField(StoredFile, blank=True, related_name="pages")
    period_start = models.DateField(_("covers from"), null=True, blank=True)
    period_end = models.DateField(_("covers until"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A statement's signatory as written when it was made (rank, name, position), so that the
    # public sentence stays what was stated even if the account changes later.
    statement_by = models.CharField(_("stated by"), max_length=300, blank=True)

    class Meta:
        ordering = ["work", "position", "created_at"]
        indexes = [models.Index(fields=["work", "is_published"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="link", file__isnull=True)
                    | models.Q(kind="file", file__isnull=False)
                    | models.Q(kind="page", file__isnull=True)
                    | models.Q(kind="statement", file__isnull=True)
                ),
                name="evidence_file_matches_kind",
            ),
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    @property
    def is_statement(self) -> bool:
        return self.kind == self.Kind.STATEMENT


class CriterionWork(BaseModel):
    work = models.ForeignKey(ItemWork, on_delete=models.CASCADE, related_name="criterion_rows")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    # The unit's side.
    self_check = models.CharField(
        _("self-check"), max_length=10, choices=SelfCheck.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    # The evaluator's side (the comment is shown to the unit).
    result = models.CharField(max_length=20, choices=ReviewResult.choices, blank=True)
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["work", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["work", "criterion"], name="criterionwork_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.result or '-'}"


class ReviewDraft(BaseModel):
    """The evaluator's review of one round while it is being written. A separate model on
    purpose (like PrivateNote): scoring, reports, unit and public pages never query it, so a
    draft cannot count or show before it is released. At most one per item; returning or
    completing the review releases it (copies it into ItemWork / CriterionWork) and deletes it,
    so round two starts from an empty draft."""

    work = models.OneToOneField(ItemWork, on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField(default=1)
    comment = models.TextField(blank=True)
    decision = models.CharField(max_length=20, choices=ReviewResult.choices, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"review draft {self.pk} (round {self.round})"


class CriterionDraft(BaseModel):
    draft = models.ForeignKey(ReviewDraft, on_delete=models.CASCADE, related_name="rows")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=20, choices=ReviewResult.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["draft", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "criterion"], name="criteriondraft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.result or '-'} (draft)"


class PrivateNote(BaseModel):
    """An evaluator's note the unit never sees (criterion blank: about the whole item)."""

    work = models.ForeignKey(ItemWork, on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(
        Criterion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()

    class Meta:
        ordering = ["work", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "criterion"],
                name="privatenote_unique_criterion",
                condition=models.Q(criterion__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["work"],
                name="privatenote_unique_item",
                condition=models.Q(criterion__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"private note {self.pk}"
