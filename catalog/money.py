"""Amounts of money as readers see them: "$180", "¥20,900", "€149.95"."""

from decimal import Decimal
from typing import NamedTuple


class CurrencyInfo(NamedTuple):
    name: str
    symbol: str


CURRENCIES = {
    "USD": CurrencyInfo("US dollar", "$"),
    "EUR": CurrencyInfo("Euro", "€"),
    "GBP": CurrencyInfo("Pound sterling", "£"),
    "JPY": CurrencyInfo("Japanese yen", "¥"),
}
"""The currencies a figure may be in, by ISO 4217 code: the one list (the model's choices
come from it)."""


def format_money(amount: Decimal | int | str | None, currency: str = "USD") -> str:
    """The amount with its currency's symbol (or code); '' when there is no amount."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    known = CURRENCIES.get(currency)
    return f"{known.symbol}{number}" if known else f"{number} {currency}".strip()
