"""
What the admin's history records, and what a restore brings back.

django-reversion restores a version by reverting its whole revision: every entry saved in
the same request (a bulk action, an import) and every row the entry's history follows,
deleting whatever the revision lacks. Editors restore one entry, so `revert_entry` brings
back that entry and the rows it owns (its citations and price points) and nothing else. It
also keeps what must not move back with it:

- the entry's edit version, so that a form opened before the restore is refused as stale;
- its public id, which never changes (versions recorded before the id existed lack it);
- its address: when the restored slug differs, the address used until now redirects;
- related rows deleted since (a technology): the restore names what still exists.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Redirect,
    Shoe,
    Technology,
    TrendNote,
)

OWNED_ROWS = (Citation, PricePoint)
"""Rows that belong to one entry (through a generic relation) and are restored with it."""
CITED_MODELS = (Shoe, Collaboration, Partner, TrendNote, Milestone, Technology)
KEPT_FIELDS = ("edit_version", "public_id")


def register():
    """Record each entry with its citations and price points, and nothing else: not a
    collaboration's shoes, which are entries of their own. Runs before the admin's
    classes, which would otherwise register each model with its inlines."""
    for row_model in OWNED_ROWS:
        reversion.register(row_model)
    for model in CITED_MODELS:
        reversion.register(model, follow=("citations", *model.cited_relations))


def revert_entry(version, delete=False):
    """Restore `version`'s entry and its own rows as `version`'s revision recorded them.
    Takes the place of `Revision.revert(delete=...)`; `delete` is not used: only the
    entry's own rows recorded then are put back, and its other rows of those kinds go."""
    model = version._model
    current = model._default_manager.filter(pk=version.object_id).first()
    kept = {name: getattr(current, name) for name in KEPT_FIELDS if hasattr(current, name)}
    address = current.get_absolute_url() if is_public(current) else None

    recorded = version._object_version
    for name, ids in recorded.m2m_data.items():
        related = model._meta.get_field(name).related_model
        recorded.m2m_data[name] = list(
            related._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
    recorded.save(using=version.db)
    entry = model._default_manager.get(pk=version.object_id)
    restore_own_rows(version, entry)
    if kept:
        model._default_manager.filter(pk=entry.pk).update(**kept)
    if address and is_public(entry) and entry.get_absolute_url() != address:
        Redirect.record_move(address, entry.get_absolute_url())


def is_public(entry):
    """Whether visitors see the entry at its address (a source has no drafts, and no slug)."""
    return entry is not None and getattr(entry, "is_public", False)


def recorded_rows(version, entry):
    """The versions of `entry`'s own rows (citations, price points) in `version`'s revision."""
    entry_type = ContentType.objects.get_for_model(entry)
    return [
        row
        for row in version.revision.version_set.all()
        if row._model in OWNED_ROWS
        and row.field_dict.get("content_type_id") == entry_type.pk
        and str(row.field_dict.get("object_id")) == str(entry.pk)
    ]


def restore_own_rows(version, entry):
    """The entry's citations and price points as `version`'s revision recorded them. A kind
    of row the revision did not record (history from before it was kept) is left as it is."""
    entry_type = ContentType.objects.get_for_model(entry)
    recorded = recorded_rows(version, entry)
    for row_model in OWNED_ROWS:
        rows = [row for row in recorded if row._model is row_model]
        if not rows:
            continue
        for row in rows:
            row.revert()
        keep = [row.object_id for row in rows]
        current: models.QuerySet = row_model._default_manager.filter(
            content_type=entry_type, object_id=entry.pk
        )
        current.exclude(pk__in=keep).delete()


class RestoresOneEntry:
    """A VersionAdmin mixin: restoring a version brings back its entry alone (`revert_entry`)."""

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        # The library reverts `version.revision` whole; its revert is this entry's alone.
        version.revision.revert = lambda delete=False: revert_entry(version, delete)
        return super()._reversion_revisionform_view(request, version, *args, **kwargs)
