"""
Public pages of the archive.

Every view starts from a model's `published()` queryset, so drafts and scheduled
entries are invisible (their URLs answer 404). Each page runs a small, fixed
number of queries whatever the catalog's size; tests pin those counts.
"""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from ..caching import do_not_store, kept_for_version, request_version
from ..citations import PageNotes
from ..forms import SearchForm, ShoeFilterForm, TrendFilterForm, shoe_filter_choices
from ..links import absolute_url
from ..models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    Shoe,
    Source,
    TrendNote,
)
from ..models.prices import price_history
from ..models.sources import public_facts_by_source
from ..search import search
from ..timeline import build_timeline

SHOES_PER_COLLABORATION_PAGE = 24
SHOES_PER_PARTNER_COLLABORATION = 12


class PublishedMixin:
    """Limit a generic view to what visitors may see."""

    model = None

    def get_queryset(self):
        return self.model.objects.published()


class PreviewMixin(PublishedMixin):
    """
    On detail pages, staff may open a draft or scheduled entry at its public address to
    preview it; the template shows a banner. Everyone else gets a 404. The entry's
    citations come along for the page's numbered notes.
    """

    def get_queryset(self):
        entries = self.model.objects.all() if self.request.user.is_staff else super().get_queryset()
        return entries.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public
        context["notes"] = PageNotes()
        return context


class ForgivingPaginationMixin:
    """
    Page with `Paginator.get_page()`: a bad `?page=` shows a real page, never an error. Only
    a page number spelt as the page's own links spell it is cached: `?page=0042` or
    `?page=999` on a three-page list would otherwise each store another copy.
    """

    paginate_by = 12

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(requested)
        if requested is not None and requested != str(page.number):
            do_not_store(self.request)
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(TemplateView):
    template_name = "catalog/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured_shoes"] = Shoe.objects.published().for_listing().filter(featured=True)[:6]
        context["latest_trends"] = TrendNote.objects.published().for_listing()[:3]
        context["milestones"] = Milestone.objects.published()[:6]
        return context


class EntryListView(ForgivingPaginationMixin, PublishedMixin, ListView):
    """
    A list of published entries, a page of `card`s at a time (list_base.html), narrowed by
    the view's filter form when it has one. A request with an invalid filter is answered
    (the filter is ignored) but not stored in the page cache.
    """

    card = None
    filter_form = None

    def get_filter_form(self):
        return None

    def get_queryset(self):
        entries = super().get_queryset().for_listing()
        self.filter_form = self.get_filter_form()
        if self.filter_form is None:
            return entries
        if self.filter_form.errors:
            do_not_store(self.request)
        return self.filter_form.filter(entries)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["query_without_page"] = query_without_page(self.request)
        return context


class ShoeListView(EntryListView):
    model = Shoe
    context_object_name = "shoes"
    card = "shoe"

    def get_filter_form(self):
        years, partners = shoe_filter_choices(request_version(self.request))
        return ShoeFilterForm(self.request.GET, years=years, partners=partners)


class ShoeDetailView(PreviewMixin, DetailView):
    model = Shoe
    context_object_name = "shoe"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shoe = self.object
        context["related_trends"] = shoe.trend_notes.published().for_listing()
        if shoe.picture:
            # The preview rendition: never the original, which may be 40 megapixels.
            context["shoe_picture_url"] = absolute_url(shoe.picture_share.url)
        context["previous_shoe"], context["next_shoe"] = shoe.neighbours()
        context["family"] = shoe_family(self.request, shoe)
        return context


def shoe_family(request, shoe):
    """The shoe's release family (`Shoe.family()`), kept until the catalog next changes:
    finding it costs one query but, at 10,000 shoes, as much time as the rest of the page."""
    return kept_for_version(f"shoe-family:{shoe.pk}", request_version(request), shoe.family)


class CollaborationListView(EntryListView):
    model = Collaboration
    context_object_name = "collaborations"
    card = "collaboration"


class CollaborationDetailView(PreviewMixin, DetailView):
    model = Collaboration
    context_object_name = "collaboration"

    def get_queryset(self):
        return super().get_queryset().for_listing().prefetch_related(price_history())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shoes = self.object.shoes.published()
        context["shoes"] = shoes[:SHOES_PER_COLLABORATION_PAGE]
        context["shoe_total"] = shoes.count()
        context["related_trends"] = self.object.trend_notes.published().for_listing()
        return context


class PartnerDetailView(PreviewMixin, DetailView):
    model = Partner
    context_object_name = "partner"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "collaborations",
                    queryset=Collaboration.objects.published().with_shoe_preview(
                        SHOES_PER_PARTNER_COLLABORATION
                    ),
                    to_attr="public_collaborations",
                )
            )
        )


class TrendListView(EntryListView):
    model = TrendNote
    context_object_name = "trends"
    card = "trend"

    def get_filter_form(self):
        return TrendFilterForm(self.request.GET)


class TrendDetailView(PreviewMixin, DetailView):
    model = TrendNote
    context_object_name = "trend"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("shoes", queryset=Shoe.objects.published().for_listing()),
                Prefetch(
                    "collaborations", queryset=Collaboration.objects.published().for_listing()
                ),
            )
        )


class TimelineView(TemplateView):
    template_name = "catalog/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = build_timeline()
        context["notes"] = PageNotes()
        return context


class AboutView(TemplateView):
    template_name = "catalog/about.html"


class SearchView(TemplateView):
    template_name = "catalog/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        if self.request.GET:
            # Results are as many as the words a visitor can type: never stored.
            do_not_store(self.request)
        query = form.query()
        groups = search(query)
        context.update(
            form=form,
            query=query,
            groups=groups,
            result_count=sum(len(results) for _, results in groups),
        )
        return context


def query_without_page(request):
    """The current query string minus `page`, for pagination links that keep the filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class SourceListView(ListView):
    """Every source the archive relies on, with how many of its facts cite each."""

    model = Source
    context_object_name = "sources"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grouped = public_facts_by_source()
        for source in context["sources"]:
            source.fact_count = sum(map(len, grouped.get(source.pk, {}).values()))
        return context


class SourceDetailView(DetailView):
    """One source, and every published fact that cites it, entry by entry."""

    model = Source
    context_object_name = "source"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cited_entries"] = self.object.public_facts()
        return context
