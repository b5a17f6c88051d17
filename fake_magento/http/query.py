"""PHP-style query strings: ``a[b][0][c]=v`` becomes nested dicts, as ``$_GET`` does.

Keys and values are urldecoded (``+`` is a space). Numeric keys stay strings: Magento
accepts any index, not only 0, and keeps their order of appearance.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_plus

_KEY = re.compile(r"^([^\[\]]*)((?:\[[^\[\]]*\])*)")


def parse_query(query: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if not query:
        return result
    for pair in query.split("&"):
        if not pair:
            continue
        raw_key, _, raw_value = pair.partition("=")
        key = unquote_plus(raw_key)
        value = unquote_plus(raw_value)
        m = _KEY.match(key)
        if not m or not m.group(1):
            continue
        parts = [m.group(1)] + re.findall(r"\[([^\[\]]*)\]", m.group(2) or "")
        _assign(result, parts, value)
    return result


def _assign(target: dict[str, Any], parts: list[str], value: str) -> None:
    node: Any = target
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "":
            # a[]=x appends with the next integer key, as PHP does
            part = str(sum(1 for k in node if k.isdigit()))
        if last:
            node[part] = value
        else:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
