"""JSON as PHP's ``json_encode`` writes it (Fw/Serialize/Serializer/Json).

Compact, ``/`` escaped as ``\\/``, non-ASCII as ``\\uXXXX``, and whole floats written
without a fraction (``100.0`` -> ``100``: no JSON_PRESERVE_ZERO_FRACTION).
"""
from __future__ import annotations

import json
import math
from typing import Any


def _php_values(value: Any) -> Any:
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return int(value)
        return value
    if isinstance(value, dict):
        return {k: _php_values(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_php_values(v) for v in value]
    return value


def php_json(value: Any) -> str:
    text = json.dumps(_php_values(value), separators=(",", ":"), ensure_ascii=True)
    return text.replace("/", "\\/")
