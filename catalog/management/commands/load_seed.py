"""
`manage.py load_seed`: load the archive's starting content from `catalog.seed_content`.

Every new entry is published. The command only ever adds: an entry whose slug already
exists is left exactly as it is, fields and relations alike, so an editor's changes
are never overwritten and a second run creates nothing. Relations are given by slug
and set only when the entry is created. Each new object goes through `full_clean()`,
the same validation the admin applies, and the whole load runs in one transaction.
"""

import reversion
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog import seed_content
from catalog.models import (
    Collaboration,
    Milestone,
    Partner,
    PublishableModel,
    Shoe,
    Status,
    Technology,
    TrendNote,
)

# (model, entries, foreign keys {field: model}, many-to-many {field: model}), in load order:
# anything referred to by slug is loaded before what refers to it.
LOAD_ORDER = [
    (Technology, seed_content.TECHNOLOGIES, {}, {}),
    (Partner, seed_content.PARTNERS, {}, {}),
    (Collaboration, seed_content.COLLABORATIONS, {"partner": Partner}, {}),
    (Shoe, seed_content.SHOES, {"collaboration": Collaboration}, {"technologies": Technology}),
    (
        TrendNote,
        seed_content.TREND_NOTES,
        {},
        {"shoes": Shoe, "collaborations": Collaboration},
    ),
    (Milestone, seed_content.MILESTONES, {}, {}),
]


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
        created = []
        present = 0
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("Loaded from the seed content.")
            for model, entries, foreign_keys, many_to_many in LOAD_ORDER:
                count_created, count_present = self.load(model, entries, foreign_keys, many_to_many)
                created.append((model, count_created))
                present += count_present

        if options["verbosity"] >= 1:
            parts = ", ".join(f"{count} {self.label(model, count)}" for model, count in created)
            self.stdout.write(f"Seed content: {parts} created; {present} already present.")

    def load(self, model, entries, foreign_keys, many_to_many):
        existing = set(
            model.objects.filter(slug__in=[entry["slug"] for entry in entries]).values_list(
                "slug", flat=True
            )
        )
        created = 0
        for entry in entries:
            if entry["slug"] in existing:
                continue
            self.create(model, entry, foreign_keys, many_to_many)
            created += 1
        return created, len(existing)

    def create(self, model, entry, foreign_keys, many_to_many):
        fields = {
            name: value
            for name, value in entry.items()
            if name not in foreign_keys and name not in many_to_many
        }
        for name, related_model in foreign_keys.items():
            slug = entry.get(name)
            fields[name] = self.lookup(related_model, slug, entry) if slug else None
        instance = model(**fields)
        if issubclass(model, PublishableModel):
            instance.status = Status.PUBLISHED
        try:
            instance.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"Seed {model._meta.verbose_name} {entry['slug']!r} is invalid: "
                f"{error.message_dict}"
            ) from error
        instance.save()
        for name, related_model in many_to_many.items():
            slugs = entry.get(name, [])
            getattr(instance, name).set([self.lookup(related_model, s, entry) for s in slugs])
        return instance

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
