from pathlib import PurePosixPath

from django.db import migrations

import catalog.images

# Renditions written by the hand-made code before django-imagekit, named after the file's
# base name only (so `kayano.jpg` and `kayano.png` shared them).
OLD_RENDITION_WIDTHS = (400, 800, 1200)


def renditions_from_imagekit(apps, schema_editor):
    """Write the imagekit renditions of every stored picture and delete the old ones."""
    Shoe = apps.get_model("catalog", "Shoe")
    storage = Shoe._meta.get_field("picture").storage
    for name in Shoe.objects.exclude(picture="").values_list("picture", flat=True).iterator():
        stem = PurePosixPath(name).stem
        for width in OLD_RENDITION_WIDTHS:
            storage.delete(f"shoes/renditions/{stem}-{width}w.webp")
        if storage.exists(name):
            catalog.images.write_renditions(storage, name)


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0008_redirects'),
    ]

    operations = [
        migrations.AlterField(
            model_name='shoe',
            name='picture',
            field=catalog.images.PictureField(blank=True, help_text='JPEG, PNG or WebP, at most 5 MB, at least 600 px wide and at most 40 megapixels. Metadata such as EXIF is removed on upload.', upload_to='shoes/', validators=[catalog.images.validate_picture]),
        ),
        migrations.RunPython(renditions_from_imagekit, migrations.RunPython.noop),
    ]
