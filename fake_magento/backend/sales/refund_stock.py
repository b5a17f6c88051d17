"""What a credit memo does to the stock of rows not sent back to stock (MSI, 2.4.7-p3)."""
from __future__ import annotations

from typing import Any, Protocol

from fake_magento.backend.money import amount
from fake_magento.backend.sales.common import STOCK_TYPES
from fake_magento.backend.sales.items import OrderItems


class RefundStock(Protocol):
    """The inventory hooks a credit memo uses."""

    def tracks_qty(self, sku: str) -> bool: ...

    def stock_id_for_website(self, website_id: int) -> int: ...

    def default_source_for_stock(self, stock_id: int, sku: str) -> str: ...

    def change_source_qty(self, sku: str, source_code: str, delta: float) -> None: ...

    def add_reservation(self, sku: str, stock_id: int, quantity: float, metadata: dict[str, Any]) -> None: ...

    def return_to_stock(self, sku: str, qty: float, website_id: int, *, shipped: bool = False,
                        source_code: str | None = None, order_id: Any = None) -> None: ...


def deduct_on_refund(inventory: RefundStock, items: OrderItems, item: dict[str, Any], qty: float, refundable: float,
                     website_id: int, order_id: int) -> None:
    """InventorySales DeductSourceItemQuantityOnRefundPlugin (CreditmemoRepository::save of a new memo):
    goods refunded, never shipped and not returned leave the source for good, and a compensating
    reservation keeps the salable quantity where the order put it.

    GetSourceSelectionResultFromCreditMemoItems: of the ``qty`` refunded, what exceeds what is left
    unshipped (the refundable quantity before this memo less what shipments took from the sources)
    was shipped and stays out; the rest is deducted. Measured on the 2.4.7-p3 sandbox: 2 ordered and
    invoiced, 1 refunded unshipped without return: legacy qty and source 100 -> 99, salable 98 -> 98;
    the shipment of the other 1 then takes the source to 98.
    """
    if qty <= 0 or item.get("product_type") not in STOCK_TYPES or item.get("is_virtual"):
        return
    if not inventory.tracks_qty(item["sku"]):
        return
    parent = items.parent(item)
    shipped = max(amount(item.get("qty_shipped")), amount((parent or {}).get("qty_shipped")))
    unshipped = refundable - shipped
    back = qty - unshipped if unshipped > 0 else qty
    deduct = qty - back if back > 0 else qty
    if deduct <= 0:
        return
    stock_id = inventory.stock_id_for_website(website_id)
    source = inventory.default_source_for_stock(stock_id, item["sku"])
    inventory.change_source_qty(item["sku"], source, -deduct)
    inventory.add_reservation(item["sku"], stock_id, deduct, {
        "event_type": "creditmemo_created", "object_type": "order", "object_id": order_id})
