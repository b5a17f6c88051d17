"""Service output as Magento's Fw/Reflection/DataObjectProcessor writes it, driven by the contract.

One rule for the whole answer, nested objects included (buildOutputDataArray walks every getter of
the interface): a field whose getter may return null (not in the definition's ``required`` list, which
Adobe's schema generator derives from the same docblock) is left out when null; a field whose getter
may not return null is written, as ``null`` when it has no value. A service method that returns null
(or is void) answers ``[]`` (Webapi/Controller/Rest/SynchronousRequestProcessor: ServiceOutputProcessor
converts null to an empty array). Scalars pass through as stored. Keys the contract does not declare
(the emulator's extras) are left as they are. Types come from ``service_types`` (openapi/cut.py).
"""
from __future__ import annotations

from typing import Any

from fake_magento.http.service_types import FIELDS, REQUIRED, RESULT


class DataObjectProcessor:
    def __init__(self, fields: dict[str, dict[str, str]] | None = None,
                 required: dict[str, list[str]] | None = None,
                 results: dict[str, str] | None = None) -> None:
        self.fields = FIELDS if fields is None else fields
        self.required = {k: frozenset(v) for k, v in (REQUIRED if required is None else required).items()}
        self.results = RESULT if results is None else results

    def answer(self, route_key: str, value: Any) -> Any:
        """What the operation writes for a service result ``value``."""
        if value is None:
            return []
        kind = self.results.get(route_key)
        return value if kind is None else self.write(value, kind)

    def write(self, value: Any, kind: str) -> Any:
        if value is None:
            return None
        if kind.endswith("[]"):
            item = kind[:-2]
            if item not in self.fields:
                return value
            if isinstance(value, list):
                return [self.write(v, item) for v in value]
            if isinstance(value, dict) and not (value.keys() & self.fields[item].keys()):
                return {k: self.write(v, item) for k, v in value.items()}
            return value
        fields = self.fields.get(kind)
        if fields is None or not isinstance(value, dict):
            return value
        required = self.required[kind]
        out: dict[str, Any] = {}
        for key, item in value.items():
            if item is None:
                if key in required or key not in fields:
                    out[key] = None
                continue
            out[key] = self.write(item, fields[key]) if key in fields else item
        for key in required:
            if key not in out:
                out[key] = None
        return out


PROCESSOR = DataObjectProcessor()
