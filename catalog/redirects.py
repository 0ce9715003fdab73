"""
Renamed pages keep their old addresses: a request that would answer 404 is sent on with a
301 when the address is a recorded old one (`catalog.models.Redirect`). Only 404s pay the
one lookup; when the database cannot be asked, the 404 stands.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

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
        except DatabaseError:
            logger.warning("Could not look up a redirect for %s", request.path)
            return response
        if moved is None:
            return response
        return HttpResponsePermanentRedirect(
            f"{moved.new_path}?{query}" if query else moved.new_path
        )
