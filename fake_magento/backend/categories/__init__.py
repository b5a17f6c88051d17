"""categories area: the category tree and product assignments.

The methods below are the interface the catalog calls; their owner replaces the bodies.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend import Backend


class CategoryService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    def links_for_product(self, product_id: int) -> list[dict[str, Any]]:
        """``extension_attributes.category_links``: [{"position": int, "category_id": "3"}]."""
        return []

    def set_product_links(self, product_id: int, links: list[dict[str, Any]]) -> None:
        """Replace the product's category assignments (product save with category_links)."""
        return None

    def on_product_deleted(self, product_id: int) -> None:
        return None
