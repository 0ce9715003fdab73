"""
The editors' admin: every catalog model with lists, filters, search and autocomplete.
"""

from django.contrib import admin, messages

from .models import Collaboration, Milestone, Partner, Shoe, Status, Technology, TrendNote

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


class PublishableAdmin(admin.ModelAdmin):
    actions = (publish, unpublish)
    readonly_fields = TIMESTAMPS
    list_filter = ("status",)
    list_per_page = 50
    save_on_top = True


@admin.register(Partner)
class PartnerAdmin(PublishableAdmin):
    list_display = ("name", "kind", "city", "country", "status", "updated_at")
    list_filter = ("status", "kind")
    search_fields = ("name", "key_person", "city", "country")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "kind", "city", "country", "key_person", "bio")}),
        PUBLISHING,
    )


@admin.register(Technology)
class TechnologyAdmin(admin.ModelAdmin):
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


@admin.register(Shoe)
class ShoeAdmin(PublishableAdmin):
    list_display = ("name", "colorway", "kind", "date_display", "featured", "status")
    list_filter = ("status", "kind", "colour_family", "featured", "collaboration__partner")
    list_select_related = ("collaboration",)
    search_fields = ("name", "colorway", "style_code", "designer", "summary")
    prepopulated_fields = {"slug": ("name", "colorway")}
    autocomplete_fields = ("collaboration", "technologies")
    date_hierarchy = "release_date"
    save_as = True
    fieldsets = (
        (None, {"fields": ("name", "colorway", "kind", "collaboration", "featured")}),
        ("Release", {"fields": ("release_date", "date_precision", "style_code", "designer")}),
        ("Prices", {"fields": ("retail_price", "currency", "resale_peak")}),
        ("Look", {"fields": ("colour_family", "palette", "picture", "picture_alt")}),
        ("Text", {"fields": ("summary", "story", "technologies")}),
        PUBLISHING,
    )

    date_display = date_column("release date", "release_date")


@admin.register(TrendNote)
class TrendNoteAdmin(PublishableAdmin):
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
    list_display = ("title", "date_display", "status")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "date"
    fieldsets = (
        (None, {"fields": ("title", "date", "date_precision", "summary")}),
        PUBLISHING,
    )

    date_display = date_column("date", "date")
