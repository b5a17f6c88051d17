"""sales area: orders and their lifecycle (invoices, shipments, credit memos, cancel, hold).

``place_order`` is the interface checkout calls; its owner replaces the placeholder.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend import Backend


class SalesService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    def place_order(self, order: dict[str, Any]) -> int:
        """Store a new order built by checkout; returns its entity_id. See the owner's docstring."""
        raise NotImplementedError
