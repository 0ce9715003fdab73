"""
Publishing, shared by every public model: a unique slug, a permanent public id
(`identity.py`), a draft/published status, an optional publish time for scheduled
publishing, timestamps, and the `published()` queryset method that views, feeds, sitemaps
and search all use.
"""

from django.db import models
from django.utils import timezone

from .editing import EditVersioned
from .identity import PublicIdentity


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Entries a visitor may see: published, and not scheduled for later.

        Written "not after now" rather than "no time, or one already past": the same rule,
        but an OR sends SQLite's planner to the publish-time index even where a query's other
        conditions want another one (a release family's groups)."""
        return self.filter(status=Status.PUBLISHED).exclude(publish_at__gt=timezone.now())


class PublishableModel(PublicIdentity, EditVersioned, models.Model):
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The last part of the page address."
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are never shown to visitors.",
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Optional. A published entry with a future time stays private until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )
