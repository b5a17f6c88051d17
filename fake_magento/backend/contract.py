"""The contract's getter lists, for the few backend rules that follow an interface's getters.

Plain data from the tables openapi/cut.py generates (http/service_types.py; no Flask there): what a
data interface has getters for (DataObjectProcessor writes nothing else) and which of them never
return null. Input conversion itself happens once, at the edge (http/service_input.py).
"""
from __future__ import annotations

from fake_magento.http.service_types import FIELDS, REQUIRED


def getters(definition: str) -> frozenset[str]:
    """The snake_case fields of a contract definition, e.g. ``sales-data-order-interface``."""
    return frozenset(FIELDS[definition])


def non_nullable(definition: str) -> tuple[str, ...]:
    """The fields whose getter never returns null (the definition's ``required`` list)."""
    return tuple(REQUIRED[definition])
