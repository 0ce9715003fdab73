"""
The sitemap: every public list page and every published entry.

`/sitemap.xml` is an index of one sitemap per kind of entry (`/sitemap-shoes.xml`…), each
paged by `limit`, so no single response grows with the catalog.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Collaboration, Partner, Shoe, TrendNote


class PageSitemap(Sitemap):
    """The pages that are not entries: home, lists, timeline, about."""

    names = [
        "catalog:home",
        "catalog:shoe-list",
        "catalog:collaboration-list",
        "catalog:trend-list",
        "catalog:timeline",
        "catalog:about",
    ]

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


class EntrySitemap(Sitemap):
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
