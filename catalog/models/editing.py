"""
Edit versions: each save of an entry counts up, so a save made from a form opened before
another editor's save can be recognised and refused instead of overwriting it (the
admin's check lives in `catalog/conflicts.py`).
"""

from django.db import models


class EditVersioned(models.Model):
    edit_version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts the saves of this entry."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.edit_version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version"}
        super().save(*args, **kwargs)
