"""The order's state rules as pure functions of the stored order and its items.

Sources (Magento 2.4.7, vendor/magento/module-sales):

* ``Model/Order.php``: canInvoice, canShip, canCreditmemo (+ canCreditmemoForZeroTotal and
  canCreditmemoForZeroTotalRefunded), canCancel, canHold, canUnhold, canComment;
* ``Model/Order/StateResolver.php``: getStateForOrder, the state an invoice, shipment or refund
  leaves the order in;
* ``Model/ResourceModel/Order/Handler/State.php``: check, run by every order save.

``order`` is the stored order document (state, status, totals, is_virtual); ``items`` its rows
(``OrderItems``). Nothing here reads the database: whether the order already has a saved credit
memo (canCreditmemoForZeroTotal asks) is passed in as ``has_creditmemos``. The emulator has no
action flags (Order::setActionFlag is only set by admin controllers), so the flag checks are not
modelled: canComment is always true.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fake_magento.backend.money import amount, round_price
from fake_magento.backend.sales.items import OrderItems

# Sales/Setup/Patch/Data/InstallOrderStatusesAndInitialSalesConfig: the default status of each state
STATE_DEFAULT_STATUS = {"new": "pending", "pending_payment": "pending_payment", "processing": "processing",
                        "complete": "complete", "closed": "closed", "canceled": "canceled", "holded": "holded",
                        "payment_review": "payment_review"}
# ... and every status assigned to each state
STATE_STATUSES = {"new": ["pending"], "pending_payment": ["pending_payment"], "processing": ["processing", "fraud"],
                  "complete": ["complete"], "closed": ["closed"], "canceled": ["canceled"], "holded": ["holded"],
                  "payment_review": ["payment_review", "fraud"]}
# Order::canHold: the states an order cannot be put on hold from
HOLD_FORBIDDEN = frozenset({"canceled", "payment_review", "complete", "closed", "holded"})
_ZERO = 0.0001  # Magento's "diapason for 0" in the credit memo checks

Order = Mapping[str, Any]


def is_canceled(order: Order) -> bool:
    return order.get("state") == "canceled"


def can_unhold(order: Order) -> bool:
    """Order::canUnhold: only a held order (an order in payment review is not held)."""
    return order.get("state") == "holded"


def can_hold(order: Order) -> bool:
    """Order::canHold."""
    return order.get("state") not in HOLD_FORBIDDEN


def can_comment(order: Order) -> bool:
    """Order::canComment: refused only by an action flag, which REST never sets."""
    return True


def _blocked(order: Order) -> bool:
    """canUnhold() || isPaymentReview() || isCanceled(), the common refusal of the can* checks."""
    return order.get("state") in ("holded", "payment_review", "canceled")


def can_invoice(order: Order, items: OrderItems) -> bool:
    """Order::canInvoice: not blocked, not complete or closed, some row with qty_to_invoice > 0."""
    if _blocked(order) or order.get("state") in ("complete", "closed"):
        return False
    return items.can_invoice()


def can_ship(order: Order, items: OrderItems) -> bool:
    """Order::canShip: not blocked, not virtual, some row left to ship (OrderItems.can_ship)."""
    if _blocked(order) or order.get("is_virtual"):
        return False
    return items.can_ship()


def can_cancel(order: Order, items: OrderItems) -> bool:
    """Order::canCancel: not blocked, something left to invoice, not complete or closed."""
    if _blocked(order) or items.all_invoiced():
        return False
    return order.get("state") not in ("complete", "closed")


def can_creditmemo(order: Order, items: OrderItems | None = None, *, has_creditmemos: bool = False) -> bool:
    """Order::canCreditmemo: something paid is left to refund (total_paid rounded by PriceCurrency)."""
    if _blocked(order) or order.get("state") == "closed":
        return False
    paid, grand = amount(order.get("total_paid")), amount(order.get("grand_total"))
    left = round_price(paid) - amount(order.get("total_refunded"))
    negative = amount(order.get("adjustment_negative"))
    if abs(grand) < _ZERO:
        # canCreditmemoForZeroTotal
        has_due = items is not None and items.can_invoice() and paid <= grand
        refunded_all = amount(order.get("total_refunded")) == paid and has_creditmemos
        return not (has_due or refunded_all or (paid > grand and abs(left - negative) < _ZERO))
    # canCreditmemoForZeroTotalRefunded
    return not (abs(left) < _ZERO or abs(left - negative) < _ZERO)


def resolve_state(order: Order, items: OrderItems, *, in_progress: bool = False,
                  has_creditmemos: bool = False) -> str:
    """Order/StateResolver::getStateForOrder. ``in_progress`` is the IN_PROGRESS argument the
    invoice and shipment services pass: a new order then moves to processing."""
    state = "processing" if order.get("state") == "processing" else "new"
    if order.get("state") not in ("canceled", "holded") and not can_invoice(order, items) \
            and not can_ship(order, items):
        if amount(order.get("base_grand_total")) == 0 \
                or can_creditmemo(order, items, has_creditmemos=has_creditmemos):
            state = "complete"
        elif amount(order.get("total_refunded")):
            state = "closed"
    if order.get("state") == "new" and in_progress:
        state = "processing"
    return state


def partially_refunded_shipped(order: Order, items: OrderItems) -> bool:
    """State::isPartiallyRefundedOrderShipped: the shipped quantities plus the refunded quantities
    of simple rows cover what was ordered."""
    shipped = sum(int(amount(i["qty_shipped"])) for i in items.all)
    refunded = sum(int(amount(i["qty_refunded"])) for i in items.all if i.get("product_type") == "simple")
    return shipped > 0 and amount(order.get("total_qty_ordered")) <= refunded + shipped


def checked_state(order: Order, items: OrderItems, *,
                  has_creditmemos: bool = False) -> tuple[str | None, str | None]:
    """ResourceModel/Order/Handler/State::check: the (state, status) an order save leaves.

    Nothing moves while something is left to invoice, or on a canceled or held order. Otherwise a
    processing or complete physical order with nothing to refund or ship is closed; a processing
    order with nothing to ship (or shipped and partly refunded) is complete; a virtual order whose
    status is closed gets the closed state.
    """
    state, status = order.get("state"), order.get("status")
    if state in ("canceled", "holded") or can_invoice(order, items):
        return state, status
    shippable = can_ship(order, items)
    if state in ("processing", "complete") and not shippable and not order.get("is_virtual") \
            and not can_creditmemo(order, items, has_creditmemos=has_creditmemos):
        return "closed", "closed"
    if state == "processing" and (not shippable or partially_refunded_shipped(order, items)):
        return "complete", "complete"
    if order.get("is_virtual") and status == "closed":
        return "closed", status
    return state, status
