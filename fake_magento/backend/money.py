"""Money amounts: reading a stored amount, and the one rounding rule Magento applies.

Magento rounds prices with ``PriceCurrency::round`` (module-directory/Model/PriceCurrency.php):
``round((float) $price, 2)``, PHP's ``round()`` in its default mode, PHP_ROUND_HALF_UP, which rounds
a tie away from zero. PHP 8.2 (the sandbox's) first "pre-rounds" the value to 15 significant digits
(ext/standard/math.c ``_php_math_round``), so a float that prints as a tie is rounded as one:
PHP gives round(1.005, 2) = 1.01 and round(0.125, 2) = 0.13 where Python's ``round`` (half to even
on the exact binary value) gives 1.0 and 0.12. Checked against php 8.2 on 100 000 random amounts, at 2 and 4 places.

Amounts Magento keeps are ``decimal(20,4)`` columns; ``stored`` rounds to that precision by the
same rule.
"""
from __future__ import annotations

import math
from typing import Any

_SIGNIFICANT = 15  # the precision PHP's round() pre-rounds to (14 - floor(log10|x|) places)


def amount(value: Any) -> float:
    """A stored amount as a float: a missing or null one counts as 0."""
    return float(value or 0)


def _half_up(value: float) -> float:
    """To the nearest integer, a tie away from zero."""
    return math.floor(value + 0.5) if value >= 0 else math.ceil(value - 0.5)


def php_round(value: float, places: int) -> float:
    """PHP 8.2 ``round($value, $places)`` in its default mode, step by step in doubles as PHP does.

    With ``exponent`` = floor(log10|value|), PHP trusts 15 significant digits: when they reach past
    ``places`` (and not 15 or more past it) the value is first scaled to 15 significant digits and
    rounded there, then brought back to ``places`` digits and rounded again; otherwise it is scaled
    to ``places`` digits directly (a product of 1e15 or more is returned unrounded).
    """
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return value
    trusted = _SIGNIFICANT - 1 - math.floor(math.log10(abs(value)))
    if places < trusted < places + _SIGNIFICANT:
        scaled = _half_up(value * 10.0 ** trusted if trusted >= 0 else value / 10.0 ** -trusted)
        scaled = scaled / 10.0 ** (trusted - places)
    else:
        scaled = value * 10.0 ** places
        if abs(scaled) >= 1e15:
            return value
    return _half_up(scaled) / 10.0 ** places


def round_price(value: float) -> float:
    """PriceCurrency::round: 2 places, PHP's rule."""
    return php_round(value, 2)


def stored(value: float) -> float:
    """An amount as its decimal(20,4) column keeps it."""
    return php_round(value, 4)
