"""Amounts of money as readers see them: "$180", "¥20,900", "€149.95"."""

from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def format_money(amount: Decimal | int | str | None, currency: str = "USD") -> str:
    """The amount with its currency's symbol (or code); '' when there is no amount."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}".strip()
