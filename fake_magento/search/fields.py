"""``fields`` partial responses, as Fw/Webapi/Rest/Response/FieldsFilter does them.

Applied only when ``fields`` is non-empty and the response is an array (scalars pass through,
SynchronousRequestProcessor::process). A string with characters outside ``[\\w\\[\\],]`` or
unbalanced brackets makes the whole body ``[]``; unknown names are dropped. Lists are
filtered element by element; ``custom_attributes[code]`` keeps matching attributes at their
original indexes (so a sparse result becomes a JSON object). An empty list filtered by a
nested selection becomes ``null`` (``applyFilter`` returns its untouched null). A nested
selection over a list of scalars (``street[x]``) is a PHP TypeError in
``recursiveArrayIntersectKey(array ...)``: a masked 500.
"""
from __future__ import annotations

import re
from typing import Any

from fake_magento.errors import InternalError

_ALLOWED = re.compile(r"[^\w\[\],]", re.ASCII)  # PCRE \w without /u: ASCII only


def parse_fields(text: str) -> dict[str, Any] | None:
    if not text or _ALLOWED.search(text):
        return None
    current: dict[str, Any] = {}
    stack: list[dict[str, Any]] = []
    parents: list[str | None] = []
    start: int | None = None
    element: str | None = None
    for pos, ch in enumerate(text):
        if ch in "[],":
            if start is not None:
                element = text[start:pos]
                current[element] = 1
            start = None
        if ch == "[":
            parents.append(element)
            stack.append(current)
            current = {}
        elif ch == "]":
            if not stack:  # array_pop on an empty stack gives null: PHP carries on with an empty array
                temp, current = current, {}
            else:
                temp, current = current, stack.pop()
            key = parents.pop() if parents else None
            current["" if key is None else key] = temp
        elif ch != "," and start is None:
            start = pos
    if stack:
        return None
    if start is not None:
        current[text[start:]] = 1
    return current


def _php_empty(value: Any) -> Any:
    return [] if isinstance(value, dict) and not value else value


def _apply(response: Any, selection: dict[str, Any]) -> Any:
    if isinstance(response, list):
        if not response:
            return None
        return [_item(item, selection) for item in response]
    if isinstance(response, dict):
        return _intersect(response, selection)
    return response


def _item(item: Any, selection: dict[str, Any]) -> Any:
    if isinstance(item, dict):
        return _intersect(item, selection)
    if isinstance(item, list):
        # a list's keys are 0..n-1: only numeric names in the selection could keep anything
        return _php_empty({str(i): v for i, v in enumerate(item) if str(i) in selection}) if item else []
    raise InternalError("FieldsFilter::recursiveArrayIntersectKey(): Argument #1 ($array1) must be of type array")


def _intersect(data: dict[str, Any], selection: dict[str, Any]) -> Any:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in selection:
            continue
        sub = selection[key]
        if key == "custom_attributes" and isinstance(sub, dict) and isinstance(value, list):
            out[key] = _custom_attributes(value, sub)
        elif isinstance(value, (dict, list)) and isinstance(sub, dict):
            out[key] = _php_empty(_apply(value, sub))
        else:
            out[key] = value
    return _php_empty(out)


def _custom_attributes(items: list[dict[str, Any]], selection: dict[str, Any]) -> Any:
    kept: dict[int, dict[str, Any]] = {}
    for index, attr in enumerate(items):
        if attr.get("attribute_code") in selection:
            kept[index] = {"attribute_code": attr.get("attribute_code"), "value": attr.get("value")}
        else:
            partial = {}
            if "attribute_code" in selection:
                partial["attribute_code"] = attr.get("attribute_code")
            if "value" in selection:
                partial["value"] = attr.get("value")
            if partial:
                kept[index] = partial
    if list(kept) == list(range(len(kept))):
        return [kept[i] for i in range(len(kept))]
    return {str(i): v for i, v in kept.items()}  # sparse PHP array: json_encode writes an object


def apply_fields(data: Any, fields: Any) -> Any:
    """The response after ``fields=...`` (``getParam('fields')`` must be truthy in PHP terms)."""
    if not fields or fields == "0" or not isinstance(data, (dict, list)):
        return data
    if not isinstance(fields, str):
        return []
    selection = parse_fields(fields)
    if selection is None:
        return []
    result = _apply(data, selection)
    return _php_empty(result)
