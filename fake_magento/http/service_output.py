"""Service output as Magento's Fw/Reflection/DataObjectProcessor writes it, driven by the contract.

One rule for the whole answer, nested objects included (buildOutputDataArray walks every getter of
the interface): a field whose getter may return null (not in the definition's ``required`` list, which
Adobe's schema generator derives from the same docblock) is left out when null; a field whose getter
may not return null is written, as ``null`` when it has no value. A service method that returns null
(or is void) answers ``[]`` (Webapi/Controller/Rest/SynchronousRequestProcessor: ServiceOutputProcessor
converts null to an empty array). Scalars pass through as stored. Keys the contract does not declare
(the emulator's extras) are left as they are. Types come from ``service_types`` (openapi/cut.py).

The answer is written in the encoder's values as it is built (whole floats as ints, http/encoding.py
``php_values``) and marked ``PhpDict``/``PhpList``, so ``php_json`` does not walk it a second time.
An object met twice in one answer (an order's items, shown again under its shipping assignment) is
written once and shared.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from fake_magento.http.encoding import PHP_FLOAT_LIMIT, PhpDict, PhpList, php_values
from fake_magento.http.service_types import FIELDS, REQUIRED, RESULT


class Shape(NamedTuple):
    """One definition, compiled: its fields, the non-nullable ones, and those holding data objects
    (a definition with fields, or a list of one) with that type."""

    fields: dict[str, str]
    required: frozenset[str]
    nested: dict[str, str]


class DataObjectProcessor:
    def __init__(self, fields: dict[str, dict[str, str]] | None = None,
                 required: dict[str, list[str]] | None = None,
                 results: dict[str, str] | None = None) -> None:
        self.fields = FIELDS if fields is None else fields
        self.required = {k: frozenset(v) for k, v in (REQUIRED if required is None else required).items()}
        self.results = RESULT if results is None else results
        self.shapes = {kind: Shape(fields, self.required.get(kind, frozenset()), {
            key: item for key, item in fields.items()
            if item in self.fields or (item.endswith("[]") and item[:-2] in self.fields)})
            for kind, fields in self.fields.items()}

    def answer(self, route_key: str, value: Any) -> Any:
        """What the operation writes for a service result ``value``."""
        if value is None:
            return []
        kind = self.results.get(route_key)
        if kind is None:
            return value
        out = self.write(value, kind, {})
        if type(out) is dict:
            return PhpDict(out)
        if type(out) is list:
            return PhpList(out)
        return out

    def write(self, value: Any, kind: str, seen: dict[tuple[int, str], Any] | None = None) -> Any:
        """``value`` as a ``kind`` (a definition, ``<definition>[]`` or a scalar type), in the encoder's
        values. ``seen`` keeps what was written in this answer, by object and kind."""
        if value is None:
            return None
        if seen is None:
            seen = {}
        key = (id(value), kind)
        done = seen.get(key)
        if done is not None:
            return done[1]
        out = self._write(value, kind, seen)
        seen[key] = (value, out)  # ``value`` is held so that its id is not reused during the answer
        return out

    def _write(self, value: Any, kind: str, seen: dict[tuple[int, str], Any]) -> Any:
        if kind.endswith("[]"):
            item = kind[:-2]
            if item not in self.fields:
                return php_values(value)
            if isinstance(value, list):
                return [self.write(v, item, seen) for v in value]
            if isinstance(value, dict) and not (value.keys() & self.fields[item].keys()):
                return {k: self.write(v, item, seen) for k, v in value.items()}
            return php_values(value)
        shape = self.shapes.get(kind)
        if shape is None or not isinstance(value, dict):
            return php_values(value)
        fields, required, nested = shape
        limit = PHP_FLOAT_LIMIT
        # a copy changed in place keeps the key order and is cheaper than a dict grown key by key
        out = dict(value)
        for key, item in value.items():
            leaf = type(item)
            if leaf is str or leaf is int:
                continue
            if leaf is float:  # php_float, inline: most leaves of an order are money
                if item.is_integer() and -limit < item < limit:
                    out[key] = int(item)
            elif item is None:
                if key not in required and key in fields:
                    del out[key]
            elif key in nested:
                out[key] = self.write(item, nested[key], seen)
            else:
                out[key] = php_values(item)
        if not required <= out.keys():
            for key in required:
                if key not in out:
                    out[key] = None
        return out


PROCESSOR = DataObjectProcessor()
