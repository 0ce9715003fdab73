"""
Old addresses of renamed entries. When a published entry's slug changes, its old address is
kept here and answers 301 to the new one (`catalog/redirects.py`), so links and bookmarks
keep working. Chains collapse: each old address points straight at the current one.
"""

from django.db import models, transaction


class Redirect(models.Model):
    old_path = models.CharField(
        max_length=200, unique=True, help_text="The address that moved, e.g. /shoes/old-slug/."
    )
    new_path = models.CharField(max_length=200, help_text="Where it answers now.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    @classmethod
    @transaction.atomic
    def record_move(cls, old_path, new_path):
        """`old_path` now lives at `new_path`: point it, and every address that pointed at
        it, straight there; an address in use again stops redirecting."""
        if old_path == new_path:
            return
        cls.objects.filter(old_path=new_path).delete()
        cls.objects.filter(new_path=old_path).update(new_path=new_path)
        cls.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path})


class LeavesRedirects(models.Model):
    """A published entry whose address moves with its slug leaves a redirect behind."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = self.public_path_in_database()
        super().save(*args, **kwargs)
        if before:
            Redirect.record_move(before, self.get_absolute_url())

    def public_path_in_database(self):
        if self.pk is None or self._state.adding:
            return None
        saved = type(self).objects.filter(pk=self.pk).first()
        if saved is None or not saved.is_public or saved.slug == self.slug:
            return None
        return saved.get_absolute_url()
