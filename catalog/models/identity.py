"""
Public ids: each public entry's id in the API and in downloads, as MusicBrainz has MBIDs.

A random UUID, given when the entry is made, that never changes, is never reused (no
other entry, even after a deletion, can draw it again) and survives a change of slug, so
what a reuser stored keeps pointing at the same entry. The database's own primary keys
stay private: they are an implementation detail that a restore or a merge may change.
"""

import uuid

from django.db import models


class PublicIdentity(models.Model):
    public_id = models.UUIDField(
        "public id",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="The entry's permanent id in the API: never changes, never reused.",
    )

    class Meta:
        abstract = True
