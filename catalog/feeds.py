"""The Atom feed of trend notes, at /feeds/trends/.

Its links are absolute on SITE_URL, so Django never fills in the host a request named.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .links import absolute_url
from .models import TrendNote

FEED_SIZE = 20


class TrendFeed(Feed):
    feed_type = Atom1Feed
    title = f"Trend notes — {settings.SITE_NAME}"
    subtitle = "Short editorial notes on the trends behind the Gel-Kayano 14."

    def link(self):
        return absolute_url(reverse("catalog:trend-list"))

    def feed_url(self):
        return absolute_url(reverse("catalog:trend-feed"))

    def items(self):
        return TrendNote.objects.published().for_listing()[:FEED_SIZE]

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        day = item.published_on or item.created_at.date()
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_theme_display()]
