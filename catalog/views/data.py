"""
Downloads at `/data/`: the whole published catalog as one JSON file, one CSV file per
kind of entry and one of price points (`catalog/downloads.py`), and the page that lists
them with the licence.

Each file is made on the first request after the catalog changes and then served from the
page cache, compressed once, until the next change: every later download costs what a
cached page does. Like the API, files are open to scripts on any origin.
"""

from django.http import Http404, HttpResponse
from django.views.generic import TemplateView

from ..api.licence import licence
from ..downloads import TABLES, catalog_json

CATALOG_FILE = "kayano-14-archive.json"


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{licence()["url"]}>; rel="license"'
    return response


def catalog_download(request):
    return download(catalog_json(), "application/json", CATALOG_FILE)


def table_download(request, resource):
    table = TABLES.get(resource)
    if table is None:
        raise Http404("No such table")
    return download(table.write(), "text/csv; charset=utf-8", f"{resource}.csv")


class DataView(TemplateView):
    template_name = "catalog/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            licence=licence(),
            catalog_file=CATALOG_FILE,
            tables=TABLES.values(),
        )
        return context
