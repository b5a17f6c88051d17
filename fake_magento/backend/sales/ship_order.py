"""ShipOrder (Sales/Model/ShipOrder, POST /V1/order/{id}/ship): ShipmentDocumentFactory and
ShipmentFactory::prepareItems quantities, Validation/ShipOrder, source deduction (InventoryShipping)."""
from __future__ import annotations

import json
from typing import Any, Protocol

from fake_magento.backend.clock import Clock
from fake_magento.backend.money import amount
from fake_magento.backend.sales.common import (
    STOCK_TYPES,
    document_error,
    next_increment_id,
    shipping_address_id,
)
from fake_magento.backend.sales.document_comments import creation_comments
from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.orders import OrderRepository
from fake_magento.backend.sales.states import STATE_DEFAULT_STATUS, can_ship, resolve_state


class ShipmentStock(Protocol):
    """The inventory a shipment deducts from."""

    def stock_id_for_website(self, website_id: int) -> int: ...

    def sources_for_stock(self, stock_id: int) -> list[str]: ...

    def ship(self, sku: str, qty: float, website_id: int, *, source_code: str | None = None,
             order_id: Any = None) -> None: ...


class ShipOrder:
    def __init__(self, orders: OrderRepository, clock: Clock, inventory: ShipmentStock) -> None:
        self.sales, self.db, self.clock, self.inventory = orders, orders.db, clock, inventory

    @staticmethod
    def _quantities(items: OrderItems, requested: dict[int, float]) -> dict[int, float]:
        """ShipmentDocumentFactory::create: without items, every non-virtual row that is not a child
        shipped with its parent is asked for its qty_ordered (getQuantitiesFromOrderItems)."""
        if requested:
            return dict(requested)
        return {i["item_id"]: float(i["qty_ordered"]) for i in items.all
                if not i.get("is_virtual") and (items.parent(i) is None or items.is_ship_separately(i))}

    def _shipment_quantities(self, items: OrderItems, qtys: dict[int, float]) -> list[tuple[dict[str, Any], float, bool]]:
        """ShipmentFactory::prepareItems: ``(order item, qty, deleted)`` rows, quantities capped silently.

        A child shipped together with its parent (and a virtual row) is marked deleted: it stays out
        of the saved shipment, but OrderRegistrar still registers its quantity, so a bundle's
        selections are shipped too (selection qty x the parent's qty, capped at what is left; a
        configurable child gets 0). A bundle shipped separately is dropped when none of its
        children is shipped with it (setItemsToShipment).
        """
        lines: list[tuple[dict[str, Any], float, bool]] = []
        for item in items.all:
            if not self._can_ship_item(items, item, qtys):
                continue
            dummy = items.is_dummy(item, True)
            if not dummy and qtys.get(item["item_id"], 0) <= 0:  # validateItem
                continue
            deleted = bool(item.get("is_virtual")) or (item.get("parent_item_id") is not None
                                                       and not items.is_ship_separately(item))
            if dummy:
                parent_id = item.get("parent_item_id")
                qty = 1.0 if parent_id not in qtys else 0.0
                selection = items.selection_qty(item)
                if parent_id in qtys and selection is not None:
                    qty = min(selection * qtys[parent_id], items.simple_qty_to_ship(item))
            else:
                qty = min(qtys[item["item_id"]], items.qty_to_ship(item))
            lines.append((item, items.cast_qty(item, qty), deleted))
        shipped_with = {i.get("parent_item_id") for i, _, _ in lines}
        return [(i, q, d) for i, q, d in lines
                if not (items.has_children(i) and items.is_ship_separately(i) and i["item_id"] not in shipped_with)]

    @staticmethod
    def _bundle_type_messages(items: OrderItems, requested: dict[int, float]) -> list[str]:
        """ShipmentItemsValidator with Bundle's BundleShipmentTypeValidator, over the requested order
        items: a bundle row that does not carry the shipment (dummy) cannot be named."""
        messages = []
        template = 'Cannot create shipment as bundle product "{}" has shipment type "{}". {} should be shipped instead.'
        for item in items.all:
            if item["item_id"] not in requested or not items.is_dummy(item, True):
                continue
            parent = items.parent(item)
            if items.has_children(item) and item.get("product_type") == "bundle":
                messages.append(template.format(item.get("sku"), "Separately", "Bundle product options"))
            if parent is not None and parent.get("product_type") == "bundle":
                messages.append(template.format(parent.get("sku"), "Together", "Bundle product itself"))
        return messages

    @staticmethod
    def _can_ship_item(items: OrderItems, item: dict[str, Any], requested: dict[int, float]) -> bool:
        if item.get("is_virtual"):
            return False
        if items.is_dummy(item, True):
            if items.has_children(item):
                if items.is_ship_separately(item):
                    return True
                for child in items.children[item["item_id"]]:
                    if child.get("is_virtual"):
                        continue
                    if not requested:
                        if items.qty_to_ship(child) > 0:
                            return True
                    elif requested.get(child["item_id"], 0) > 0:
                        return True
                return False
            parent = items.parent(item)
            if parent is not None:
                return items.qty_to_ship(parent) > 0 if not requested else requested.get(parent["item_id"], 0) > 0
        return items.qty_to_ship(item) > 0

    def execute(self, order_id: int | None, items: dict[int, float] | None = None, *, notify: bool = False,
                append_comment: bool = False, comment: dict[str, Any] | None = None,
                tracks: list[dict[str, Any]] | None = None, packages: list[Any] | None = None,
                arguments: dict[str, Any] | None = None) -> str:
        """ShipOrder::execute. ``items``: quantities by order item id (None or empty: everything
        left); ``tracks``: track_number (as sent), title and carrier_code (strings); ``packages``:
        ShipmentPackageCreationInterface rows (extension attributes only)."""
        with self.db.write() as conn:
            order, order_items = self.sales.load(order_id)
            requested = items or {}
            lines = self._shipment_quantities(order_items, self._quantities(order_items, requested))
            track_list = list(tracks or [])
            # Validation/ShipOrder: CanShip, then the shipment QuantityValidator and TrackValidator
            messages = []
            if order["state"] in ("payment_review", "holded", "canceled") or order.get("is_virtual"):
                messages.append(f"A shipment cannot be created when an order has a status of {order['status']}")
            elif not can_ship(order, order_items):
                messages.append("The order does not allow a shipment to be created.")
            if not sum(q for _, q, _ in lines) > 0:
                messages.append("You can't create a shipment without products.")
            if any(not t.get("track_number") for t in track_list):
                messages.append("Please enter a tracking number.")
            messages += self._bundle_type_messages(order_items, requested)
            if messages:
                raise document_error("Shipment", messages)
            now = self.clock.stamp()
            shipment_id = self.db.next_id("shipment")
            website_id = self.sales.website_id(order)
            source_code = self._source_code(website_id)
            doc_items = []
            for item, qty, deleted in lines:
                if qty <= 0:
                    continue
                item["qty_shipped"] = amount(item["qty_shipped"]) + qty  # Shipment/Item::register
                if deleted:
                    continue
                self._deduct_shipped(order_items, item, qty, website_id, order["entity_id"], source_code)
                doc_items.append({"entity_id": self.db.next_id("shipment_item"), "name": item.get("name"),
                                  "parent_id": shipment_id, "price": item.get("price", 0),
                                  "product_id": item.get("product_id"), "sku": item["sku"],
                                  "weight": item.get("weight", 0), "order_item_id": item["item_id"], "qty": qty})
            doc_tracks = []
            for t in track_list:
                track_id = self.db.next_id("shipment_track")
                doc_tracks.append({"order_id": order["entity_id"], "created_at": now, "entity_id": track_id,
                                   "parent_id": shipment_id, "updated_at": now,
                                   # ShipmentDocumentFactory sets only number, title and carrier; the
                                   # non-nullable getters then write null
                                   "weight": None, "qty": None, "description": None,
                                   "track_number": str(t["track_number"]), "title": t["title"],
                                   "carrier_code": t["carrier_code"]})
            if order["state"] == "new":  # ShipOrder: only a new order changes state (custom statuses kept)
                order["state"] = resolve_state(order, order_items, in_progress=True)
                order["status"] = STATE_DEFAULT_STATUS[order["state"]]
            doc = {"billing_address_id": order.get("billing_address_id"), "created_at": now,
                   # the shipment sender sets email_sent only when it sends (notify)
                   "customer_id": order.get("customer_id"), "email_sent": 1 if notify else None,
                   "entity_id": shipment_id, "increment_id": next_increment_id(self.db, order["store_id"], "shipment"),
                   "order_id": order["entity_id"], "packages": list(packages or []),
                   "shipping_address_id": shipping_address_id(order),
                   # Shipment/OrderRegistrar: the rows that carry the shipment (not dummy) count
                   "store_id": order["store_id"], "total_qty": sum(q for i, q, _ in lines if q > 0
                                                                   and not order_items.is_dummy(i, True)),
                   "updated_at": now, "items": doc_items, "tracks": doc_tracks,
                   "comments": creation_comments(self.db, self.clock, comment, shipment_id, append_comment and notify),
                   "extension_attributes": {"source_code": source_code}}
            doc = {k: v for k, v in doc.items() if v is not None}
            conn.execute("INSERT INTO sales_shipment VALUES (?,?,?,?,?,?,?,?)",
                         (shipment_id, doc["increment_id"], order["entity_id"], order["store_id"], doc["total_qty"],
                          now, now, json.dumps({k: v for k, v in doc.items() if k != "tracks"})))
            for track in doc_tracks:
                conn.execute("INSERT INTO sales_shipment_track VALUES (?,?,?,?)",
                             (track["entity_id"], shipment_id, order["entity_id"], json.dumps(track)))
            self.sales.save(order, order_items, [i for i, q, _ in lines if q > 0])
        return str(shipment_id)

    def _source_code(self, website_id: int) -> str:
        """InventoryShipping AssignSourceCodeToShipmentPlugin: the stock's only source, else the
        default source (the shipment's extension_attributes.source_code, which the deduction uses)."""
        inventory = self.inventory
        sources = inventory.sources_for_stock(inventory.stock_id_for_website(website_id))
        return str(sources[0]) if len(sources) == 1 else "default"

    def _deduct_shipped(self, items: OrderItems, item: dict[str, Any], qty: float, website_id: int,
                        order_id: int, source_code: str) -> None:
        """Source deduction for what a shipment item stands for (InventoryShipping
        GetItemsToDeductFromShipment): a configurable row is its child's SKU, a bundle shipped
        together deducts its (non-virtual) children; a bundle shipped separately deducts nothing
        itself, its children are rows of the shipment."""
        kind = item.get("product_type")
        if kind in STOCK_TYPES or kind == "configurable":
            self.inventory.ship(item["sku"], qty, website_id, source_code=source_code, order_id=order_id)
        elif items.has_children(item) and not items.is_dummy(item, True):
            for child in items.children[item["item_id"]]:
                if child.get("product_type") in STOCK_TYPES and not child.get("is_virtual"):
                    ratio = items.selection_qty(child) or 1.0
                    self.inventory.ship(child["sku"], qty * ratio, website_id, source_code=source_code,
                                        order_id=order_id)
