"""
Markdown rendered once, on save. Each long-form Markdown field (a story, a note's body) has
a stored copy of its sanitised HTML (`catalog/markdown.py`), which pages output as it is
instead of rendering the Markdown on every view.

Nobody writes the copy but this module: it is not editable (no admin form shows it), import
files cannot name it, and it is made again from the Markdown on every save, raw saves
included: `loaddata` restoring a backup and django-reversion restoring a version save
"raw", skipping `save()`, so whatever a file or an old version holds for the copy (or
lacks) is replaced by what the Markdown gives.
"""

from collections.abc import Collection
from typing import Any

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.safestring import SafeString, mark_safe

from ..markdown import render_markdown


class RendersMarkdown(models.Model):
    markdown_fields: dict[str, tuple[str, int]] = {}
    """{Markdown field: (its stored HTML field, heading shift)}. The shift moves the editor's
    headings down under the page's own: a story sits under "The story", an h2."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        rendered = self.render_markdown_fields(update_fields)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *rendered}
        super().save(*args, **kwargs)

    def render_markdown_fields(self, only: Collection[str] | None = None) -> list[str]:
        """
        Store the HTML of each Markdown field (of those in `only`, the fields a save
        writes, when given); returns the HTML fields set. A deferred Markdown field is
        skipped: the save does not write it, so its HTML stands.
        """
        deferred = self.get_deferred_fields()
        rendered = []
        for name, (html_field, shift) in self.markdown_fields.items():
            if name in deferred or (only is not None and name not in only):
                continue
            setattr(self, html_field, render_markdown(getattr(self, name), shift))
            rendered.append(html_field)
        return rendered

    def html_of(self, name: str) -> SafeString:
        """The stored HTML of the Markdown field `name`."""
        html_field, _ = self.markdown_fields[name]
        # Only render_markdown (sanitised by nh3) ever writes this field.
        html: str = getattr(self, html_field)
        return mark_safe(html)  # noqa: S308


@receiver(pre_save, dispatch_uid="catalog-markdown-rendered-on-raw-save")
def render_markdown_on_raw_save(
    sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any
) -> None:
    """A raw save (loaddata, a history restore) skips `save()`: render here instead."""
    if raw and isinstance(instance, RendersMarkdown):
        instance.render_markdown_fields()
