"""
The editors' admin: every catalog model with lists, filters, search and autocomplete,
bulk publishing, CSV/JSON import and export (django-import-export) and a restorable
history of every change, deletions included (django-reversion).
"""

from django.contrib import admin, messages
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON
from reversion.admin import VersionAdmin

from . import resources
from .images import rendition_name, rendition_widths
from .models import Collaboration, Milestone, Partner, Shoe, Status, Technology, TrendNote
from .templatetags.catalog_tags import shoe_illustration

TIMESTAMPS = ("created_at", "updated_at")
PUBLISHING = ("Publishing", {"fields": ("slug", "status", "publish_at", *TIMESTAMPS)})


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


class CatalogAdmin(ImportExportMixin, VersionAdmin):
    """History with restore (deleted entries too) and CSV/JSON import and export."""

    formats = (CSV, JSON)
    history_latest_first = True


class PublishableAdmin(CatalogAdmin):
    actions = (publish, unpublish)
    readonly_fields = TIMESTAMPS
    list_filter = ("status",)
    list_per_page = 50
    save_on_top = True


@admin.register(Partner)
class PartnerAdmin(PublishableAdmin):
    resource_classes = (resources.PartnerResource,)
    list_display = ("name", "kind", "city", "country", "status", "updated_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "key_person", "city", "country")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "kind", "city", "country", "key_person", "bio")}),
        PUBLISHING,
    )


@admin.register(Technology)
class TechnologyAdmin(VersionAdmin):
    list_display = ("name", "description")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


class ShoeInline(admin.TabularInline):
    model = Shoe
    fields = ("name", "colorway", "kind", "status")
    show_change_link = True
    extra = 0


@admin.register(Collaboration)
class CollaborationAdmin(PublishableAdmin):
    resource_classes = (resources.CollaborationResource,)
    list_display = ("title", "partner", "kind", "date_display", "retail_price", "status")
    list_filter = ("status", "kind", "partner")
    list_select_related = ("partner",)
    search_fields = ("title", "partner__name", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("partner",)
    date_hierarchy = "release_date"
    inlines = (ShoeInline,)
    fieldsets = (
        (None, {"fields": ("title", "partner", "kind", "summary", "story")}),
        ("Release", {"fields": ("release_date", "date_precision")}),
        ("Prices", {"fields": ("retail_price", "currency", "resale_peak")}),
        PUBLISHING,
    )

    date_display = date_column("release date", "release_date")


def thumbnail(shoe):
    """A small picture (the smallest rendition) or, without one, the palette illustration."""
    if not shoe.picture:
        return shoe_illustration(shoe)
    widths = rendition_widths(shoe.picture_width)
    storage = shoe.picture.storage
    url = storage.url(rendition_name(shoe.picture.name, widths[0])) if widths else shoe.picture.url
    return format_html('<img src="{}" alt="{}" width="96">', url, shoe.picture_alt)


@admin.register(Shoe)
class ShoeAdmin(PublishableAdmin):
    resource_classes = (resources.ShoeResource,)
    list_display = (
        "list_thumbnail",
        "name",
        "colorway",
        "kind",
        "date_display",
        "featured",
        "status",
    )
    list_display_links = ("list_thumbnail", "name")
    list_filter = ("status", "kind", "colour_family", "featured", "collaboration__partner")
    list_select_related = ("collaboration",)
    search_fields = ("name", "colorway", "style_code", "designer", "summary")
    prepopulated_fields = {"slug": ("name", "colorway")}
    autocomplete_fields = ("collaboration", "technologies")
    date_hierarchy = "release_date"
    save_as = True
    readonly_fields = (*TIMESTAMPS, "current_picture")
    fieldsets = (
        (None, {"fields": ("name", "colorway", "kind", "collaboration", "featured")}),
        ("Release", {"fields": ("release_date", "date_precision", "style_code", "designer")}),
        ("Prices", {"fields": ("retail_price", "currency", "resale_peak")}),
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
    list_display = ("title", "theme", "published_on", "reading_minutes", "status")
    list_filter = ("status", "theme")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("shoes", "collaborations")
    date_hierarchy = "published_on"
    readonly_fields = (*TIMESTAMPS, "reading_minutes")
    fieldsets = (
        (None, {"fields": ("title", "theme", "summary", "body", "published_on")}),
        ("Related", {"fields": ("shoes", "collaborations")}),
        (
            "Publishing",
            {"fields": ("slug", "status", "publish_at", "reading_minutes", *TIMESTAMPS)},
        ),
    )


@admin.register(Milestone)
class MilestoneAdmin(PublishableAdmin):
    resource_classes = (resources.MilestoneResource,)
    list_display = ("title", "date_display", "status")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "date"
    fieldsets = (
        (None, {"fields": ("title", "date", "date_precision", "summary")}),
        PUBLISHING,
    )

    date_display = date_column("date", "date")
