from django.apps import AppConfig


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from . import caching, models

        caching.connect_signals(
            [
                models.Partner,
                models.Technology,
                models.Collaboration,
                models.Shoe,
                models.TrendNote,
                models.Milestone,
            ]
        )
