"""The sitemap: every public list page and every published entry."""

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

    def items(self):
        # A list, not a queryset: the sitemap's paginator then needs no COUNT query.
        return list(self.model.objects.published().only("slug", "updated_at").order_by("pk"))

    def lastmod(self, item):
        return item.updated_at


def entry_sitemap(model):
    return type(f"{model.__name__}Sitemap", (EntrySitemap,), {"model": model})


SITEMAPS = {
    "pages": PageSitemap,
    "shoes": entry_sitemap(Shoe),
    "collaborations": entry_sitemap(Collaboration),
    "partners": entry_sitemap(Partner),
    "trends": entry_sitemap(TrendNote),
}
