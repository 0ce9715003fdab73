"""
`{% fact entry "field" %}`: one fact of an entry, as readers see it, with its numbered
references; "Not recorded" when the archive does not know it.
`{% cited_text entry "story" %}`: an entry's Markdown, as the HTML stored when it was saved,
with a reference after each cited claim.
`{% page_notes %}`: the notes those references point to, at the foot of the page.
`{{ entry|kind_of_entry }}`: "shoe", "trend note"…

The page's `notes` (a `PageNotes`) comes from the view's context.
"""

import html

from django import template
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from catalog.citations import citations_of, claims_in
from catalog.models import Citable

register = template.Library()

NOT_RECORDED = mark_safe('<span class="unknown">Not recorded</span>')


def date_value(entry, field):
    return format_html('<time datetime="{}">{}</time>', entry.date_iso, entry.date_display)


def figure_value(entry, field):
    """A price with its qualifier, as its source prints it: "$180", "over $700 (highest
    reported)". The currency's name is left out: the source gives a symbol, not a name."""
    if field == "retail_price":
        return entry.figure_display(field)
    return format_html(
        '{} <span class="facts__note">(highest reported)</span>', entry.figure_display(field)
    )


def day_value(entry, field):
    day = getattr(entry, field)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "j F Y"))


def link_value(entry, field):
    url = getattr(entry, field)
    return format_html('<a href="{}" rel="noopener">{}</a>', url, url)


def partner_value(entry, field):
    partner = entry.public_partner
    if partner is None:
        return entry.partner.name  # named, not linked: its page is not public
    return format_html('<a href="{}">{}</a>', partner.get_absolute_url(), partner.name)


DERIVED_FIGURES = ("retail_price", "resale_peak")

VALUES = {
    "release_date": date_value,
    "date": date_value,
    "retail_price": figure_value,
    "resale_peak": figure_value,
    "style_code": lambda entry, field: format_html("<code>{}</code>", entry.style_code),
    "technologies": lambda entry, field: ", ".join(t.name for t in entry.technologies.all()),
    "kind": lambda entry, field: entry.get_kind_display(),
    "partner": partner_value,
    "published_on": date_value,  # a source's, known to its precision
    "consulted_on": day_value,
    "url": link_value,
}


def references(notes, citations):
    return format_html_join(
        "",
        '<sup class="ref"><a href="#note-{}" id="{}">[{}]</a></sup>',
        ((number, anchor, number) for number, anchor in notes.refer(citations)),
    )


def is_known(entry, field):
    if isinstance(entry, Citable):
        return entry.has_value(field)
    return getattr(entry, field) not in (None, "")


def cited_by(entry, field):
    """What supports the fact: its citations or, for a price derived from the price history
    (`ReleaseFacts.price_point_for`), the point it comes from, which cites its source."""
    if field in DERIVED_FIGURES:
        point = entry.price_point_for(field)
        return [point] if point is not None and point.is_cited else []
    return citations_of(entry, field=field)


@register.simple_tag(takes_context=True)
def fact(context, entry, field):
    """The fact as readers see it, with its references when the entry cites its facts."""
    if not is_known(entry, field):
        return NOT_RECORDED
    value = VALUES.get(field, lambda entry, field: getattr(entry, field))(entry, field)
    if not isinstance(entry, Citable):
        return format_html("{}", value)
    return format_html("{}{}", value, references(context["notes"], cited_by(entry, field)))


@register.simple_tag(takes_context=True)
def cite(context, point):
    """A price point's reference, numbered with the page's other notes ('' if uncited)."""
    return references(context["notes"], [point] if point.is_cited else [])


@register.simple_tag(takes_context=True)
def cited_text(context, entry, text_field, shift_headings=None, plain=False):
    """
    The text as the HTML its Markdown gave when saved (or, `plain`, as escaped text for a
    one-line lead). The heading shift was applied on save (the model's `markdown_fields`):
    `shift_headings` is accepted for templates that still pass it, and ignored.
    """
    rendered = str(escape(getattr(entry, text_field)) if plain else entry.html_of(text_field))
    for claim in claims_in(entry, text_field):
        needle = str(escape(claim)) if plain else html.escape(claim, quote=False)
        at = rendered.find(needle)
        if at == -1:
            continue  # Markdown formatting inside the claim: its note is still listed
        end = at + len(needle)
        refs = references(context["notes"], citations_of(entry, claim=claim))
        rendered = f"{rendered[:end]}{refs}{rendered[end:]}"
    return mark_safe(rendered)  # noqa: S308 - sanitised Markdown plus our own markup


@register.simple_tag(takes_context=True)
def page_notes(context):
    notes = context.get("notes")
    if not notes:
        return ""
    return render_to_string("includes/notes.html", {"notes": notes})


@register.filter
def kind_of_entry(entry):
    """ "shoe", "trend note"…: what kind of entry this is, in words (an influence is not
    called a collaboration: `Collaboration.noun`)."""
    return getattr(entry, "noun", entry._meta.verbose_name)
