"""JSON as PHP's ``json_encode`` writes it (Fw/Serialize/Serializer/Json).

Compact, ``/`` escaped as ``\\/``, non-ASCII as ``\\uXXXX``, and whole floats written
without a fraction (``100.0`` -> ``100``: no JSON_PRESERVE_ZERO_FRACTION).

Whole floats become ints in one walk over the value (``php_values``) before the C encoder runs.
A value that is already so converted can say so by being a ``PhpDict`` or ``PhpList``: the walk
skips it (the service output rule, http/service_output.py, converts as it writes, so a large
answer such as a page of orders is walked once, not twice).
"""
from __future__ import annotations

import json
from typing import Any

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True, check_circular=False)
PHP_FLOAT_LIMIT = 1e15  # whole floats this large or larger are left as floats (as the encoder always did)


class PhpDict(dict):  # type: ignore[type-arg]
    """A dict whose whole tree is already in ``php_values`` form (no whole float left)."""


class PhpList(list):  # type: ignore[type-arg]
    """A list whose whole tree is already in ``php_values`` form."""


def php_float(value: float) -> Any:
    """A whole float as an int (``is_integer`` is False for inf and nan)."""
    return int(value) if value.is_integer() and -PHP_FLOAT_LIMIT < value < PHP_FLOAT_LIMIT else value


def php_values(value: Any) -> Any:
    """Whole floats to ints, in new containers (tuples become lists). Dispatches on the exact type,
    so scalar leaves, ``PhpDict`` and ``PhpList`` cost no call."""
    kind = type(value)
    if kind is dict:
        get = CONVERT.get
        return {k: v if (convert := get(type(v))) is None else convert(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        get = CONVERT.get
        return [v if (convert := get(type(v))) is None else convert(v) for v in value]
    if kind is float:
        return php_float(value)
    return value


# the exact types php_values changes, and how
CONVERT = {dict: php_values, list: php_values, tuple: php_values, float: php_float}


def php_json(value: Any) -> str:
    kind = type(value)
    converted = value if kind is PhpDict or kind is PhpList else php_values(value)
    return _ENCODER.encode(converted).replace("/", "\\/")
