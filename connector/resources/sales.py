"""Orders and their documents: invoices, shipments (with tracks), credit memos.

Write bodies follow the service contracts (Sales/etc/webapi.xml): InvoiceOrderInterface,
ShipOrderInterface, RefundOrderInterface, RefundInvoiceInterface. Their int results (the new
document's id) come back as a JSON number or a digit string depending on the version; both are
read as ints. These writes always go to ``V1``, whatever ``config.type`` says: their answer (an id,
a bool) is what the caller needs, and an ``async/V1`` receipt has none.
"""
from __future__ import annotations

from typing import Any

from connector.models import CreditMemo, Invoice, Order, Shipment
from connector.requestor import path
from connector.resources.base import Resource, comment_body, entity_id, items_body

SYNC = "V1"


def _document_body(items: dict[int, float] | None, notify: bool, comment: str | None,
                   visible_on_front: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"items": items_body(items), "notify": notify}
    if comment is not None:
        body.update(appendComment=True, comment=comment_body(comment, visible_on_front))
    return body


def _refund_arguments(shipping_amount: float | None, adjustment_positive: float | None,
                      adjustment_negative: float | None, return_to_stock: list[int] | None) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for name, value in (("shipping_amount", shipping_amount), ("adjustment_positive", adjustment_positive),
                        ("adjustment_negative", adjustment_negative)):
        if value is not None:
            arguments[name] = value
    if return_to_stock is not None:
        arguments["extension_attributes"] = {"return_to_stock_items": return_to_stock}
    return arguments


class Orders(Resource[Order]):
    list_path = "orders"
    model = Order

    def get(self, order_id: int) -> Order:
        return self.load(self.requestor.get(path("orders/{}", order_id)))

    def get_raw(self, order_id: int) -> dict[str, Any]:
        body: dict[str, Any] = self.requestor.get(path("orders/{}", order_id))
        return body

    def comments(self, order_id: int) -> list[dict[str, Any]]:
        body = self.requestor.get(path("orders/{}/comments", order_id))
        return list(body.get("items") or []) if isinstance(body, dict) else []

    def add_comment(self, order_id: int, comment: str, *, status: str | None = None, notify: bool = False,
                    visible_on_front: bool = False) -> bool:
        """``POST /V1/orders/{id}/comments`` (OrderManagementInterface::addComment)."""
        history: dict[str, Any] = {"comment": comment, "parent_id": order_id,
                                   "is_customer_notified": int(notify), "is_visible_on_front": int(visible_on_front)}
        if status is not None:
            history["status"] = status
        return bool(self.requestor.post(path("orders/{}/comments", order_id), {"statusHistory": history},
                                        api=SYNC))

    def cancel(self, order_id: int) -> bool:
        """True when Magento canceled it; False when the order cannot be canceled (Magento answers
        ``false``, not an error: OrderManagementInterface::cancel)."""
        return bool(self.requestor.post(path("orders/{}/cancel", order_id), api=SYNC))

    def hold(self, order_id: int) -> bool:
        return bool(self.requestor.post(path("orders/{}/hold", order_id), api=SYNC))

    def unhold(self, order_id: int) -> bool:
        return bool(self.requestor.post(path("orders/{}/unhold", order_id), api=SYNC))

    def status(self, order_id: int) -> str:
        return str(self.requestor.get(path("orders/{}/statuses", order_id)))

    def invoice(self, order_id: int, items: dict[int, float] | None = None, *, capture: bool = False,
                notify: bool = False, comment: str | None = None, visible_on_front: bool = False) -> int:
        """``POST /V1/order/{id}/invoice``: the new invoice's id. ``capture`` takes the money online
        when the payment method can (offline methods just mark it paid)."""
        body = _document_body(items, notify, comment, visible_on_front)
        body["capture"] = capture
        return entity_id(self.requestor.post(path("order/{}/invoice", order_id), body, api=SYNC))

    def ship(self, order_id: int, items: dict[int, float] | None = None, *,
             tracks: list[dict[str, Any]] | None = None, notify: bool = False, comment: str | None = None,
             visible_on_front: bool = False) -> int:
        """``POST /V1/order/{id}/ship``: the new shipment's id. A track is
        ``{"carrier_code", "title", "track_number"}``."""
        body = _document_body(items, notify, comment, visible_on_front)
        body["tracks"] = tracks or []
        return entity_id(self.requestor.post(path("order/{}/ship", order_id), body, api=SYNC))

    def refund(self, order_id: int, items: dict[int, float] | None = None, *, notify: bool = False,
               comment: str | None = None, visible_on_front: bool = False, shipping_amount: float | None = None,
               adjustment_positive: float | None = None, adjustment_negative: float | None = None,
               return_to_stock: list[int] | None = None) -> int:
        """``POST /V1/order/{id}/refund``: an offline credit memo; the new credit memo's id."""
        body = _document_body(items, notify, comment, visible_on_front)
        body["arguments"] = _refund_arguments(shipping_amount, adjustment_positive, adjustment_negative,
                                              return_to_stock)
        return entity_id(self.requestor.post(path("order/{}/refund", order_id), body, api=SYNC))


class Invoices(Resource[Invoice]):
    list_path = "invoices"
    model = Invoice

    def get(self, invoice_id: int) -> Invoice:
        return self.load(self.requestor.get(path("invoices/{}", invoice_id)))

    def capture(self, invoice_id: int) -> Any:
        return self.requestor.post(path("invoices/{}/capture", invoice_id), api=SYNC)

    def refund(self, invoice_id: int, items: dict[int, float] | None = None, *, online: bool = False,
               notify: bool = False, comment: str | None = None, visible_on_front: bool = False,
               shipping_amount: float | None = None, adjustment_positive: float | None = None,
               adjustment_negative: float | None = None, return_to_stock: list[int] | None = None) -> int:
        """``POST /V1/invoice/{id}/refund`` (RefundInvoiceInterface): the new credit memo's id."""
        body = _document_body(items, notify, comment, visible_on_front)
        body["isOnline"] = online
        body["arguments"] = _refund_arguments(shipping_amount, adjustment_positive, adjustment_negative,
                                              return_to_stock)
        return entity_id(self.requestor.post(path("invoice/{}/refund", invoice_id), body, api=SYNC))


class Shipments(Resource[Shipment]):
    list_path = "shipments"
    model = Shipment

    def get(self, shipment_id: int) -> Shipment:
        return self.load(self.requestor.get(path("shipment/{}", shipment_id)))

    def add_track(self, shipment_id: int, order_id: int, track_number: str, *, carrier_code: str = "custom",
                  title: str | None = None) -> int:
        """``POST /V1/shipment/track`` (ShipmentTrackRepositoryInterface::save): the track's id."""
        entity = {"parent_id": shipment_id, "order_id": order_id, "track_number": track_number,
                  "carrier_code": carrier_code, "title": title or carrier_code}
        body = self.requestor.post("shipment/track", {"entity": entity}, api=SYNC)
        return entity_id(body["entity_id"] if isinstance(body, dict) else body)

    def delete_track(self, track_id: int) -> bool:
        return bool(self.requestor.delete(path("shipment/track/{}", track_id), api=SYNC))


class CreditMemos(Resource[CreditMemo]):
    list_path = "creditmemos"
    model = CreditMemo

    def get(self, creditmemo_id: int) -> CreditMemo:
        return self.load(self.requestor.get(path("creditmemo/{}", creditmemo_id)))
