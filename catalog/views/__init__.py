"""
The archive's views, re-exported here so that `from catalog import views` finds them all:

- `pages`: the public pages (home, lists, detail pages, timeline, search, sources);
- `compare`: two to four releases side by side;
- `data`: the downloads at /data/.
"""

from .compare import CompareView, select_for_comparison
from .data import DataView, catalog_download, table_download
from .pages import (
    AboutView,
    CollaborationDetailView,
    CollaborationListView,
    EntryListView,
    ForgivingPaginationMixin,
    HomeView,
    PartnerDetailView,
    PreviewMixin,
    PublishedMixin,
    SearchView,
    ShoeDetailView,
    ShoeListView,
    SourceDetailView,
    SourceListView,
    TimelineView,
    TrendDetailView,
    TrendListView,
    query_without_page,
    shoe_family,
)

__all__ = [
    "AboutView",
    "CollaborationDetailView",
    "CollaborationListView",
    "CompareView",
    "DataView",
    "EntryListView",
    "ForgivingPaginationMixin",
    "HomeView",
    "PartnerDetailView",
    "PreviewMixin",
    "PublishedMixin",
    "SearchView",
    "ShoeDetailView",
    "ShoeListView",
    "SourceDetailView",
    "SourceListView",
    "TimelineView",
    "TrendDetailView",
    "TrendListView",
    "catalog_download",
    "query_without_page",
    "select_for_comparison",
    "shoe_family",
    "table_download",
]
