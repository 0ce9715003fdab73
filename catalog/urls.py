from django.urls import path

from . import views
from .caching import public_page
from .download_files import CATALOG_FILE
from .feeds import PartnerReleaseFeed, ReleaseFeed, TrendFeed
from .forms import SearchForm, ShoeFilterForm, TrendFilterForm

PAGE = ["page"]

app_name = "catalog"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path(
        "shoes/",
        public_page(views.ShoeListView.as_view(), params=[*ShoeFilterForm.base_fields, *PAGE]),
        name="shoe-list",
    ),
    path("shoes/<slug:slug>/", public_page(views.ShoeDetailView.as_view()), name="shoe-detail"),
    path(
        "collaborations/",
        public_page(views.CollaborationListView.as_view(), params=PAGE),
        name="collaboration-list",
    ),
    path(
        "collaborations/<slug:slug>/",
        public_page(views.CollaborationDetailView.as_view()),
        name="collaboration-detail",
    ),
    path(
        "partners/<slug:slug>/",
        public_page(views.PartnerDetailView.as_view()),
        name="partner-detail",
    ),
    path(
        "partners/<slug:slug>/feed/",
        public_page(PartnerReleaseFeed()),
        name="partner-release-feed",
    ),
    path(
        "trends/",
        public_page(views.TrendListView.as_view(), params=[*TrendFilterForm.base_fields, *PAGE]),
        name="trend-list",
    ),
    path("trends/<slug:slug>/", public_page(views.TrendDetailView.as_view()), name="trend-detail"),
    path("timeline/", public_page(views.TimelineView.as_view()), name="timeline"),
    path(
        "compare/",
        public_page(views.CompareView.as_view(), params=["shoes"]),
        name="compare",
    ),
    path("compare/select/", views.select_for_comparison, name="compare-select"),
    path("about/", public_page(views.AboutView.as_view()), name="about"),
    path("data/", public_page(views.DataView.as_view()), name="data"),
    # Served from files on disk (`catalog/download_files.py`), not from the page cache.
    path(f"data/{CATALOG_FILE}", views.catalog_download, name="data-catalog"),
    path("data/<slug:resource>.csv", views.table_download, name="data-table"),
    path("sources/", public_page(views.SourceListView.as_view()), name="source-list"),
    path(
        "sources/<int:pk>/",
        public_page(views.SourceDetailView.as_view()),
        name="source-detail",
    ),
    path(
        "search/",
        public_page(views.SearchView.as_view(), params=SearchForm.base_fields),
        name="search",
    ),
    path("feeds/trends/", public_page(TrendFeed()), name="trend-feed"),
    path("feeds/releases/", public_page(ReleaseFeed()), name="release-feed"),
]
