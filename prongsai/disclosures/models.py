"""OIT work records: per assessment and framework item, the unit's evidence and the evaluator's
review.

* :class:`ItemWork` — one per assessment × item, with the workflow state (see ``workflow.py``).
* :class:`Evidence` — a public link, an uploaded file or a page written in the system.
* :class:`StoredFile` — an upload whose type was sniffed from its content; kept under MEDIA_ROOT
  with a random name and only ever served through a view that checks access.
* :class:`CriterionWork` — per criterion: the unit's self-check and note, and the evaluator's
  result and comment (the comment is shown to the unit).
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
from .states import REVIEWED_STATES as REVIEWED_STATES
from .states import WorkState as WorkState


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
    # The evaluator's overall comment (seen by the unit once the review is released).
    review_comment = models.TextField(blank=True)
    # For items without criteria (reconstructed frameworks): one decision for the whole item.
    decision = models.CharField(max_length=20, choices=ReviewResult.choices, blank=True)
    # Follows from the criteria whenever a review is released; blank while not reviewed.
    result = models.CharField(max_length=10, choices=ItemResult.choices, blank=True)
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
        return self.state in REVIEWED_STATES

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
