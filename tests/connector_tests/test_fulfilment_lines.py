"""Lines by SKU -> order item ids: configurables (the parent row ships, invoices and refunds), bundles
(the parent row or the selections, by shipment_type and price_type: Sales Order/Item::isDummy,
ShipmentFactory::prepareItems), a SKU on several rows, and refusals. On orders loaded from Magento's
own shapes (Hypothesis), and on the emulator's seeded and checked-out orders over a socket."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connector.client import MagentoClient
from connector.models import Order, load
from connector.operations.fulfilment import Fulfilment
from connector.operations.order_lines import BundleKind, LineError, remaining, to_items
from fake_magento import ThreadedServer
from tests.support.emulator import emulator_config
from tests.connector_tests.data import order_with_options

BUNDLE_SKU = "24-WG080-MH01-M-Black-24-WB04/Blue"     # the seeded dynamic bundle 24-WG080, as ordered
BUNDLE = {"sku": "24-WG080", "qty": 2, "product_option": {"extension_attributes": {"bundle_options": [
    {"option_id": 1, "option_qty": 1, "option_selections": [2]},        # MH01-M-Black x1
    {"option_id": 2, "option_qty": 2, "option_selections": [3]}]}}}     # 24-WB04/Blue x2
CONFIGURABLE = {"sku": "MH01", "qty": 2, "product_option": {"extension_attributes": {"configurable_item_options": [
    {"option_id": "77", "option_value": 49}, {"option_id": "78", "option_value": 167}]}}}   # -> MH01-M-Black


def row(item_id: int, sku: str, qty: float, kind: str = "simple", parent: int | None = None, **qtys: float) -> dict[str, Any]:
    return {"item_id": item_id, "sku": sku, "qty_ordered": qty, "product_type": kind, "parent_item_id": parent,
            "product_id": 100 + item_id, **qtys}


def an_order(*rows: dict[str, Any]) -> Order:
    return load(Order, {"entity_id": 9, "increment_id": "000000009", "items": list(rows)})


# -- on Magento's shapes ---------------------------------------------------------------------------------------------
def test_simple_lines() -> None:
    o = an_order(row(1, "A", 2), row(2, "B", 3))
    assert to_items(o, {"A": 1, "B": 3}, "ship") == {1: 1, 2: 3}


def test_configurable_takes_the_parent_row() -> None:
    o = an_order(row(1, "MH01-M-Black", 2, "configurable"), row(2, "MH01-M-Black", 2, "simple", parent=1))
    for purpose in ("ship", "invoice", "refund"):
        assert to_items(o, {"MH01-M-Black": 2}, purpose) == {1: 2}


def test_bundle_rows_by_shipment_and_price_type() -> None:
    o = an_order(row(1, "KIT", 2, "bundle"), row(2, "X", 2, parent=1), row(3, "Y", 4, parent=1))
    together = {101: BundleKind(ship_separately=False, children_calculated=True)}
    separately = {101: BundleKind(ship_separately=True, children_calculated=False)}
    assert to_items(o, {"KIT": 1}, "ship", lambda ids: together) == {1: 1}
    assert to_items(o, {"KIT": 1}, "ship", lambda ids: separately) == {2: 1, 3: 2}
    assert to_items(o, {"Y": 2}, "ship", lambda ids: separately) == {3: 2}
    assert to_items(o, {"KIT": 1}, "invoice", lambda ids: together) == {2: 1, 3: 2}
    assert to_items(o, {"KIT": 1}, "invoice", lambda ids: separately) == {1: 1}
    with pytest.raises(LineError, match="SKU 'Y' is a selection of bundle 'KIT', whose items ship together: "
                                        "ship the bundle instead"):
        to_items(o, {"Y": 1}, "ship", lambda ids: together)
    with pytest.raises(LineError, match="whose items are priced by the bundle: refund the bundle instead"):
        to_items(o, {"Y": 1}, "refund", lambda ids: separately)


def test_bundle_kinds_are_asked_only_for_bundles() -> None:
    def never(ids: Any) -> Any:
        raise AssertionError("asked")

    assert to_items(an_order(row(1, "A", 1)), {"A": 1}, "ship", never) == {1: 1}


def test_one_sku_on_several_rows_fills_each_in_turn() -> None:
    o = an_order(row(1, "S", 2, "simple", qty_shipped=1), row(2, "S", 2, "configurable"), row(3, "S", 2, parent=2))
    assert to_items(o, {"S": 2}, "ship") == {1: 1, 2: 1}
    assert to_items(o, {"S": 9}, "ship") == {1: 1, 2: 8}      # the rest on the last: Magento answers


@pytest.mark.parametrize(("lines", "message"), [
    ({"NOPE": 1}, "SKU 'NOPE' is not on order 000000009"),
    ({"A": 0}, "the quantity for SKU 'A' must be above 0, not 0"),
    ({"V": 1}, "SKU 'V' is virtual: there is nothing to ship"),
])
def test_refusals(lines: dict[str, float], message: str) -> None:
    o = an_order(row(1, "A", 1), {**row(2, "V", 1, "virtual"), "is_virtual": 1})
    with pytest.raises(LineError, match=message):
        to_items(o, lines, "ship")


def test_remaining_per_document() -> None:
    item = an_order(row(1, "A", 5, qty_shipped=1, qty_invoiced=3, qty_refunded=2, qty_canceled=1)).items[0]
    # Item::getSimpleQtyToShip, getQtyToInvoice, getQtyToRefund
    assert (remaining(item, "ship"), remaining(item, "invoice"), remaining(item, "refund")) == (2, 1, 1)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(1, 5), st.integers(0, 5)), min_size=1, max_size=6),
       st.dictionaries(st.sampled_from("ABC"), st.integers(1, 12)))
def test_every_unit_asked_is_sent_once(rows: list[tuple[str, int, int]], asked: dict[str, int]) -> None:
    o = an_order(*(row(n, sku, qty, qty_shipped=min(shipped, qty)) for n, (sku, qty, shipped) in enumerate(rows, 1)))
    present = {sku: v for sku, v in asked.items() if any(r[0] == sku for r in rows)}
    items = to_items(o, present, "ship")
    for sku, qty in present.items():
        ids = {i.item_id for i in o.items if i.sku == sku}
        assert sum(q for i, q in items.items() if i in ids) == qty
        # no row gets more than it has left unless every earlier row with the SKU is full
        rows_of = [i for i in o.items if i.sku == sku]
        for earlier in rows_of[:-1]:
            assert items.get(earlier.item_id, 0) <= remaining(earlier, "ship")


# -- on the emulator ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fulfil(emulator: ThreadedServer) -> Iterator[Fulfilment]:
    with MagentoClient(emulator_config(emulator)) as client:
        yield Fulfilment(client, settle=0)


def rows_of(f: Fulfilment, order_id: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in f.order(order_id).items:
        out.setdefault(f"{i.sku}:{i.product_type}", []).append(i.item_id)
    return out


def test_ship_a_configurable_by_its_sku(fulfil: Fulfilment) -> None:
    # seeded order 11: configurable row 27 (child SKU MH01-M-Black, 1 of 2 shipped), child row 28
    result = fulfil.ship(11, {"MH01-M-Black": 1})
    assert result.requested == {27: 1} and result.applied[27] == 1 and result.short == {}


def test_ship_a_bundle_shipped_together_by_its_sku(fulfil: Fulfilment) -> None:
    # seeded order 10: dynamic bundle row 23 (ships together) with selections 24 and 25
    result = fulfil.ship(10, {BUNDLE_SKU: 1})
    assert result.requested == {23: 1} and result.applied[23] == 1


def test_a_selection_of_a_bundle_shipped_together_is_refused(fulfil: Fulfilment) -> None:
    order_id = order_with_options(fulfil.client, [BUNDLE])
    with pytest.raises(LineError, match=f"SKU '24-WB04/Blue' is a selection of bundle '{BUNDLE_SKU}'"):
        fulfil.ship(order_id, {"24-WB04/Blue": 1})


def test_invoice_a_dynamic_bundle_through_its_selections(fulfil: Fulfilment) -> None:
    order_id = order_with_options(fulfil.client, [BUNDLE])
    rows = rows_of(fulfil, order_id)
    first, second = rows["MH01-M-Black:simple"][0], rows["24-WB04/Blue:simple"][0]
    result = fulfil.invoice(order_id, {BUNDLE_SKU: 1})
    assert result.requested == {first: 1, second: 2}
    assert (result.applied[first], result.applied[second]) == (1, 2)


def test_configurable_and_simple_with_one_sku(fulfil: Fulfilment) -> None:
    order_id = order_with_options(fulfil.client, [{"sku": "MH01-M-Black", "qty": 1}, CONFIGURABLE])
    rows = rows_of(fulfil, order_id)
    simple, parent = rows["MH01-M-Black:simple"][0], rows["MH01-M-Black:configurable"][0]
    result = fulfil.ship(order_id, {"MH01-M-Black": 3})
    assert result.requested == {simple: 1, parent: 2}
    assert (result.applied[simple], result.applied[parent]) == (1, 2)
    invoiced = fulfil.invoice(order_id, {"MH01-M-Black": 2})
    assert invoiced.requested == {simple: 1, parent: 1}


def test_bundle_shipped_separately(fulfil: Fulfilment) -> None:
    """Last in this module: it turns the seeded bundle into one that ships separately."""
    fulfil.client.products.save({"sku": "24-WG080", "custom_attributes": [
        {"attribute_code": "shipment_type", "value": "1"}]}, store="all")
    order_id = order_with_options(fulfil.client, [BUNDLE])
    rows = rows_of(fulfil, order_id)
    first, second = rows["MH01-M-Black:simple"][0], rows["24-WB04/Blue:simple"][0]
    result = fulfil.ship(order_id, {BUNDLE_SKU: 1})
    assert result.requested == {first: 1, second: 2}
    assert (result.applied[first], result.applied[second]) == (1, 2)
    result = fulfil.ship(order_id, {"24-WB04/Blue": 2})
    assert result.requested == {second: 2} and result.applied[second] == 2
    after = {i.item_id: i.qty_shipped for i in result.order.items}
    assert (after[first], after[second]) == (1, 4)
