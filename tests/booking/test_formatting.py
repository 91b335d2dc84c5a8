"""Money reads in the configured currency, as the site's language writes it."""

from decimal import Decimal

from booking import formatting


def test_money_uses_the_configured_currency(settings):
    settings.PRACTICE_CURRENCY = "EUR"
    assert formatting.money(Decimal("120")) == "€120.00"


def test_money_in_canadian_dollars_reads_as_dollars(settings):
    settings.PRACTICE_CURRENCY = "CAD"
    assert formatting.money(Decimal("1120.5")) == "$1,120.50"


def test_money_in_another_dollar_says_which(settings):
    settings.PRACTICE_CURRENCY = "CAD"
    assert formatting.money(Decimal("120"), "USD") == "US$120.00"


def test_discount_has_a_minus_sign(settings):
    settings.PRACTICE_CURRENCY = "GBP"
    assert formatting.discount(Decimal("18")) == "\u2212£18.00"
