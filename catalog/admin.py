"""
The editors' admin: every catalog model with lists, filters, search and autocomplete,
bulk publishing, CSV/JSON import and export (django-import-export), a restorable history
of every change, deletions included, with a field-by-field comparison of any two versions
(django-reversion, django-reversion-compare), and the sources behind each fact:
citations edited inline, uncited facts flagged in each list and gathered on one page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from reversion_compare.admin import CompareVersionAdmin

from . import history, resources
from .conflict_rows import RowForm
from .conflicts import ConflictGuardAdmin
from .illustration import shoe_illustration
from .importing import EditorImportExportMixin
from .models import (
    Citation,
    Collaboration,
    Milestone,
    Partner,
    PricePoint,
    Redirect,
    Shoe,
    Source,
    Status,
    Technology,
    TrendNote,
)

history.register()

TIMESTAMPS = ("created_at", "updated_at")
PUBLISHING = ("Publishing", {"fields": ("slug", "status", "publish_at", *TIMESTAMPS)})
DERIVED_PRICES = ("retail_price_display", "resale_peak_display")
PRICES = (
    "Prices",
    {
        "fields": DERIVED_PRICES,
        "description": "Derived from the price history below: add, correct or remove a "
        "dated, cited price point there.",
    },
)


def date_column(description, field):
    """A change-list column showing a date at its precision, sortable by the date."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return obj.date_display or "—"

    return column


def set_status(queryset, status):
    # Save one by one (not queryset.update) so that signals run: the page cache is
    # invalidated and the change is recorded in the entry's history.
    changed = 0
    for entry in queryset.exclude(status=status):
        entry.status = status
        entry.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


@admin.action(description="Publish selected entries", permissions=["change"])
def publish(modeladmin, request, queryset):
    changed = set_status(queryset, Status.PUBLISHED)
    modeladmin.message_user(request, f"Published {changed} entries.", messages.SUCCESS)


@admin.action(description="Unpublish selected entries (back to draft)", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    changed = set_status(queryset, Status.DRAFT)
    modeladmin.message_user(request, f"Moved {changed} entries back to draft.", messages.SUCCESS)


class RowsInline(GenericTabularInline):
    """Rows of an entry (citations, price points), each submitting its opened values too
    (`RowForm`), and never more than `max_num` of them: a form claiming more is refused
    without drawing thousands of rows."""

    form = RowForm
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, absolute_max=self.max_num, **kwargs)


class CitationInline(RowsInline):
    """An entry's citations: which fact (a field, or a sentence of its text), which source."""

    model = Citation
    max_num = 300
    fields = ("field", "claim", "source", "locator", "excerpt")
    autocomplete_fields = ("source",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "field":
            entry_model = self.parent_model
            choices = [("", "— a sentence (claim) —")] + [
                (name, entry_model().cited_field_label(name)) for name in entry_model.cited_fields
            ]
            return forms.ChoiceField(
                choices=choices, required=False, label="Fact", help_text=db_field.help_text
            )
        if db_field.name == "claim":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PricePointInline(RowsInline):
    """A release's price history, one cited figure a row: its retail price and resale peak
    derive from these (`catalog/models/prices.py`)."""

    model = PricePoint
    max_num = 100
    fields = (
        "kind",
        "qualifier",
        "amount",
        "currency",
        "observed_on",
        "date_precision",
        "source",
        "locator",
        "excerpt",
    )
    autocomplete_fields = ("source",)
    verbose_name_plural = "price history"


class ReleaseAdmin:
    """The derived prices, read-only: editors change them through `PricePointInline`."""

    @admin.display(description="retail price")
    def retail_price_display(self, release):
        return release.retail_price_display or "—"

    @admin.display(description="resale peak")
    def resale_peak_display(self, release):
        return release.resale_peak_display or "—"


class CitedAdmin(ConflictGuardAdmin, history.RestoresOneEntry, CompareVersionAdmin):
    """Citations inline, a list column naming the facts that cite no source, and saves
    from stale forms refused."""

    def get_inlines(self, request, obj):
        return (*super().get_inlines(request, obj), CitationInline)

    def get_queryset(self, request):
        return (
            super().get_queryset(request).prefetch_related("citations", *self.model.cited_relations)
        )

    @admin.display(description="uncited facts")
    def uncited(self, entry):
        missing = entry.uncited_facts()
        if not missing:
            return "—"
        labels = ", ".join(entry.cited_field_label(name) for name in missing)
        return format_html('<strong class="uncited">{}</strong>', labels)


class CatalogAdmin(EditorImportExportMixin, CitedAdmin):
    """History with restore (deleted entries too) and CSV/JSON import and export."""

    history_latest_first = True

    @property
    def compare_exclude(self):
        # Stored HTML changes with its Markdown: comparing versions shows the Markdown only.
        return [html for html, _ in getattr(self.model, "markdown_fields", {}).values()]


class PublishableAdmin(CatalogAdmin):
    actions = (publish, unpublish)
    readonly_fields = TIMESTAMPS
    list_filter = ("status",)
    list_per_page = 50
    save_on_top = True


@admin.register(Partner)
class PartnerAdmin(PublishableAdmin):
    resource_classes = (resources.PartnerResource,)
    list_display = ("name", "kind", "city", "country", "status", "uncited", "updated_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "key_person", "city", "country")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "kind", "city", "country", "key_person", "bio")}),
        PUBLISHING,
    )


@admin.register(Technology)
class TechnologyAdmin(CitedAdmin):
    list_display = ("name", "description", "uncited")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


class ShoeInline(admin.TabularInline):
    """The collaboration's shoes, listed with a link to each: a shoe is edited on its own
    page, with its history and its conflict check. Editable here, a collaboration form left
    open would write its old copy of every shoe back over another editor's changes."""

    model = Shoe
    fields = ("name", "colorway", "kind", "status")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Collaboration)
class CollaborationAdmin(ReleaseAdmin, PublishableAdmin):
    resource_classes = (resources.CollaborationResource,)
    list_display = ("title", "partner", "kind", "date_display", "retail_price", "status", "uncited")
    list_filter = ("status", "kind", "partner")
    list_select_related = ("partner",)
    search_fields = ("title", "partner__name", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("partner",)
    date_hierarchy = "release_date"
    inlines = (ShoeInline, PricePointInline)
    readonly_fields = (*PublishableAdmin.readonly_fields, *DERIVED_PRICES)
    fieldsets = (
        (None, {"fields": ("title", "partner", "kind", "summary", "story")}),
        ("Release", {"fields": ("release_date", "date_precision")}),
        PRICES,
        PUBLISHING,
    )

    date_display = date_column("release date", "release_date")


def thumbnail(shoe):
    """A small picture (the smallest rendition) or, without one, the palette illustration."""
    if not shoe.picture:
        return shoe_illustration(shoe)
    return format_html(
        '<img src="{}" alt="{}" width="96">', shoe.picture_small.url, shoe.picture_alt
    )


@admin.register(Shoe)
class ShoeAdmin(ReleaseAdmin, PublishableAdmin):
    resource_classes = (resources.ShoeResource,)
    list_display = (
        "list_thumbnail",
        "name",
        "colorway",
        "kind",
        "date_display",
        "featured",
        "status",
        "uncited",
    )
    list_display_links = ("list_thumbnail", "name")
    list_filter = ("status", "kind", "colour_family", "featured", "collaboration__partner")
    list_select_related = ("collaboration",)
    search_fields = ("name", "colorway", "style_code", "designer", "summary")
    prepopulated_fields = {"slug": ("name", "colorway")}
    autocomplete_fields = ("collaboration", "technologies")
    date_hierarchy = "release_date"
    save_as = True
    inlines = (PricePointInline,)
    readonly_fields = (*TIMESTAMPS, "current_picture", *DERIVED_PRICES)
    fieldsets = (
        (None, {"fields": ("name", "colorway", "kind", "collaboration", "featured")}),
        ("Release", {"fields": ("release_date", "date_precision", "style_code", "designer")}),
        PRICES,
        (
            "Look",
            {"fields": ("colour_family", "palette", "current_picture", "picture", "picture_alt")},
        ),
        ("Text", {"fields": ("summary", "story", "technologies")}),
        PUBLISHING,
    )

    date_display = date_column("release date", "release_date")

    @admin.display(description="picture")
    def list_thumbnail(self, shoe):
        return thumbnail(shoe)

    @admin.display(description="current picture")
    def current_picture(self, shoe):
        return thumbnail(shoe) if shoe.pk else "—"


@admin.register(TrendNote)
class TrendNoteAdmin(PublishableAdmin):
    resource_classes = (resources.TrendNoteResource,)
    list_display = ("title", "theme", "published_on", "reading_minutes", "status", "uncited")
    list_filter = ("status", "theme")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("shoes", "collaborations")
    date_hierarchy = "published_on"
    readonly_fields = (*TIMESTAMPS, "reading_minutes", "published_on")
    fieldsets = (
        (None, {"fields": ("title", "theme", "summary", "body")}),
        ("Related", {"fields": ("shoes", "collaborations")}),
        (
            "Publishing",
            {
                "fields": (
                    "slug",
                    "status",
                    "publish_at",
                    "published_on",
                    "reading_minutes",
                    *TIMESTAMPS,
                )
            },
        ),
    )


@admin.register(Milestone)
class MilestoneAdmin(PublishableAdmin):
    resource_classes = (resources.MilestoneResource,)
    list_display = ("title", "date_display", "status", "uncited")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "date"
    fieldsets = (
        (None, {"fields": ("title", "date", "date_precision", "summary")}),
        PUBLISHING,
    )

    date_display = date_column("date", "date")


@admin.register(Source)
class SourceAdmin(ConflictGuardAdmin, history.RestoresOneEntry, CompareVersionAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "author", "date_display", "consulted_on")
    search_fields = ("title", "author", "url", "note")
    fields = ("title", "author", "url", ("published_on", "date_precision"), "consulted_on", "note")

    @admin.display(description="published", ordering="published_on")
    def date_display(self, source):
        return source.date_display or "—"


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses of renamed entries. Deleting one makes its old address a 404 again."""

    list_display = ("old_path", "new_path", "created_at")
    search_fields = ("old_path", "new_path")
    readonly_fields = ("created_at",)


CITED_MODELS = (Shoe, Collaboration, Partner, TrendNote, Milestone, Technology)


def uncited_facts(request):
    """Every published fact that cites no source, entry by entry, with a link to fix it."""
    sections = []
    for model in CITED_MODELS:
        entries = model.objects.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.only("field", "object_id")),
            *model.cited_relations,
        )
        if hasattr(model.objects, "published"):
            entries = entries.published()
        change = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
        rows = [
            (
                entry,
                reverse(change, args=[entry.pk]),
                [entry.cited_field_label(name) for name in entry.uncited_facts()],
            )
            for entry in entries
        ]
        sections.append((model._meta.verbose_name_plural, [row for row in rows if row[2]]))
    context = {
        **admin.site.each_context(request),
        "title": "Published facts without a source",
        "sections": sections,
    }
    return TemplateResponse(request, "admin/catalog/uncited_facts.html", context)
