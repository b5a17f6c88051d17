"""Fulfilment writes, composed from resources (never a URL here): invoice (with capture), ship with
tracking, add a track, refunds (offline, per invoice, with return to stock), cancel, hold, unhold,
order comments, stock (legacy and per source), and async bulk updates with status polling.

What a fulfilment system needs beyond the bare service contracts:

* Lines by SKU (``{"ABC": 2}``) become order item ids as Magento counts them (order_lines.py).
* A write is applied once. Writes are never retried blindly (transport.py); when the answer to a
  document write is lost (no answer, a read timeout, a gateway's 502/504, a body that is not JSON),
  the order is read again: a document made since the write started, or quantities that moved,
  mean it was applied and that document is the answer; only when nothing changed is the write
  sent again. Cancel, hold and unhold are checked by the order's state, comments by the order's
  history, tracks by the shipment's tracks. Stock quantities are absolute, so those writes are
  retried freely.
* Magento's own refusals come through unchanged (``InputError`` with its message), e.g. 400
  ``We found an invalid quantity to invoice item "%1".`` Magento caps a shipment at what is left to
  ship without a word (ShipmentFactory::prepareItems): ``WriteResult.short`` shows it.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from connector.client import MagentoClient
from connector.errors import ConnectionFailed, MagentoError, MalformedResponse, ServiceUnavailable
from connector.models import Order
from connector.operations.order_lines import BundleKind, Purpose, to_items
from connector.resources.base import Resource
from connector.resources.bulk import BulkStatus
from connector.search import SearchCriteria

Lines = Mapping[str, float]
T = TypeVar("T")
QTY_FIELD: dict[Purpose, str] = {"ship": "qty_shipped", "invoice": "qty_invoiced", "refund": "qty_refunded"}


@dataclass(frozen=True)
class Tracking:
    number: str
    carrier_code: str = "custom"     # a carrier code Magento knows (ups, usps, fedex, dhl) or custom
    title: str | None = None

    def body(self) -> dict[str, Any]:
        return {"track_number": self.number, "carrier_code": self.carrier_code,
                "title": self.title or self.carrier_code}


@dataclass(frozen=True)
class WriteResult:
    """A document write: the new document's id, the order after it, what was asked and what moved."""

    document_id: int
    order: Order
    requested: dict[int, float]          # order_item_id -> qty sent ({}: everything Magento allows)
    applied: dict[int, float]            # order_item_id -> how far qty_shipped/invoiced/refunded moved
    recovered: bool = False              # the answer was lost; the document was found on the order

    @property
    def short(self) -> dict[int, float]:
        """Rows that moved less than asked (Magento caps a shipment at what is left to ship)."""
        return {i: q - self.applied.get(i, 0.0) for i, q in self.requested.items()
                if self.applied.get(i, 0.0) + 1e-9 < q}


@dataclass(frozen=True)
class SourceStock:
    sku: str
    source_code: str
    quantity: float
    in_stock: bool = True

    def body(self) -> dict[str, Any]:
        return {"sku": self.sku, "source_code": self.source_code, "quantity": self.quantity,
                "status": int(self.in_stock)}


@dataclass(frozen=True)
class BulkReceipt:
    """The answer of an async write (HTTP 202): the bulk to poll, and each item's acceptance."""

    bulk_uuid: str
    request_items: list[dict[str, Any]] = field(default_factory=list)
    errors: bool = False

    @property
    def rejected(self) -> list[dict[str, Any]]:
        return [i for i in self.request_items if i.get("status") != "accepted"]

    @classmethod
    def of(cls, body: Any) -> BulkReceipt:
        if not isinstance(body, dict) or "bulk_uuid" not in body:
            raise MagentoError(f"not an async receipt: {body!r}")
        return cls(str(body["bulk_uuid"]), list(body.get("request_items") or []), bool(body.get("errors")))


def lost_answer(exc: MagentoError) -> bool:
    """No answer, a gateway's, or a 2xx whose body is not the JSON Magento sends (cut short, garbled):
    the write may have been applied (a 500 from Magento itself is a rolled-back transaction, and a
    503 is maintenance: nothing applied)."""
    return isinstance(exc, (ConnectionFailed, MalformedResponse)) or (
        isinstance(exc, ServiceUnavailable) and exc.status in (502, 504))


class Fulfilment:
    def __init__(self, client: MagentoClient, *, attempts: int = 3, settle: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        """``attempts``: sends of one write at most (a lost answer that was not applied is resent);
        ``settle``: seconds to wait after a lost answer before looking (a write still running on the
        server shows once it commits)."""
        self.client = client
        self.attempts = attempts
        self.settle = settle
        self.sleep = sleep

    # -- reading ------------------------------------------------------------------------------
    def order(self, order_id: int) -> Order:
        return self.client.orders.get(order_id)

    def items_for(self, order: Order, lines: Lines | None, purpose: Purpose) -> dict[int, float]:
        """``{sku: qty}`` -> ``{order_item_id: qty}`` for this document; ``None`` -> ``{}`` (all)."""
        return to_items(order, lines, purpose, self.bundle_kinds) if lines else {}

    def bundle_kinds(self, product_ids: Iterable[int]) -> dict[int, BundleKind]:
        """How each bundle ships and is priced, from its product (a deleted product: the defaults)."""
        criteria = SearchCriteria().where("entity_id", sorted(product_ids), "in")
        kinds = {}
        for product in self.client.products.iter(criteria):
            kinds[int(product.id or 0)] = BundleKind(
                ship_separately=str(product.attribute("shipment_type", "0")) == "1",
                children_calculated=str(product.attribute("price_type", "0")) == "0")
        return kinds

    # -- documents ------------------------------------------------------------------------------
    def invoice(self, order_id: int, lines: Lines | None = None, *, capture: bool = True, notify: bool = False,
                comment: str | None = None) -> WriteResult:
        """Invoice the lines (all that is left when none). ``capture`` takes the money online where
        the payment method can; offline methods are marked paid either way (Invoice::PayOperation)."""
        order = self.order(order_id)
        items = self.items_for(order, lines, "invoice")
        return self._document(self.client.invoices, order, items, "invoice", lambda: self.client.orders.invoice(
            order_id, items or None, capture=capture, notify=notify, comment=comment))

    def ship(self, order_id: int, lines: Lines | None = None, *, tracks: Sequence[Tracking] = (),
             notify: bool = False, comment: str | None = None) -> WriteResult:
        """Ship the lines (all that is left when none), with tracking numbers."""
        order = self.order(order_id)
        items = self.items_for(order, lines, "ship")
        return self._document(self.client.shipments, order, items, "ship", lambda: self.client.orders.ship(
            order_id, items or None, tracks=[t.body() for t in tracks], notify=notify, comment=comment))

    def refund(self, order_id: int, lines: Lines | None = None, *, return_to_stock: bool = False,
               shipping_amount: float | None = None, adjustment_positive: float | None = None,
               adjustment_negative: float | None = None, notify: bool = False,
               comment: str | None = None) -> WriteResult:
        """An offline credit memo for the lines (all that is refundable, shipping included, when none)."""
        order = self.order(order_id)
        items = self.items_for(order, lines, "refund")
        back = self._returned(order, items) if return_to_stock else None
        return self._document(self.client.creditmemos, order, items, "refund", lambda: self.client.orders.refund(
            order_id, items or None, notify=notify, comment=comment, shipping_amount=shipping_amount,
            adjustment_positive=adjustment_positive, adjustment_negative=adjustment_negative,
            return_to_stock=back))

    def refund_invoice(self, invoice_id: int, lines: Lines | None = None, *, online: bool = False,
                       return_to_stock: bool = False, shipping_amount: float | None = None,
                       adjustment_positive: float | None = None, adjustment_negative: float | None = None,
                       notify: bool = False, comment: str | None = None) -> WriteResult:
        """A credit memo against one invoice (``online`` refunds through the payment gateway)."""
        invoice = self.client.invoices.get(invoice_id)
        order = self.order(int(invoice.order_id or 0))
        items = self.items_for(order, lines, "refund")
        # only rows of this credit memo may go back (SalesInventory ReturnValidator): the invoice's
        invoiced = {int(i.order_item_id or 0): float(i.qty or 0.0) for i in invoice.items if (i.qty or 0.0) > 0}
        back = sorted(items or invoiced) if return_to_stock else None
        return self._document(self.client.creditmemos, order, items, "refund", lambda: self.client.invoices.refund(
            invoice_id, items or None, online=online, notify=notify, comment=comment,
            shipping_amount=shipping_amount, adjustment_positive=adjustment_positive,
            adjustment_negative=adjustment_negative, return_to_stock=back))

    def add_track(self, shipment_id: int, tracking: Tracking) -> int:
        """Add a tracking number to a shipment made before; the track's id."""
        shipment = self.client.shipments.get(shipment_id)
        before = {t.entity_id for t in shipment.tracks}

        def made() -> int | None:
            tracks = self.client.shipments.get(shipment_id).tracks
            return next((int(t.entity_id or 0) for t in tracks if t.entity_id not in before
                         and t.track_number == tracking.number), None)

        return self._once(lambda: self.client.shipments.add_track(
            shipment_id, int(shipment.order_id or 0), tracking.number, carrier_code=tracking.carrier_code,
            title=tracking.title), made)

    # -- order state --------------------------------------------------------------------------
    def cancel(self, order_id: int) -> bool:
        """True when Magento canceled the order; False when it cannot be canceled (Order::canCancel)."""
        return self._once(lambda: self.client.orders.cancel(order_id),
                          lambda: True if self.order(order_id).state == "canceled" else None)

    def hold(self, order_id: int) -> bool:
        """Put on hold; 400 ``A hold action is not available.`` when it cannot be (Order::hold)."""
        return self._once(lambda: self.client.orders.hold(order_id),
                          lambda: True if self.order(order_id).state == "holded" else None)

    def unhold(self, order_id: int) -> bool:
        """Release the hold; 400 ``You cannot remove the hold.`` when not on hold (Order::unhold)."""
        return self._once(lambda: self.client.orders.unhold(order_id),
                          lambda: True if self.order(order_id).state != "holded" else None)

    def comment(self, order_id: int, text: str, *, status: str | None = None, notify: bool = False,
                visible_on_front: bool = False) -> bool:
        """Add a comment to the order's history. The status sent is the order's own unless given: a
        missing one has set the order's status to null (issue #34180), and 2.4.7 refuses any other
        (400 ``Unable to add comment: The status "%1" is not part of the order status history.``,
        OrderService::addComment)."""
        order = self.order(order_id)
        before = {c.get("entity_id") for c in self.client.orders.comments(order_id)}

        def made() -> bool | None:
            return True if any(c.get("entity_id") not in before and c.get("comment") == text
                               for c in self.client.orders.comments(order_id)) else None

        return self._once(lambda: self.client.orders.add_comment(
            order_id, text, status=status or order.status, notify=notify, visible_on_front=visible_on_front), made)

    # -- stock ---------------------------------------------------------------------------------------
    def set_stock(self, sku: str, qty: float, *, in_stock: bool | None = None) -> int:
        """The legacy stock item's quantity (absolute: safe to retry); the stock item's id."""
        item = self.client.stock_items.get(sku)
        answer = self.client.stock_items.update(sku, item.item_id, qty, is_in_stock=in_stock, api="V1")
        return int(answer)

    def set_source_stock(self, items: Sequence[SourceStock]) -> None:
        """Quantities per MSI source (absolute: safe to retry)."""
        self.client.source_items.save([i.body() for i in items], api="V1")

    # -- async bulk ---------------------------------------------------------------------------------
    def update_products_async(self, products: Sequence[dict[str, Any]], *, bulk: bool = True,
                              store: str | None = None) -> BulkReceipt:
        """Product saves through the queue: one bulk of one operation per product (``async/bulk/V1``),
        or, with ``bulk=False``, one ``async/V1`` request per product (the receipt of the last)."""
        if bulk:
            return BulkReceipt.of(self.client.products.save_many(list(products), store=store))
        receipts = [BulkReceipt.of(self.client.products.save(p, store=store, api="async/V1")) for p in products]
        return receipts[-1]

    def update_stock_async(self, quantities: Mapping[str, float], *, in_stock: bool | None = None) -> BulkReceipt:
        """Legacy stock quantities through ``async/bulk/V1``: one operation per SKU."""
        updates = []
        for sku, qty in quantities.items():
            item: dict[str, Any] = {"qty": qty}
            if in_stock is not None:
                item["is_in_stock"] = in_stock
            updates.append((sku, self.client.stock_items.get(sku).item_id, item))
        return BulkReceipt.of(self.client.stock_items.update_many(updates))

    def update_source_stock_async(self, items: Sequence[SourceStock]) -> BulkReceipt:
        """Source quantities through ``async/bulk/V1``: one operation for the batch."""
        return BulkReceipt.of(self.client.source_items.save_many([[i.body() for i in items]]))

    def wait(self, receipt: BulkReceipt, *, timeout: float = 60.0, interval: float = 1.0,
             sleep: Callable[[float], None] | None = None,
             clock: Callable[[], float] = time.monotonic) -> BulkStatus:
        """Poll the bulk's status until no operation is open (or ``timeout``: without queue
        consumers, as on a store with no cron, operations stay open)."""
        return self.client.bulk.wait(receipt.bulk_uuid, timeout=timeout, interval=interval,
                                     sleep=sleep or self.sleep, clock=clock)

    # -- applied once ---------------------------------------------------------------------------------
    def _document(self, documents: Resource[Any], order: Order, items: dict[int, float], purpose: Purpose,
                  send: Callable[[], int]) -> WriteResult:
        order_id = order.entity_id
        before = self._document_ids(documents, order_id)

        def made() -> int | None:
            new = self._document_ids(documents, order_id) - before
            return max(new) if new else None

        recovered: list[bool] = []
        document_id = self._once(send, made, recovered)
        after = self.order(order_id)
        return WriteResult(document_id, after, dict(items), _moved(order, after, QTY_FIELD[purpose]),
                           recovered=bool(recovered))

    def _once(self, send: Callable[[], T], made: Callable[[], T | None], recovered: list[bool] | None = None) -> T:
        """Send; after a lost answer, ``made()`` tells whether it was applied (its result is then the
        answer); only a write that was not applied is sent again."""
        for attempt in range(1, self.attempts + 1):
            try:
                return send()
            except MagentoError as exc:
                if not lost_answer(exc):
                    raise
                if self.settle:
                    self.sleep(self.settle)
                found = made()
                if found is not None:
                    if recovered is not None:
                        recovered.append(True)
                    return found
                if attempt == self.attempts:
                    raise
        raise AssertionError("unreachable")

    def _document_ids(self, documents: Resource[Any], order_id: int) -> set[int]:
        criteria = SearchCriteria().where("order_id", order_id)
        return {int(d["entity_id"]) for d in documents.iter_raw(criteria, page_size=100)}

    @staticmethod
    def _returned(order: Order, items: dict[int, float]) -> list[int]:
        """The rows whose refunded quantity goes back to stock: the ones refunded."""
        if items:
            return sorted(items)
        return sorted(i.item_id for i in order.items
                      if (i.qty_invoiced or 0.0) - (i.qty_refunded or 0.0) > 0 and i.parent_item_id is None)


def _moved(before: Order, after: Order, field_name: str) -> dict[int, float]:
    was = {i.item_id: float(getattr(i, field_name) or 0.0) for i in before.items}
    moved = {}
    for item in after.items:
        delta = float(getattr(item, field_name) or 0.0) - was.get(item.item_id, 0.0)
        if abs(delta) > 1e-9:
            moved[item.item_id] = delta
    return moved

