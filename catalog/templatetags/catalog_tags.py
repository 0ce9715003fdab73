"""
Template helpers for the archive's pages: absolute URLs, the palette illustration (drawn by
`catalog/illustration.py`), the price chart (`catalog/price_chart.py`), stored cards and the
lists' filter menus. Texts with their
citations are in `facts.py`.
"""

from django import template
from django.utils.html import format_html, format_html_join

from catalog.fragments import card_list_items
from catalog.illustration import illustration, shoe_illustration
from catalog.links import absolute_url, breadcrumb_trail
from catalog.models import parse_palette
from catalog.navigation import main_navigation
from catalog.price_chart import price_chart

register = template.Library()
register.filter("absolute", absolute_url)


register.simple_tag(shoe_illustration, name="shoe_illustration")
register.simple_tag(main_navigation, name="main_navigation")
register.simple_tag(price_chart, name="price_chart")


@register.simple_tag
def palette_illustration(palette, label):
    """The same drawing from a comma-separated palette, for pages with no shoe at hand."""
    return illustration(parse_palette(palette), label)


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(entry):
    return {"trail": breadcrumb_trail(entry)}


@register.simple_tag
def cards(entries, kind):
    """`{% cards shoes "shoe" %}`: one `<li>` per entry, its card from includes/<kind>_card.html
    (rendered once per version of the entry: see catalog/fragments.py)."""
    return card_list_items(f"includes/{kind}_card.html", kind, entries)


@register.simple_tag
def select(field):
    """A filter's menu, written here rather than by Django's widget templates, which cost a
    third of a list page's render (one template per option)."""
    current = "" if field.value() is None else str(field.value())
    described = (
        format_html(' aria-invalid="true" aria-describedby="{}_error"', field.auto_id)
        if field.errors
        else ""
    )
    options = format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
    return format_html(
        '<select name="{}" id="{}"{}>\n{}\n</select>',
        field.html_name,
        field.auto_id,
        described,
        options,
    )
