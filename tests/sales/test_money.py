"""The one money rounding rule (fake_magento/backend/money.py): PriceCurrency::round
(module-directory/Model/PriceCurrency.php: round((float) $price, 2)) is PHP's round(), which differs
from Python's round() on values that print as a tie."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.backend.money import amount, php_round, round_price, stored

# (value, round($value, 2), round($value, 4)) answered by php 8.2.32, the sandbox's PHP
PHP_82 = [
    (1.005, 1.01, 1.005), (0.125, 0.13, 0.125), (0.285, 0.29, 0.285), (2.675, 2.68, 2.675),
    (-0.125, -0.13, -0.125), (1.955, 1.96, 1.955), (5.015, 5.02, 5.015), (0.115, 0.12, 0.115),
    (1234.565, 1234.57, 1234.565), (10.235, 10.24, 10.235), (-2.675, -2.68, -2.675), (0.0049, 0.0, 0.0049),
    (99.995, 100.0, 99.995), (33.333333, 33.33, 33.3333), (1.0e-5, 0.0, 0.0), (8.325, 8.33, 8.325),
    (1.00005, 1.0, 1.0001), (0.12345, 0.12, 0.1235), (2.67675, 2.68, 2.6768),
    (9092145214.124245, 9092145214.12, 9092145214.1243), (590331927228.0544, 590331927228.06, 590331927228.0544),
]


@pytest.mark.parametrize(("value", "two", "four"), PHP_82)
def test_rounding_answers_what_php_answers(value, two, four):
    assert (round_price(value), stored(value)) == (two, four)


def test_python_round_would_differ():
    # the reason for the rule: Python rounds the binary value half to even
    assert (round(1.005, 2), round(0.125, 2)) == (1.0, 0.12)
    assert (round_price(1.005), round_price(0.125)) == (1.01, 0.13)


@given(st.integers(-10**9, 10**9))
def test_a_value_printed_with_three_decimals_rounds_its_tie_away_from_zero(n):
    value = n / 1000
    expected = float((Decimal(n) / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert round_price(value) == expected


@given(st.floats(-1e9, 1e9, allow_nan=False))
def test_rounding_moves_a_value_by_at_most_half_a_cent_and_is_stable(value):
    rounded = round_price(value)
    assert abs(rounded - value) <= 0.005 + 1e-9 * max(1.0, abs(value))
    assert round_price(rounded) == rounded
    assert php_round(value, 4) == stored(value)


def test_a_missing_amount_reads_as_zero():
    assert (amount(None), amount(""), amount("2.5"), amount(3)) == (0.0, 0.0, 2.5, 3.0)
