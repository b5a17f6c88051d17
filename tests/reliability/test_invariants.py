"""The invariant checks themselves catch what they are for (without a server: hand-made state)."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.reliability.invariants import SalesState, sales_violations


def _state() -> SalesState:
    order = {"entity_id": 5, "payment": {"method": "checkmo"}, "total_invoiced": 35, "subtotal_invoiced": 20,
             "shipping_invoiced": 15, "total_paid": 35, "total_refunded": 10, "subtotal_refunded": 10,
             "items": [{"item_id": 9, "sku": "A", "qty_ordered": 3, "qty_invoiced": 2, "qty_shipped": 1,
                        "qty_refunded": 1, "qty_canceled": 0}]}
    invoice = {"entity_id": 1, "order_id": 5, "grand_total": 35, "subtotal": 20, "shipping_amount": 15,
               "items": [{"order_item_id": 9, "qty": 2}]}
    shipment = {"entity_id": 2, "order_id": 5, "items": [{"order_item_id": 9, "qty": 1}]}
    memo = {"entity_id": 3, "order_id": 5, "grand_total": 10, "subtotal": 10, "items": [{"order_item_id": 9, "qty": 1}]}
    return SalesState([order], {5: [invoice]}, {5: [shipment]}, {5: [memo]})


def test_a_consistent_order_passes() -> None:
    assert sales_violations(_state()) == []


def _broken(change: Any) -> list[str]:
    state = copy.deepcopy(_state())
    change(state)
    return sales_violations(state)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda s: s.orders[0]["items"][0].update(qty_shipped=4), "over-shipped"),
    (lambda s: s.orders[0]["items"][0].update(qty_invoiced=4), "over-invoiced"),
    (lambda s: s.orders[0]["items"][0].update(qty_refunded=3), "over-refunded"),
    (lambda s: s.invoices[5][0].update(items=[]), "has no rows"),
    (lambda s: s.shipments.pop(5), "qty_shipped 1.0 but its documents hold 0.0"),
    (lambda s: s.creditmemos[5][0]["items"][0].update(qty=2), "qty_refunded 1.0 but its documents hold 2.0"),
    (lambda s: s.orders[0].update(total_invoiced=45), "total_invoiced 45 but its documents sum to 35"),
    (lambda s: s.orders[0].update(total_refunded=0), "total_refunded 0 but its documents sum to 10"),
    (lambda s: s.orders[0].update(total_paid=0), "total_paid 0 != total_invoiced 35"),
    (lambda s: s.orders.clear(), "documents of order 5, which does not exist"),
])
def test_each_broken_rule_is_reported(change: Any, expected: str) -> None:
    assert any(expected in problem for problem in _broken(change)), _broken(change)


def test_an_empty_credit_memo_is_allowed() -> None:
    # Magento makes one when nothing was invoiced and shipping_amount is 0 (2.4.7-p3, measured)
    state = _state()
    state.creditmemos[5].append({"entity_id": 4, "order_id": 5, "grand_total": 0, "subtotal": 0, "items": []})
    assert sales_violations(state) == []
