"""What an editor sees and saves in /admin/."""

import pytest
from django.urls import reverse

from catalog.models import Shoe, Status

from .admin_forms import price_rows, shoe_form
from .factories import (
    CollaborationFactory,
    MilestoneFactory,
    PartnerFactory,
    ShoeFactory,
    TechnologyFactory,
    TrendNoteFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["shoe", "collaboration", "partner", "trendnote", "milestone", "technology"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_loads_for_a_superuser(admin_client, model):
    ShoeFactory(collaboration=CollaborationFactory())
    TrendNoteFactory()
    MilestoneFactory()
    TechnologyFactory()
    response = admin_client.get(reverse(f"admin:catalog_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_add_page_loads_for_a_superuser(admin_client, model):
    response = admin_client.get(reverse(f"admin:catalog_{model}_add"))
    assert response.status_code == 200
    assert b'name="slug"' in response.content


def test_changelist_search_finds_a_shoe_by_colorway(admin_client):
    ShoeFactory(colorway="Cream/Scarab")
    ShoeFactory(colorway="White/Navy")
    response = admin_client.get(reverse("admin:catalog_shoe_changelist"), {"q": "scarab"})
    assert b"Cream/Scarab" in response.content
    assert b"White/Navy" not in response.content


def test_shoe_is_created_through_the_add_form(admin_client):
    response = admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form())
    assert response.status_code == 302
    shoe = Shoe.objects.get(slug="kith-cream-antler")
    assert shoe.colorway == "Cream/Antler"
    assert shoe.date_display == "June 2023"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (price_rows({"amount": "-10"}), "A price cannot be negative."),
        (price_rows({"observed_on": "1980-06-01"}), "before 1993"),
        ({"release_date": "1980-06-01"}, "before 1993"),
        ({"palette": "#ffffff"}, "two to four colours"),
    ],
)
def test_invalid_input_is_rejected_with_a_message(admin_client, overrides, message):
    response = admin_client.post(reverse("admin:catalog_shoe_add"), shoe_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Shoe.objects.exists()


def test_duplicate_style_code_is_rejected_with_a_message(admin_client):
    ShoeFactory(style_code="1201A161-100")
    response = admin_client.post(
        reverse("admin:catalog_shoe_add"), shoe_form(style_code="1201A161-100")
    )
    assert "Another shoe already has this style code." in response.content.decode()
    assert Shoe.objects.count() == 1


def test_collaboration_autocomplete_finds_by_title(admin_client):
    CollaborationFactory(title="Vintage Tech 2023", partner=PartnerFactory(name="Kith"))
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "vintage",
            "app_label": "catalog",
            "model_name": "shoe",
            "field_name": "collaboration",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Vintage Tech 2023"]


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:catalog_shoe_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_bulk_publish_and_unpublish_actions(admin_client, client, committed):
    drafts = ShoeFactory.create_batch(2, status=Status.DRAFT)
    url = reverse("admin:catalog_shoe_changelist")
    selected = [shoe.pk for shoe in drafts]
    with committed():
        response = admin_client.post(
            url, {"action": "publish", "_selected_action": selected}, follow=True
        )
    assert "Published 2 entries." in response.content.decode()
    assert client.get(drafts[0].get_absolute_url()).status_code == 200
    with committed():
        admin_client.post(url, {"action": "unpublish", "_selected_action": selected})
    assert client.get(drafts[0].get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_banner_and_visitors_get_404(admin_client, client):
    draft = ShoeFactory(name="Secret sample", status=Status.DRAFT)
    preview = admin_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Preview" in preview.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
