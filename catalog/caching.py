"""
Whole-page caching for anonymous visitors, with conditional GET.

A page is cached under a key made of the catalog's version (`ContentVersion`, bumped
by signals on every save or delete of catalog content, and when a scheduled entry's
publish time passes) and the full request path, so a change is visible on the next
request without hunting down keys. The same version
gives the ETag and Last-Modified headers, so a repeat visit gets a 304. Logged-in
users (editors previewing drafts) always get a fresh page.
"""

import datetime
import hashlib
from functools import wraps

from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from .models import (
    Collaboration,
    ContentVersion,
    Milestone,
    Partner,
    Shoe,
    Status,
    TrendNote,
)

PAGE_TIMEOUT = 600
"""Seconds a page stays cached when nothing changes."""

EPOCH = datetime.datetime(2008, 1, 1, tzinfo=datetime.UTC)


def catalog_changed_at():
    """When the catalog last changed (one primary-key query)."""
    row = ContentVersion.objects.filter(pk=1).values_list("changed_at", "next_publish_at").first()
    if row is None:
        return EPOCH
    changed_at, next_publish_at = row
    if next_publish_at and next_publish_at <= timezone.now():
        # A scheduled entry has just gone public: that is a change too.
        return mark_catalog_changed()
    return changed_at


def next_scheduled_publication(now):
    times = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).aggregate(
            first=Min("publish_at")
        )["first"]
        for model in (Partner, Collaboration, Shoe, TrendNote, Milestone)
    ]
    return min((time for time in times if time), default=None)


def mark_catalog_changed(**kwargs):
    now = timezone.now()
    values = {"changed_at": now, "next_publish_at": next_scheduled_publication(now)}
    if not ContentVersion.objects.filter(pk=1).update(**values):
        ContentVersion.objects.update_or_create(pk=1, defaults=values)
    return now


def connect_signals(sender_models):
    for model in sender_models:
        post_save.connect(mark_catalog_changed, sender=model, dispatch_uid=f"{model}-save")
        post_delete.connect(mark_catalog_changed, sender=model, dispatch_uid=f"{model}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                mark_catalog_changed, sender=field.remote_field.through, dispatch_uid=str(field)
            )


def public_page(view):
    """Cache `view` for anonymous GET/HEAD requests and answer conditional requests."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        changed_at = request.catalog_changed_at = catalog_changed_at()
        fingerprint = f"{changed_at.isoformat()}|{request.get_full_path()}"
        digest = hashlib.sha256(fingerprint.encode()).hexdigest()
        etag = f'"{digest[:32]}"'
        last_modified = int(changed_at.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return finish(not_modified, etag, last_modified)
        key = f"page:{digest}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, response, PAGE_TIMEOUT)
        return finish(response, etag, last_modified)

    return wrapped


def finish(response, etag, last_modified):
    if response.status_code in (200, 304):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])
    return response
