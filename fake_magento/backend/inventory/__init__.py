"""inventory area: legacy CatalogInventory stock items and Multi-Source Inventory.

The methods below are the interface other areas call (catalog, checkout, sales); their
owner replaces the placeholder bodies.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.backend import Backend


class InventoryService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    # -- called by catalog -------------------------------------------------------------------
    def stock_item_for_product(self, product_id: int) -> dict[str, Any] | None:
        """The product's ``extension_attributes.stock_item`` (legacy stock item shape)."""
        return None

    def on_product_saved(self, product_id: int, sku: str, type_id: str,
                         stock_item: dict[str, Any] | None, is_new: bool) -> None:
        """Create the stock item (and default source item) of a new product; apply a sent stock_item."""
        return None

    def on_product_deleted(self, product_id: int, sku: str) -> None:
        return None

    # -- called by checkout and sales --------------------------------------------------------
    def is_salable(self, sku: str, qty: float, website_id: int) -> bool:
        return True

    def deduct(self, sku: str, qty: float, website_id: int) -> None:
        """Stock decrease on order placement (legacy qty and the default source)."""
        return None

    def return_to_stock(self, sku: str, qty: float, website_id: int) -> None:
        """Credit memo with return_to_stock_items, or order cancellation."""
        return None
