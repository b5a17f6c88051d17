"""Order item rules (Sales/Model/Order/Item): dummy items and the quantities left to act on.

Items are the stored dicts of one order. Configurable and bundle rows are linked by
``parent_item_id``; Magento's internal ``product_options`` (``product_calculations``,
``shipment_type``, a bundle child's ``bundle_selection_attributes.qty``) is kept under the
private key ``_options`` and never shown (OrderItemInterface exposes only ``product_option``).
"""
from __future__ import annotations

from typing import Any

from fake_magento.backend.contract import getters

# Catalog/Model/Product/Type/AbstractType constants
CALCULATE_CHILD = 0
SHIPMENT_SEPARATELY = 1
# What OrderItemInterface has getters for (the stored row also keeps the private ``_options``)
ITEM_KEYS = getters("sales-data-order-item-interface")


class OrderItems:
    """One order's items with their parent/child links."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.all = sorted(items, key=lambda i: i["item_id"])
        self.by_id = {i["item_id"]: i for i in self.all}
        self.children: dict[int, list[dict[str, Any]]] = {}
        for item in self.all:
            if item.get("parent_item_id") is not None:
                self.children.setdefault(item["parent_item_id"], []).append(item)

    def parent(self, item: dict[str, Any]) -> dict[str, Any] | None:
        return self.by_id.get(item.get("parent_item_id"))  # type: ignore[arg-type]

    def has_children(self, item: dict[str, Any]) -> bool:
        return bool(self.children.get(item["item_id"]))

    def _options(self, item: dict[str, Any]) -> dict[str, Any]:
        owner = self.parent(item) or item
        return dict(owner.get("_options") or {})

    def is_children_calculated(self, item: dict[str, Any]) -> bool:
        options = self._options(item)
        return "product_calculations" in options and int(options["product_calculations"]) == CALCULATE_CHILD

    def is_ship_separately(self, item: dict[str, Any]) -> bool:
        options = self._options(item)
        return "shipment_type" in options and int(options["shipment_type"]) == SHIPMENT_SEPARATELY

    def is_dummy(self, item: dict[str, Any], shipment: bool = False) -> bool:
        """Order/Item::isDummy: which row of a parent/child pair carries the quantities."""
        has_children, parent = self.has_children(item), self.parent(item)
        flag = self.is_ship_separately(item) if shipment else self.is_children_calculated(item)
        if has_children:
            return flag
        if parent is not None:
            return not flag
        return False

    # -- Order/Item::getQtyTo* ---------------------------------------------------------------
    @staticmethod
    def simple_qty_to_ship(item: dict[str, Any]) -> float:
        qty = float(item["qty_ordered"]) - max(float(item["qty_shipped"]), float(item["qty_refunded"])) \
            - float(item["qty_canceled"])
        return max(round(qty, 8), 0.0)

    def qty_to_ship(self, item: dict[str, Any]) -> float:
        return 0.0 if self.is_dummy(item, True) else self.simple_qty_to_ship(item)

    def qty_to_invoice(self, item: dict[str, Any]) -> float:
        if self.is_dummy(item):
            return 0.0
        qty = float(item["qty_ordered"]) - float(item["qty_invoiced"]) - float(item["qty_canceled"])
        return max(round(qty, 8), 0.0)

    def qty_to_refund(self, item: dict[str, Any]) -> float:
        if self.is_dummy(item):
            return 0.0
        return max(float(item["qty_invoiced"]) - float(item["qty_refunded"]), 0.0)

    def qty_to_cancel(self, item: dict[str, Any]) -> float:
        return max(min(self.qty_to_invoice(item), self.qty_to_ship(item)), 0.0)

    @staticmethod
    def selection_qty(item: dict[str, Any]) -> float | None:
        """A bundle child's qty per bundle (bundle_selection_attributes.qty)."""
        value = (item.get("_options") or {}).get("bundle_selection_qty")
        return None if value is None else float(value)

    @staticmethod
    def cast_qty(item: dict[str, Any], qty: float) -> float:
        """(int) for items without decimal quantities, as InvoiceService/ShipmentFactory cast."""
        qty = float(qty) if item.get("is_qty_decimal") else float(int(qty))
        return qty if qty > 0 else 0.0

    # -- order-level checks (Sales/Model/Order) ------------------------------------------------
    def can_invoice(self) -> bool:
        return any(self.qty_to_invoice(i) > 0 for i in self.all)

    def can_ship(self) -> bool:
        """Order::canShip: some non-virtual item left to ship that is not fully refunded. A bundle's
        selection counts with its own quantity (getSimpleQtyToShip, even when it is shipped with
        its parent); every other row through getQtyToShip, which is 0 for a dummy row."""
        for item in self.all:
            parent = self.parent(item)
            in_bundle = parent is not None and parent.get("product_type") == "bundle"
            left = self.simple_qty_to_ship(item) if in_bundle else self.qty_to_ship(item)
            if left > 0 and not item.get("is_virtual") and float(item["qty_refunded"]) != float(item["qty_ordered"]):
                return True
        return False

    def all_invoiced(self) -> bool:
        return not any(self.qty_to_invoice(i) for i in self.all)


def public_item(item: dict[str, Any]) -> dict[str, Any]:
    """A new dict of the item's shown keys, in the stored order (a copy less the few private keys:
    cheaper than picking the many shown ones)."""
    return shown_keys(item, ITEM_KEYS)


def shown_keys(doc: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    """A new dict of ``doc``'s entries whose key is in ``keys``, in ``doc``'s order."""
    shown = dict(doc)
    for key in set(doc).difference(keys):  # a set of the doc's keys: cheaper than keys() - keys
        del shown[key]
    return shown
