"""
The rows below a change form (an entry's citations and price history), when two editors
edit them at once.

Each row's form carries every value as it was when the form was opened, in hidden
`initial-…` inputs (`RowForm`). So a save writes only the rows this editor changed since,
never a copy of a row another editor has changed meanwhile; and when a stale save is refused
(`conflicts.py`), each value of each row can be merged three ways, from the value as opened,
as this editor submitted it, and as it is saved now:

- a value this editor left alone shows what is saved now;
- a value this editor changed keeps their version, even where the other editor changed it
  too (the editor is told which);
- a row this editor left alone goes if the other editor deleted it; one they changed comes
  back as a new row, and the editor is told;
- rows the other editor added are shown, and this editor's new rows stay new.

A form opened before rows carried their opened values falls back on the entry's history
(the version the form was opened at); where neither says, the submitted value is kept, and
the editor is asked to check it.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, TOTAL_FORM_COUNT

from .history import recorded_rows

UNKNOWN = object()
"""The value a row had when its form was opened, when nothing records it."""


class RowForm(forms.ModelForm):
    """An inline row that submits its opened values along with the values shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row_field in self.fields.values():
            row_field.show_hidden_initial = True


@dataclass
class Merged:
    """Submitted data with one formset's rows merged, and what the editor should be told."""

    data: object
    both_changed: list[str] = field(default_factory=list)
    """Labels of values both editors changed (this editor's are kept)."""
    theirs: bool = False
    """The other editor changed, added or deleted rows."""
    came_back: bool = False
    """A row this editor changed had been deleted: it is a new row now."""
    unsure: bool = False
    """Some submitted values could not be compared with the row as opened."""


def widget_values(widget, value):
    """What `widget` submits for `value`, as a list of strings (an unticked box submits
    none), or None for what cannot be written back: split date-times and files."""
    if isinstance(widget, forms.MultiWidget | forms.FileInput):
        return None
    if isinstance(widget, forms.CheckboxInput):
        return ["on"] if value else []
    if isinstance(value, list):
        return [str(item) for item in value]
    return ["" if value is None else str(value)]


def same_text(value):
    """Browsers submit line breaks as CRLF; stored text may hold LF. Neither is a change."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def differs(form_field, initial, submitted):
    return form_field.has_changed(same_text(initial), same_text(submitted))


def merge_rows(formset_class, data, prefix, entry, queryset, opened):
    """
    `data` (a submitted change form) with the rows of its formset at `prefix` merged as the
    module says. `opened` is the entry's history version the form was opened at, if known.
    A formset whose management form is missing or over its limit is left for the formset's
    own validation to refuse.
    """
    submitted = formset_class(data=data, prefix=prefix, instance=entry, queryset=queryset)
    management = submitted.management_form
    if not management.is_valid() or management.cleaned_data[TOTAL_FORM_COUNT] > submitted.max_num:
        return Merged(data)
    pk_name = submitted.model._meta.pk.name
    saved = formset_class(prefix=prefix, instance=entry, queryset=queryset)
    saved_rows = {str(form.instance.pk): form for form in saved.initial_forms}
    history = {
        str(row.object_id): row.field_dict
        for row in (recorded_rows(opened, entry) if opened is not None else [])
        if row._model is submitted.model
    }
    merged = Merged(data)
    # A new row is new since the form was opened: its opened values are a blank row's.
    blank = saved_row(saved.empty_form)[1]
    kept, added, seen = [], [], set()
    for form in submitted.forms:
        pk = str(form[pk_name].data or "")
        seen.add(pk)
        deleting = DELETION_FIELD_NAME in form.fields and bool(form[DELETION_FIELD_NAME].data)
        now = saved_rows.get(pk)
        if not pk:
            added.append((posted_values(data, form.prefix), blank))
        elif now is not None:
            kept.append(merged_row(data, form, now, history.get(pk), deleting, merged))
        elif not deleting:  # deleted by the other editor
            merged.theirs = True
            mine = [
                mine_changed(form, name, opened_value(data, form, name, history.get(pk)))
                for name in compared(form)
            ]
            if any(changed is not False for changed in mine):
                visible = posted_values(data, form.prefix)
                visible.pop(pk_name, None)
                added.append((visible, blank))
                merged.came_back = True
    theirs_added = [saved_row(form) for pk, form in saved_rows.items() if pk not in seen]
    merged.theirs = merged.theirs or bool(theirs_added)
    kept += theirs_added
    merged.data = rebuilt(data, prefix, kept, added)
    return merged


def rows_as_saved(formset_class, data, prefix, entry, queryset):
    """`data` with the formset's rows replaced by the rows as saved now."""
    saved = formset_class(prefix=prefix, instance=entry, queryset=queryset)
    return rebuilt(data, prefix, [saved_row(form) for form in saved.initial_forms], [])


def compared(form):
    """The names of a row's own values (not its id or its deletion box)."""
    pk_name = form._meta.model._meta.pk.name
    return [name for name in form.fields if name not in (pk_name, DELETION_FIELD_NAME)]


def opened_value(data, form, name, history_row):
    """A row's value when its form was opened: its hidden initial input, else the history."""
    hidden = form.add_initial_prefix(name)
    form_field = form.fields[name]
    if hidden in data:
        try:
            return form_field.to_python(data.get(hidden))
        except ValidationError:
            return UNKNOWN
    if history_row is not None:
        return history_row.get(form._meta.model._meta.get_field(name).attname, UNKNOWN)
    return UNKNOWN


def mine_changed(form, name, opened):
    """Whether this editor changed the value since opening the form (None: cannot tell)."""
    if opened is UNKNOWN:
        return None
    return differs(form.fields[name], opened, form[name].data)


def merged_row(data, form, now, history_row, deleting, merged):
    """An existing row: this editor's changed values over the values saved now. Returns its
    (visible, opened) values, where opened is what is saved now: saving again then writes
    the row only if this editor's values differ from it."""
    visible, opened = saved_row(now)
    if deleting:
        visible[DELETION_FIELD_NAME] = ["on"]
    for name in compared(form):
        form_field = form.fields[name]
        mine = form[name].data
        now_value = now[name].value()
        as_opened = opened_value(data, form, name, history_row)
        changed = mine_changed(form, name, as_opened)
        if changed is None:
            changed = differs(form_field, now_value, mine)
            merged.unsure = merged.unsure or changed
        else:
            theirs = differs(form_field, now_value, prepared(form_field, as_opened))
            merged.theirs = merged.theirs or theirs
            if changed and theirs and differs(form_field, now_value, mine):
                merged.both_changed.append(str(form_field.label or name))
        if changed:
            visible[name] = data.getlist(form.add_prefix(name))
    return visible, opened


def prepared(form_field, value):
    """A value as its widget would submit it, for comparing with a saved value."""
    submitted = widget_values(form_field.widget, form_field.prepare_value(value))
    return submitted[0] if submitted else ""


def posted_values(data, form_prefix):
    """A row's submitted values by field name."""
    start = f"{form_prefix}-"
    return {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}


def saved_row(form):
    """A row as saved now, as its form (unbound, showing the saved row) would submit it:
    (visible, opened) values by field name."""
    visible, opened = {}, {}
    for name, form_field in form.fields.items():
        submitted = widget_values(form_field.widget, form[name].value())
        if submitted is None:
            continue
        visible[name] = submitted
        if form_field.show_hidden_initial:
            opened[name] = submitted
    return visible, opened


def rebuilt(data, prefix, kept, added):
    """`data` with the formset's rows replaced: the saved rows first, as a formset needs."""
    result = data.copy()
    row_key = re.compile(rf"(initial-)?{re.escape(prefix)}-\d+-")
    for key in [key for key in result if row_key.match(key)]:
        del result[key]
    for index, (visible, opened) in enumerate(kept + added):
        for name, submitted in visible.items():
            result.setlist(f"{prefix}-{index}-{name}", submitted)
        for name, submitted in opened.items():
            result.setlist(f"initial-{prefix}-{index}-{name}", submitted)
    result[f"{prefix}-TOTAL_FORMS"] = str(len(kept) + len(added))
    result[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return result
