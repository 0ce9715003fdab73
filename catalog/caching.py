"""
Whole-page caching for anonymous visitors, with conditional GET.

Views wrapped in `public_page` are cacheable. `PublicPageCacheMiddleware`, placed just after
whitenoise, answers a visitor without a session cookie from the cache before the rest of
the middleware stack runs. A page is cached under a key made of the catalog's version
(`ContentVersion`: bumped by signals on every save or delete of catalog content, and when a
scheduled entry's publish time passes) and the full request path, so a change is visible
on the very next request, in every process. The version also gives the ETag and
Last-Modified headers, so a repeat visit gets a 304. Logged-in users (editors previewing
drafts) carry a session cookie and always get a fresh page.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
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

NEVER_CHANGED = 0
# Plain SQL on the hot path: compiling the ORM query costs more than running it.
VERSION_TABLE = ContentVersion._meta.db_table
VERSION_SQL = f"SELECT changed_us, next_publish_us FROM {VERSION_TABLE} WHERE id = 1"  # noqa: S608


def microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


def catalog_version():
    """When the catalog last changed, in µs since the epoch (one primary-key query)."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return NEVER_CHANGED
    changed, next_publish = row
    if next_publish is not None and next_publish <= microseconds(timezone.now()):
        # A scheduled entry has just gone public: that is a change too.
        return mark_catalog_changed()
    return changed


def next_scheduled_publication(now):
    times = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).aggregate(
            first=Min("publish_at")
        )["first"]
        for model in (Partner, Collaboration, Shoe, TrendNote, Milestone)
    ]
    return min((time for time in times if time), default=None)


def mark_catalog_changed(**kwargs):
    """Record a change now; returns the new version."""
    now = timezone.now()
    upcoming = next_scheduled_publication(now)
    values = {
        "changed_us": microseconds(now),
        "next_publish_us": microseconds(upcoming) if upcoming else None,
    }
    if not ContentVersion.objects.filter(pk=1).update(**values):
        ContentVersion.objects.update_or_create(pk=1, defaults=values)
    return values["changed_us"]


def connect_signals(sender_models):
    for model in sender_models:
        post_save.connect(mark_catalog_changed, sender=model, dispatch_uid=f"{model}-save")
        post_delete.connect(mark_catalog_changed, sender=model, dispatch_uid=f"{model}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                mark_catalog_changed, sender=field.remote_field.through, dispatch_uid=str(field)
            )


def public_page(view):
    """Mark `view`'s responses as the same for every anonymous visitor, hence cacheable."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.is_public_page = True
        return response

    return wrapped


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or (
            settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        version = catalog_version()
        request.catalog_version = version
        digest = hashlib.sha256(f"{version}|{request.get_full_path()}".encode()).hexdigest()
        validators = {"etag": f'"{digest[:32]}"', "last_modified": version // 1_000_000}
        key = f"page:{digest}"
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if not getattr(response, "is_public_page", False):
                return response
            add_validators(response, **validators)
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, PAGE_TIMEOUT)
        return get_conditional_response(request, response=response, **validators) or response


def add_validators(response, etag, last_modified):
    if response.status_code == 200:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])
