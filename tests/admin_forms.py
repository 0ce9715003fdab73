"""The admin's shoe form as an editor's browser would post it, for tests of admin saves."""

from catalog.models import Shoe, Status

CITATIONS = "catalog-citation-content_type-object_id"
"""The prefix of the citations inline on every content model's change form."""
PRICES = "catalog-pricepoint-content_type-object_id"
"""The prefix of the price history inline on a shoe's or a collaboration's change form."""


def price_rows(*points):
    """The price history inline holding `points` (each a dict of its fields) as new rows."""
    data = {f"{PRICES}-TOTAL_FORMS": str(len(points)), f"{PRICES}-INITIAL_FORMS": "0"}
    for number, point in enumerate(points):
        row = {
            "kind": "retail",
            "qualifier": "exact",
            "amount": "180",
            "currency": "USD",
            "observed_on": "",
            "date_precision": "month",
            "source": "",
            "locator": "",
            "excerpt": "",
            **point,
        }
        data.update({f"{PRICES}-{number}-{name}": value for name, value in row.items()})
    return data


def shoe_form(**overrides):
    data = {
        "name": "Gel-Kayano 14",
        "colorway": "Cream/Antler",
        "kind": Shoe.Kind.COLLABORATION,
        "colour_family": Shoe.ColourFamily.CREAM,
        "palette": "#efe6d2, #8a6f4e",
        "release_date": "2023-06-01",
        "date_precision": "month",
        "summary": "Kith's cream pair.",
        "story": "",
        "slug": "kith-cream-antler",
        "status": Status.PUBLISHED,
        "publish_at_0": "",
        "publish_at_1": "",
        # The citations inline, empty.
        f"{CITATIONS}-TOTAL_FORMS": "0",
        f"{CITATIONS}-INITIAL_FORMS": "0",
        # The price history inline, empty.
        f"{PRICES}-TOTAL_FORMS": "0",
        f"{PRICES}-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data
