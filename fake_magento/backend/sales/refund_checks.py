"""Refusals of a refund that look beyond the credit memo's sums: the payment method (per invoice)
and the items sent back to stock."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fake_magento.storage.db import Database


def method_refunds_per_invoice(order: dict[str, Any]) -> bool:
    """Invoice/Validation/CanRefund::isPaymentAllowRefund: the order's method must be able to refund
    (in part per invoice, or in full). None of the offline methods can (check / money order, bank
    transfer, cash on delivery, purchase order; measured 400 for checkmo on the 2.4.7-p3 sandbox);
    the zero-total ``free`` method (Payment\\Model\\Method\\Free) is let through."""
    return (order.get("payment") or {}).get("method") == "free"


def return_refusal(db: Database, returned: Iterable[int], memo_item_ids: set[int]) -> str | None:
    """SalesInventory ReturnValidator, run by the Order/InvoiceRefundCreationArguments plugins after
    the other validators: the first id of ``return_to_stock_items`` that is no order item at all, or
    an order item (of any order) without a row in this credit memo, refuses the refund."""
    for item_id in returned:
        if item_id in memo_item_ids:
            continue
        row = db.one("SELECT doc FROM sales_order_item WHERE item_id=?", (item_id,))
        if row is None:
            return "The return to stock argument contains product item that is not part of the original order."
        return f'The "{json.loads(row[0]).get("sku")}" product is not part of the current creditmemo.'
    return None
