"""A URLconf whose views fail, to exercise the 500 and 503 pages."""

from django.db import OperationalError
from django.urls import path

from kayano_site.views import server_error


def broken_view(request):
    raise RuntimeError("deliberate failure for the 500 page test")


def database_down_view(request):
    raise OperationalError("connection refused (deliberate, for the 503 page test)")


urlpatterns = [path("boom/", broken_view), path("no-database/", database_down_view)]

handler500 = server_error
