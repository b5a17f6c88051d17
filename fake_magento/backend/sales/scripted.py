"""The lifecycle commands with the item and argument shapes the REST bodies use, for code that drives
orders without HTTP (seeding, scripts): ``[{"order_item_id": 7, "qty": 1}]`` for items, track dicts,
``{"shipping_amount": 0}`` for refund arguments. Values are expected already typed (ints, floats)."""
from __future__ import annotations

from typing import Any

from fake_magento.backend.sales.creditmemo_factory import Amount, RefundArguments
from fake_magento.backend.sales.invoice_order import InvoiceOrder
from fake_magento.backend.sales.refund_order import RefundOrder
from fake_magento.backend.sales.ship_order import ShipOrder


def _items(items: list[dict[str, Any]] | None) -> dict[int, float] | None:
    return {int(i["order_item_id"]): float(i.get("qty", 0)) for i in items} if items else None


def _amount(value: Any) -> Amount | None:
    return None if value is None else Amount(float(value))


class LifecycleCommands:
    def __init__(self, invoice_order: InvoiceOrder, ship_order: ShipOrder, refund_order: RefundOrder) -> None:
        self.invoice_order, self.ship_order, self.refund_order = invoice_order, ship_order, refund_order

    @classmethod
    def of(cls, backend: Any) -> LifecycleCommands:
        """The commands over the services ``backend`` built."""
        return cls(backend.invoice_order, backend.ship_order, backend.refund_order)

    def invoice(self, order_id: int, items: list[dict[str, Any]] | None = None) -> str:
        return self.invoice_order.execute(order_id, _items(items))

    def ship(self, order_id: int, items: list[dict[str, Any]] | None = None,
             tracks: list[dict[str, Any]] | None = None) -> str:
        rows = [{"track_number": t.get("track_number"), "title": str(t.get("title", "")),
                 "carrier_code": str(t.get("carrier_code", "custom"))} for t in tracks or []]
        return self.ship_order.execute(order_id, _items(items), tracks=rows)

    def refund(self, order_id: int, items: list[dict[str, Any]] | None = None,
               arguments: dict[str, Any] | None = None) -> str:
        args = arguments or {}
        shipping = Amount(float(args["shipping_amount"] or 0)) if "shipping_amount" in args else None
        typed = RefundArguments(shipping, _amount(args.get("adjustment_positive")),
                                _amount(args.get("adjustment_negative")),
                                tuple(int(i) for i in (args.get("return_to_stock_items") or [])))
        return self.refund_order.execute(order_id, _items(items), arguments=typed)
