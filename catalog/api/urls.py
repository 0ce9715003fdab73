"""
`/api/`: the page for people; `/api/v1/…`: the JSON API, one list and one detail address
per resource (`endpoints.py`), its index and its OpenAPI document. Any other address under
`/api/v1/` answers a JSON 404, never the site's HTML one.
"""

from django.urls import path, re_path

from ..caching import public_page
from . import views
from .endpoints import ENDPOINTS

app_name = "api"

urlpatterns = [
    path("", public_page(views.ApiDocsView.as_view()), name="docs"),
    path("v1/", views.api_view(views.index), name="index"),
    path("v1/openapi.json", views.api_view(views.openapi_document), name="openapi"),
]
for endpoint in ENDPOINTS:
    urlpatterns += [
        path(
            f"v1/{endpoint.path}/",
            views.api_view(views.entry_list, params=[*endpoint.filter_params, views.PAGE]),
            {"endpoint": endpoint},
            name=f"{endpoint.name}-list",
        ),
        path(
            f"v1/{endpoint.path}/<str:public_id>/",
            views.api_view(views.entry_detail),
            {"endpoint": endpoint},
            name=f"{endpoint.name}-detail",
        ),
    ]
urlpatterns += [re_path(r"^v1/(?P<path>.+/)$", views.api_view(views.unknown), name="unknown")]
