"""Amounts and figures as readers see them, qualifier included."""

from decimal import Decimal

import pytest

from catalog.models import Qualifier
from catalog.money import format_money

from .factories import ShoeFactory


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (Decimal("180"), "USD", "$180"),
        (Decimal("20900"), "JPY", "¥20,900"),
        (Decimal("149.95"), "EUR", "€149.95"),
        (Decimal("1200.50"), "GBP", "£1,200.50"),
        (Decimal("99"), "CHF", "99 CHF"),
        (None, "USD", ""),
    ],
)
def test_amounts_carry_their_currency(amount, currency, shown):
    assert format_money(amount, currency) == shown


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        (Qualifier.EXACT, "$700"),
        (Qualifier.OVER, "over $700"),
        (Qualifier.UNDER, "under $700"),
        (Qualifier.ABOUT, "about $700"),
    ],
)
def test_a_figure_keeps_its_qualifier(qualifier, shown):
    shoe = ShoeFactory(resale_peak=Decimal(700), resale_peak_qualifier=qualifier)
    assert shoe.resale_peak_display == shown


@pytest.mark.django_db
def test_cards_show_the_qualifier_too(client):
    ShoeFactory(name="Bounded", retail_price=Decimal(180), retail_price_qualifier=Qualifier.ABOUT)
    assert "about $180" in client.get("/shoes/").content.decode()
