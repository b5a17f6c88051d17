"""Legacy CatalogInventory: StockRegistry, StockItemRepository, stock status, low stock."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.product_ids import ProductIds
    from fake_magento.storage import Database

# cataloginventory/item_options/* defaults (CatalogInventory/etc/config.xml).
CONFIG = {"min_qty": 0, "min_sale_qty": 1, "max_sale_qty": 10000, "backorders": 0, "notify_stock_qty": 1,
          "qty_increments": 1, "enable_qty_increments": False, "manage_stock": True}
FLAGS = {  # use_config flag -> the value it governs
    "use_config_min_qty": "min_qty", "use_config_min_sale_qty": "min_sale_qty",
    "use_config_max_sale_qty": "max_sale_qty", "use_config_backorders": "backorders",
    "use_config_notify_stock_qty": "notify_stock_qty", "use_config_qty_increments": "qty_increments",
    "use_config_enable_qty_inc": "enable_qty_increments", "use_config_manage_stock": "manage_stock",
}
# StockItemInterface fields the repository does not take from the sent item
NOT_WRITTEN = frozenset({"item_id", "product_id", "stock_id", "website_id", "low_stock_date", "extension_attributes",
                         "show_default_notification_message"})
QTY_TYPES = {"simple", "virtual", "downloadable", "giftcard"}


class LegacyStock:
    db: Database
    clock: Clock
    products: ProductIds

    # -- rows --------------------------------------------------------------------------------
    def _legacy_row(self, product_id: int) -> Any:
        return self.db.one("SELECT * FROM cataloginventory_stock_item WHERE product_id=?", (product_id,))

    def _legacy_row_by_sku(self, sku: str) -> Any:
        return self.db.one("SELECT * FROM cataloginventory_stock_item WHERE sku=?", (sku,))

    def _resolve_product_id(self, sku: Any) -> int:
        """StockRegistry::resolveProductId."""
        product_id = self.products.find_id(sku)
        if not product_id:
            raise NoSuchEntityError('The Product with the "%1" SKU doesn\'t exist.', [sku])
        return int(product_id)

    @classmethod
    def _config(cls, row: Any) -> dict[str, Any]:
        return cls._config_of(json.loads(row["doc"]) if row is not None else {})

    @staticmethod
    def _config_of(doc: dict[str, Any]) -> dict[str, Any]:
        """The effective item options: the item's own where its use_config flag is off."""
        out = {}
        for flag, name in FLAGS.items():
            use_config = doc.get(flag, 1 if flag == "use_config_min_sale_qty" else True)
            out[name] = CONFIG[name] if bool(use_config) or doc.get(name) is None else doc[name]
        return out

    def _item_data(self, row: Any) -> dict[str, Any]:
        """StockItemInterface in Magento's key order (recorded: test_product_export_qty.yaml)."""
        doc = json.loads(row["doc"])
        cfg = self._config_of(doc)
        qty = row["qty"]
        return {
            "item_id": row["item_id"], "product_id": row["product_id"], "stock_id": row["stock_id"],
            "qty": float(qty) if qty is not None else None,
            # Item::getIsInStock: always in stock when the stock is not managed.
            "is_in_stock": bool(row["is_in_stock"]) or not bool(cfg["manage_stock"]),
            "is_qty_decimal": bool(doc.get("is_qty_decimal", False)),
            "show_default_notification_message": False,
            "use_config_min_qty": bool(doc.get("use_config_min_qty", True)),
            "min_qty": float(cfg["min_qty"]),
            "use_config_min_sale_qty": int(bool(doc.get("use_config_min_sale_qty", 1))),
            "min_sale_qty": float(cfg["min_sale_qty"]),
            "use_config_max_sale_qty": bool(doc.get("use_config_max_sale_qty", True)),
            "max_sale_qty": float(cfg["max_sale_qty"]),
            "use_config_backorders": bool(doc.get("use_config_backorders", True)),
            "backorders": int(cfg["backorders"]),
            "use_config_notify_stock_qty": bool(doc.get("use_config_notify_stock_qty", True)),
            "notify_stock_qty": float(cfg["notify_stock_qty"]),
            "use_config_qty_increments": bool(doc.get("use_config_qty_increments", True)),
            # Item::getQtyIncrements is 0 unless qty increments are enabled.
            "qty_increments": float(cfg["qty_increments"]) if bool(cfg["enable_qty_increments"]) else 0,
            "use_config_enable_qty_inc": bool(doc.get("use_config_enable_qty_inc", True)),
            "enable_qty_increments": bool(cfg["enable_qty_increments"]),
            "use_config_manage_stock": bool(doc.get("use_config_manage_stock", True)),
            "manage_stock": bool(cfg["manage_stock"]),
            "low_stock_date": row["low_stock_date"],
            "is_decimal_divided": bool(doc.get("is_decimal_divided", False)),
            "stock_status_changed_auto": int(row["stock_status_changed_auto"]),
        }

    # -- called by catalog -------------------------------------------------------------------
    def stock_item_for_product(self, product_id: int) -> dict[str, Any] | None:
        """The product's ``extension_attributes.stock_item`` (legacy stock item shape)."""
        row = self._legacy_row(product_id)
        return self._item_data(row) if row is not None else None

    def on_product_saved(self, product_id: int, sku: str, type_id: str,
                         stock_item: dict[str, Any] | None, is_new: bool) -> None:
        """Create the stock item (and default source item) of a new product; apply a sent stock_item."""
        with self.db.write() as conn:
            row = self._legacy_row(product_id)
            if row is not None and row["sku"] != sku:
                # A renamed SKU keeps its MSI rows (InventoryCatalog UpdateSourceItemsUponSkuChange).
                for table in ("inventory_source_item", "inventory_reservation"):
                    conn.execute(f"UPDATE {table} SET sku=? WHERE sku=?", (sku, row["sku"]))
            if row is None:
                item_id = self.db.next_id("stock_item")
                conn.execute("INSERT INTO cataloginventory_stock_item(item_id, product_id, sku, type_id, qty,"
                             " is_in_stock) VALUES (?,?,?,?,0,0)", (item_id, product_id, sku, type_id))
            else:
                conn.execute("UPDATE cataloginventory_stock_item SET sku=?, type_id=? WHERE product_id=?",
                             (sku, type_id, product_id))
            if stock_item is not None or row is None:
                self._save_item(product_id, stock_item or {}, new=row is None)

    def on_product_deleted(self, product_id: int, sku: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM cataloginventory_stock_item WHERE product_id=?", (product_id,))
            conn.execute("DELETE FROM inventory_source_item WHERE sku=?", (sku,))

    # -- StockItemRepository::save -----------------------------------------------------------
    def _save_item(self, product_id: int, data: dict[str, Any], *, sync_source: bool = True,
                   new: bool = False) -> int:
        """StockRegistry::updateStockItemBySku: the sent fields over the stored item, then
        StockItemRepository::save."""
        row = self._legacy_row(product_id)
        assert row is not None
        doc = json.loads(row["doc"])
        qty = row["qty"]
        is_in_stock = bool(row["is_in_stock"])
        auto = int(row["stock_status_changed_auto"])
        # the values come typed (ServiceInputProcessor over StockItemInterface, or the seeder's own)
        for key, value in data.items():
            if key in NOT_WRITTEN:
                continue
            if key == "qty":
                qty = value
            elif key == "is_in_stock":
                is_in_stock = bool(value)
            elif key == "stock_status_changed_auto":
                auto = int(value or 0)  # a sent value is kept (measured on 2.4.7-p3)
            else:
                doc[key] = value
        low_stock_date = None
        if row["type_id"] in QTY_TYPES:
            is_in_stock, auto = self._stock_status(row, doc, qty, is_in_stock, auto, new=new)
            effective = self._config({"doc": json.dumps(doc)})
            # StockStateProvider::verifyNotification
            if float(qty or 0) < float(effective["notify_stock_qty"]):
                low_stock_date = self.clock.stamp()
        else:
            qty = 0
        with self.db.write() as conn:
            conn.execute("UPDATE cataloginventory_stock_item SET qty=?, is_in_stock=?, doc=?, low_stock_date=?,"
                         " stock_status_changed_auto=? WHERE product_id=?",
                         (qty, int(is_in_stock), json.dumps(doc, sort_keys=True), low_stock_date, auto, product_id))
            if sync_source and row["type_id"] in QTY_TYPES:
                # The source item takes the status as read (Item::getIsInStock: in stock without managed stock).
                reads_in_stock = is_in_stock or not bool(self._config({"doc": json.dumps(doc)})["manage_stock"])
                self._sync_default_source_item(  # type: ignore[attr-defined]
                    row["sku"], float(qty or 0), int(reads_in_stock))
        return int(row["item_id"])

    def _stock_status(self, row: Any, doc: dict[str, Any], qty: float | None, is_in_stock: bool, auto: int,
                      *, new: bool) -> tuple[bool, int]:
        """StockItemRepository::updateStockStatus (CatalogInventory/Model/Stock/StockItemRepository.php).

        Without managed stock the flag is 0. Otherwise an item that fails StockStateProvider::verifyStock
        (no qty, or qty <= min_qty without backorders) goes out of stock with the flag 1 only if it was
        in stock; one that passes resets the flag when its status differs from the stored item's (a new
        item always differs), and comes back in stock while the flag is still 1, whatever was sent
        (all measured on 2.4.7-p3 over REST).
        """
        config = self._config({"doc": json.dumps(doc)})
        if not bool(config["manage_stock"]):
            return is_in_stock, 0
        verified = not (qty is None or (int(config["backorders"]) == 0 and qty <= float(config["min_qty"])))
        if not verified:
            return (False, 1) if is_in_stock else (is_in_stock, auto)
        stored_reads = bool(row["is_in_stock"]) or not bool(self._config(row)["manage_stock"])
        if new or stored_reads != is_in_stock:
            auto = 0
        if not is_in_stock and auto:
            is_in_stock = True
        return is_in_stock, auto

    # -- REST: StockRegistry ---------------------------------------------------------------------
    def get_stock_item(self, sku: str) -> dict[str, Any]:
        product_id = self._resolve_product_id(sku)
        row = self._legacy_row(product_id)
        if row is None:
            raise NoSuchEntityError('The Product with the "%1" SKU doesn\'t exist.', [sku])
        return self._item_data(row)

    def update_stock_item(self, sku: str, data: dict[str, Any]) -> int:
        """StockRegistry::updateStockItemBySku: the saved item's id, a JSON integer on 2.4.7-p3 (PHP 8.1+
        PDO fetches integers; 2.3 on PHP 7 answered a digit string, OCA's cassettes)."""
        product_id = self._resolve_product_id(sku)
        if self._legacy_row(product_id) is None:
            raise NoSuchEntityError('The Product with the "%1" SKU doesn\'t exist.', [sku])
        return self._save_item(product_id, data)

    def stock_status(self, sku: str) -> dict[str, Any]:
        product_id = self._resolve_product_id(sku)
        row = self._legacy_row(product_id)
        if row is None:
            raise NoSuchEntityError('The Product with the "%1" SKU doesn\'t exist.', [sku])
        item = self._item_data(row)
        return {"product_id": row["product_id"], "stock_id": row["stock_id"], "qty": int(float(row["qty"] or 0)),
                "stock_status": 1 if item["is_in_stock"] else 0, "stock_item": item}

    def low_stock_items(self, scope_id: int, qty: float, current_page: int = 1, page_size: int = 0) -> dict[str, Any]:
        """StockRegistry::getLowStockItems: items with qty <= the given qty."""
        rows = self.db.query("SELECT * FROM cataloginventory_stock_item WHERE qty <= ? ORDER BY item_id", (qty,))
        total = len(rows)
        if page_size:
            page = current_page if current_page > 0 else 1
            rows = rows[(page - 1) * page_size: page * page_size]
        return {
            "items": [self._item_data(r) for r in rows],
            "search_criteria": {
                "mapper_interface_name":
                    "Magento\\CatalogInventory\\Model\\ResourceModel\\Stock\\Item\\StockItemCriteriaMapper",
                "criteria_list": [], "filters": [], "orders": [],
                "limit": [str(current_page), str(page_size)],
            },
            "total_count": total,
        }
