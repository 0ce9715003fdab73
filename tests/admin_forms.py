"""The admin's shoe form as an editor's browser would post it, for tests of admin saves."""

from catalog.models import Shoe, Status

CITATIONS = "catalog-citation-content_type-object_id"
"""The prefix of the citations inline on every content model's change form."""


def shoe_form(**overrides):
    data = {
        "name": "Gel-Kayano 14",
        "colorway": "Cream/Antler",
        "kind": Shoe.Kind.COLLABORATION,
        "colour_family": Shoe.ColourFamily.CREAM,
        "palette": "#efe6d2, #8a6f4e",
        "release_date": "2023-06-01",
        "date_precision": "month",
        "currency": "USD",
        "retail_price": "",
        "retail_price_qualifier": "exact",
        "resale_peak": "",
        "resale_peak_qualifier": "exact",
        "summary": "Kith's cream pair.",
        "story": "",
        "slug": "kith-cream-antler",
        "status": Status.PUBLISHED,
        "publish_at_0": "",
        "publish_at_1": "",
        # The citations inline, empty.
        f"{CITATIONS}-TOTAL_FORMS": "0",
        f"{CITATIONS}-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
