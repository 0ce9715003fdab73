"""A URLconf whose only view fails, to exercise the 500 page."""

from django.urls import path


def broken_view(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", broken_view)]
