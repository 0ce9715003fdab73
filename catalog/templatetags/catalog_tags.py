"""
Template helpers for the archive's pages: absolute URLs and the palette illustration (drawn
by `catalog/illustration.py`). Texts with their citations are in `facts.py`.
"""

from django import template

from catalog.illustration import illustration, shoe_illustration
from catalog.links import absolute_url

register = template.Library()
register.filter("absolute", absolute_url)


register.simple_tag(shoe_illustration, name="shoe_illustration")


@register.simple_tag
def palette_illustration(palette, label):
    """The same drawing from a comma-separated palette, for pages with no shoe at hand."""
    return illustration([part.strip() for part in palette.split(",") if part.strip()], label)
