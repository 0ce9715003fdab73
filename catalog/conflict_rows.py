"""
The rows below a stale change form (an entry's citations and price history), brought up to
date when its save is refused.

A refused form goes back to its editor to review and save again (`conflicts.py`). Its own
fields then carry the other editor's changes; its rows must too, or saving again would write
the old rows back over the other editor's work, or fail on a row they deleted. Each row is
merged from three copies: as the form was opened (the entry's history), as this editor
submitted it, and as it is saved now.

- A row this editor left alone shows what is saved now, or goes if it was deleted.
- A row this editor changed, or marked for deletion, keeps their version. If the other
  editor deleted it, it comes back as a new row, and the editor is told.
- A row the other editor added is shown, and a new row of this editor's stays new.
"""

import re

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME

from .history import recorded_rows


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


def merge_rows(formset_class, data, prefix, entry, queryset, opened):
    """
    `data` (a submitted change form) with the rows of its formset at `prefix` merged as the
    module says, and whether a row this editor changed had been deleted by the other editor.
    `opened` is the entry's history version the form was opened at, or None if unknown (then
    every submitted row counts as changed by this editor, so none of their work is lost).
    """
    submitted = formset_class(data=data, prefix=prefix, instance=entry, queryset=queryset)
    if not submitted.management_form.is_valid():
        return data, False
    pk_name = submitted.model._meta.pk.name
    saved = formset_class(prefix=prefix, instance=entry, queryset=queryset)
    saved_rows = {str(form.instance.pk): form for form in saved.initial_forms}
    opened_rows = {
        str(row.object_id): row.field_dict
        for row in (recorded_rows(opened, entry) if opened is not None else [])
        if row._model is submitted.model
    }
    kept, added, seen, lost = [], [], set(), False
    for form in submitted.forms:
        pk = form[pk_name].data or ""
        values = posted_values(data, form.prefix)
        deleting = DELETION_FIELD_NAME in form.fields and bool(form[DELETION_FIELD_NAME].data)
        now = saved_rows.get(str(pk))
        seen.add(str(pk))
        if not pk:
            added.append(values)
        elif not deleting and not changed(form, opened_rows.get(str(pk)), pk_name):
            if now is not None:
                kept.append(saved_values(now))
        elif now is not None:
            kept.append(values)
        elif not deleting:
            added.append({name: value for name, value in values.items() if name != pk_name})
            lost = True
    kept += [saved_values(form) for pk, form in saved_rows.items() if pk not in seen]
    return rebuilt(data, prefix, kept, added), lost


def changed(form, opened_row, pk_name):
    """Whether the submitted row differs from the row as its form was opened."""
    if opened_row is None:
        return True
    model = form._meta.model
    for name, field in form.fields.items():
        if name in (pk_name, DELETION_FIELD_NAME):
            continue
        attname = model._meta.get_field(name).attname
        if field.has_changed(opened_row.get(attname), form[name].data):
            return True
    return False


def posted_values(data, form_prefix):
    """The submitted values of one row, by field name."""
    start = f"{form_prefix}-"
    return {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}


def saved_values(form):
    """A row as saved now, as its form (unbound, showing the saved row) would submit it."""
    values = {}
    for name, field in form.fields.items():
        submitted = widget_values(field.widget, form[name].value())
        if submitted is not None:
            values[name] = submitted
    return values


def rebuilt(data, prefix, kept, added):
    """`data` with the formset's rows replaced: the saved rows first, as a formset needs."""
    merged = data.copy()
    row_key = re.compile(rf"{re.escape(prefix)}-\d+-")
    for key in [key for key in merged if row_key.match(key)]:
        del merged[key]
    for index, values in enumerate(kept + added):
        for name, submitted in values.items():
            merged.setlist(f"{prefix}-{index}-{name}", submitted)
    merged[f"{prefix}-TOTAL_FORMS"] = str(len(kept) + len(added))
    merged[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    return merged
