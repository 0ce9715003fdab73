"""
`manage.py load_seed`: load the archive's starting content from `catalog/seed/content.toml`.

Every new entry is published, with the citations behind its facts. The command only ever
adds: an entry whose slug already exists is left exactly as it is, fields, relations and
citations alike, so an editor's changes are never overwritten and a second run creates
nothing. Relations are given by slug and set only when the entry is created. Each new
object goes through `full_clean()`, the same validation the admin applies, and the whole
load runs in one transaction.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import PublishableModel, Shoe, Status
from catalog.seeding import (
    SECTIONS,
    SeedError,
    citations_for,
    entry_fields,
    get_or_create_sources,
    price_points_for,
    read_seed,
)


class Command(BaseCommand):
    help = (
        "Load the seed content (technologies, partners, collaborations, shoes, trend notes, "
        "milestones) as published entries. Entries whose slug already exists are left "
        "untouched, so the command is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load nothing if the catalog already has shoes (used by `make run`, so that "
            "entries an editor deleted are not brought back).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Shoe.objects.exists():
            if options["verbosity"] >= 1:
                self.stdout.write("Seed content: the catalog is not empty; nothing loaded.")
            return
        seed = read_seed()
        created = []
        present = 0
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Loaded from the seed content.")
            self.sources = get_or_create_sources(seed)
            for table, model, date_field, foreign_keys, many_to_many in SECTIONS:
                count_created, count_present = self.load(
                    model, seed.get(table, []), (date_field, foreign_keys, many_to_many)
                )
                created.append((model, count_created))
                present += count_present

        if options["verbosity"] >= 1:
            parts = ", ".join(f"{count} {self.label(model, count)}" for model, count in created)
            self.stdout.write(f"Seed content: {parts} created; {present} already present.")

    def load(self, model, entries, relations):
        existing = set(
            model.objects.filter(slug__in=[entry["slug"] for entry in entries]).values_list(
                "slug", flat=True
            )
        )
        created = 0
        for entry in entries:
            if entry["slug"] in existing:
                continue
            self.create(model, entry, *relations)
            created += 1
        return created, len(existing)

    def create(self, model, entry, date_field, foreign_keys, many_to_many):
        fields = entry_fields(entry, date_field, foreign_keys, many_to_many)
        for name, related_model in foreign_keys.items():
            slug = entry.get(name)
            fields[name] = self.lookup(related_model, slug, entry) if slug else None
        try:
            instance = model(**fields)
        except TypeError as error:
            raise CommandError(f"Seed entry {entry['slug']!r}: {error}") from error
        if issubclass(model, PublishableModel):
            instance.status = Status.PUBLISHED
        self.validate(instance, entry)
        instance.save()
        for name, related_model in many_to_many.items():
            slugs = entry.get(name, [])
            getattr(instance, name).set([self.lookup(related_model, s, entry) for s in slugs])
        try:
            cited = [*citations_for(entry, self.sources), *price_points_for(entry, self.sources)]
        except SeedError as error:
            raise CommandError(str(error)) from error
        for citation_or_point in cited:
            # Both point at their entry the same way (a generic relation); a point's save
            # derives the release's retail price and resale peak.
            citation_or_point.content_type = ContentType.objects.get_for_model(instance)
            citation_or_point.object_id = instance.pk
            self.validate(citation_or_point, entry)
            citation_or_point.save()
        return instance

    @staticmethod
    def validate(instance, entry):
        try:
            instance.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"Seed {instance._meta.verbose_name} for {entry['slug']!r} is invalid: "
                f"{error.message_dict}"
            ) from error

    def lookup(self, model, slug, entry):
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist as error:
            raise CommandError(
                f"Seed entry {entry['slug']!r} refers to {model._meta.verbose_name} "
                f"{slug!r}, which does not exist."
            ) from error

    @staticmethod
    def label(model, count):
        return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)
