"""OrderManagement (Sales/Model/Service/OrderService): hold, unhold, cancel, comments, notify.

Each runs in one write transaction on the order the repository (``SalesService``) loads and saves, so
every change still passes ``state_check``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.sales import money
from fake_magento.backend.sales.items import OrderItems
from fake_magento.errors import MagentoError, required_field
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.sales import SalesService

# Order::canHold: the states an order cannot be put on hold from
HOLD_FORBIDDEN = {"canceled", "payment_review", "complete", "closed", "holded"}


class OrderManagement:
    def __init__(self, sales: SalesService) -> None:
        self.sales = sales

    def hold(self, order_id: Any) -> bool:
        """Order::hold: keeps hold_before_state/status; 400 when the state forbids it."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if doc.get("state") in HOLD_FORBIDDEN:
                raise MagentoError("A hold action is not available.")
            doc["hold_before_state"], doc["hold_before_status"] = doc.get("state"), doc.get("status")
            doc["state"] = doc["status"] = "holded"
            self.sales.save(doc, items)
        return True

    def unhold(self, order_id: Any) -> bool:
        """Order::unhold: restores the state and status kept by hold()."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if doc.get("state") != "holded":
                raise MagentoError("You cannot remove the hold.")
            doc["state"], doc["status"] = doc.pop("hold_before_state", "new"), doc.pop("hold_before_status", "pending")
            self.sales.save(doc, items)
        return True

    def can_cancel(self, doc: dict[str, Any], items: OrderItems) -> bool:
        """Order::canCancel."""
        if doc.get("state") in ("canceled", "holded", "payment_review"):
            return False
        if items.all_invoiced():
            return False
        return doc.get("state") not in ("complete", "closed")

    def cancel(self, order_id: Any) -> bool:
        """OrderManagement::cancel: false (HTTP 200) when Order::canCancel says no, else
        Order::registerCancellation: each item's qty_canceled becomes min(qty_to_invoice, qty_to_ship)
        (dummy rows keep 0, as recorded); an order with something left to refund goes to
        processing instead of canceled; the *_canceled totals are the uninvoiced amounts."""
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            if not self.can_cancel(doc, items):
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
                before = money(item["qty_canceled"])
                to_cancel = items.qty_to_cancel(item)
                # Order/Item::cancel sets (not adds) qty_canceled
                item["qty_canceled"] = to_cancel
                qty_ordered = money(item["qty_ordered"]) or 1
                item["tax_canceled"] = round(money(item.get("tax_canceled")) + money(item.get("base_tax_amount"))
                                             * to_cancel / qty_ordered, 4)
                item["discount_tax_compensation_canceled"] = round(
                    money(item.get("discount_tax_compensation_canceled"))
                    + money(item.get("discount_tax_compensation_amount")) * to_cancel / qty_ordered, 4)
                released = to_cancel - before
                if released > 0 and item.get("product_type") in ("simple", "virtual", "downloadable"):
                    # the placement reservation is compensated (InventorySales cancel observer)
                    self.sales.backend.inventory.return_to_stock(item["sku"], released, website_id,
                                                           order_id=doc["entity_id"])
                changed.append(item)
            for source, invoiced, target in (("subtotal", "subtotal_invoiced", "subtotal_canceled"),
                                             ("tax_amount", "tax_invoiced", "tax_canceled"),
                                             ("shipping_amount", "shipping_invoiced", "shipping_canceled")):
                doc[target] = round(money(doc.get(source)) - money(doc.get(invoiced)), 4)
                doc["base_" + target] = round(money(doc.get("base_" + source, doc.get(source)))
                                              - money(doc.get("base_" + invoiced)), 4)
            doc["discount_canceled"] = round(abs(money(doc.get("discount_amount"))) - money(doc.get("discount_invoiced")), 4)
            doc["base_discount_canceled"] = round(abs(money(doc.get("base_discount_amount")))
                                                  - money(doc.get("base_discount_invoiced")), 4)
            doc["total_canceled"] = round(money(doc.get("grand_total")) - money(doc.get("total_paid")), 4)
            doc["base_total_canceled"] = round(money(doc.get("base_grand_total")) - money(doc.get("base_total_paid")), 4)
            doc["state"] = doc["status"] = state
            self.sales.save(doc, items, changed)
        return True

    @staticmethod
    def _item_status_canceled(item: dict[str, Any]) -> bool:
        """Order/Item::getStatusId() == STATUS_CANCELED (cancel() skips such items)."""
        invoiced, shipped, refunded = money(item["qty_invoiced"]), money(item["qty_shipped"]), money(item["qty_refunded"])
        canceled, ordered = money(item["qty_canceled"]), money(item["qty_ordered"])
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

    def add_comment(self, order_id: Any, history: Any) -> bool:
        """OrderManagement::addComment -> Order::addStatusHistory.

        A comment without ``status`` records the order's current status (AC-1342,
        magento/magento2#34180). 2.4.7 (Sales/Model/Service/OrderService::addComment, measured on the
        2.4.7-p3 sandbox) refuses any other status than the order's own: the status cannot change
        through a comment.
        """
        if not isinstance(history, dict):
            raise required_field("statusHistory")
        with self.sales.db.write():
            doc, items = self.sales.load(order_id)
            requested = history.get("status")
            status = doc.get("status")
            if requested not in (None, "") and str(requested) != str(status):
                # the template spans two lines of the PHP source: its new line and indentation are sent
                raise MagentoError('Unable to add comment: The status "%1" is not part of the order\n'
                                   '                 status history.', [str(requested)])
            entry = {"comment": typed_value("comment", history.get("comment", ""), "string") or "",
                     "created_at": self.sales.backend.clock.stamp(),
                     # Order::addStatusHistory leaves entity_name unset (null, so not sent); only the
                     # comments Magento writes itself name one (a refund's: "creditmemo")
                     "entity_id": self.sales.db.next_id("order_status_history"),
                     "is_customer_notified": int(typed_value("is_customer_notified",
                                                             history.get("is_customer_notified", 0), "int") or 0),
                     "is_visible_on_front": int(typed_value("is_visible_on_front",
                                                            history.get("is_visible_on_front", 0), "int") or 0),
                     "parent_id": doc["entity_id"]}
            if status is not None:
                entry["status"] = status
            doc["status_histories"] = [entry] + list(doc.get("status_histories", []))
            # the status cannot change here, so only the history row is written: the order's
            # updated_at stays (measured on the 2.4.7-p3 sandbox, with and without a status sent)
            self.sales.save(doc, items, touch=False)
        return True

    def notify(self, order_id: Any) -> bool:
        """OrderManagement::notify (OrderNotifier): the email is 'sent'."""
        self.sales.load(order_id)
        return True
