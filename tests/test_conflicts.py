"""Two editors save the same entry: the second save, made from a stale form, is refused."""

import io
import re
from decimal import Decimal

import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import Partner, Shoe, Status

from .admin_forms import CITATIONS, PRICES, posted_back, price_rows, shoe_form
from .factories import CollaborationFactory, ShoeFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shoe(editors):
    editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form())
    return Shoe.objects.get(slug="kith-cream-antler")


def opened_version(client, url):
    """Open the change form as an editor does; the version it was opened at."""
    html = client.get(url).content.decode()
    return re.search(r'name="opened_version" value="(\d+)"', html).group(1)


def save(client, url, opened, **changes):
    return client.post(url, {**shoe_form(**changes), "opened_version": opened})


def test_a_save_from_a_stale_form_is_refused_and_says_what_changed(editors, shoe):
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim_opened = opened_version(editors["kim"], url)
    noor_opened = opened_version(editors["noor"], url)
    assert save(editors["noor"], url, noor_opened, summary="Noor's summary.").status_code == 302

    response = save(editors["kim"], url, kim_opened, designer="Kim's designer")

    assert response.status_code == 200
    html = response.content.decode()
    assert "noor saved this entry after you opened it" in html
    assert "Summary: now “Noor&#x27;s summary.”" in html
    assert "You changed: Designer" in html
    shoe.refresh_from_db()
    assert (shoe.summary, shoe.designer) == ("Noor's summary.", "")


def test_the_refused_form_carries_both_changes_and_saves_on_review(editors, shoe):
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim_opened = opened_version(editors["kim"], url)
    save(editors["noor"], url, opened_version(editors["noor"], url), summary="Noor's summary.")
    refused = save(editors["kim"], url, kim_opened, designer="Kim's designer").content.decode()

    # The form comes back with Noor's summary, Kim's designer and today's version.
    assert "Noor&#x27;s summary.</textarea>" in refused or 'value="Noor&#x27;s summary."' in refused
    assert 'value="Kim&#x27;s designer"' in refused
    reopened = re.search(r'name="opened_version" value="(\d+)"', refused).group(1)
    assert reopened != kim_opened

    again = save(
        editors["kim"], url, reopened, summary="Noor's summary.", designer="Kim's designer"
    )
    assert again.status_code == 302
    shoe.refresh_from_db()
    assert (shoe.summary, shoe.designer) == ("Noor's summary.", "Kim's designer")


def test_when_both_change_one_field_the_editor_is_told(editors, shoe):
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim_opened = opened_version(editors["kim"], url)
    save(editors["noor"], url, opened_version(editors["noor"], url), summary="Noor's words.")
    html = save(editors["kim"], url, kim_opened, summary="Kim's words.").content.decode()
    assert "Both of you changed Summary: the form keeps your version." in html
    assert Shoe.objects.get(pk=shoe.pk).summary == "Noor's words."


def test_a_fresh_form_saves_as_usual(editors, shoe):
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    opened = opened_version(editors["kim"], url)
    assert save(editors["kim"], url, opened, designer="Hidenori Yamashita").status_code == 302
    assert save(editors["kim"], url, opened, designer="Someone else").status_code == 200


def test_every_content_model_guards_its_change_form(editors):
    partner = Partner.objects.create(name="Studio", slug="studio", kind="studio", bio="b")
    url = reverse("admin:catalog_partner_change", args=[partner.pk])
    html = editors["kim"].get(url).content.decode()
    assert 'name="opened_version" value="1"' in html
    for model in ("collaboration", "trendnote", "milestone", "technology", "source"):
        html = editors["kim"].get(reverse(f"admin:catalog_{model}_add")).content.decode()
        assert 'name="opened_version"' in html, model


def test_a_refusal_after_the_other_editor_changed_only_rows_below_says_so(editors, shoe):
    """The other editor added a price: nothing in the form's own fields changed, but the
    rows below it did, and this form still shows them as they were."""
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim_opened = opened_version(editors["kim"], url)
    noor_opened = opened_version(editors["noor"], url)
    noor_form = {**shoe_form(**price_rows({"amount": "200"})), "opened_version": noor_opened}
    assert editors["noor"].post(url, noor_form).status_code == 302

    response = save(editors["kim"], url, kim_opened, designer="Kim's designer")

    assert response.status_code == 200
    html = response.content.decode()
    assert "nothing in this form" not in html
    assert "its price history or citations" in html
    assert shoe.price_points.get().amount == 200


def test_a_refused_save_with_a_new_picture_asks_for_the_picture_again(editors, shoe):
    """A browser never sends a chosen file twice: the refused form cannot keep it."""
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim_opened = opened_version(editors["kim"], url)
    noor_opened = opened_version(editors["noor"], url)
    assert save(editors["noor"], url, noor_opened, summary="Noor's summary.").status_code == 302
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 30, 40)).save(buffer, "JPEG")
    picture = SimpleUploadedFile("side.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = save(editors["kim"], url, kim_opened, picture=picture, picture_alt="Side view.")

    assert response.status_code == 200
    assert "Choose the picture again" in response.content.decode()
    shoe.refresh_from_db()
    assert not shoe.picture


def test_a_collaboration_form_never_writes_its_shoes_back(editors):
    """Its shoes are listed, not edited, on the collaboration's form: a form left open while
    another editor renamed and unpublished one of them cannot put the old copy back."""
    collaboration = CollaborationFactory(slug="kith")
    shoe = ShoeFactory(collaboration=collaboration, name="Original name", slug="kith-pair")
    url = reverse("admin:catalog_collaboration_change", args=[collaboration.pk])
    opened = opened_version(editors["kim"], url)
    Shoe.objects.filter(pk=shoe.pk).update(name="Noor's name", status=Status.DRAFT)
    prices = "catalog-pricepoint-content_type-object_id"
    citations = "catalog-citation-content_type-object_id"
    stale = {
        "title": collaboration.title,
        "partner": collaboration.partner.pk,
        "kind": "collaboration",
        "summary": "Kim's summary.",
        "story": "",
        "release_date": "2022-08-01",
        "date_precision": "month",
        "slug": "kith",
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "opened_version": opened,
        # The shoe row as the form showed it when Kim opened it.
        "shoes-TOTAL_FORMS": "1",
        "shoes-INITIAL_FORMS": "1",
        "shoes-0-id": str(shoe.pk),
        "shoes-0-collaboration": str(collaboration.pk),
        "shoes-0-name": "Original name",
        "shoes-0-colorway": shoe.colorway,
        "shoes-0-kind": shoe.kind,
        "shoes-0-status": "published",
        f"{prices}-TOTAL_FORMS": "0",
        f"{prices}-INITIAL_FORMS": "0",
        f"{citations}-TOTAL_FORMS": "0",
        f"{citations}-INITIAL_FORMS": "0",
    }

    assert editors["kim"].post(url, stale).status_code == 302

    shoe.refresh_from_db()
    assert (shoe.name, shoe.status) == ("Noor's name", Status.DRAFT)
    html = editors["kim"].get(url).content.decode()
    assert 'name="shoes-0-name"' not in html
    assert reverse("admin:catalog_shoe_change", args=[shoe.pk]) in html


def test_saving_an_entry_another_editor_deleted_shows_what_was_typed(editors, shoe):
    """The save cannot be applied, but the editor's words must not vanish with a redirect."""
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    opened = opened_version(editors["kim"], url)
    delete = reverse("admin:catalog_shoe_delete", args=[shoe.pk])
    assert editors["noor"].post(delete, {"post": "yes"}).status_code == 302

    response = save(editors["kim"], url, opened, story="An hour of Kim's careful writing.")

    assert response.status_code == 409
    html = response.content.decode()
    assert "deleted this shoe after you opened it" in html
    assert "An hour of Kim&#x27;s careful writing." in html
    assert reverse("admin:catalog_shoe_recoverlist") in html
    assert not Shoe.objects.exists()


@pytest.fixture
def priced_shoe(editors):
    """A shoe saved through the admin with a retail price of 180, a resale price of 700 and
    one citation, so that its history holds those rows as Kim and Noor open them."""
    source = SourceFactory()
    citation = {
        f"{CITATIONS}-TOTAL_FORMS": "1",
        f"{CITATIONS}-0-field": "release_date",
        f"{CITATIONS}-0-claim": "",
        f"{CITATIONS}-0-source": str(source.pk),
        f"{CITATIONS}-0-locator": "¶1",
        f"{CITATIONS}-0-excerpt": "a few words",
    }
    prices = price_rows({"amount": "180"}, {"kind": "resale", "amount": "700"})
    response = editors["kim"].post(
        reverse("admin:catalog_shoe_add"), shoe_form(**prices, **citation)
    )
    assert response.status_code == 302
    return Shoe.objects.get(slug="kith-cream-antler")


def price_field(form, amount, name):
    """The name of field `name` in the price row of `form` that shows `amount`."""
    for key, values in form.items():
        if key.startswith(PRICES) and key.endswith("-amount") and Decimal(values[0]) == amount:
            return key.replace("-amount", f"-{name}")
    raise AssertionError(f"no price row shows {amount}")


def amounts(shoe):
    return sorted(shoe.price_points.values_list("amount", flat=True))


def stale_pair(editors, shoe):
    """The change form as Kim and as Noor opened it, before either saves."""
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    return url, posted_back(editors["kim"].get(url)), posted_back(editors["noor"].get(url))


def test_rows_the_editor_left_alone_come_back_as_the_other_editor_saved_them(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 180, "amount")] = "200"
    assert editors["noor"].post(url, noor).status_code == 302

    refused = editors["kim"].post(url, {**kim, "designer": "Kim's designer"})
    assert refused.status_code == 200
    again = editors["kim"].post(url, posted_back(refused))

    assert again.status_code == 302
    assert amounts(priced_shoe) == [200, 700]
    assert Shoe.objects.get(pk=priced_shoe.pk).designer == "Kim's designer"


def test_a_row_the_other_editor_deleted_does_not_block_the_refused_form(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 700, "DELETE")] = "on"
    assert editors["noor"].post(url, noor).status_code == 302

    refused = editors["kim"].post(url, {**kim, "designer": "Kim's designer"})
    again = editors["kim"].post(url, posted_back(refused))

    assert again.status_code == 302
    assert amounts(priced_shoe) == [180]


def test_a_row_the_other_editor_added_shows_in_the_refused_form(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    new_row = price_rows({"amount": "250"}).items()
    noor.update({key.replace("-0-", "-2-"): value for key, value in new_row if "-0-" in key})
    noor[f"{PRICES}-TOTAL_FORMS"] = "3"
    assert editors["noor"].post(url, noor).status_code == 302

    refused = editors["kim"].post(url, {**kim, "designer": "Kim's designer"})
    shown = posted_back(refused)
    assert price_field(shown, 250, "amount")
    assert editors["kim"].post(url, shown).status_code == 302
    assert amounts(priced_shoe) == [180, 250, 700]


def test_rows_both_editors_changed_keep_this_editors_version(editors, priced_shoe):
    """Kim's edits to the rows are kept, even to a row Noor deleted: it comes back as a new
    row, and Kim is told so."""
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 180, "amount")] = "200"
    noor[price_field(noor, 700, "DELETE")] = "on"
    assert editors["noor"].post(url, noor).status_code == 302
    kim[price_field(kim, 180, "amount")] = "190"
    kim[price_field(kim, 700, "amount")] = "750"

    refused = editors["kim"].post(url, kim)

    assert "deleted by another editor" in refused.content.decode()
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302
    assert amounts(priced_shoe) == [190, 750]


def test_a_citation_the_other_editor_corrected_is_not_written_back(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[f"{CITATIONS}-0-locator"] = "¶27"
    assert editors["noor"].post(url, noor).status_code == 302

    refused = editors["kim"].post(url, {**kim, "colorway": "Cream/Antler II"})
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302

    assert priced_shoe.citations.get().locator == "¶27"
    assert Shoe.objects.get(pk=priced_shoe.pk).colorway == "Cream/Antler II"


def test_a_stale_collaboration_form_listing_its_shoes_saves_on_review(editors):
    """Its shoe rows are read-only: bringing the rows up to date leaves them as listed."""
    collaboration = CollaborationFactory(slug="kith")
    shoe = ShoeFactory(collaboration=collaboration, slug="kith-pair")
    url = reverse("admin:catalog_collaboration_change", args=[collaboration.pk])
    kim, noor = posted_back(editors["kim"].get(url)), posted_back(editors["noor"].get(url))
    assert editors["noor"].post(url, {**noor, "summary": "Noor's."}).status_code == 302

    refused = editors["kim"].post(url, {**kim, "story": "Kim's."})

    assert refused.status_code == 200
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302
    assert Shoe.objects.get(pk=shoe.pk).collaboration == collaboration


def test_without_the_opened_version_in_history_the_editor_is_told_what_saving_replaces(editors):
    """An entry made outside the admin has no history of the version a form was opened at:
    the refusal cannot merge, so it names every field that saving again would overwrite."""
    shoe = ShoeFactory(summary="First words.", designer="")
    url = reverse("admin:catalog_shoe_change", args=[shoe.pk])
    kim, noor = posted_back(editors["kim"].get(url)), posted_back(editors["noor"].get(url))
    assert editors["noor"].post(url, {**noor, "summary": "Noor's words."}).status_code == 302

    refused = editors["kim"].post(url, {**kim, "designer": "Kim"})

    assert "Saving this form again replaces what is saved in: Designer, Summary." in (
        refused.content.decode()
    )
    assert Shoe.objects.get(pk=shoe.pk).designer == ""


def test_the_other_editors_change_to_a_row_without_history_survives(editors):
    """Price points made outside the admin (the migration that created them, an import)
    are in no recorded version: the rows' own opened values tell the editors' changes apart."""
    assert editors["kim"].post(reverse("admin:catalog_shoe_add"), shoe_form()).status_code == 302
    shoe = Shoe.objects.get(slug="kith-cream-antler")
    shoe.price_points.create(kind="retail", amount=180, currency="USD")
    url, kim, noor = stale_pair(editors, shoe)
    noor[price_field(noor, 180, "amount")] = "200"
    assert editors["noor"].post(url, noor).status_code == 302

    refused = editors["kim"].post(url, {**kim, "designer": "Kim"})
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302

    assert amounts(shoe) == [200]


def test_two_editors_changing_different_values_of_one_row_keep_both(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 180, "qualifier")] = "about"
    assert editors["noor"].post(url, noor).status_code == 302
    kim[price_field(kim, 180, "amount")] = "190"

    refused = editors["kim"].post(url, kim)
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302

    retail = priced_shoe.price_points.get(kind="retail")
    assert (retail.amount, retail.qualifier) == (190, "about")


def test_a_refusal_says_the_rows_changed_when_a_field_changed_too(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 180, "amount")] = "200"
    assert editors["noor"].post(url, {**noor, "summary": "Noor's summary."}).status_code == 302
    kim[price_field(kim, 180, "amount")] = "190"

    html = editors["kim"].post(url, kim).content.decode()

    assert "Another editor changed the price history too" in html
    assert "you and another editor both changed Amount: the form keeps your values" in html


def test_line_breaks_as_a_browser_sends_them_are_not_the_editors_change(editors, priced_shoe):
    """Stored text may hold LF; a browser submits every line break as CRLF."""
    with reversion.create_revision():  # as the seed stores text, recorded in the history
        priced_shoe.story = "One.\n\nTwo."
        priced_shoe.save()
    url, kim, noor = stale_pair(editors, priced_shoe)
    assert editors["noor"].post(url, {**noor, "story": "Noor's story."}).status_code == 302

    refused = editors["kim"].post(url, {**kim, "story": "One.\r\n\r\nTwo.", "designer": "Kim"})

    assert "You changed: Designer." in refused.content.decode()
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302
    assert Shoe.objects.get(pk=priced_shoe.pk).story == "Noor's story."


def test_an_opened_version_written_as_the_form_reads_it_still_merges_the_rows(editors, priced_shoe):
    url, kim, noor = stale_pair(editors, priced_shoe)
    noor[price_field(noor, 180, "amount")] = "200"
    assert editors["noor"].post(url, noor).status_code == 302

    kim["opened_version"] = [f"{kim['opened_version'][0]}.0"]
    refused = editors["kim"].post(url, {**kim, "designer": "Kim"})
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302

    assert amounts(priced_shoe) == [200, 700]


@pytest.mark.parametrize("gone", ["moved", "deleted"])
def test_a_shoe_gone_from_a_collaboration_does_not_block_its_refused_form(editors, gone):
    """The shoe rows are read-only: the refused form lists the shoes as they are now."""
    collaboration = CollaborationFactory(slug="kith")
    shoe = ShoeFactory(collaboration=collaboration, slug="kith-a")
    stays = ShoeFactory(collaboration=collaboration, slug="kith-b")
    url = reverse("admin:catalog_collaboration_change", args=[collaboration.pk])
    kim, noor = posted_back(editors["kim"].get(url)), posted_back(editors["noor"].get(url))
    if gone == "moved":
        Shoe.objects.filter(pk=shoe.pk).update(collaboration=CollaborationFactory())
    else:
        shoe.delete()
    assert editors["noor"].post(url, {**noor, "summary": "Noor's."}).status_code == 302

    refused = editors["kim"].post(url, {**kim, "story": "Kim's."})

    assert "deleted by another editor" not in refused.content.decode()
    assert posted_back(refused)["shoes-TOTAL_FORMS"] == ["1"]
    assert editors["kim"].post(url, posted_back(refused)).status_code == 302
    assert Shoe.objects.get(pk=stays.pk).collaboration == collaboration


def test_a_form_claiming_more_rows_than_allowed_is_refused_without_drawing_them(
    editors, priced_shoe
):
    url, kim, _ = stale_pair(editors, priced_shoe)
    kim[f"{PRICES}-TOTAL_FORMS"] = "100000000"

    response = editors["kim"].post(url, kim)

    assert "Please submit at most 100 forms." in response.content.decode()
    assert len(re.findall(rf'name="{PRICES}-\d+-amount"', response.content.decode())) <= 100
    assert amounts(priced_shoe) == [180, 700]


def test_save_as_new_copies_the_rows_below(editors, priced_shoe):
    """Every row submits its opened values, and a copy's rows are all new: none is skipped
    as unchanged."""
    url = reverse("admin:catalog_shoe_change", args=[priced_shoe.pk])
    form = posted_back(editors["kim"].get(url), slug="kith-copy", _saveasnew="Save as new")

    assert editors["kim"].post(url, form).status_code == 302

    copy = Shoe.objects.get(slug="kith-copy")
    assert amounts(copy) == [180, 700]
    assert copy.citations.count() == 1
    assert amounts(priced_shoe) == [180, 700]
