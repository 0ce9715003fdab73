from django.apps import AppConfig


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from . import checks, models  # noqa: F401 - importing checks registers them
        from .models.versioning import track_changes

        track_changes(
            [
                models.Partner,
                models.Technology,
                models.Collaboration,
                models.Shoe,
                models.PricePoint,
                models.TrendNote,
                models.Milestone,
            ]
        )
