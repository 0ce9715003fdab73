"""
Import/export definitions (django-import-export) for the editors' CSV and JSON files.

Rows are matched on `slug`, relations are written as slugs (several separated by "|"),
and every row goes through the model's own validation, so an import cannot save what the
admin form would refuse. Every problem is a numbered row error in the preview: a slug used
twice in one file, a related slug that names nothing, a value the model refuses. An import
saves all its rows or none. The admin side (limits, the pending file, the confirm step,
spreadsheet-safe CSV) is in `catalog/importing.py`.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from .models import Collaboration, Milestone, Partner, Shoe, Technology, TrendNote

# Bookkeeping, not content. `edit_version` especially: an imported value would set an
# entry's save counter back, and a form opened before the import could then overwrite it.
SERIAL_FIELDS = ("created_at", "updated_at", "id", "edit_version")
# Made on every save, from the Markdown or (by the database) from the text search reads: a
# file can neither set nor carry them (a column naming one is refused, as any unknown is).
DERIVED_FIELDS = ("story_html", "body_html", "search_document")


def quoted(slugs):
    return ", ".join(f"“{slug}”" for slug in slugs)


class SlugWidget(ForeignKeyWidget):
    """A related entry named by its slug; a slug that names nothing is a row error."""

    def __init__(self, model):
        super().__init__(model, "slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"No {name} with the slug {quoted([value])}.") from None


class SlugsWidget(ManyToManyWidget):
    """Related entries named by their slugs, separated by "|"; each must name one."""

    def __init__(self, model):
        super().__init__(model, separator="|", field="slug")

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        if not value:
            return found
        wanted = [slug.strip() for slug in str(value).split(self.separator) if slug.strip()]
        known = {entry.slug for entry in found}
        missing = [slug for slug in dict.fromkeys(wanted) if slug not in known]
        if len(missing) == 1:
            name = self.model._meta.verbose_name
            raise ValueError(f"No {name} with the slug {quoted(missing)}.")
        if missing:
            names = self.model._meta.verbose_name_plural
            raise ValueError(f"No {names} with the slugs {quoted(missing)}.")
        return found


class CatalogResource(resources.ModelResource):
    # Exported, never imported: an entry's public id is drawn when it is made and never
    # changes (`catalog/models/identity.py`). A file's column is read past, so an export
    # imports back, and a new entry gets an id of its own whatever the file says.
    public_id = fields.Field(attribute="public_id", column_name="public_id", readonly=True)

    class Meta:
        import_id_fields = ("slug",)
        exclude = (*SERIAL_FIELDS, *DERIVED_FIELDS)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first_row_of_slug = {}

    def import_data(self, dataset, **kwargs):
        # Invalid rows roll back the rows saved before them too (the library keeps them
        # unless asked): the confirm step re-validates, and must save every row or none.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.first_row_of_slug = {}

    def before_import_row(self, row, row_number=None, **kwargs):
        # A second row with the same slug would quietly update the entry the first one made.
        slug = str(row.get("slug") or "").strip()
        if not slug:
            return
        first = self.first_row_of_slug.setdefault(slug, row_number)
        if first != row_number:
            message = f"The slug {quoted([slug])} is already in row {first} of this file."
            raise ValidationError({"slug": message})

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The library sets many-to-many fields only after saving the row, where an error is
        # a bare exception: check their slugs now, with the row's other errors.
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)


DERIVED_PRICE_FIELDS = (
    "retail_price",
    "retail_price_qualifier",
    "currency",
    "resale_peak",
    "resale_peak_qualifier",
)
"""A release's prices, derived from its price history (`catalog/models/prices.py`)."""


class ReleaseResource(CatalogResource):
    """Prices are exported, never imported: a file's price columns are read past, since the
    release's price history is their one source (its points are edited in the admin)."""

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return super().field_from_django_field(
            field_name, django_field, readonly or field_name in DERIVED_PRICE_FIELDS
        )


def slug_of(model, name):
    return fields.Field(attribute=name, column_name=name, widget=SlugWidget(model))


def slugs_of(model, name):
    return fields.Field(attribute=name, column_name=name, widget=SlugsWidget(model))


class PartnerResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Partner


class CollaborationResource(ReleaseResource):
    partner = slug_of(Partner, "partner")

    class Meta(CatalogResource.Meta):
        model = Collaboration


class ShoeResource(ReleaseResource):
    collaboration = slug_of(Collaboration, "collaboration")
    technologies = slugs_of(Technology, "technologies")

    class Meta(CatalogResource.Meta):
        model = Shoe
        exclude = (
            *SERIAL_FIELDS,
            *DERIVED_FIELDS,
            "picture",
            "picture_width",
            "picture_height",
        )


class TrendNoteResource(CatalogResource):
    # Exported, never imported: the archive dates a note when it first goes public.
    published_on = fields.Field(attribute="published_on", column_name="published_on", readonly=True)
    shoes = slugs_of(Shoe, "shoes")
    collaborations = slugs_of(Collaboration, "collaborations")

    class Meta(CatalogResource.Meta):
        model = TrendNote
        exclude = (*SERIAL_FIELDS, *DERIVED_FIELDS, "reading_minutes")


class MilestoneResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Milestone
