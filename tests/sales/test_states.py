"""The order state rules as pure functions, without HTTP (fake_magento/backend/sales/states.py).

Sources (Magento 2.4.7, vendor/magento/module-sales): Model/Order.php (canInvoice, canShip,
canCreditmemo, canCancel, canHold, canUnhold, canComment), Model/Order/StateResolver.php
(getStateForOrder), Model/ResourceModel/Order/Handler/State.php (check). The simulated orders are
simple physical rows at 10.00 each, paid when invoiced (an offline method), as the REST services
leave them; the expected states are the ones the sandbox runs recorded in test_fulfilment.py.
"""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.backend.sales.items import OrderItems
from fake_magento.backend.sales.states import (
    HOLD_FORBIDDEN,
    STATE_DEFAULT_STATUS,
    can_cancel,
    can_comment,
    can_creditmemo,
    can_hold,
    can_invoice,
    can_ship,
    can_unhold,
    checked_state,
    resolve_state,
)

PRICE = 10.0
STATES = sorted(STATE_DEFAULT_STATUS)


def row(item_id: int, ordered: float, invoiced: float = 0, shipped: float = 0, refunded: float = 0,
        canceled: float = 0, **extra: Any) -> dict[str, Any]:
    return {"item_id": item_id, "product_type": "simple", "qty_ordered": ordered, "qty_invoiced": invoiced,
            "qty_shipped": shipped, "qty_refunded": refunded, "qty_canceled": canceled, **extra}


def order(rows: list[dict[str, Any]], state: str = "processing", **extra: Any) -> dict[str, Any]:
    """An order whose totals follow its rows: invoiced rows paid, refunded rows refunded."""
    grand = sum(r["qty_ordered"] for r in rows) * PRICE
    paid = sum(r["qty_invoiced"] for r in rows) * PRICE
    refunded = sum(r["qty_refunded"] for r in rows) * PRICE
    return {"entity_id": 1, "state": state, "status": STATE_DEFAULT_STATUS.get(state, state),
            "grand_total": grand, "base_grand_total": grand, "total_paid": paid, "total_refunded": refunded,
            "total_qty_ordered": sum(r["qty_ordered"] for r in rows), "is_virtual": 0, **extra}


# -- Order::can* -------------------------------------------------------------------------------
@pytest.mark.parametrize("state", STATES)
def test_hold_is_refused_in_final_and_blocked_states(state):
    assert can_hold({"state": state}) is (state not in HOLD_FORBIDDEN)
    assert state in HOLD_FORBIDDEN or state in ("new", "pending_payment", "processing")


@pytest.mark.parametrize("state", STATES)
def test_only_a_held_order_can_be_unheld(state):
    assert can_unhold({"state": state}) is (state == "holded")


def test_a_comment_can_always_be_added():
    # Order::canComment only looks at an action flag, which REST never sets
    assert all(can_comment({"state": state}) for state in STATES)


@pytest.mark.parametrize("state", ["holded", "payment_review", "canceled", "complete", "closed"])
def test_no_invoice_in_a_blocked_or_final_state(state):
    items = OrderItems([row(1, 2)])
    assert not can_invoice(order(items.all, state), items)


def test_invoice_needs_a_row_with_something_left_to_invoice():
    assert can_invoice(order([row(1, 2, invoiced=1)]), OrderItems([row(1, 2, invoiced=1)]))
    done = [row(1, 2, invoiced=1, canceled=1), row(2, 1, invoiced=1)]
    assert not can_invoice(order(done), OrderItems(done))


def test_ship_refused_for_a_virtual_order_and_when_all_is_refunded():
    items = OrderItems([row(1, 2)])
    assert can_ship(order(items.all, "new"), items)
    assert not can_ship(order(items.all, "new", is_virtual=1), items)
    refunded = OrderItems([row(1, 2, invoiced=2, refunded=2)])
    assert not can_ship(order(refunded.all), refunded)


def test_cancel_needs_something_uninvoiced():
    partly = OrderItems([row(1, 2, invoiced=1)])
    assert can_cancel(order(partly.all), partly)
    invoiced = OrderItems([row(1, 2, invoiced=2)])
    assert not can_cancel(order(invoiced.all), invoiced)
    assert not can_cancel(order(partly.all, "holded"), partly)


def test_creditmemo_needs_paid_money_left_to_refund():
    items = OrderItems([row(1, 2, invoiced=1)])
    assert can_creditmemo(order(items.all), items)  # 10.00 paid, nothing refunded
    nothing_paid = OrderItems([row(1, 2)])
    assert not can_creditmemo(order(nothing_paid.all), nothing_paid)
    all_back = OrderItems([row(1, 2, invoiced=2, refunded=2)])
    assert not can_creditmemo(order(all_back.all), all_back)
    assert not can_creditmemo(order(items.all, "closed"), items)


def test_creditmemo_rounds_total_paid_as_price_currency_does():
    # Order::canCreditmemo: PriceCurrency::round(total_paid) - total_refunded; 10.004 paid, 10.00 refunded
    doc = {"state": "processing", "grand_total": 10.004, "total_paid": 10.004, "total_refunded": 10.0}
    assert not can_creditmemo(doc)


def test_zero_total_order_refunded_once_has_nothing_left():
    # Order::canCreditmemoForZeroTotal: total_refunded == total_paid and a credit memo exists
    doc = {"state": "processing", "grand_total": 0, "total_paid": 0, "total_refunded": 0}
    assert can_creditmemo(doc, OrderItems([row(1, 1, invoiced=1)]), has_creditmemos=False)
    assert not can_creditmemo(doc, OrderItems([row(1, 1, invoiced=1)]), has_creditmemos=True)


# -- StateResolver and State::check ----------------------------------------------------------
def test_a_new_order_in_progress_resolves_to_processing():
    items = OrderItems([row(1, 2, invoiced=1)])
    assert resolve_state(order(items.all, "new"), items, in_progress=True) == "processing"
    assert resolve_state(order(items.all, "new"), items) == "new"


def test_everything_invoiced_and_shipped_completes_through_the_save():
    # StateResolver::isOrderProcessing wins for a new order in progress; the save's State::check
    # then moves processing to complete
    items = OrderItems([row(1, 2, invoiced=2, shipped=2)])
    assert resolve_state(order(items.all, "new"), items, in_progress=True) == "processing"
    assert resolve_state(order(items.all, "processing"), items) == "complete"
    assert checked_state(order(items.all, "processing"), items) == ("complete", "complete")


def test_everything_refunded_resolves_to_closed():
    items = OrderItems([row(1, 2, invoiced=2, refunded=2)])
    assert resolve_state(order(items.all), items) == "closed"


@pytest.mark.parametrize("state", ["canceled", "holded"])
def test_check_leaves_canceled_and_held_orders(state):
    items = OrderItems([row(1, 2, invoiced=2, shipped=2)])
    doc = order(items.all, state)
    assert checked_state(doc, items) == (state, doc["status"])


def test_check_closes_a_virtual_order_whose_status_is_closed():
    # the third branch of State::check: a processing order is completed by the second one first
    items = OrderItems([row(1, 1, invoiced=1, refunded=1, is_virtual=1)])
    doc = order(items.all, "complete", is_virtual=1, status="closed")
    assert checked_state(doc, items) == ("closed", "closed")
    assert checked_state({**doc, "state": "processing"}, items) == ("complete", "complete")


def test_check_completes_a_shipped_order_partly_refunded():
    # isPartiallyRefundedOrderShipped: 1 shipped + 1 refunded cover the 2 ordered
    items = OrderItems([row(1, 2, invoiced=2, shipped=1, refunded=1)])
    assert checked_state(order(items.all), items) == ("complete", "complete")


# -- properties: the state an order is left in after partial documents -------------------------
@st.composite
def fulfilled_rows(draw: Any) -> list[dict[str, Any]]:
    """1-3 rows, each partly or fully invoiced, shipped and refunded within Magento's bounds:
    invoiced <= ordered, shipped <= ordered, refunded <= invoiced."""
    rows = []
    for item_id in range(1, draw(st.integers(1, 3)) + 1):
        ordered = draw(st.integers(1, 4))
        invoiced = draw(st.integers(0, ordered))
        shipped = draw(st.integers(0, ordered))
        refunded = draw(st.integers(0, invoiced))
        rows.append(row(item_id, float(ordered), float(invoiced), float(shipped), float(refunded)))
    return rows


def _left_to_invoice(rows: list[dict[str, Any]]) -> bool:
    return any(r["qty_ordered"] > r["qty_invoiced"] for r in rows)


def _left_to_ship(rows: list[dict[str, Any]]) -> bool:
    return any(r["qty_ordered"] - max(r["qty_shipped"], r["qty_refunded"]) > 0 and r["qty_refunded"] != r["qty_ordered"]
               for r in rows)


@given(fulfilled_rows())
def test_while_something_is_left_to_invoice_a_processing_order_stays_processing(rows):
    items = OrderItems(rows)
    if _left_to_invoice(rows):
        assert checked_state(order(rows), items) == ("processing", "processing")


@given(fulfilled_rows())
def test_all_invoiced_and_shipped_without_refund_is_complete(rows):
    rows = [{**r, "qty_invoiced": r["qty_ordered"], "qty_shipped": r["qty_ordered"], "qty_refunded": 0.0}
            for r in rows]
    assert checked_state(order(rows), OrderItems(rows)) == ("complete", "complete")


@given(fulfilled_rows())
def test_all_invoiced_and_all_refunded_is_closed(rows):
    rows = [{**r, "qty_invoiced": r["qty_ordered"], "qty_refunded": r["qty_ordered"]} for r in rows]
    for state in ("processing", "complete"):
        assert checked_state(order(rows, state), OrderItems(rows)) == ("closed", "closed")


@given(fulfilled_rows())
def test_all_invoiced_something_left_to_ship_and_money_to_refund_stays_processing(rows):
    rows = [{**r, "qty_invoiced": r["qty_ordered"]} for r in rows]
    items = OrderItems(rows)
    shipped = sum(r["qty_shipped"] for r in rows)
    refunded = sum(r["qty_refunded"] for r in rows)
    covered = shipped > 0 and sum(r["qty_ordered"] for r in rows) <= shipped + refunded
    if _left_to_ship(rows) and refunded < sum(r["qty_ordered"] for r in rows) and not covered:
        assert checked_state(order(rows), items) == ("processing", "processing")


@given(fulfilled_rows(), st.sampled_from(["new", "processing", "complete", "closed"]))
def test_check_is_idempotent_and_lands_on_a_known_state(rows, state):
    items = OrderItems(rows)
    doc = order(rows, state)
    first = checked_state(doc, items)
    assert first[0] in ("new", "processing", "complete", "closed")
    assert checked_state({**doc, "state": first[0], "status": first[1]}, items) == first


@given(fulfilled_rows())
def test_resolved_state_after_a_partial_document_is_never_new(rows):
    # InvoiceOrder and ShipOrder pass IN_PROGRESS: a new order leaves "new" on its first document
    items = OrderItems(rows)
    assert resolve_state(order(rows, "new"), items, in_progress=True) in ("processing", "complete", "closed")
