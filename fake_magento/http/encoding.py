"""JSON as PHP's ``json_encode`` writes it (Fw/Serialize/Serializer/Json).

Compact, ``/`` escaped as ``\\/``, non-ASCII as ``\\uXXXX``, and whole floats written
without a fraction (``100.0`` -> ``100``: no JSON_PRESERVE_ZERO_FRACTION).
"""
from __future__ import annotations

import json
import math
from typing import Any

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True)


def _whole(value: float) -> Any:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return int(value)
    return value


def _php_values(value: Any) -> Any:
    """Whole floats to ints. Dispatches on the exact type so scalar leaves cost no call."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) not in _CONVERT else _CONVERT[type(v)](v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) not in _CONVERT else _CONVERT[type(v)](v) for v in value]
    if kind is float:
        return _whole(value)
    return value


_CONVERT = {dict: _php_values, list: _php_values, tuple: _php_values, float: _whole}


def php_json(value: Any) -> str:
    return _ENCODER.encode(_php_values(value)).replace("/", "\\/")
