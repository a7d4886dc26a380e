"""The rendered public pages, stored in the database so every app server shares them.

A unit's public pages (its website and its OIT pages) are stored as rendered for anonymous
visitors under the unit's public version (:class:`PublicVersion`), which every change to what they
show bumps (``portal.pagecache``): invalidation is exact, and nothing depends on one process's
memory.
"""

from __future__ import annotations

from django.db import models

from prongsai.organizations.models import Unit


class PublicVersion(models.Model):
    """A counter per unit: bumped by every publication, profile edit, news post, evidence or
    document change; a stored page is valid only under the number it was rendered with."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, primary_key=True, related_name="public_version"
    )
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.unit_id} v{self.number}"


class RenderedPage(models.Model):
    """One public page as sent to an anonymous visitor, with a placeholder for the CSRF token
    (filled in per request). ``key`` is a digest of host, path, language and day."""

    id = models.BigAutoField(primary_key=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField()
    key = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    html = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "version", "key"], name="portal_rendered_page_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} v{self.version} {self.key}"
