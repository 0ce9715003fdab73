"""
`manage.py load_seed`: load the archive's starting content from `catalog/seed/content.toml`.

Every new entry is published, with the citations behind its facts. By default the command
only ever adds: an entry whose slug already exists is left exactly as it is, fields,
relations and citations alike, so an editor's changes are never overwritten and a second
run creates nothing. Relations are given by slug. Each object goes through `full_clean()`,
the same validation the admin applies, and the whole load runs in one transaction, recorded
in the history as one revision ("Loaded from the seed content.").

With `--update-unedited`, an entry loaded from an earlier seed that no editor has changed
since (every version in its history is a seed load) is brought up to date with this seed:
its fields, relations, citations and price points. This is how corrections to the seed
reach a site seeded before them. Entries an editor changed are left as they are and listed,
and so are entries an earlier seed loaded that this one no longer has.
"""

from collections import Counter

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from reversion.models import Version

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

SEED_COMMENT = "Loaded from the seed content."


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
        parser.add_argument(
            "--update-unedited",
            action="store_true",
            help="Also bring entries loaded from an earlier seed, and changed by no editor "
            "since, up to date with this one.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Shoe.objects.exists():
            if options["verbosity"] >= 1:
                self.stdout.write("Seed content: the catalog is not empty; nothing loaded.")
            return
        seed = read_seed()
        created = []
        present = 0
        self.updating = options["update_unedited"]
        self.updated, self.edited, self.dropped = 0, [], []
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment(SEED_COMMENT)
            self.sources = get_or_create_sources(seed)
            for table, model, date_field, foreign_keys, many_to_many in SECTIONS:
                count_created, count_present = self.load(
                    model, seed.get(table, []), (date_field, foreign_keys, many_to_many)
                )
                created.append((model, count_created))
                present += count_present

        if options["verbosity"] >= 1:
            parts = ", ".join(f"{count} {self.label(model, count)}" for model, count in created)
            updated = f" {self.updated} updated from this seed." if self.updating else ""
            self.stdout.write(f"Seed content: {parts} created; {present} already present.{updated}")
            if self.edited:
                self.stdout.write(
                    "Changed by an editor since they were loaded, so left as they are: "
                    + ", ".join(self.edited)
                )
            if self.dropped:
                self.stdout.write(
                    "Loaded from an earlier seed, which this one no longer has (delete them in "
                    "the admin if they should go): " + ", ".join(self.dropped)
                )

    def load(self, model, entries, relations):
        slugs = [entry["slug"] for entry in entries]
        existing = {entry.slug: entry for entry in model.objects.filter(slug__in=slugs)}
        edited = edited_ids(model) if self.updating else set()
        created = 0
        for entry in entries:
            instance = existing.get(entry["slug"])
            if instance is None:
                self.create(model, entry, *relations)
                created += 1
            elif str(instance.pk) in edited:
                self.edited.append(f"{instance._meta.verbose_name} “{instance.slug}”")
            elif self.updating:
                self.update(instance, entry, *relations)
        if self.updating:
            self.dropped += [
                f"{model._meta.verbose_name} “{instance.slug}”"
                for instance in seeded_entries(model).exclude(slug__in=slugs)
                if str(instance.pk) not in edited
            ]
        return created, len(existing)

    def create(self, model, entry, date_field, foreign_keys, many_to_many):
        try:
            instance = model(**self.fields(entry, date_field, foreign_keys, many_to_many))
        except TypeError as error:
            raise CommandError(f"Seed entry {entry['slug']!r}: {error}") from error
        if issubclass(model, PublishableModel):
            instance.status = Status.PUBLISHED
        self.save(instance, entry, many_to_many)
        return instance

    def update(self, instance, entry, date_field, foreign_keys, many_to_many):
        """Bring an entry loaded from an earlier seed, and changed by no editor since, up to
        date, unless it is already."""
        saved_facts = own_facts(instance)
        fields = self.fields(entry, date_field, foreign_keys, many_to_many)
        wanted = (fields, self.related_slugs(entry, many_to_many), fact_keys(self.facts(entry)))
        now = (
            {name: getattr(instance, name) for name in fields},
            {
                name: set(getattr(instance, name).values_list("slug", flat=True))
                for name in many_to_many
            },
            fact_keys(saved_facts),
        )
        if wanted == now:
            return
        for fact in saved_facts:
            fact.delete()
        for name, value in fields.items():
            setattr(instance, name, value)
        self.save(instance, entry, many_to_many)
        self.updated += 1

    def fields(self, entry, date_field, foreign_keys, many_to_many):
        """An entry's field values from the seed, related entries looked up by slug."""
        fields = entry_fields(entry, date_field, foreign_keys, many_to_many)
        for name, related_model in foreign_keys.items():
            slug = entry.get(name)
            fields[name] = self.lookup(related_model, slug, entry) if slug else None
        return fields

    @staticmethod
    def related_slugs(entry, many_to_many):
        return {name: set(entry.get(name, [])) for name in many_to_many}

    def facts(self, entry):
        """The entry's citations and price points from the seed, unsaved."""
        try:
            return [*citations_for(entry, self.sources), *price_points_for(entry, self.sources)]
        except SeedError as error:
            raise CommandError(str(error)) from error

    def save(self, instance, entry, many_to_many):
        """Save a created or updated entry with its relations and its facts."""
        self.validate(instance, entry)
        instance.save()
        for name, related_model in many_to_many.items():
            slugs = entry.get(name, [])
            getattr(instance, name).set([self.lookup(related_model, s, entry) for s in slugs])
        for citation_or_point in self.facts(entry):
            # Both point at their entry the same way (a generic relation); a point's save
            # derives the release's retail price and resale peak.
            citation_or_point.content_type = ContentType.objects.get_for_model(instance)
            citation_or_point.object_id = instance.pk
            self.validate(citation_or_point, entry)
            citation_or_point.save()

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


def own_facts(entry):
    """The entry's citations, and its price points if it is a release."""
    points = entry.price_points.all() if hasattr(entry, "price_points") else []
    return [*entry.citations.all(), *points]


def fact_keys(facts):
    """What the citations and price points say, as a multiset: the seed's unsaved ones and
    the saved ones compare equal when they say the same (180 and 180.00 alike)."""
    names = ("field", "claim", "kind", "amount", "qualifier", "currency", "observed_on")
    return Counter(
        (
            type(fact).__name__,
            *(getattr(fact, name, None) for name in names),
            fact.source_id,
            fact.locator,
            fact.excerpt,
        )
        for fact in facts
    )


def seeded_entries(model):
    """The entries of `model` that a seed load recorded in the history."""
    loaded = Version.objects.get_for_model(model).filter(revision__comment=SEED_COMMENT)
    return model.objects.filter(
        pk__in=[int(pk) for pk in loaded.values_list("object_id", flat=True)]
    )


def edited_ids(model):
    """The ids (as the history writes them) of the entries of `model` whose history holds
    anything but seed loads: an editor changed them."""
    versions = Version.objects.get_for_model(model).exclude(revision__comment=SEED_COMMENT)
    return set(versions.values_list("object_id", flat=True))
