"""CreditmemoFactory's part of a refund: which order rows a credit memo takes and at what quantity
(createByOrder / createByInvoice, Order/CreditmemoValidator), each row's amounts
(Creditmemo/Item::calcRowTotal and the Discount and Tax collectors), and the refund arguments
(CreditmemoFactory::initData: shipping amount and adjustments, a number or "N%")."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fake_magento.backend.money import amount, round_price, stored
from fake_magento.backend.sales.items import OrderItems
from fake_magento.storage import Database


@dataclass(frozen=True)
class Amount:
    """An amount argument: a number, or ``percent`` of a base (the credit memo's subtotal, or the
    shipping left to refund)."""

    value: float
    percent: bool = False

    def of(self, base: float) -> float:
        return stored(base * self.value / 100) if self.percent else self.value


@dataclass(frozen=True)
class RefundArguments:
    """CreditmemoCreationArgumentsInterface, converted. None: not sent. A shipping amount sent as
    null is Amount(0) (no shipping refunded); an adjustment sent as null counts as not sent."""

    shipping_amount: Amount | None = None
    adjustment_positive: Amount | None = None
    adjustment_negative: Amount | None = None
    return_to_stock_items: tuple[int, ...] = ()


def php_float(value: float) -> str:
    """PHP's float-to-string: 12.0 -> "12", 12.5 -> "12.5"."""
    return str(int(value)) if float(value).is_integer() else repr(stored(value))


def invoice_limits(db: Database, invoice: dict[str, Any]) -> dict[int, float]:
    """CreditmemoFactory::getInvoiceRefundLimitsQtyList: the invoice's qty less what its
    (not canceled) credit memos refunded."""
    refunded: dict[int, float] = {}
    for row in db.query("SELECT doc FROM sales_creditmemo WHERE order_id=? AND state != 3", (invoice["order_id"],)):
        memo = json.loads(row[0])
        if memo.get("invoice_id") == invoice["entity_id"]:
            for i in memo["items"]:
                refunded[i["order_item_id"]] = refunded.get(i["order_item_id"], 0) + float(i["qty"])
    return {i["order_item_id"]: float(i["qty"]) - refunded.get(i["order_item_id"], 0) for i in invoice["items"]}


def memo_quantities(items: OrderItems, qtys: dict[int, float],
                     limits: dict[int, float] | None) -> list[tuple[dict[str, Any], float]]:
    """CreditmemoFactory::createByOrder / createByInvoice: canRefundItem and getQtyToRefund."""
    lim = limits or {}

    def can_no_dummy(item: dict[str, Any]) -> bool:
        # Sales/Model/Order/CreditmemoValidator (the factory's, 2.4.7): a row with nothing left to
        # refund (never invoiced, or all refunded) stays out of the credit memo, so neither
        # Item::processQty nor the QuantityValidator sees what was requested for it
        if items.qty_to_refund(item) <= 0:
            return False
        return lim[item["item_id"]] > 0 if item["item_id"] in lim else True

    only_zeros = bool(qtys) and len(set(qtys.values())) == 1 and int(next(iter(qtys.values()))) == 0
    lines = []
    for item in items.all:
        if limits is not None and item["item_id"] not in limits:
            continue  # createByInvoice walks the invoice's items only
        if items.is_dummy(item):
            if items.has_children(item):
                ok = any(can_no_dummy(c) if (not qtys or only_zeros) else qtys.get(c["item_id"], 0) > 0
                         for c in items.children[item["item_id"]])
            else:
                parent = items.parent(item)
                if parent is None:
                    ok = False
                else:
                    ok = can_no_dummy(parent) if not qtys else qtys.get(parent["item_id"], 0) > 0
            if not ok:
                continue
            parent_id = item.get("parent_item_id")
            if parent_id in qtys:
                parent_qty = qtys[parent_id]
            elif item.get("product_type") == "bundle":
                parent_qty = amount(item["qty_invoiced"])
            else:
                parent = items.parent(item)
                parent_qty = items.qty_to_refund(parent) if parent is not None else 1.0
            selection = items.selection_qty(item)
            qty = selection * parent_qty if selection is not None else parent_qty
        else:
            if not can_no_dummy(item):
                continue
            if item["item_id"] in qtys:
                qty = qtys[item["item_id"]]
            elif not qtys:
                qty = items.qty_to_refund(item)
            else:
                qty = 0.0
            if item["item_id"] in lim:
                qty = min(qty, lim[item["item_id"]])
        lines.append((item, float(qty)))
    return lines


def memo_item_amounts(item: dict[str, Any], qty: float, items: OrderItems, row: dict[str, Any]) -> None:
    """Creditmemo/Item::calcRowTotal and the Discount and Tax collectors for one item."""
    invoiced = amount(item["qty_invoiced"])
    available = invoiced - amount(item["qty_refunded"])
    is_last = abs(qty - items.qty_to_refund(item)) < 1e-9
    for key, base_of, done in (("row_total", "row_invoiced", "amount_refunded"),
                               ("discount_amount", "discount_invoiced", "discount_refunded"),
                               ("tax_amount", "tax_invoiced", "tax_refunded"),
                               ("discount_tax_compensation_amount", "discount_tax_compensation_invoiced",
                                "discount_tax_compensation_refunded")):
        if key == "discount_amount" and not amount(item.get("discount_invoiced")):
            continue  # Creditmemo/Total/Discount sets a row's discount only when some was invoiced
        for prefix in ("", "base_"):
            left = amount(item.get(prefix + base_of)) - amount(item.get(prefix + done))
            row[prefix + key] = round_price(left if is_last or available <= 0 else left / available * qty)
    ordered = amount(item["qty_ordered"])
    if item.get("row_total_incl_tax") and item.get("base_row_total_incl_tax") and ordered:
        for key in ("row_total_incl_tax", "base_row_total_incl_tax"):  # Creditmemo/Item::calcRowTotal
            row[key] = round_price(amount(item[key]) / ordered * qty)
    # Weee/Model/Total/Creditmemo/Weee on a priced row
    row.update({"weee_tax_applied": item.get("weee_tax_applied") or "[]", "weee_tax_applied_row_amount": 0,
                "weee_tax_row_disposition": 0, "base_weee_tax_row_disposition": 0})
