"""`manage.py build_downloads`: write the /data/ files of the catalog as it is now."""

from django.core.management.base import BaseCommand

from catalog import download_files
from catalog.caching import current_version


class Command(BaseCommand):
    help = (
        "Write the /data/ downloads for the current catalog, so that no visitor waits for "
        "them: after a deploy or a seed. Pages rebuild them on their own after each change."
    )

    def handle(self, *args, **options):
        version = current_version()
        download_files.build(version)
        if options["verbosity"] >= 1:
            folder = download_files.root() / str(version)
            self.stdout.write(f"Downloads for catalog version {version} are in {folder}.")
