"""What must hold after any sequence of writes, read back through the REST API.

Sales (Sales/Model/Order/Item::getQtyToInvoice/getQtyToShip/getQtyToRefund, Order\\Invoice::register,
Order\\Creditmemo::refund):

* per order item: ``qty_invoiced <= qty_ordered``, ``qty_shipped <= qty_ordered``,
  ``qty_refunded <= qty_invoiced``, ``qty_canceled <= qty_ordered``;
* per order item: ``qty_invoiced``, ``qty_shipped`` and ``qty_refunded`` are the sums of the rows of
  that item in the order's invoices, shipments and credit memos (a document counted on the order but
  missing, or a document whose rows never reached the order, is a half-written write); a child row
  of a configurable or bundle that no document names is carried by its parent's row and skipped;
* per order: ``total_invoiced`` / ``subtotal_invoiced`` / ``shipping_invoiced`` and ``total_refunded``
  / ``subtotal_refunded`` are the sums over its invoices and credit memos, ``total_paid`` is
  ``total_invoiced`` (offline methods are paid when invoiced: Invoice::pay);
* every invoice and shipment has rows, and every document names an order that exists.

Stock (MSI with the legacy stock mirrored from the default source, fake_magento/backend/inventory):

* the legacy stock item's qty is the default source item's quantity;
* the salable quantity of stock 1 is the source quantity plus the reservations (read through REST as
  ``qty - Σ(qty_ordered - qty_canceled)`` for SKUs whose quantity nobody set during the run).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.reliability.shop_api import ShopApi

EPS = 1e-6


def _num(value: Any) -> float:
    return float(value or 0)


@dataclass
class SalesState:
    orders: list[dict[str, Any]]
    invoices: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    shipments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    creditmemos: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    complete: bool = True

    @classmethod
    def read(cls, api: ShopApi, order_ids: Iterable[int] | None = None) -> SalesState:
        """Every order (or just ``order_ids``) and every document, through the list routes."""
        wanted = None if order_ids is None else set(order_ids)
        orders = [o for o in api.all("orders") if wanted is None or o["entity_id"] in wanted]
        state = cls(orders, complete=wanted is None)
        for name, target in (("invoices", state.invoices), ("shipments", state.shipments),
                             ("creditmemos", state.creditmemos)):
            for doc in api.all(name):
                if wanted is not None and int(doc["order_id"]) not in wanted:
                    continue
                target.setdefault(int(doc["order_id"]), []).append(doc)
        return state

    @property
    def documents(self) -> int:
        return sum(len(d) for group in (self.invoices, self.shipments, self.creditmemos) for d in group.values())


def sales_violations(state: SalesState) -> list[str]:
    problems: list[str] = []
    known = {int(o["entity_id"]) for o in state.orders}
    # A credit memo may have no rows: refunding an order with nothing invoiced and shipping_amount 0
    # makes an empty memo of 0 (allow_zero_grandtotal; measured on 2.4.7-p3: order 175, memo 34).
    for kind, group in (("invoice", state.invoices), ("shipment", state.shipments)):
        for order_id, docs in group.items():
            for doc in docs:
                if not doc.get("items"):
                    problems.append(f"{kind} {doc['entity_id']} of order {order_id} has no rows")
    for order in state.orders:
        problems += _order_violations(order, state)
    if state.complete:  # documents of an order not read are judged only when every order was read
        orphans = set().union(state.invoices, state.shipments, state.creditmemos) - known
        problems += [f"documents of order {o}, which does not exist" for o in sorted(orphans)]
    return problems


def _row_sums(docs: list[dict[str, Any]]) -> dict[int, float]:
    sums: dict[int, float] = defaultdict(float)
    for doc in docs:
        for row in doc.get("items") or []:
            sums[int(row["order_item_id"])] += _num(row.get("qty"))
    return sums


def _order_violations(order: dict[str, Any], state: SalesState) -> list[str]:
    oid = int(order["entity_id"])
    invoices, shipments, memos = (state.invoices.get(oid, []), state.shipments.get(oid, []),
                                  state.creditmemos.get(oid, []))
    invoiced, shipped, refunded = _row_sums(invoices), _row_sums(shipments), _row_sums(memos)
    problems: list[str] = []
    for item in order.get("items") or []:
        iid = int(item["item_id"])
        q = {k: _num(item.get(k)) for k in ("qty_ordered", "qty_invoiced", "qty_shipped", "qty_refunded",
                                            "qty_canceled")}
        where = f"order {oid} item {iid} ({item.get('sku')})"
        if q["qty_invoiced"] > q["qty_ordered"] + EPS:
            problems.append(f"{where}: over-invoiced {q}")
        if q["qty_shipped"] > q["qty_ordered"] + EPS:
            problems.append(f"{where}: over-shipped {q}")
        if q["qty_refunded"] > q["qty_invoiced"] + EPS:
            problems.append(f"{where}: over-refunded {q}")
        if q["qty_canceled"] > q["qty_ordered"] + EPS:
            problems.append(f"{where}: over-canceled {q}")
        for name, sums in (("qty_invoiced", invoiced), ("qty_shipped", shipped), ("qty_refunded", refunded)):
            if item.get("parent_item_id") and iid not in sums:
                continue  # a child row carried by its parent's document row (ShipmentFactory::prepareItems)
            if abs(q[name] - sums.get(iid, 0.0)) > EPS:
                problems.append(f"{where}: {name} {q[name]} but its documents hold {sums.get(iid, 0.0)}")
    pairs = [("total_invoiced", invoices, "grand_total"), ("subtotal_invoiced", invoices, "subtotal"),
             ("shipping_invoiced", invoices, "shipping_amount"), ("total_refunded", memos, "grand_total"),
             ("subtotal_refunded", memos, "subtotal")]
    for total, docs, part in pairs:
        expected = sum(_num(d.get(part)) for d in docs)
        if abs(_num(order.get(total)) - expected) > 0.005:
            problems.append(f"order {oid}: {total} {order.get(total)} but its documents sum to {expected}")
    offline = order.get("payment", {}).get("method") in ("checkmo", "free", "banktransfer", "cashondelivery",
                                                          "purchaseorder")
    if offline and abs(_num(order.get("total_paid")) - _num(order.get("total_invoiced"))) > 0.005:
        problems.append(f"order {oid}: total_paid {order.get('total_paid')} != total_invoiced "
                        f"{order.get('total_invoiced')}")
    return problems


def stock_violations(api: ShopApi, skus: Iterable[str]) -> list[str]:
    """Legacy stock item = default source item, for each SKU."""
    problems: list[str] = []
    for sku in skus:
        legacy = api.stock_item(sku)
        sources = {s["source_code"]: s for s in api.source_items(sku)}
        default = sources.get("default")
        if default is None:
            problems.append(f"{sku}: no default source item (legacy qty {legacy.get('qty')})")
            continue
        if abs(_num(legacy.get("qty")) - _num(default["quantity"])) > EPS:
            problems.append(f"{sku}: legacy qty {legacy.get('qty')} != default source {default['quantity']}")
        if bool(legacy.get("is_in_stock")) != bool(default["status"]):
            problems.append(f"{sku}: legacy is_in_stock {legacy.get('is_in_stock')} != source status "
                            f"{default['status']}")
    return problems


def salable_violations(api: ShopApi, start_qty: dict[str, float], sales: SalesState) -> list[str]:
    """For SKUs whose quantity only orders moved: salable = start - Σ(ordered - canceled), never below
    zero (no oversell: IsProductSalableForRequestedQty before each placement)."""
    held: dict[str, float] = defaultdict(float)
    for order in sales.orders:
        for item in order.get("items") or []:
            if item.get("sku") in start_qty and item.get("parent_item_id") is None:
                held[item["sku"]] += _num(item.get("qty_ordered")) - _num(item.get("qty_canceled"))
    problems: list[str] = []
    for sku, qty in start_qty.items():
        salable = api.salable_qty(sku)
        if abs(salable - (qty - held[sku])) > EPS:
            problems.append(f"{sku}: salable {salable}, expected {qty} - {held[sku]} held by orders")
        if salable < -EPS:
            problems.append(f"{sku}: oversold, salable {salable}")
    return problems
