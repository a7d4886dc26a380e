"""The unit's public website: profile (O1–O4), news (O5, O18), policies (O17, O21), pictures,
published versions of the profile pages, own host names and the search index."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class SiteImage(BaseModel):
    """A picture of the unit's site, re-encoded (no metadata) and stored in a few widths."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_images")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # {"480": "website/<unit>/<id>-480.jpg", ...}: width → storage name (the largest is the original)
    variants = models.JSONField(default=dict)
    alt = models.CharField(_("description of the picture"), max_length=300, blank=True)

    def __str__(self) -> str:
        return self.alt or str(self.pk)


class SiteProfile(BaseModel):
    """The structured fields of the unit's profile pages (never free HTML)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="site_profile")
    logo = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_position = models.CharField(_("head's position"), max_length=200, blank=True)
    head_photo = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_message = models.TextField(_("the head's message"), blank=True)
    # O1
    staff_summary = models.TextField(_("staffing (positions and numbers)"), blank=True)
    # O2
    authority = models.TextField(_("authority"), blank=True)
    duties = models.TextField(_("duties"), blank=True)
    area = models.TextField(_("area of responsibility"), blank=True)
    area_map = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # O4
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    line_oa = models.CharField(_("LINE Official Account"), max_length=100, blank=True)
    facebook = models.URLField(_("Facebook page"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # Bumped on every publication: cached fragments of the public pages carry it in their key.
    version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.unit)


class Executive(BaseModel):
    """A person on the structure chart (O1): level 1 is the head, 2 deputies, 3 section chiefs."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_executives")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level on the chart"), default=2)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    photo = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["level", "order", "created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"


class Law(BaseModel):
    """A law, regulation or rule the unit applies (O3)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_laws")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link to the text"), max_length=1000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "created_at"]

    def __str__(self) -> str:
        return self.title


class Section(models.TextChoices):
    STRUCTURE = "structure", _("Structure and executives")
    AUTHORITY = "authority", _("Authority, duties and area")
    LAWS = "laws", _("Laws the unit applies")
    CONTACT = "contact", _("Contact and channels")
    NO_GIFT = "no-gift", _("No Gift policy")
    ETHICS = "ethics", _("Ethics guideline")


class ProfileVersion(BaseModel):
    """One published version of a profile page: the content as it was, kept for good (the OIT
    item links to its URL; the next edit publishes the next version)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_versions")
    section = models.CharField(max_length=20, choices=Section.choices)
    number = models.PositiveIntegerField()
    content = models.JSONField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "section", "number"], name="website_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.number}"


class Category(models.TextChoices):
    PERFORMANCE = "performance", _("Performance news")
    ITA = "ita", _("ITA news")
    ANTI_CORRUPTION = "anti-corruption", _("The head's anti-corruption activities")


class NewsPost(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_news")
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    published_on = models.DateField(_("publishing date"))
    is_published = models.BooleanField(_("published"), default=True)
    photo = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # OIT items this post is evidence of (codes), besides the category's own item.
    item_codes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-published_on", "-created_at"]

    def __str__(self) -> str:
        return self.title


class Policy(BaseModel):
    """The No Gift policy (O17) and the ethics guideline (O21), as structured fields."""

    class Kind(models.TextChoices):
        NO_GIFT = "no-gift", _("No Gift policy")
        ETHICS = "ethics", _("Ethics guideline")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_policies")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    text_th = models.TextField(_("text (Thai)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    # ethics: [{"role": "...", "do": ["..."], "dont": ["..."]}]
    rules = models.JSONField(default=list, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    signature = models.ForeignKey(
        SiteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="website_policy_kind")]

    def __str__(self) -> str:
        return self.title_th


class HostName(BaseModel):
    """A host name on which the unit's site is served (its own domain)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="site_hosts")
    host = models.CharField(_("host name"), max_length=253, unique=True)

    class Meta:
        ordering = ["host"]

    def __str__(self) -> str:
        return self.host


class SearchDocument(models.Model):
    """One public page in the search index: the text as shown and its words (segmented by
    pythainlp, space-joined, lower-cased) that SQLite FTS5 / PostgreSQL full-text search index."""

    id = models.BigAutoField(primary_key=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)  # "news:<uuid>", "profile:structure"
    url = models.CharField(max_length=1000)
    title = models.CharField(max_length=300)
    body = models.TextField()
    words = models.TextField()
    published_on = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "key"], name="website_search_key")]

    def __str__(self) -> str:
        return self.title
