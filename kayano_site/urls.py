from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from catalog import sitemaps
from catalog.admin import uncited_facts
from catalog.caching import public_page

from . import views

urlpatterns = [
    path(
        "admin/catalog/uncited-facts/",
        admin.site.admin_view(uncited_facts),
        name="admin-uncited-facts",
    ),
    path("admin/", admin.site.urls),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        public_page(sitemaps.section, params=["p"]),
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("api/", include("catalog.api.urls")),
    path("", include("catalog.urls")),
]

# Also answers for failures of the services behind the site (a 503 with Retry-After).
handler500 = views.server_error

if settings.SERVE_MEDIA:
    # Uploads served by Django itself: for development, tests and small single-server
    # installs. Behind nginx or with S3 storage, leave SERVE_MEDIA off.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.media, name="media")
    ]
