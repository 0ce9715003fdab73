"""
Renamed pages keep their old addresses: a request that would answer 404 is sent on with a
301 when the address is a recorded old one (`catalog.models.Redirect`) and its entry is
public. Only 404s pay the lookups; when the database cannot be asked, the 404 stands.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from .models import Redirect

logger = logging.getLogger(__name__)


class RedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")  # as sent: the page cache trims it
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            moved = Redirect.objects.filter(old_path=request.path).first()
            if moved is None or not shows_a_public_entry(moved.new_path):
                return response
        except DatabaseError:
            logger.warning("Could not look up a redirect for %s", request.path)
            return response
        return HttpResponsePermanentRedirect(
            f"{moved.new_path}?{query}" if query else moved.new_path
        )


def shows_a_public_entry(path):
    """Whether a moved address's new one shows its entry to visitors. An entry renamed and
    then unpublished keeps its redirects (they work again once it is back), but until then
    the old address stays a 404: a redirect would give the draft's new slug away. An entry's
    page is the one view of its model (the view's `model`) that takes a slug."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    model = getattr(getattr(match.func, "view_class", None), "model", None)
    if model is None or "slug" not in match.kwargs:
        return True
    return model.objects.published().filter(slug=match.kwargs["slug"]).exists()
