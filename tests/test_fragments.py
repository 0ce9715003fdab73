"""
Stored cards: a card is rendered once per version of what it shows, never shown stale, and
an edit to one entry re-renders that entry's card only.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from catalog.models import Status

from .factories import CollaborationFactory, PartnerFactory, ShoeFactory

pytestmark = pytest.mark.django_db


def cards_rendered(response, kind="shoe"):
    return [t.name for t in response.templates].count(f"includes/{kind}_card.html")


def list_page(admin_client):
    """The shoe list as an editor sees it: never answered by the page cache."""
    response = admin_client.get("/shoes/")
    assert response.status_code == 200
    return response


def test_cards_are_rendered_once_and_an_edit_re_renders_only_its_own(admin_client):
    first, second = ShoeFactory(name="First pair"), ShoeFactory(name="Second pair")
    assert cards_rendered(list_page(admin_client)) == 2
    assert cards_rendered(list_page(admin_client)) == 0
    first.name = "First pair, renamed"
    first.save()
    response = list_page(admin_client)
    assert cards_rendered(response) == 1
    html = response.content.decode()
    assert "First pair, renamed" in html
    assert second.name in html


def test_a_renamed_partner_shows_on_its_shoes_cards(admin_client, committed):
    partner = PartnerFactory(name="Old name")
    ShoeFactory(collaboration=CollaborationFactory(partner=partner))
    assert "Old name" in list_page(admin_client).content.decode()
    with committed():
        partner.name = "New name"
        partner.save()
    html = list_page(admin_client).content.decode()
    assert "New name" in html
    assert "Old name" not in html


def test_a_partner_taken_private_leaves_its_shoes_cards(admin_client, committed):
    partner = PartnerFactory(name="Quiet partner")
    ShoeFactory(collaboration=CollaborationFactory(partner=partner))
    assert "Quiet partner" in list_page(admin_client).content.decode()
    with committed():
        partner.status = Status.DRAFT
        partner.save()
    assert "Quiet partner" not in list_page(admin_client).content.decode()


def test_a_partner_scheduled_for_later_appears_on_cards_when_its_time_comes(admin_client):
    launch = timezone.now() + datetime.timedelta(hours=1)
    partner = PartnerFactory(name="Scheduled partner", publish_at=launch)
    ShoeFactory(collaboration=CollaborationFactory(partner=partner))
    assert "Scheduled partner" not in list_page(admin_client).content.decode()
    with time_machine.travel(launch + datetime.timedelta(minutes=1)):
        assert "Scheduled partner" in list_page(admin_client).content.decode()


def test_a_new_release_of_the_code_renders_cards_afresh(admin_client, settings):
    ShoeFactory()
    list_page(admin_client)
    settings.RELEASE = "next-release"
    assert cards_rendered(list_page(admin_client)) == 1
