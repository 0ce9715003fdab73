"""
The editors' CSV/JSON import and export in the admin (django-import-export), with what the
library leaves to each site:

- A file is checked before any row is: at most 1 MB and 500 rows (a bigger preview outlasts
  the worker timeout), every column one the import reads, and a slug column.
- The previewed file waits for its confirm in `PendingImportStorage` (the media storage,
  shared by every app server), and the confirm form names it only through a reference signed
  for the editor who previewed it: a client can name no other file.
- The confirm imports the file again, all rows or none, and only onto the entries the
  preview showed: if another editor saved one of the file's entries since, or made an entry
  with one of its slugs, nothing is written over it, and the editor is asked to preview the
  file again. Saves elsewhere in the catalog do not stop it.
- CSV cells a spreadsheet would run as a formula are exported behind a quote and read back
  as typed; JSON stays as typed.
- A JSON file's objects are read by their keys, and must all have the same keys.
- Importing needs the add and change permissions, exporting the view permission.

The resources (columns, relations by slug, row checks) are in `catalog/resources.py`.
"""

import json
import math
import re
from datetime import timedelta

import tablib
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.tmp_storages import MediaStorage

from .resources import quoted

MAX_IMPORT_BYTES = 1024 * 1024
# A 2,001-row preview took 37 s on the development machine, past gunicorn's 30 s timeout;
# 500 rows take about 6 s, and the confirm as long again.
MAX_IMPORT_ROWS = 500
PENDING_LIFETIME = timedelta(days=1)
UPLOAD_AGAIN = "This preview has expired or is not yours: upload the file again."
CHANGED_SINCE_PREVIEW = (
    "Nothing was imported: {} changed after your preview (another editor saved it), and the "
    "import would have written over it. Upload the file again to preview it as it is now."
)

# What a spreadsheet runs as a formula: =, +, -, @, tab or carriage return first. Quotes
# already in front count, so that quoting and unquoting give back exactly what was typed.
FORMULA = re.compile(r"'*[=+\-@\t\r]")


def quote_formula(value):
    return f"'{value}" if isinstance(value, str) and FORMULA.match(value) else value


def unquote_formula(value):
    if isinstance(value, str) and value.startswith("'") and FORMULA.match(value, 1):
        return value[1:]
    return value


def map_cells(dataset, function):
    mapped = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        mapped.append([function(cell) for cell in row])
    return mapped


class SpreadsheetCSV(CSV):
    """
    CSV that is safe to open in a spreadsheet (CSV injection): a cell such as
    `=HYPERLINK(...)` is exported as `'=HYPERLINK(...)`, and read back without the quote.
    The library's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only deletes a leading "=" (in
    JSON too), which loses what was typed and still lets +, - and @ through.
    """

    def export_data(self, dataset, **kwargs):
        return super().export_data(map_cells(dataset, quote_formula), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return map_cells(super().create_dataset(in_stream, **kwargs), unquote_formula)


class UnreadableImport(ValueError):
    """A file that parses but is not laid out as an import: its message is the editor's."""


class KeyedJSON(JSON):
    """
    JSON read by each object's keys. tablib takes the first object's keys as the columns and
    every other object's values in the order they come, so an object listing its keys in
    another order (JSON gives them none) would put values in other columns, and a key only
    a later object has would be read as whichever column stands in its place.
    """

    def create_dataset(self, in_stream, **kwargs):
        entries = json.loads(in_stream)
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise UnreadableImport(
                "A JSON import is a list of objects, one per entry, as an export writes it."
            )
        columns = list(entries[0]) if entries else []
        dataset = tablib.Dataset(headers=columns)
        for number, entry in enumerate(entries, start=1):
            # An absent key would empty that field of an entry the object updates.
            extra = [key for key in entry if key not in columns]
            missing = [column for column in columns if column not in entry]
            if extra or missing:
                differences = [
                    *(f"has {key}" for key in extra),
                    *(f"has no {key}" for key in missing),
                ]
                raise UnreadableImport(
                    f"Object {number} {' and '.join(differences)}, unlike object 1: every "
                    "object needs the same keys."
                )
            dataset.append([entry[column] for column in columns])
        return dataset


class PendingImportStorage(MediaStorage):
    """
    The library's MediaStorage (STORAGES["import_export"], else the default storage), so a
    confirm can reach any app server. Saving one file removes those left unconfirmed for
    longer than PENDING_LIFETIME.
    """

    def save(self, data):
        super().save(data)
        self.remove_stale()

    def remove_stale(self):
        storage, folder = self._storage, self.MEDIA_FOLDER
        try:
            names = storage.listdir(folder)[1]
        except FileNotFoundError:
            return
        cutoff = timezone.now() - PENDING_LIFETIME
        for name in names:
            path = f"{folder}/{name}"
            try:
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
            except FileNotFoundError:
                pass  # another server removed it first


def kilobytes(size):
    return f"{math.ceil(size / 1024):,} KB"


def pending_signer(request):
    return signing.TimestampSigner(salt=f"catalog.importing.pending:{request.user.pk}")


class LimitedImportForm(ImportForm):
    """The upload form: refuses a file too big, too long, or with columns it cannot read."""

    def __init__(self, formats, resources, encoding="utf-8-sig", **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.format_classes = formats
        self.resource_classes = resources
        self.encoding = encoding

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"The file is {kilobytes(upload.size)}; an import may be at most "
                f"{kilobytes(MAX_IMPORT_BYTES)}. Split it into smaller files."
            )
        return upload

    def clean(self):
        cleaned_data = super().clean()
        upload, chosen = cleaned_data.get("import_file"), cleaned_data.get("format")
        if upload is None or not chosen:
            return cleaned_data
        file_format = self.format_classes[int(chosen)](encoding=self.encoding)
        try:
            dataset = file_format.create_dataset(upload.read())
        except UnreadableImport as error:
            self.add_error("import_file", str(error))
            return cleaned_data
        except Exception:  # tablib raises whatever its parser raises
            self.add_error(
                "import_file",
                f"The file cannot be read as {file_format.get_title().upper()}: "
                "check the format chosen, and that the file is saved as UTF-8.",
            )
            return cleaned_data
        finally:
            upload.seek(0)
        for problem in self.problems(dataset, cleaned_data.get("resource")):
            self.add_error("import_file", problem)
        return cleaned_data

    def problems(self, dataset, chosen_resource):
        if len(dataset) > MAX_IMPORT_ROWS:
            yield (
                f"The file has {len(dataset)} rows; an import may have at most "
                f"{MAX_IMPORT_ROWS}. Split it into smaller files."
            )
        headers = [str(header or "").strip() for header in dataset.headers or []]
        if not headers:
            return  # the admin says there is nothing to import
        resource = self.resource_classes[int(chosen_resource or 0)]()
        columns = [field.column_name for field in resource.fields.values()]
        unknown = [header or "(a column without a name)" for header in headers]
        unknown = [header for header in dict.fromkeys(unknown) if header not in columns]
        if unknown:
            yield (
                f"Unknown columns: {', '.join(unknown)}. "
                f"The columns this import reads are: {', '.join(columns)}."
            )
        twice = [header for header in dict.fromkeys(headers) if headers.count(header) > 1]
        if twice:
            yield f"Columns given twice: {', '.join(twice)}."
        for name in resource.get_import_id_fields():
            if resource.fields[name].column_name not in headers:
                yield f"The file has no {name} column: rows are matched on their {name}."


class SignedConfirmImportForm(ConfirmImportForm):
    """
    The confirm form. Its one trusted value is a signed reference to the previewed file
    and how to read it; the other hidden fields are overwritten from it.
    """

    def __init__(self, *args, signer, **kwargs):
        super().__init__(*args, **kwargs)
        self.signer = signer

    def clean_import_file_name(self):
        try:
            return self.signer.unsign_object(
                self.cleaned_data["import_file_name"], max_age=PENDING_LIFETIME
            )
        except signing.BadSignature:
            raise ValidationError(UPLOAD_AGAIN, code="invalid") from None

    def clean(self):
        cleaned_data = super().clean()
        pending = cleaned_data.get("import_file_name")
        if pending is not None:
            cleaned_data.update(pending)
        return cleaned_data


def file_slugs(dataset):
    """The slugs of a previewed file's rows (a preview without a slug column fails)."""
    return [str(slug).strip() for slug in dataset["slug"]] if "slug" in dataset.headers else []


def edit_versions(model, slugs):
    """{slug: the entry's edit version, or None while no entry has the slug}."""
    saved = dict(model.objects.filter(slug__in=slugs).values_list("slug", "edit_version"))
    return {slug: saved.get(slug) for slug in slugs}


class EditorImportExportMixin(ImportExportMixin):
    """ImportExportMixin with the limits, the signed pending file and the all-or-none confirm."""

    formats = (SpreadsheetCSV, KeyedJSON)
    import_form_class = LimitedImportForm
    confirm_form_class = SignedConfirmImportForm

    def has_import_permission(self, request):
        # An import adds entries and changes others.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_form_kwargs(self, request):
        return {**super().get_import_form_kwargs(request), "encoding": self.from_encoding}

    def get_confirm_form_kwargs(self, request, import_form=None):
        kwargs = super().get_confirm_form_kwargs(request, import_form)
        return {**kwargs, "signer": pending_signer(request)}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            # What the preview showed: the file's entries at these edit versions.
            slugs = file_slugs(self.read_pending(initial))
            previewed = {**initial, "entries": edit_versions(self.model, slugs)}
            initial["import_file_name"] = pending_signer(request).sign_object(previewed)
        return initial

    def read_pending(self, pending):
        """The previewed file's rows (OSError once it is gone)."""
        input_format = self.get_import_formats()[int(pending["format"])](
            encoding=self.from_encoding
        )
        return input_format.create_dataset(self.pending_file(pending["import_file_name"]).read())

    def pending_file(self, name):
        storage_class = self.get_tmp_storage_class()
        return storage_class(name=name, **self.get_tmp_storage_class_kwargs())

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        # A preview with errors is never confirmed: its pending file goes at once.
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        upload = getattr(form, "cleaned_data", {}).get("import_file")
        name = getattr(upload, "tmp_storage_name", None)
        if name and "confirm_form" not in context:
            self.pending_file(name).remove()
        return response

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return self.import_again(request, UPLOAD_AGAIN)
        pending = confirm_form.cleaned_data
        pending_file = self.pending_file(pending["import_file_name"])
        try:
            dataset = self.read_pending(pending)
        except OSError:  # confirmed already, or removed as stale
            return self.import_again(request, UPLOAD_AGAIN)
        previewed = pending.get("entries")
        if previewed is None:  # previewed before the confirm checked entries: no telling
            pending_file.remove()
            return self.import_again(request, UPLOAD_AGAIN)
        changed = [
            slug
            for slug, version in edit_versions(self.model, list(previewed)).items()
            if version != previewed[slug]
        ]
        if changed:
            pending_file.remove()
            return self.import_again(request, CHANGED_SINCE_PREVIEW.format(quoted(changed)))
        result = self.process_dataset(dataset, confirm_form, request, **kwargs)
        pending_file.remove()
        if result.has_errors() or result.has_validation_errors():
            return self.import_again(
                request,
                "Nothing was imported: the rows below fail now, as the catalog changed since "
                "the preview. Correct the file and upload it again.",
                result,
            )
        return self.process_result(result, request)

    def import_again(self, request, message, result=None):
        """The upload form again, with `message` and the failed confirm's rows, if any."""
        messages.error(request, message)
        resource_classes = self.get_import_resource_classes(request)
        form = self.get_import_form_class(request)(
            self.get_import_formats(), resource_classes, encoding=self.from_encoding
        )
        resources = [
            resource_class(**self.get_import_resource_kwargs(request))
            for resource_class in resource_classes
        ]
        context = {
            **self.admin_site.each_context(request),
            **self.get_import_context_data(),
            "title": "Import",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "result": result,
            "import_error_display": self.import_error_display,
            "fields_list": [
                (
                    resource.get_display_name(),
                    [field.column_name for field in resource.get_user_visible_fields()],
                )
                for resource in resources
            ],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)
