"""The admin's forms as an editor's browser would post them: the shoe form, for tests of
admin saves, a change form read back from its page, and the import form, for tests of CSV
and JSON uploads."""

from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Shoe, Status

CITATIONS = "catalog-citation-content_type-object_id"
"""The prefix of the citations inline on every content model's change form."""
PRICES = "catalog-pricepoint-content_type-object_id"
"""The prefix of the price history inline on a shoe's or a collaboration's change form."""
CSV_FORMAT, JSON_FORMAT = "0", "1"
"""The import and export forms' choices of file format."""


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


def upload(content, name="import.csv"):
    """`content` (text or bytes) as a file picked in the import form."""
    data = content if isinstance(content, bytes) else content.encode()
    return SimpleUploadedFile(name, data, content_type="text/csv")


def preview(client, content, model="shoe", name="import.csv", fmt=CSV_FORMAT):
    """The import form's first step, which shows what the file would change and saves nothing."""
    return client.post(
        reverse(f"admin:catalog_{model}_import"),
        {"import_file": upload(content, name), "format": fmt, "resource": "0"},
    )


class ChangeFormReader(HTMLParser):
    """Reads an admin change form's fields as a browser would submit them untouched: text,
    hidden and ticked inputs, textareas, and each select's chosen option (else its first)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: dict | None = None
        self.textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "button", "file"):
            if attributes.get("type") in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value", "on")))
            else:
                self.fields.append((name, attributes.get("value", "")))
        elif tag == "select":
            self.select = {"name": name, "chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            value = attributes.get("value", "")
            self.select["first"] = value if self.select["first"] is None else self.select["first"]
            if "selected" in attributes:
                self.select["chosen"].append(value)
        elif tag == "textarea":
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or [self.select["first"]]
            self.fields += [(self.select["name"], value) for value in chosen if value is not None]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None


def posted_back(response, **changes):
    """The change form on `response`'s page as its editor would save it, with `changes`."""
    reader = ChangeFormReader()
    reader.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        if "__prefix__" not in name and name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
    return {**data, **changes}
