"""
The catalog's version: one row saying when published content last changed.

Cached pages are keyed on it, so a change shows on the next request in the process that made
it, and within half a second (`TRUSTED_FOR`) in every other. Signal receivers record a change once
per transaction, after it commits: a bulk action of fifty saves is one change, and a
rolled-back save is none.
"""

import datetime
import time

from django.db import connection, models, transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .content import Collaboration, Milestone, Partner, TrendNote
from .publishing import Status
from .shoes import Shoe

SCHEDULABLE = (Partner, Collaboration, Shoe, TrendNote, Milestone)
NEVER_CHANGED = 0

TRUSTED_FOR = 0.5
"""Seconds a process goes on trusting the version it last read or recorded (`recent_version`)."""
_known: tuple[int, float] | None = None  # (version, time.time() when read or recorded)


class ContentVersion(models.Model):
    """
    A single row recording when the catalog last changed, saves and deletions alike.

    Times are integer microseconds since the epoch, so the hot path can read them with one
    plain SQL query and no conversion.
    """

    changed_us = models.BigIntegerField("changed at (µs since the epoch)")
    next_publish_us = models.BigIntegerField(
        "next scheduled publication (µs since the epoch)",
        null=True,
        help_text="When the next scheduled entry goes public, if any.",
    )

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"Catalog changed at {self.changed_at:%Y-%m-%d %H:%M:%S}"

    @property
    def changed_at(self):
        return datetime.datetime.fromtimestamp(self.changed_us / 1e6, tz=datetime.UTC)


# Plain SQL on the hot path: compiling the ORM query costs more than running it.
VERSION_SQL = (
    f"SELECT changed_us, next_publish_us FROM {ContentVersion._meta.db_table} WHERE id = 1"  # noqa: S608
)


def microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


def catalog_version():
    """When the catalog last changed, in µs since the epoch (one primary-key query)."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return remember(NEVER_CHANGED)
    changed, next_publish = row
    if next_publish is not None and next_publish <= microseconds(timezone.now()):
        # A scheduled entry has just gone public: that is a change too.
        return record_change()
    return remember(changed)


def recent_version(max_age=TRUSTED_FOR):
    """The version this process last read or recorded, if that was less than `max_age`
    seconds ago (at any time, with None), or None.

    A page answered from the cache then costs no query at all, where on PostgreSQL the
    version's query and the connection's health check took a third of its time. A change
    made in this process shows at once; one made in another within half a second, which
    adds to the edge's one-second microcache: an editor's save reaches visitors there within
    a second and a half."""
    if _known is not None:
        version, seen = _known
        if max_age is None or 0 <= time.time() - seen < max_age:
            return version
    return None


def remember(version):
    global _known  # one value per process, by design
    _known = (version, time.time())
    return version


def next_scheduled_publication(now):
    times = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).aggregate(
            first=Min("publish_at")
        )["first"]
        for model in SCHEDULABLE
    ]
    return min((time for time in times if time), default=None)


def record_change():
    """Record a change now; returns the new version."""
    now = timezone.now()
    upcoming = next_scheduled_publication(now)
    values = {
        "changed_us": microseconds(now),
        "next_publish_us": microseconds(upcoming) if upcoming else None,
    }
    if not ContentVersion.objects.filter(pk=1).update(**values):
        ContentVersion.objects.update_or_create(pk=1, defaults=values)
    return remember(values["changed_us"])


def catalog_changed(**kwargs):
    """Signal receiver: record one change when the current transaction commits."""
    current = transaction.get_connection()
    pending = (callback for _, callback, _ in current.run_on_commit)
    if current.in_atomic_block and record_change in pending:
        return
    # Robust: the content is already committed; a failed bump must not turn the save into
    # an error page (the page cache expires on its own).
    transaction.on_commit(record_change, robust=True)


def track_changes(models_to_track):
    for model in models_to_track:
        uid = f"{model._meta.label}-changed"
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                catalog_changed, sender=field.remote_field.through, dispatch_uid=str(field)
            )
