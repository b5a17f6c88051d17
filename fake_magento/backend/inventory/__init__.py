"""inventory area: legacy CatalogInventory stock items and Multi-Source Inventory.

How the two models stay consistent (as Magento 2.4 with MSI enabled):

* The legacy stock item (``cataloginventory_stock_item``, stock 1) mirrors the **default source**
  only: saving a default source item sets the legacy qty/is_in_stock
  (InventoryCatalog/Plugin/InventoryApi/SetDataToLegacyCatalogInventoryAtSourceItemsSavePlugin), and
  saving a legacy stock item updates the default source item
  (InventoryCatalog/Plugin/CatalogInventory/UpdateSourceItemAtLegacyStockItemSavePlugin).
  Deleting a default source item zeroes the legacy item.
* Placing an order does not touch quantities: it appends a negative reservation for the stock of
  the order's website (InventorySales ProcessRegisterProductsSalePlugin + PlaceReservationsForSalesEvent).
  Shipping deducts the source quantity and appends the compensating positive reservation
  (InventoryShipping SourceDeductionProcessor); the legacy qty follows when the source is ``default``.
  Cancelling, or refunding unshipped items with return to stock, appends a positive reservation.
* Salable quantity of a stock = indexed quantity + reservations - min_qty
  (InventorySales/Model/GetProductSalableQty). Stock 1's index is the legacy stock status; other
  stocks sum the in-stock items of their enabled sources.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.inventory.legacy import LegacyStock
from fake_magento.backend.inventory.msi import MultiSource
from fake_magento.backend.inventory.stocks import Stocks

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.product_ids import ProductIds
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

DEFAULT_SOURCE = "default"
DEFAULT_STOCK_ID = 1
# CatalogInventory/etc/config.xml cataloginventory/item_options/* and StockConfiguration::isQty.
QTY_TYPES = {"simple", "virtual", "downloadable", "giftcard"}


class InventoryService(LegacyStock, MultiSource, Stocks):
    def __init__(self, db: Database, clock: Clock, config: Config, *, stores: StoreRepository,
                 products: ProductIds) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.stores = stores
        self.products = products

    # -- called by checkout and sales --------------------------------------------------------
    def is_salable(self, sku: str, qty: float, website_id: int) -> bool:
        """IsProductSalableForRequestedQty on the website's stock (types without qty: always)."""
        item = self._legacy_row_by_sku(sku)
        if item is None:
            return False
        if item["type_id"] not in QTY_TYPES:
            return True
        stock_id = self.stock_id_for_website(website_id)
        config = self._config(item)
        if not config["manage_stock"]:
            return True
        if not self._index(sku, stock_id)["is_salable"]:
            return False
        if config["backorders"]:
            return True
        return self.salable_qty_value(sku, stock_id) - float(qty) >= 0

    def deduct(self, sku: str, qty: float, website_id: int, *, order_id: Any = None) -> None:
        """Order placement: a negative reservation on the website's stock (no quantity changes)."""
        if not self.tracks_qty(sku):
            return
        self.add_reservation(sku, self.stock_id_for_website(website_id), -float(qty),
                             {"event_type": "order_placed", "object_type": "order", "object_id": order_id})

    def ship(self, sku: str, qty: float, website_id: int, *, source_code: str | None = None,
             order_id: Any = None) -> None:
        """Shipment: deduct the source quantity and compensate the placement reservation."""
        if not self.tracks_qty(sku):
            return
        stock_id = self.stock_id_for_website(website_id)
        source = source_code or self.default_source_for_stock(stock_id, sku)
        with self.db.write():
            self.change_source_qty(sku, source, -float(qty))
            self.add_reservation(sku, stock_id, float(qty),
                                 {"event_type": "shipment_created", "object_type": "order", "object_id": order_id})

    def return_to_stock(self, sku: str, qty: float, website_id: int, *, shipped: bool = False,
                        source_code: str | None = None, order_id: Any = None) -> None:
        """Cancellation or credit memo with return_to_stock_items.

        Unshipped quantities only release their reservation; shipped ones go back to the source
        they were shipped from (InventorySales ... ProcessBackItemQtyPlugin / ReturnProcessor).
        """
        if not self.tracks_qty(sku):
            return
        stock_id = self.stock_id_for_website(website_id)
        if shipped:
            source = source_code or self.default_source_for_stock(stock_id, sku)
            self.change_source_qty(sku, source, float(qty))
            return
        self.add_reservation(sku, stock_id, float(qty),
                             {"event_type": "order_canceled", "object_type": "order", "object_id": order_id})

    def tracks_qty(self, sku: str) -> bool:
        """Whether the SKU's stock is counted (a legacy stock row of a type with quantities)."""
        item = self._legacy_row_by_sku(sku)
        return item is not None and item["type_id"] in QTY_TYPES

    def invalidate(self) -> None:
        return None
