"""
Forms that read the public lists' query strings.

They are never shown as errors: a visitor who types `?year=foo` simply gets the
unfiltered list, because only the fields that validate are applied.
"""

from django import forms
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, ExtractYear

from .caching import kept_for_version
from .models import Collaboration, Partner, Shoe, TrendNote

SHOE_SORTS = {
    "newest": ("-release_date", "name"),
    "oldest": ("release_date", "name"),
    "price-low": ("retail_price", "name"),
    "price-high": ("-retail_price", "name"),
    "name": ("name", "colorway"),
}
SHOE_SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("price-low", "Price, low to high"),
    ("price-high", "Price, high to low"),
    ("name", "Name, A to Z"),
]


class FilterForm(forms.Form):
    """A list's filters, read from its query string. Only the fields that validate apply."""

    not_filters = frozenset({"sort"})
    """Fields that order the list rather than narrow it."""

    def valid_filters(self):
        """The values that validated, by name; invalid ones are dropped silently."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    @property
    def is_filtered(self):
        """Whether any filter narrows the list (a sort order alone does not)."""
        return any(name not in self.not_filters for name in self.valid_filters())


class ShoeFilterForm(FilterForm):
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    partner = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Shoe.Kind.choices], required=False)
    # The archive's own illustration colours, not facts about a release (the label says so).
    colour = forms.ChoiceField(
        label="Illustration colour",
        choices=[("", "Any colour"), *Shoe.ColourFamily.choices],
        required=False,
    )
    sort = forms.ChoiceField(choices=SHOE_SORT_CHOICES, required=False)

    def __init__(self, data, *, years, partners):
        super().__init__(data)
        self.fields["year"].choices = [("", "Any year")] + [(y, y) for y in years]
        self.fields["partner"].choices = [("", "Any partner"), *partners]

    def filter(self, queryset):
        filters = self.valid_filters()
        if "year" in filters:
            queryset = queryset.filter(release_date__year=filters["year"])
        if "partner" in filters:
            # Through a public collaboration only, as the shoe's own page names its partner.
            queryset = queryset.filter(
                collaboration__in=Collaboration.objects.published(),
                collaboration__partner__slug=filters["partner"],
            )
        if "kind" in filters:
            queryset = queryset.filter(kind=filters["kind"])
        if "colour" in filters:
            queryset = queryset.filter(colour_family=filters["colour"])
        return queryset.order_by(*order_for(filters.get("sort", "newest")))


def shoe_filter_choices(version):
    """
    The years and partners the shoe filters offer, for the catalog at `version`. Finding
    the years scans every shoe, so the answer is cached until the catalog next changes.
    """

    def compute():
        # One query, a union of the two lists: the first request after a change stays
        # within a page's query budget.
        published = Shoe.objects.published()
        years = (
            published.filter(release_date__isnull=False)
            .annotate(
                choice=Value("year"),
                key=Cast(ExtractYear("release_date"), CharField()),
                label=Value(""),
            )
            .values_list("choice", "key", "label")
        )
        collaborations = Collaboration.objects.published().filter(shoes__in=published)
        partners = (
            Partner.objects.published()
            .filter(collaborations__in=collaborations)
            .annotate(choice=Value("partner"))
            .values_list("choice", "slug", "name")
        )
        rows = set(years.order_by().union(partners.order_by()))
        return (
            sorted((int(key) for kind, key, _ in rows if kind == "year"), reverse=True),
            sorted(((key, name) for kind, key, name in rows if kind == "partner"), key=by_name),
        )

    return kept_for_version("shoe-filter-choices", version, compute)


def by_name(choice):
    return (choice[1], choice[0])


def order_for(sort):
    """Ordering for a sort key; shoes without a date or price go last either way."""
    first, *rest = SHOE_SORTS[sort]
    field = F(first.lstrip("-"))
    expression = (
        field.desc(nulls_last=True) if first.startswith("-") else field.asc(nulls_last=True)
    )
    return [expression, *rest, "pk"]


class TrendFilterForm(FilterForm):
    theme = forms.ChoiceField(choices=[("", "Any theme"), *TrendNote.Theme.choices], required=False)

    def filter(self, queryset):
        if theme := self.valid_filters().get("theme"):
            queryset = queryset.filter(theme=theme)
        return queryset


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the archive",
        max_length=200,
        required=False,
        error_messages={"max_length": "Please shorten your search to %(limit_value)d characters."},
    )

    def query(self):
        """The cleaned search terms; '' for an empty or over-long query (the form says why)."""
        if not self.is_valid():
            return ""
        return self.cleaned_data["q"]
