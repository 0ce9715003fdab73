"""
The archive's Atom feeds: trend notes at /feeds/trends/, releases at /feeds/releases/, and
one partner's releases at /partners/<slug>/feed/.

Their links are absolute on SITE_URL, so Django never fills in the host a request named.
They follow the W3C feed validator's rules for Atom: the archive is the author of the feed
and of each entry, and each entry's id is `urn:uuid:` and its public id, which never
changes, even when the entry's slug does. A feed says only what the archive knows: an entry's
`updated` is when the entry last changed, and a release date, often known only to the month
or the year, is given at that precision in the summary, never as an Atom date.
"""

import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .links import absolute_url
from .models import Collaboration, Partner, Redirect, Shoe, TrendNote

FEED_SIZE = 20
RELEASES_FEED_SIZE = 30


def release_summary(shoe):
    """The release date at the precision it is known, then the shoe's summary, as HTML."""
    if shoe.date_iso:
        released = format_html(
            '<p>Released <time datetime="{}">{}</time>.</p>', shoe.date_iso, shoe.date_display
        )
    else:
        released = mark_safe("<p>Release date unknown.</p>")
    return released + format_html("<p>{}</p>", shoe.summary)


class ArchiveFeed(Feed):
    """What every feed of the archive shares: Atom, the archive as author, permanent ids."""

    feed_type = Atom1Feed
    author_name = settings.SITE_NAME
    item_author_name = settings.SITE_NAME

    def author_link(self):
        return absolute_url(reverse("catalog:about"))

    def item_author_link(self):
        return absolute_url(reverse("catalog:about"))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        # Not the entry's address, which changes with its slug: a reader would show a
        # renamed entry again as a new one.
        return item.public_id.urn

    def item_updateddate(self, item):
        return item.updated_at


class TrendFeed(ArchiveFeed):
    title = f"Trend notes — {settings.SITE_NAME}"
    subtitle = "Short editorial notes on the trends behind the Gel-Kayano 14."

    def link(self):
        return absolute_url(reverse("catalog:trend-list"))

    def feed_url(self):
        return absolute_url(reverse("catalog:trend-feed"))

    def items(self):
        return TrendNote.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom summaries are sent as HTML: a plain-text summary is escaped to stay text.
        return escape(item.summary)

    def item_categories(self, item):
        return [item.get_theme_display()]


class ReleaseFeed(ArchiveFeed):
    """The latest published releases, newest release date first; undated ones last."""

    title = f"Releases — {settings.SITE_NAME}"
    subtitle = "Every Gel-Kayano 14 release in the archive, newest first."

    def link(self):
        return absolute_url(reverse("catalog:shoe-list"))

    def feed_url(self):
        return absolute_url(reverse("catalog:release-feed"))

    def items(self):
        return self.latest(Shoe.objects.published())

    def latest(self, shoes):
        return (
            shoes.for_listing()
            .defer("story", "story_html")
            .order_by(F("release_date").desc(nulls_last=True), "name", "pk")[:RELEASES_FEED_SIZE]
        )

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return release_summary(item)

    def item_categories(self, item):
        partner = item.public_partner
        return [item.get_kind_display(), *([partner.name] if partner else [])]


class PartnerReleaseFeed(ReleaseFeed):
    """One partner's releases: the public shoes of its public collaborations. A draft or
    unknown partner has no feed (404); a renamed one's old feed address moves with it."""

    def __call__(self, request, slug):
        try:
            return super().__call__(request, slug=slug)
        except Http404:
            moved = self.moved_to(slug)
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved)

    def moved_to(self, slug):
        """The feed address of the partner whose page was at /partners/<slug>/, if any."""
        old_page = reverse("catalog:partner-detail", kwargs={"slug": slug})
        redirect = Redirect.objects.filter(old_path=old_page).first()
        if redirect is None:
            return None
        try:
            match = resolve(redirect.new_path)
        except Resolver404:
            return None
        if match.view_name != "catalog:partner-detail":
            return None
        return reverse("catalog:partner-release-feed", kwargs=match.kwargs)

    def get_object(self, request, slug):
        return get_object_or_404(Partner.objects.published(), slug=slug)

    def title(self, partner):
        return f"{partner.name} releases — {settings.SITE_NAME}"

    def subtitle(self, partner):
        return f"Gel-Kayano 14 releases linked to {partner.name}, newest first."

    def link(self, partner):
        return absolute_url(partner.get_absolute_url())

    def feed_url(self, partner):
        return absolute_url(reverse("catalog:partner-release-feed", kwargs={"slug": partner.slug}))

    def feed_guid(self, partner):
        # The partner's own id names the partner, not this feed: the feed's id is made from
        # it (a name-based UUID), so that it too survives a change of slug.
        return uuid.uuid5(partner.public_id, "releases").urn

    def items(self, partner):
        collaborations = Collaboration.objects.published().filter(partner=partner)
        return self.latest(Shoe.objects.published().filter(collaboration__in=collaborations))
