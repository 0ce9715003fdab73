"""
Downloads at `/data/`: the whole published catalog as one JSON file, one CSV file per
kind of entry and one of price points (`catalog/downloads.py`), and the page that lists
them with the licence.

Files are served from disk (`catalog/download_files.py`), gzipped when the client takes
it, with an ETag and the shared-cache headers of public pages: a download is never made
while its requester waits, except the very first on a site that has built none. Like the
API, files are open to scripts on any origin.
"""

import functools
import logging

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.views.generic import TemplateView

from .. import download_files
from ..api.licence import licence
from ..caching import (
    accepts_gzip,
    add_validators,
    cors_preflight,
    open_to_every_origin,
    request_version,
)
from ..downloads import TABLES
from ..read_only import read_only

logger = logging.getLogger(__name__)

CONTENT_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8"}


# Open to scripts on any site, which may send If-None-Match: OPTIONS is their preflight.
downloadable = functools.partial(read_only, answer_options=cors_preflight)


@downloadable
def catalog_download(request):
    return download(request, download_files.CATALOG_FILE)


@downloadable
def table_download(request, resource):
    if resource not in TABLES:
        raise Http404("No such table")
    return download(request, f"{resource}.csv")


def download(request, name):
    version = request_version(request)
    built = download_files.find(name, version)
    if built is None:
        download_files.wait_for_builds()  # a site's first build, started just now
        built = download_files.find(name, version)
    response = from_disk(request, built) if built is not None else None
    if response is None:  # the disk cannot keep them: made for this request alone
        response = HttpResponse(download_files.writers()[name]())
    elif response.status_code == 304:
        return response
    response["Content-Type"] = CONTENT_TYPES[name[name.rindex(".") :]]
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    open_to_every_origin(response)
    response["Link"] = f'<{licence()["url"]}>; rel="license"'
    response["Vary"] = "Accept-Encoding"
    return response


def from_disk(request, built):
    """The built file (its gzipped copy for a client that takes gzip), 304, or None when
    the file cannot be read (removed as out of date a moment ago, a failing disk)."""
    compressed = accepts_gzip(request)
    etag = f'"{built.version}-{built.path.name}{"-gzip" if compressed else ""}"'
    last_modified = built.version // 1_000_000
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        open_to_every_origin(not_modified)
        return not_modified
    try:
        # FileResponse closes the file once it is sent.
        file = open(built.gzipped if compressed else built.path, "rb")  # noqa: SIM115
    except OSError:
        logger.exception("Cannot read the download %s", built.path)
        return None
    response = FileResponse(file)
    if compressed:
        response["Content-Encoding"] = "gzip"
    add_validators(response, etag, last_modified)
    return response


class DataView(TemplateView):
    template_name = "catalog/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            licence=licence(),
            catalog_file=download_files.CATALOG_FILE,
            tables=TABLES.values(),
        )
        return context
