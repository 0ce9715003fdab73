"""Static files storage: whitenoise's hashed, compressed files, forgiving a missing entry."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """
    A file missing from the manifest (collectstatic not run, or run for another release)
    gets its plain name instead of failing every page with a 500: the page loses its
    styling for a moment, and `/healthz` reports "static" as failing.
    """

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
