"""
Two editors, one entry: a save made from a form opened before someone else's save is
refused, never applied silently.

Every change form carries the entry's `edit_version` as it was when the form was opened
(the hidden `opened_version`).
On save the form compares it with the version in the database (read under a row lock, so
two saves cannot both pass). When they differ, the save is refused with a message naming
who saved meanwhile, the fields they changed (with the values now saved) and the fields
this editor changed. The form comes back with both: the other editor's changes filled in,
this editor's own changes kept (where both changed a field, this editor's value stays and
the message says so), and the current version, so saving again after review applies this
editor's changes on top of the other's.

What each side changed is worked out from the entry's history (django-reversion): the
version the form was opened at against the one saved since, and against what was submitted.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion.models import Version

from .conflict_rows import merge_rows, rows_as_saved, same_text, widget_values

ROWS_BELOW_CHANGED = mark_safe(
    "<li>its price history or citations, in the rows below the form, which now show their "
    "changes (a row you changed keeps yours).</li>"
)
"""What the other editor changed when none of the form's own fields differ."""
CHOOSE_FILES_AGAIN = "Choose the picture again: the file you chose was not kept."

VERSION_FIELD = "opened_version"
"""The form's hidden field: the entry's `edit_version` when the form was opened."""


class ConflictGuardForm(forms.ModelForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = self.instance.edit_version

    def clean(self):
        cleaned = super().clean()
        opened_at = cleaned.get(VERSION_FIELD)
        if self.instance.pk is None or opened_at is None:
            return cleaned
        model = type(self.instance)
        saved = model.objects.select_for_update().filter(pk=self.instance.pk).first()
        if saved is None or saved.edit_version == opened_at:
            return cleaned
        message, theirs_only = conflict_message(self, saved, opened_at)
        if self.files:
            # A browser sends a chosen file once: the form sent back cannot hold it.
            message = format_html("{} {}", message, CHOOSE_FILES_AGAIN)
        # Back to the editor: their own input, the other editor's changes, today's version.
        self.data = self.data.copy()
        for name in theirs_only:
            put_value(self, name, current_value(saved, name))
        self.data[self.add_prefix(VERSION_FIELD)] = str(saved.edit_version)
        raise ValidationError(message)


def conflict_message(form, saved, opened_at):
    opened = version_at(saved, opened_at)
    latest = version_at(saved, saved.edit_version)
    who = editor_of(latest)
    fields = [name for name in form.fields if name != VERSION_FIELD]
    if opened is None:
        # Nothing tells this editor's changes from theirs: name what saving again replaces.
        now = {attname(saved, name): current_value(saved, name) for name in fields}
        replaced = [name for name in fields if submitted_differs(form, now, name)]
        return format_html(
            "{} saved this entry after you opened it, so your save was not applied. The "
            "history does not hold the version you opened, so the form cannot tell your "
            "changes from theirs. Saving this form again replaces what is saved in: {}. "
            "Compare those with the current version (History) first.",
            who,
            ", ".join(label(form, name) for name in replaced) or "nothing",
        ), []
    before = opened.field_dict
    theirs = [name for name in fields if differs(saved, before, name)]
    mine = [name for name in fields if submitted_differs(form, before, name)]
    rows = format_html_join(
        "",
        "<li>{}: now “{}”</li>",
        ((label(form, name), shown(saved, name)) for name in theirs),
    )
    both = [name for name in theirs if name in mine]
    message = format_html(
        "{} saved this entry after you opened it, so your save was not applied. "
        "They changed: <ul>{}</ul> You changed: {}. {}The form now shows their changes "
        "together with yours: check it, then save again to apply yours.",
        who,
        rows or ROWS_BELOW_CHANGED,
        ", ".join(label(form, name) for name in mine) or "nothing",
        format_html(
            "Both of you changed {}: the form keeps your version. ",
            ", ".join(label(form, name) for name in both),
        )
        if both
        else "",
    )
    return message, [name for name in theirs if name not in mine]


def version_at(entry, edit_version):
    """The history entry recorded when `entry` was at `edit_version`, if any."""
    for version in Version.objects.get_for_object(entry)[:50]:
        if version.field_dict.get("edit_version") == edit_version:
            return version
    return None


def editor_of(version):
    user = version.revision.user if version is not None else None
    return user.get_username() if user else "Another editor"


def attname(entry, name):
    return entry._meta.get_field(name).attname


def current_value(entry, name):
    field = entry._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(entry, name).values_list("pk", flat=True))
    return getattr(entry, field.attname)


def differs(entry, before, name):
    key = attname(entry, name)
    if key not in before:
        return False
    old = before[key]
    return current_value(entry, name) != (sorted(old) if isinstance(old, list) else old)


def submitted_differs(form, before, name):
    key = attname(form.instance, name)
    if key not in before or name not in form.cleaned_data:
        return False
    value = form.cleaned_data[name]
    old = before[key]
    if isinstance(old, list):
        return sorted(item.pk for item in value or []) != sorted(old)
    if hasattr(value, "pk"):
        value = value.pk
    return same_text(value if value is not None else "") != same_text(
        old if old is not None else ""
    )


def put_value(form, name, value):
    """Put a saved value into the bound form's data, as its widget would submit it. Split
    date-times and pictures stay as the editor left them."""
    submitted = widget_values(form.fields[name].widget, value)
    if submitted is not None:
        form.data.setlist(form.add_prefix(name), submitted)


def label(form, name):
    return str(form.fields[name].label or name).capitalize()


def shown(entry, name):
    """The value now saved, as an editor reads it, shortened."""
    field = entry._meta.get_field(name)
    if field.many_to_many:
        text = ", ".join(str(item) for item in getattr(entry, name).all())
    elif field.choices:
        text = getattr(entry, f"get_{name}_display")()
    else:
        text = str(getattr(entry, name) or "")
    return text if len(text) <= 120 else f"{text[:117]}…"


class ConflictGuardAdmin:
    """A ModelAdmin mixin: change forms carry and check the entry's edit version."""

    form = ConflictGuardForm

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A save of an entry deleted since its form was opened: Django's admin redirects to
        its index, and what the editor typed is gone. Show it back to them instead."""
        if request.method != "POST":
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        labels = {
            field.name: field.verbose_name
            for field in opts.get_fields()
            if field.concrete and not field.is_relation  # words typed, not ids picked
        }
        typed = [
            (str(labels[name]).capitalize(), value)
            for name, value in request.POST.items()
            if name in labels and value.strip()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"This {opts.verbose_name} was deleted",
            "opts": opts,
            "typed": typed,
            "recover_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_recoverlist"),
        }
        template = "admin/catalog/deleted_while_editing.html"
        return TemplateResponse(request, template, context, status=409)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A stale form's rows, merged with what was saved since (`conflict_rows`): its save
        is about to be refused, and the form it goes back to must be safe to save again.
        Rows the editor may only view (a collaboration's shoes) are shown as saved now."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" not in kwargs or obj.pk is None:
            return kwargs
        formset_class = inline.get_formset(request, obj)
        if not formset_class.form.base_fields:
            # Rows with nothing to edit (read-only fields, or no permission to change them):
            # nothing of them is saved, so submit them as they are now, and a row gone since
            # the form was opened cannot block the save.
            kwargs["data"] = rows_as_saved(
                formset_class, kwargs["data"], prefix, obj, kwargs["queryset"]
            )
            return kwargs
        opened_at = submitted_version(request)
        if opened_at in (None, obj.edit_version):
            return kwargs
        merged = merge_rows(
            formset_class,
            kwargs["data"],
            prefix,
            obj,
            kwargs["queryset"],
            version_at(obj, opened_at),
        )
        kwargs["data"] = merged.data
        tell_about_rows(request, inline.verbose_name_plural, merged)
        return kwargs

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any(VERSION_FIELD in flatten(options["fields"]) for _, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]


def submitted_version(request):
    """The edit version a submitted change form was opened at, read as its form reads it."""
    try:
        return forms.IntegerField().clean(request.POST.get(VERSION_FIELD))
    except ValidationError:
        return None


def tell_about_rows(request, rows, merged):
    """What the editor must know of a merge of their rows (`rows`: the inline's name)."""
    if merged.theirs:
        messages.info(
            request,
            f"Another editor changed the {rows} too: the rows now show their changes, except "
            "where you changed the same value.",
        )
    if merged.both_changed:
        messages.warning(
            request,
            f"In the {rows}, you and another editor both changed "
            f"{', '.join(dict.fromkeys(merged.both_changed))}: the form keeps your values.",
        )
    if merged.came_back:
        messages.warning(
            request,
            f"A row you changed in the {rows} was deleted by another editor: it is back as a "
            "new row. Delete it if it should go.",
        )
    if merged.unsure:
        messages.warning(
            request,
            f"This form cannot tell which values in the {rows} you changed: it keeps what you "
            "submitted where it differs from what is saved. Check those rows before saving.",
        )


def flatten(fields):
    return [name for item in fields for name in (item if isinstance(item, tuple) else (item,))]
