from django.urls import path

from . import views
from .feeds import TrendFeed

app_name = "catalog"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("shoes/", views.ShoeListView.as_view(), name="shoe-list"),
    path("shoes/<slug:slug>/", views.ShoeDetailView.as_view(), name="shoe-detail"),
    path("collaborations/", views.CollaborationListView.as_view(), name="collaboration-list"),
    path(
        "collaborations/<slug:slug>/",
        views.CollaborationDetailView.as_view(),
        name="collaboration-detail",
    ),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("trends/", views.TrendListView.as_view(), name="trend-list"),
    path("trends/<slug:slug>/", views.TrendDetailView.as_view(), name="trend-detail"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feeds/trends/", TrendFeed(), name="trend-feed"),
]
