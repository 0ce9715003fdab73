"""
Import/export definitions (django-import-export) for the editors' CSV and JSON files.

Rows are matched on `slug`, relations are written as slugs (several separated by "|"),
and every row goes through the model's own validation, so an import cannot save what the
admin form would refuse.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from .models import Collaboration, Milestone, Partner, Shoe, Technology, TrendNote

SERIAL_FIELDS = ("created_at", "updated_at", "id")


class CatalogResource(resources.ModelResource):
    class Meta:
        import_id_fields = ("slug",)
        exclude = SERIAL_FIELDS
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True


def slug_of(model, name):
    return fields.Field(attribute=name, column_name=name, widget=ForeignKeyWidget(model, "slug"))


def slugs_of(model, name):
    return fields.Field(
        attribute=name,
        column_name=name,
        widget=ManyToManyWidget(model, separator="|", field="slug"),
    )


class PartnerResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Partner


class CollaborationResource(CatalogResource):
    partner = slug_of(Partner, "partner")

    class Meta(CatalogResource.Meta):
        model = Collaboration


class ShoeResource(CatalogResource):
    collaboration = slug_of(Collaboration, "collaboration")
    technologies = slugs_of(Technology, "technologies")

    class Meta(CatalogResource.Meta):
        model = Shoe
        exclude = (*SERIAL_FIELDS, "picture", "picture_width", "picture_height")


class TrendNoteResource(CatalogResource):
    # Exported, never imported: the archive dates a note when it first goes public.
    published_on = fields.Field(attribute="published_on", column_name="published_on", readonly=True)
    shoes = slugs_of(Shoe, "shoes")
    collaborations = slugs_of(Collaboration, "collaborations")

    class Meta(CatalogResource.Meta):
        model = TrendNote
        exclude = (*SERIAL_FIELDS, "reading_minutes")


class MilestoneResource(CatalogResource):
    class Meta(CatalogResource.Meta):
        model = Milestone
