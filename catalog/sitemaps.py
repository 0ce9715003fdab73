"""
The sitemap: every public list page and every published entry.

`/sitemap.xml` is an index of one sitemap per kind of entry (`/sitemap-shoes.xml`…), each
paged by `limit`, so no single response grows with the catalog. Every URL in them is on
`SITE_URL`: Django's own index view would take the host from the request.
"""

import re

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps_views
from django.template.response import TemplateResponse
from django.urls import reverse

from .caching import do_not_store
from .links import absolute_url
from .models import Collaboration, Partner, Shoe, TrendNote

PAGE_NUMBER = re.compile(r"[1-9][0-9]*")


class SiteSitemap(Sitemap):
    """A sitemap whose URLs are on SITE_URL, whatever host the request named."""

    protocol = settings.SITE_URL_PARTS.scheme

    def get_domain(self, site=None):
        return settings.SITE_URL_PARTS.netloc


class PageSitemap(SiteSitemap):
    """The pages that are not entries: home, lists, timeline, about, sources, data, API."""

    names = [
        "catalog:home",
        "catalog:shoe-list",
        "catalog:collaboration-list",
        "catalog:trend-list",
        "catalog:timeline",
        "catalog:about",
        "catalog:source-list",
        "catalog:data",
        "api:docs",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class EntrySitemap(SiteSitemap):
    model = None
    limit = 1000

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The index would otherwise load every entry to find the newest date.
        return None


def entry_sitemap(model):
    return type(f"{model.__name__}Sitemap", (EntrySitemap,), {"model": model})


SITEMAPS = {
    "pages": PageSitemap,
    "shoes": entry_sitemap(Shoe),
    "collaborations": entry_sitemap(Collaboration),
    "partners": entry_sitemap(Partner),
    "trends": entry_sitemap(TrendNote),
}


def index(request):
    """The sitemap index: each section's address, and one more per extra page."""
    entries = []
    for section, sitemap in SITEMAPS.items():
        url = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        entries.append(sitemaps_views.SitemapIndexItem(url, None))
        entries += [
            sitemaps_views.SitemapIndexItem(f"{url}?p={page}", None)
            for page in range(2, sitemap().paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def section(request, section):
    """One section's sitemap; `?p=` spelt any other way than plainly is not cached."""
    page = request.GET.get("p")
    if page is not None and not PAGE_NUMBER.fullmatch(page):
        do_not_store(request)
    return sitemaps_views.sitemap(request, SITEMAPS, section)
