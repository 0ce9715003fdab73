"""History compares any two versions of an entry, field by field, before a restore."""

import re

import pytest
from django.urls import reverse
from reversion.models import Version

from catalog.models import Shoe

from .admin_forms import shoe_form

pytestmark = pytest.mark.django_db


def test_history_shows_what_changed_between_two_versions(admin_client):
    admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(summary="The first words."))
    shoe = Shoe.objects.get(slug="kith-cream-antler")
    change = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    admin_client.post(change, shoe_form(summary="The second words."))
    first, second = sorted(Version.objects.get_for_object(shoe).values_list("pk", flat=True))

    history = admin_client.get(reverse("admin:catalog_shoe_history", args=[shoe.pk]))
    assert history.status_code == 200
    assert 'name="version_id1"' in history.content.decode()

    compare = admin_client.get(
        reverse("admin:catalog_shoe_compare", args=[shoe.pk]),
        {"version_id1": first, "version_id2": second},
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    summary = re.search(r"<h3>summary</h3>.*?</pre>", html, re.S).group(0)
    assert "<del>- The first words.</del>" in summary
    assert "<ins>+ The second words.</ins>" in summary
    assert "<h3>style code</h3>" not in html  # unchanged fields are not listed
