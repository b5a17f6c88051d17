"""OrderManagement (Sales/Model/Service/OrderService): hold, unhold, cancel, status, comments, notify.

Each runs in one write transaction on the order the repository loads and saves, so every change
still passes the state handler (``states.checked_state``).
"""
from __future__ import annotations

import json
from typing import Any, Protocol

from fake_magento.backend.clock import Clock
from fake_magento.backend.money import amount, stored
from fake_magento.backend.sales.common import require_id
from fake_magento.backend.sales.orders import OrderRepository
from fake_magento.backend.sales.states import can_cancel, can_hold, can_unhold
from fake_magento.errors import MagentoError


class ReservationHooks(Protocol):
    """What a cancellation does to stock: the placement reservation is compensated."""

    def return_to_stock(self, sku: str, qty: float, website_id: int, *, shipped: bool = False,
                        source_code: str | None = None, order_id: Any = None) -> None: ...


class OrderManagement:
    def __init__(self, orders: OrderRepository, clock: Clock, inventory: ReservationHooks) -> None:
        self.sales = orders
        self.clock = clock
        self.inventory = inventory

    def hold(self, order_id: int | None) -> bool:
        """Order::hold: keeps hold_before_state/status; 400 when the state forbids it."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if not can_hold(doc):
                raise MagentoError("A hold action is not available.")
            doc["hold_before_state"], doc["hold_before_status"] = doc.get("state"), doc.get("status")
            doc["state"] = doc["status"] = "holded"
            self.sales.save(doc, items)
        return True

    def unhold(self, order_id: int | None) -> bool:
        """Order::unhold: restores the state and status kept by hold()."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if not can_unhold(doc):
                raise MagentoError("You cannot remove the hold.")
            doc["state"], doc["status"] = doc.pop("hold_before_state", "new"), doc.pop("hold_before_status", "pending")
            self.sales.save(doc, items)
        return True

    def cancel(self, order_id: int | None) -> bool:
        """OrderManagement::cancel: false (HTTP 200) when Order::canCancel says no, else
        Order::registerCancellation: each item's qty_canceled becomes min(qty_to_invoice, qty_to_ship)
        (dummy rows keep 0, as recorded); an order with something left to refund goes to
        processing instead of canceled; the *_canceled totals are the uninvoiced amounts."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if not can_cancel(doc, items):
                return False
            website_id = self.sales.website_id(doc)
            state = "canceled"
            changed = []
            for item in items.all:
                if state != "processing" and items.qty_to_refund(item):
                    # Order/Item::isProcessingAvailable: qty_to_ship > qty_to_cancel
                    state = "processing" if items.qty_to_ship(item) > items.qty_to_cancel(item) else "complete"
                if self._item_status_canceled(item):
                    continue
                before = amount(item["qty_canceled"])
                to_cancel = items.qty_to_cancel(item)
                # Order/Item::cancel sets (not adds) qty_canceled
                item["qty_canceled"] = to_cancel
                qty_ordered = amount(item["qty_ordered"]) or 1
                item["tax_canceled"] = stored(amount(item.get("tax_canceled")) + amount(item.get("base_tax_amount"))
                                             * to_cancel / qty_ordered)
                item["discount_tax_compensation_canceled"] = stored(
                    amount(item.get("discount_tax_compensation_canceled"))
                    + amount(item.get("discount_tax_compensation_amount")) * to_cancel / qty_ordered)
                released = to_cancel - before
                if released > 0 and item.get("product_type") in ("simple", "virtual", "downloadable"):
                    # the placement reservation is compensated (InventorySales cancel observer)
                    self.inventory.return_to_stock(item["sku"], released, website_id, order_id=doc["entity_id"])
                changed.append(item)
            for source, invoiced, target in (("subtotal", "subtotal_invoiced", "subtotal_canceled"),
                                             ("tax_amount", "tax_invoiced", "tax_canceled"),
                                             ("shipping_amount", "shipping_invoiced", "shipping_canceled")):
                doc[target] = stored(amount(doc.get(source)) - amount(doc.get(invoiced)))
                doc["base_" + target] = stored(amount(doc.get("base_" + source, doc.get(source)))
                                              - amount(doc.get("base_" + invoiced)))
            doc["discount_canceled"] = stored(abs(amount(doc.get("discount_amount"))) - amount(doc.get("discount_invoiced")))
            doc["base_discount_canceled"] = stored(abs(amount(doc.get("base_discount_amount")))
                                                  - amount(doc.get("base_discount_invoiced")))
            doc["total_canceled"] = stored(amount(doc.get("grand_total")) - amount(doc.get("total_paid")))
            doc["base_total_canceled"] = stored(amount(doc.get("base_grand_total")) - amount(doc.get("base_total_paid")))
            doc["state"] = doc["status"] = state
            self.sales.save(doc, items, changed)
        return True

    @staticmethod
    def _item_status_canceled(item: dict[str, Any]) -> bool:
        """Order/Item::getStatusId() == STATUS_CANCELED (cancel() skips such items)."""
        invoiced, shipped, refunded = amount(item["qty_invoiced"]), amount(item["qty_shipped"]), amount(item["qty_refunded"])
        canceled, ordered = amount(item["qty_canceled"]), amount(item["qty_ordered"])
        if not (invoiced or shipped or refunded or canceled):
            return False
        actually = ordered - canceled - refunded
        if shipped and invoiced and actually == shipped:
            return False
        if invoiced and not shipped and actually == invoiced:
            return False
        if refunded and ordered == refunded:
            return False
        return bool(canceled and ordered == canceled)

    def add_comment(self, order_id: int | None, history: dict[str, Any]) -> bool:
        """OrderManagement::addComment -> Order::addStatusHistory.

        ``history``: comment (string), is_customer_notified and is_visible_on_front (ints) and the
        status as sent. A comment without ``status`` records the order's current status (AC-1342,
        magento/magento2#34180). 2.4.7 (Sales/Model/Service/OrderService::addComment, measured on the
        2.4.7-p3 sandbox) refuses any other status than the order's own: the status cannot change
        through a comment. (Order::canComment is consulted by the admin's history block only.)
        """
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            requested = history.get("status")
            status = doc.get("status")
            if requested not in (None, "") and str(requested) != str(status):
                # the template spans two lines of the PHP source: its new line and indentation are sent
                raise MagentoError('Unable to add comment: The status "%1" is not part of the order\n'
                                   '                 status history.', [str(requested)])
            entry = {"comment": history.get("comment") or "", "created_at": self.clock.stamp(),
                     # Order::addStatusHistory leaves entity_name unset (null, so not sent); only the
                     # comments Magento writes itself name one (a refund's: "creditmemo")
                     "entity_id": self.sales.db.next_id("order_status_history"),
                     "is_customer_notified": int(history.get("is_customer_notified") or 0),
                     "is_visible_on_front": int(history.get("is_visible_on_front") or 0),
                     "parent_id": doc["entity_id"]}
            if status is not None:
                entry["status"] = status
            doc["status_histories"] = [entry] + list(doc.get("status_histories", []))
            # the status cannot change here, so only the history row is written: the order's
            # updated_at stays (measured on the 2.4.7-p3 sandbox, with and without a status sent)
            self.sales.save(doc, items, touch=False)
        return True

    def get_comments_list(self, order_id: int | None) -> dict[str, Any]:
        """OrderManagement::getCommentsList: the history repository's list for parent_id = id
        (no sort order: the table's order), with that one filter echoed."""
        key = require_id(order_id)
        row = self.sales.db.one("SELECT doc FROM sales_order WHERE entity_id=?", (key,))
        histories = [] if row is None else sorted(json.loads(row[0]).get("status_histories", []),
                                                  key=lambda h: h["entity_id"])
        echo = {"filter_groups": [{"filters": [{"field": "parent_id", "value": str(key), "condition_type": "eq"}]}]}
        return {"items": histories, "search_criteria": echo, "total_count": len(histories)}

    def get_status(self, order_id: int | None) -> str:
        """OrderManagement::getStatus."""
        return str(self.sales.load(order_id)[0]["status"])

    def notify(self, order_id: int | None) -> bool:
        """OrderManagement::notify (OrderNotifier): the email is 'sent'."""
        self.sales.load(order_id)
        return True
